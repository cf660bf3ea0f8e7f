import { discardPlan } from '@shared/contracts/dispatch-plans.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

/** Discard a plan (a running one is stopped); nothing on the board changes. */
export function discardPlanRequest(planId: string) {
  return call(discardPlan, { params: { planId } });
}

export function useDiscardPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (planId: string) => discardPlanRequest(planId),
    onSuccess: (plan) => queryClient.setQueryData(dispatchKeys.plan(plan.id), plan),
  });
}
