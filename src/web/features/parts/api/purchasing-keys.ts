/** Query keys of purchasing: under ['parts'] too, so a receipt refreshes stock pages and vice versa. */
export const purchasingKeys = {
  all: ['parts', 'purchasing'] as const,
  suppliers: () => ['parts', 'purchasing', 'suppliers'] as const,
  supplier: (supplierId: string) => ['parts', 'purchasing', 'suppliers', supplierId] as const,
  ranking: () => ['parts', 'purchasing', 'ranking'] as const,
  plans: () => ['parts', 'purchasing', 'plans'] as const,
  plan: (planId: string) => ['parts', 'purchasing', 'plans', planId] as const,
  orders: () => ['parts', 'purchasing', 'orders'] as const,
  order: (orderId: string) => ['parts', 'purchasing', 'orders', orderId] as const,
};
