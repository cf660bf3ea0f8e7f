import type { Body, Params } from '@shared/contracts/endpoint';
import { cancelPurchasePlan } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type CancelPurchasePlanBody = Body<typeof cancelPurchasePlan>;
export type CancelPurchasePlanParams = Params<typeof cancelPurchasePlan>;

export function cancelPurchasePlanRequest(params: CancelPurchasePlanParams, body: CancelPurchasePlanBody) {
  return call(cancelPurchasePlan, { params, body });
}

export function useCancelPurchasePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: CancelPurchasePlanParams; body: CancelPurchasePlanBody }) =>
      cancelPurchasePlanRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
