import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { RoutePlan } from '@shared/contracts/dispatch-plans.contract';
import { findRoutePlan, type RoutePlanRow, updateRoutePlanStatus } from '../../route-plans.repository';
import { loadPlanFor } from './plan-access';
import type { RoutePlanRunner } from './plan-runner';
import { emitPlanChanged, toRoutePlan } from './plan-view';

/** Discards a plan (a running one stops; nothing on the board changes). Applied plans cannot be discarded. */
export async function discardPlan(ctx: Ctx, planId: string, runner: RoutePlanRunner): Promise<RoutePlan> {
  const row = await loadPlanFor(ctx, planId, runner);
  if (row.status === 'discarded') return toRoutePlan(row, ctx.request.locale);
  if (row.status === 'applied') throw new AppError('ILLEGAL_TRANSITION', { from: row.status, event: 'discard' });
  const discarded = await updateRoutePlanStatus(ctx.db, planId, ['running', 'ready', 'stale', 'failed'], {
    status: 'discarded',
    finishedAt: row.finishedAt ?? ctx.now,
  });
  if (!discarded) {
    // Changed meanwhile (applied, or discarded by someone else): answer with what it is now.
    const now = (await findRoutePlan(ctx.db, planId)) as RoutePlanRow;
    if (now.status === 'applied') throw new AppError('ILLEGAL_TRANSITION', { from: now.status, event: 'discard' });
    return toRoutePlan(now, ctx.request.locale);
  }
  // A run in this process stops now; one in another process sees the status at its next write and stops.
  if (row.status === 'running') void runner.stop(planId, 0);
  await writeAudit(ctx, {
    action: 'dispatch.plan.discarded',
    objectType: 'route_plan',
    objectId: planId,
    details: { branchId: row.branchId, day: row.day, status: row.status },
  });
  emitPlanChanged(ctx, discarded);
  return toRoutePlan(discarded, ctx.request.locale);
}
