import type { Body } from '@shared/contracts/endpoint';
import { updateWorkOrder } from '@shared/contracts/intake.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

export type UpdateWorkOrderBody = Body<typeof updateWorkOrder>;

export function updateWorkOrderRequest(workOrderId: string, body: UpdateWorkOrderBody) {
  return call(updateWorkOrder, { params: { workOrderId }, body });
}

export function useUpdateWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ workOrderId, body }: { workOrderId: string; body: UpdateWorkOrderBody }) =>
      updateWorkOrderRequest(workOrderId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: workOrdersKeys.all }),
  });
}
