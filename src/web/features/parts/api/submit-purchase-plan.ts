import type { Body, Params } from '@shared/contracts/endpoint';
import { submitPurchasePlan } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type SubmitPurchasePlanBody = Body<typeof submitPurchasePlan>;
export type SubmitPurchasePlanParams = Params<typeof submitPurchasePlan>;

export function submitPurchasePlanRequest(params: SubmitPurchasePlanParams, body: SubmitPurchasePlanBody) {
  return call(submitPurchasePlan, { params, body });
}

export function useSubmitPurchasePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: SubmitPurchasePlanParams; body: SubmitPurchasePlanBody }) =>
      submitPurchasePlanRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
