import type { Ctx } from '@server/platform/context';
import type { RoutePlan } from '@shared/contracts/dispatch-plans.contract';
import { findRoutePlan, mergeRoutePlanProgress, type RoutePlanRow } from '../../route-plans.repository';
import { loadPlanFor } from './plan-access';
import type { RoutePlanRunner } from './plan-runner';
import { toRoutePlan } from './plan-view';

/**
 * Stops a running plan early: the search ends and the best plan found so far becomes the proposal. Running here:
 * answers once the proposal is stored (normally well under a second). Running in another process: that process
 * stops at its next progress write (about a second); the answer still says `running` with `stopRequested`.
 * A plan that no longer runs is returned as it is.
 */
export async function stopPlan(ctx: Ctx, planId: string, runner: RoutePlanRunner): Promise<RoutePlan> {
  const row = await loadPlanFor(ctx, planId, runner);
  if (row.status !== 'running') return toRoutePlan(row, ctx.request.locale);
  if (!(await runner.stop(planId))) await mergeRoutePlanProgress(ctx.db, planId, { stopRequested: true });
  return toRoutePlan((await findRoutePlan(ctx.db, planId)) as RoutePlanRow, ctx.request.locale);
}
