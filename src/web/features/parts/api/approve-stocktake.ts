import type { Body } from '@shared/contracts/endpoint';
import { approveStocktake } from '@shared/contracts/stocktakes.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';
import { stocktakeKeys } from './list-stocktakes';

export type ApproveStocktakeBody = Body<typeof approveStocktake>;

/**
 * Approve (not one's own submission): posts the differences as adjustments, once. 422 `own_stocktake`;
 * 409 `book_moved` with `details.lines` when the book of a line moved since the snapshot (nothing posted).
 * `idempotencyKey`: one per review shown, so a retried approval acts once.
 */
export function approveStocktakeRequest(stocktakeId: string, body: ApproveStocktakeBody, idempotencyKey: string) {
  return call(approveStocktake, { params: { stocktakeId }, body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useApproveStocktake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { stocktakeId: string; body: ApproveStocktakeBody; idempotencyKey: string }) =>
      approveStocktakeRequest(v.stocktakeId, v.body, v.idempotencyKey),
    onSuccess: (s) => {
      queryClient.setQueryData(stocktakeKeys.detail(s.id), s);
      // The adjustments changed the stock: balances, values, the ledger.
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
