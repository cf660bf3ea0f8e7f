import type { Ctx } from '@server/platform/context';
import type { RoutePlan } from '@shared/contracts/dispatch-plans.contract';
import { loadPlanFor } from './plan-access';
import type { RoutePlanRunner } from './plan-runner';
import { toRoutePlan } from './plan-view';

/** A route plan: status, progress, and once ready the proposal (reasons worded in the caller's language). */
export async function getPlan(ctx: Ctx, planId: string, runner: RoutePlanRunner): Promise<RoutePlan> {
  return toRoutePlan(await loadPlanFor(ctx, planId, runner), ctx.request.locale);
}
