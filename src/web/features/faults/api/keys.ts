/** Query keys of the fault catalog. */
export const faultsKeys = {
  all: ['faults'] as const,
  categories: (includeInactive: boolean) => ['faults', 'categories', includeInactive] as const,
};
