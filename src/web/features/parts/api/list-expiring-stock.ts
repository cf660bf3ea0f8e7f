import type { Query } from '@shared/contracts/endpoint';
import { listExpiringStock } from '@shared/contracts/parts-health.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ListExpiringStockQuery = Query<typeof listExpiringStock>;

export function listExpiringStockRequest(query: ListExpiringStockQuery, signal?: AbortSignal) {
  return call(listExpiringStock, { query, signal });
}

/** Lots expiring within N days and already expired, soonest first, with totals. */
export function useExpiringStock(query: ListExpiringStockQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...[...partsKeys.stock(), 'health'], 'listExpiringStock', query],
    queryFn: ({ signal }) => listExpiringStockRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
