import type { Body, Params } from '@shared/contracts/endpoint';
import { waiveOldPartReturn } from '@shared/contracts/parts-health.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type WaiveOldPartReturnBody = Body<typeof waiveOldPartReturn>;
export type WaiveOldPartReturnParams = Params<typeof waiveOldPartReturn>;

/**
 * Waive the return of an old part with a reason, with version.
 * `idempotencyKey`: one per dialog opening, so a retried request acts once.
 */
export function waiveOldPartReturnRequest(
  params: WaiveOldPartReturnParams,
  body: WaiveOldPartReturnBody,
  idempotencyKey: string,
) {
  return call(waiveOldPartReturn, { params, body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useWaiveOldPartReturn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { params: WaiveOldPartReturnParams; body: WaiveOldPartReturnBody; idempotencyKey: string }) =>
      waiveOldPartReturnRequest(v.params, v.body, v.idempotencyKey),
    onSuccess: () => {
      // Closing a return also closes its overdue alert.
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
