import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { WorkOrderDetail } from '@shared/contracts/intake.contract';
import { updateWorkOrderVersioned } from '../intake.repository';
import { buildDetail } from './get-work-order';
import { checkEdits, prepareEdits, type WorkOrderEdits } from './prepare-edits';
import { addTimeline } from './timeline';
import { lockOrderFor } from './transition-work-order';

/** Statuses in which the agent may still edit the order. */
export const EDITABLE_STATUSES = ['new', 'returned'];

/**
 * The agent edits an order awaiting review or returned to them (address, unit, fault, priority, window);
 * optimistic locking on `version`; the change is noted in the timeline. No status change.
 */
export async function updateWorkOrder(
  ctx: Ctx,
  workOrderId: string,
  input: WorkOrderEdits & { version: number },
): Promise<WorkOrderDetail> {
  await checkEdits(ctx, input);
  return withTransaction(ctx, async (tx) => {
    const order = await lockOrderFor(tx, workOrderId);
    if (order.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: order.version });
    if (!EDITABLE_STATUSES.includes(order.status)) {
      throw new AppError('ILLEGAL_TRANSITION', { from: order.status, event: 'edit' });
    }
    const { patch, changed } = await prepareEdits(tx, order, input);
    if (changed.length === 0) return buildDetail(tx, order);
    const after = await updateWorkOrderVersioned(tx.db, order.id, input.version, { ...patch, updatedAt: tx.now });
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: order.version });
    await addTimeline(tx, order.id, { kind: 'note', event: 'edited', details: { fields: changed } });
    return buildDetail(tx, after);
  });
}
