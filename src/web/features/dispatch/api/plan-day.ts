import { planDay } from '@shared/contracts/dispatch-plans.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

export type PlanDayBody = Body<typeof planDay>;

/** 智能排班: starts the route optimizer in the background (202); the plan comes back `running`. */
export function planDayRequest(body: PlanDayBody) {
  return call(planDay, { body });
}

export function usePlanDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanDayBody) => planDayRequest(body),
    onSuccess: (plan) => queryClient.setQueryData(dispatchKeys.plan(plan.id), plan),
  });
}
