import type { Query } from '@shared/contracts/endpoint';
import { listStocktakes } from '@shared/contracts/stocktakes.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ListStocktakesQuery = Query<typeof listStocktakes>;

/** Query keys of stocktakes: under ['parts'], so a stock movement posted elsewhere refreshes them too. */
export const stocktakeKeys = {
  all: [...partsKeys.all, 'stocktakes'] as const,
  lists: () => [...partsKeys.all, 'stocktakes', 'list'] as const,
  detail: (stocktakeId: string) => [...partsKeys.all, 'stocktakes', 'detail', stocktakeId] as const,
};

export function listStocktakesRequest(query: ListStocktakesQuery, signal?: AbortSignal) {
  return call(listStocktakes, { query, signal });
}

/** Stocktakes of the locations I may see, newest first, with the accuracy report (no lines). */
export function useStocktakes(query: ListStocktakesQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...stocktakeKeys.lists(), query],
    queryFn: ({ signal }) => listStocktakesRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
