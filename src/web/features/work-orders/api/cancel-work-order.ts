import type { Body } from '@shared/contracts/endpoint';
import { cancelWorkOrder } from '@shared/contracts/intake.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

export type CancelWorkOrderBody = Body<typeof cancelWorkOrder>;

export function cancelWorkOrderRequest(workOrderId: string, body: CancelWorkOrderBody) {
  return call(cancelWorkOrder, { params: { workOrderId }, body });
}

export function useCancelWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ workOrderId, body }: { workOrderId: string; body: CancelWorkOrderBody }) =>
      cancelWorkOrderRequest(workOrderId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: workOrdersKeys.all }),
  });
}
