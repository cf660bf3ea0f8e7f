import type { Query } from '@shared/contracts/endpoint';
import { listSlowMovingStock } from '@shared/contracts/parts-health.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ListSlowMovingStockQuery = Query<typeof listSlowMovingStock>;

export function listSlowMovingStockRequest(query: ListSlowMovingStockQuery, signal?: AbortSignal) {
  return call(listSlowMovingStock, { query, signal });
}

/** Stock not consumed in N days per part and location, idlest first, with totals. */
export function useSlowMovingStock(query: ListSlowMovingStockQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...[...partsKeys.stock(), 'health'], 'listSlowMovingStock', query],
    queryFn: ({ signal }) => listSlowMovingStockRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
