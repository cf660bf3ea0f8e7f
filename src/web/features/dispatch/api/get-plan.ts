import { getPlan } from '@shared/contracts/dispatch-plans.contract';
import { useQuery } from '@tanstack/react-query';
import { call, isApiError } from '@web/lib/api';
import { dispatchKeys } from './keys';

/** While a plan runs the board polls it this often (besides the `plan` events of the live stream). */
export const PLAN_POLL_MS = 2_000;

export function getPlanRequest(planId: string, signal?: AbortSignal) {
  return call(getPlan, { params: { planId }, signal });
}

/** A route plan: status and progress while it runs, then the proposal. Polls every 2 s while `running`. */
export function useRoutePlan(planId: string | undefined) {
  return useQuery({
    queryKey: dispatchKeys.plan(planId ?? ''),
    queryFn: ({ signal }) => getPlanRequest(planId ?? '', signal),
    enabled: Boolean(planId),
    // A 4xx (gone, not mine) will not get better by asking again.
    retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? PLAN_POLL_MS : false),
  });
}
