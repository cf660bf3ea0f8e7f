import { assignWorkOrder } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { workOrdersKeys } from '@web/features/work-orders/api/keys';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

export type AssignWorkOrderBody = Body<typeof assignWorkOrder>;

/** `idempotencyKey`: one per confirm dialog (a double click or a retry after a network error assigns once). */
export function assignWorkOrderRequest(workOrderId: string, body: AssignWorkOrderBody, idempotencyKey: string) {
  return call(assignWorkOrder, { params: { workOrderId }, body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useAssignWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { workOrderId: string; body: AssignWorkOrderBody; idempotencyKey: string }) =>
      assignWorkOrderRequest(v.workOrderId, v.body, v.idempotencyKey),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.all });
      void queryClient.invalidateQueries({ queryKey: workOrdersKeys.all });
    },
  });
}
