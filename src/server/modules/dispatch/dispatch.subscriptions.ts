import { getSetting } from '@server/modules/identity';
import { createSystemCtx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { HttpDeps } from '@server/platform/http/server';
import { scheduleJob } from '@server/platform/jobs/jobs';
import { lockActiveAssignmentOfOrder, updateAssignment } from './dispatch.repository';
import './dispatch.events';
import { emitChange, stopClocks } from './use-cases/assignment-support';

/** Reactions of dispatch to intake's events (delivered after intake's commit). */
export function subscribeDispatchEvents(deps: HttpDeps): void {
  deps.bus.on('intake.workOrderStatusChanged', async (p) => {
    const ctx = createSystemCtx({ ...deps, now: deps.clock.now(), requestId: `dispatch.${p.event}` });
    if (p.to === 'cancelled') {
      // The appointment of a cancelled order frees the technician's time.
      await withTransaction(ctx, async (tx) => {
        const a = await lockActiveAssignmentOfOrder(tx.db, p.workOrderId);
        if (!a) return;
        const ended = await updateAssignment(tx.db, a.id, a.version, {
          state: 'cancelled',
          active: false,
          endReason: 'order cancelled',
          endedAt: tx.now,
          updatedAt: tx.now,
        });
        await stopClocks(tx, a.id, ['contact', 'arrival', 'overrun']);
        if (ended) emitChange(tx, ended, 'cancelled');
      });
    } else if (p.to === 'on_site') {
      await withTransaction(ctx, async (tx) => {
        const a = await lockActiveAssignmentOfOrder(tx.db, p.workOrderId);
        if (a) await stopClocks(tx, a.id, ['arrival']);
      });
    } else if (p.to === 'ready' && p.event === 'approve') {
      // Only a new order (approved at review) is auto-dispatched: one that comes back to the queue — declined by
      // its technician, taken back by a dispatcher — waits for a dispatcher's decision (else it would bounce
      // straight back to the technician who just declined it).
      if ((await getSetting(ctx.db, 'dispatch.autoDispatch', p.branchId)) !== 'on') return;
      await scheduleJob(ctx.db, ctx.now, {
        kind: 'dispatch.autoAssign',
        payload: { workOrderId: p.workOrderId },
        runAt: ctx.now,
        dedupeKey: `dispatch:auto:${p.workOrderId}`,
      });
    }
  });
}
