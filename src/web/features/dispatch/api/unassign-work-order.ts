import { unassignWorkOrder } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { workOrdersKeys } from '@web/features/work-orders/api/keys';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

export type UnassignWorkOrderBody = Body<typeof unassignWorkOrder>;

export function unassignWorkOrderRequest(workOrderId: string, body: UnassignWorkOrderBody, idempotencyKey: string) {
  return call(unassignWorkOrder, { params: { workOrderId }, body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useUnassignWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { workOrderId: string; body: UnassignWorkOrderBody; idempotencyKey: string }) =>
      unassignWorkOrderRequest(v.workOrderId, v.body, v.idempotencyKey),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.all });
      void queryClient.invalidateQueries({ queryKey: workOrdersKeys.all });
    },
  });
}
