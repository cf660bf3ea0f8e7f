import type { Query } from '@shared/contracts/endpoint';
import { getStockTurnover } from '@shared/contracts/parts-health.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type GetStockTurnoverQuery = Query<typeof getStockTurnover>;

export function getStockTurnoverRequest(query: GetStockTurnoverQuery, signal?: AbortSignal) {
  return call(getStockTurnover, { query, signal });
}

/** Turnover of a period per part and in total (consumption at cost, average inventory, days of supply). */
export function useStockTurnover(query: GetStockTurnoverQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...[...partsKeys.stock(), 'health'], 'getStockTurnover', query],
    queryFn: ({ signal }) => getStockTurnoverRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
