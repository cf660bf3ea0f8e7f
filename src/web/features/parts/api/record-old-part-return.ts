import type { Body, Params } from '@shared/contracts/endpoint';
import { recordOldPartReturn } from '@shared/contracts/parts-health.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type RecordOldPartReturnBody = Body<typeof recordOldPartReturn>;
export type RecordOldPartReturnParams = Params<typeof recordOldPartReturn>;

/**
 * The old part received at a store (serial as read, condition), with version.
 * `idempotencyKey`: one per dialog opening, so a retried request acts once.
 */
export function recordOldPartReturnRequest(
  params: RecordOldPartReturnParams,
  body: RecordOldPartReturnBody,
  idempotencyKey: string,
) {
  return call(recordOldPartReturn, { params, body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useRecordOldPartReturn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { params: RecordOldPartReturnParams; body: RecordOldPartReturnBody; idempotencyKey: string }) =>
      recordOldPartReturnRequest(v.params, v.body, v.idempotencyKey),
    onSuccess: () => {
      // Closing a return also closes its overdue alert.
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
