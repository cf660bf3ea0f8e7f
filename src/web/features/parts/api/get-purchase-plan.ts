import { getPurchasePlan } from '@shared/contracts/purchasing.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export function getPurchasePlanRequest(planId: string, signal?: AbortSignal) {
  return call(getPurchasePlan, { params: { planId }, signal });
}

/** One purchase plan with its lines, reasons and orders. */
export function usePurchasePlan(planId: string | undefined) {
  return useQuery({
    queryKey: purchasingKeys.plan(planId ?? ''),
    queryFn: ({ signal }) => getPurchasePlanRequest(planId as string, signal),
    enabled: Boolean(planId),
  });
}
