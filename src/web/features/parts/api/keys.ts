/** Query keys of the parts feature: catalog, locations, stock and requisitions live under ['parts']. */
export const partsKeys = {
  all: ['parts'] as const,
  lists: () => ['parts', 'list'] as const,
  detail: (partId: string) => ['parts', 'detail', partId] as const,
  locations: () => ['parts', 'locations'] as const,
  stock: () => ['parts', 'stock'] as const,
  movements: () => ['parts', 'stock', 'movements'] as const,
  serial: (serial: string) => ['parts', 'serial', serial] as const,
  requisitions: () => ['parts', 'requisitions'] as const,
};
