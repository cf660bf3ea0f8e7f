import { insertUrgentOrder } from '@shared/contracts/dispatch-plans.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { workOrdersKeys } from '@web/features/work-orders/api/keys';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

/**
 * 立即插单: `apply: false` previews where the urgent order would go today and which appointments move;
 * `apply: true` assigns it and makes the moves in one transaction (sent with the dialog's `Idempotency-Key`).
 */
export function insertUrgentOrderRequest(workOrderId: string, apply: boolean, idempotencyKey?: string) {
  return call(insertUrgentOrder, {
    params: { workOrderId },
    body: { apply },
    ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}),
  });
}

/** The preview: nothing changes, so nothing is invalidated. */
export function useInsertNowPreview() {
  return useMutation({ mutationFn: (workOrderId: string) => insertUrgentOrderRequest(workOrderId, false) });
}

export function useInsertNowApply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { workOrderId: string; idempotencyKey: string }) =>
      insertUrgentOrderRequest(v.workOrderId, true, v.idempotencyKey),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.all });
      void queryClient.invalidateQueries({ queryKey: workOrdersKeys.all });
    },
  });
}
