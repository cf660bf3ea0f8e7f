import { getSetting } from '@server/modules/identity';
import type { StatusChange } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { scheduleJob } from '@server/platform/jobs/jobs';
import { lockActiveAssignmentOfOrder, updateAssignment } from './dispatch.repository';
import './dispatch.events';
import { emitChange, stopClocks } from './use-cases/assignment-support';

/**
 * Dispatch's reactions to an order's status change, run by intake inside the transaction of the change (registered
 * in index.ts): they commit with it or not at all, so a crash can never leave a cancelled order's appointment
 * holding the technician's time, nor lose an auto-dispatch.
 */
export async function onOrderStatusChange(tx: Ctx, change: StatusChange): Promise<void> {
  const { order, to, event } = change;
  if (to === 'cancelled') {
    // The appointment of a cancelled order frees the technician's time.
    const a = await lockActiveAssignmentOfOrder(tx.db, order.id);
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
  } else if (to === 'on_site') {
    const a = await lockActiveAssignmentOfOrder(tx.db, order.id);
    if (a) await stopClocks(tx, a.id, ['arrival']);
  } else if (to === 'ready' && event === 'approve') {
    // Only a new order (approved at review) is auto-dispatched: one that comes back to the queue — declined by
    // its technician, taken back by a dispatcher — waits for a dispatcher's decision (else it would bounce
    // straight back to the technician who just declined it).
    if ((await getSetting(tx.db, 'dispatch.autoDispatch', order.branchId)) !== 'on') return;
    await scheduleJob(tx.db, tx.now, {
      kind: 'dispatch.autoAssign',
      payload: { workOrderId: order.id },
      runAt: tx.now,
      dedupeKey: `dispatch:auto:${order.id}`,
    });
  }
}
