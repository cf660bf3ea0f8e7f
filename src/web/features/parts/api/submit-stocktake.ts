import type { Body } from '@shared/contracts/endpoint';
import { submitStocktake } from '@shared/contracts/stocktakes.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { stocktakeKeys } from './list-stocktakes';

export type SubmitStocktakeBody = Body<typeof submitStocktake>;

/** Submit the counts (every line counted): the differences are valued at the current average cost. */
export function submitStocktakeRequest(stocktakeId: string, body: SubmitStocktakeBody) {
  return call(submitStocktake, { params: { stocktakeId }, body });
}

export function useSubmitStocktake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { stocktakeId: string; body: SubmitStocktakeBody }) =>
      submitStocktakeRequest(v.stocktakeId, v.body),
    onSuccess: (s) => {
      queryClient.setQueryData(stocktakeKeys.detail(s.id), s);
      void queryClient.invalidateQueries({ queryKey: stocktakeKeys.lists() });
    },
  });
}
