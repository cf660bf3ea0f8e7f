import { stopPlan } from '@shared/contracts/dispatch-plans.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

/** Stop a running plan early: the best plan found so far becomes the proposal. */
export function stopPlanRequest(planId: string) {
  return call(stopPlan, { params: { planId } });
}

export function useStopPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (planId: string) => stopPlanRequest(planId),
    onSuccess: (plan) => queryClient.setQueryData(dispatchKeys.plan(plan.id), plan),
    onSettled: (_d, _e, planId) => queryClient.invalidateQueries({ queryKey: dispatchKeys.plan(planId) }),
  });
}
