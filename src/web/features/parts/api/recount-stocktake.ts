import type { Body } from '@shared/contracts/endpoint';
import { recountStocktake } from '@shared/contracts/stocktakes.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { stocktakeKeys } from './list-stocktakes';

export type RecountStocktakeBody = Body<typeof recountStocktake>;

/** Back to counting: lines whose book moved get the current book as their snapshot and lose their count. */
export function recountStocktakeRequest(stocktakeId: string, body: RecountStocktakeBody) {
  return call(recountStocktake, { params: { stocktakeId }, body });
}

export function useRecountStocktake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { stocktakeId: string; body: RecountStocktakeBody }) =>
      recountStocktakeRequest(v.stocktakeId, v.body),
    onSuccess: (s) => {
      queryClient.setQueryData(stocktakeKeys.detail(s.id), s);
      void queryClient.invalidateQueries({ queryKey: stocktakeKeys.lists() });
    },
  });
}
