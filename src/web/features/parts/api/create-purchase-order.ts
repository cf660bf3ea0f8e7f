import type { Body } from '@shared/contracts/endpoint';
import { createPurchaseOrder } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type CreatePurchaseOrderBody = Body<typeof createPurchaseOrder>;

/** Sent with the dialog's Idempotency-Key: a double click or a retry creates one order. */
export function createPurchaseOrderRequest(body: CreatePurchaseOrderBody, idempotencyKey: string) {
  return call(createPurchaseOrder, { body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useCreatePurchaseOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreatePurchaseOrderBody; idempotencyKey: string }) =>
      createPurchaseOrderRequest(body, idempotencyKey),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
