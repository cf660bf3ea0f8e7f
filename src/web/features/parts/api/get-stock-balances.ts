import type { Query } from '@shared/contracts/endpoint';
import { getStockBalances } from '@shared/contracts/parts.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type GetStockBalancesQuery = Query<typeof getStockBalances>;

export function getStockBalancesRequest(query: GetStockBalancesQuery, signal?: AbortSignal) {
  return call(getStockBalances, { query, signal });
}

export function useStockBalances(query: GetStockBalancesQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...partsKeys.stock(), 'getStockBalances', query],
    queryFn: ({ signal }) => getStockBalancesRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
