/** Query keys of the technician's app (field): the day list and each visit. The offline layer caches under them. */
export const fieldKeys = {
  all: ['field'] as const,
  days: () => ['field', 'my-day'] as const,
  day: (date: string) => ['field', 'my-day', date] as const,
  visits: () => ['field', 'visit'] as const,
  visit: (visitId: string) => ['field', 'visit', visitId] as const,
};
