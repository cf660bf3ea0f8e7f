import { submitRepairRequest } from '@shared/contracts/channels.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation } from '@tanstack/react-query';
import { call } from '@web/lib/api';

export type RepairRequestBody = Body<typeof submitRepairRequest>;

/** `idempotencyKey`: one per form; a double submit or a retry after a lost answer makes one order. */
export function useSubmitRepairRequest() {
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: RepairRequestBody; idempotencyKey: string }) =>
      call(submitRepairRequest, { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  });
}
