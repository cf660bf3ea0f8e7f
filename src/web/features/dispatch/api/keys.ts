/** Query keys of the dispatch feature: the board, recommendations, route plans and the technician's own jobs. */
export const dispatchKeys = {
  all: ['dispatch'] as const,
  boards: () => ['dispatch', 'board'] as const,
  board: (query: object) => ['dispatch', 'board', query] as const,
  recommendations: () => ['dispatch', 'recommendations'] as const,
  recommendation: (workOrderId: string, date: string | undefined) =>
    ['dispatch', 'recommendations', workOrderId, date ?? ''] as const,
  myJobs: () => ['dispatch', 'my-jobs'] as const,
  myJobsOf: (date: string | undefined) => ['dispatch', 'my-jobs', date ?? ''] as const,
  plans: () => ['dispatch', 'plans'] as const,
  plan: (planId: string) => ['dispatch', 'plans', planId] as const,
};
