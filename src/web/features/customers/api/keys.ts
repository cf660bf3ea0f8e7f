/** Query keys of the customers feature; searches and cards live under ['customers']. */
export const customersKeys = {
  all: ['customers'] as const,
  searches: () => ['customers', 'search'] as const,
  detail: (customerId: string) => ['customers', 'detail', customerId] as const,
};
