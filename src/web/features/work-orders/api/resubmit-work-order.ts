import type { Body } from '@shared/contracts/endpoint';
import { resubmitWorkOrder } from '@shared/contracts/intake.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

export type ResubmitWorkOrderBody = Body<typeof resubmitWorkOrder>;

export function resubmitWorkOrderRequest(workOrderId: string, body: ResubmitWorkOrderBody) {
  return call(resubmitWorkOrder, { params: { workOrderId }, body });
}

export function useResubmitWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ workOrderId, body }: { workOrderId: string; body: ResubmitWorkOrderBody }) =>
      resubmitWorkOrderRequest(workOrderId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: workOrdersKeys.all }),
  });
}
