import type { Body } from '@shared/contracts/endpoint';
import { startStocktake } from '@shared/contracts/stocktakes.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { stocktakeKeys } from './list-stocktakes';

export type StartStocktakeBody = Body<typeof startStocktake>;

/**
 * Freezes the location's book into a new stocktake. `idempotencyKey`: one per form instance, so a retried request
 * (lost reply) starts one stocktake. A 409 `open_stocktake`: the location already has one open.
 */
export function startStocktakeRequest(body: StartStocktakeBody, idempotencyKey: string) {
  return call(startStocktake, { body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useStartStocktake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: StartStocktakeBody; idempotencyKey: string }) =>
      startStocktakeRequest(v.body, v.idempotencyKey),
    onSuccess: (s) => {
      queryClient.setQueryData(stocktakeKeys.detail(s.id), s);
      void queryClient.invalidateQueries({ queryKey: stocktakeKeys.lists() });
    },
  });
}
