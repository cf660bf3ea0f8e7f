import type { Body, Params } from '@shared/contracts/endpoint';
import { updatePurchasePlan } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type UpdatePurchasePlanBody = Body<typeof updatePurchasePlan>;
export type UpdatePurchasePlanParams = Params<typeof updatePurchasePlan>;

export function updatePurchasePlanRequest(params: UpdatePurchasePlanParams, body: UpdatePurchasePlanBody) {
  return call(updatePurchasePlan, { params, body });
}

export function useUpdatePurchasePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: UpdatePurchasePlanParams; body: UpdatePurchasePlanBody }) =>
      updatePurchasePlanRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
