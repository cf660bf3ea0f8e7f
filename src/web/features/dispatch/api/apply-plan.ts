import { applyPlan } from '@shared/contracts/dispatch-plans.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { workOrdersKeys } from '@web/features/work-orders/api/keys';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

export type ApplyPlanBody = Body<typeof applyPlan>;

/**
 * Apply a ready proposal in one step. `idempotencyKey`: one per proposal shown (a double click or a retry after a
 * lost reply applies once). A 409 `CONFLICT`: the day changed since planning and the plan became `stale`.
 */
export function applyPlanRequest(planId: string, body: ApplyPlanBody, idempotencyKey: string) {
  return call(applyPlan, { params: { planId }, body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useApplyPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { planId: string; body: ApplyPlanBody; idempotencyKey: string }) =>
      applyPlanRequest(v.planId, v.body, v.idempotencyKey),
    onSuccess: (plan) => queryClient.setQueryData(dispatchKeys.plan(plan.id), plan),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.all });
      void queryClient.invalidateQueries({ queryKey: workOrdersKeys.all });
    },
  });
}
