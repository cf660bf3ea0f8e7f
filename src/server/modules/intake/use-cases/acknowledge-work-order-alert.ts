import { assertBranchAccess, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { WorkOrderAlert } from '@shared/contracts/intake.contract';
import { acknowledgeAlert, findAlert } from '../intake.repository';
import { toAlert } from '../intake.views';
import { addTimeline } from './timeline';

/** Marks an alert as seen by the reader (once: a second acknowledgement keeps the first); noted in the timeline. */
export async function acknowledgeWorkOrderAlert(ctx: Ctx, alertId: string): Promise<WorkOrderAlert> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const found = await findAlert(tx.db, alertId);
    if (!found) throw new AppError('NOT_FOUND');
    assertBranchAccess(actor, found.alert.branchId);
    const done = await acknowledgeAlert(tx.db, alertId, { userId: actor.userId, name: actor.displayName }, tx.now);
    if (done) {
      await addTimeline(tx, found.alert.workOrderId, {
        kind: 'note',
        event: 'alert_acknowledged',
        details: { alertId, kind: found.alert.kind, ...(found.alert.clock ? { clock: found.alert.clock } : {}) },
      });
    }
    return toAlert((await findAlert(tx.db, alertId)) ?? found);
  });
}
