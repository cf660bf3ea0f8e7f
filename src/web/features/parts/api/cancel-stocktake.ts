import type { Body } from '@shared/contracts/endpoint';
import { cancelStocktake } from '@shared/contracts/stocktakes.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { stocktakeKeys } from './list-stocktakes';

export type CancelStocktakeBody = Body<typeof cancelStocktake>;

/** Cancel with a reason before approval; nothing is posted. */
export function cancelStocktakeRequest(stocktakeId: string, body: CancelStocktakeBody) {
  return call(cancelStocktake, { params: { stocktakeId }, body });
}

export function useCancelStocktake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { stocktakeId: string; body: CancelStocktakeBody }) =>
      cancelStocktakeRequest(v.stocktakeId, v.body),
    onSuccess: (s) => {
      queryClient.setQueryData(stocktakeKeys.detail(s.id), s);
      void queryClient.invalidateQueries({ queryKey: stocktakeKeys.lists() });
    },
  });
}
