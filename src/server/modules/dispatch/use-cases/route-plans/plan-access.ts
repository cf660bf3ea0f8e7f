import { assertBranchAccess, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import { findRoutePlan, type RoutePlanRow, updateRoutePlanStatus } from '../../route-plans.repository';
import type { RoutePlanRunner } from './plan-runner';
import { abandoned, emitPlanChanged, type StoredProgress } from './plan-view';

/**
 * A route plan of a branch the actor may see (else 404). A `running` plan that no process runs any more (its
 * heartbeat stopped: a crash or restart) is marked `failed` on the way.
 */
export async function loadPlanFor(ctx: Ctx, planId: string, runner: RoutePlanRunner): Promise<RoutePlanRow> {
  const actor = requireActor(ctx.actor);
  const row = await findRoutePlan(ctx.db, planId);
  if (!row) throw new AppError('NOT_FOUND');
  assertBranchAccess(actor, row.branchId);
  if (row.status === 'running' && !runner.isLocal(row.id) && abandoned(row, ctx.now)) {
    const failed = await updateRoutePlanStatus(ctx.db, row.id, ['running'], {
      status: 'failed',
      finishedAt: ctx.now,
      progress: {
        ...((row.progress as StoredProgress | null) ?? {}),
        error: 'abandoned: its server process stopped',
      },
    });
    if (failed) {
      emitPlanChanged(ctx, failed);
      return failed;
    }
    return (await findRoutePlan(ctx.db, planId)) as RoutePlanRow;
  }
  return row;
}
