/** Query keys of the work-orders feature; lists, details, estimates and alerts live under ['work-orders']. */
export const workOrdersKeys = {
  all: ['work-orders'] as const,
  lists: () => ['work-orders', 'list'] as const,
  detail: (workOrderId: string) => ['work-orders', 'detail', workOrderId] as const,
  estimate: () => ['work-orders', 'estimate'] as const,
  alerts: () => ['work-orders', 'alerts'] as const,
};
