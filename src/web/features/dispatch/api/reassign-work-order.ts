import { reassignWorkOrder } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { workOrdersKeys } from '@web/features/work-orders/api/keys';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

export type ReassignWorkOrderBody = Body<typeof reassignWorkOrder>;

export function reassignWorkOrderRequest(workOrderId: string, body: ReassignWorkOrderBody, idempotencyKey: string) {
  return call(reassignWorkOrder, { params: { workOrderId }, body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useReassignWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { workOrderId: string; body: ReassignWorkOrderBody; idempotencyKey: string }) =>
      reassignWorkOrderRequest(v.workOrderId, v.body, v.idempotencyKey),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.all });
      void queryClient.invalidateQueries({ queryKey: workOrdersKeys.all });
    },
  });
}
