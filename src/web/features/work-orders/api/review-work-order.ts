import type { Body } from '@shared/contracts/endpoint';
import { reviewWorkOrder } from '@shared/contracts/intake.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

export type ReviewWorkOrderBody = Body<typeof reviewWorkOrder>;

export function reviewWorkOrderRequest(workOrderId: string, body: ReviewWorkOrderBody) {
  return call(reviewWorkOrder, { params: { workOrderId }, body });
}

export function useReviewWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ workOrderId, body }: { workOrderId: string; body: ReviewWorkOrderBody }) =>
      reviewWorkOrderRequest(workOrderId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: workOrdersKeys.all }),
  });
}
