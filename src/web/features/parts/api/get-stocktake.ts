import { getStocktake } from '@shared/contracts/stocktakes.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { stocktakeKeys } from './list-stocktakes';

export function getStocktakeRequest(stocktakeId: string, signal?: AbortSignal) {
  return call(getStocktake, { params: { stocktakeId }, signal });
}

/** One stocktake with its lines (snapshot, counts, differences) and the accuracy report. */
export function useStocktake(stocktakeId: string | undefined) {
  return useQuery({
    queryKey: stocktakeKeys.detail(stocktakeId ?? ''),
    queryFn: ({ signal }) => getStocktakeRequest(stocktakeId as string, signal),
    enabled: Boolean(stocktakeId),
  });
}
