import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { WorkOrderDetail } from '@shared/contracts/intake.contract';
import { buildDetail } from './get-work-order';
import { checkEdits, prepareEdits, type WorkOrderEdits } from './prepare-edits';
import { applyTransition, lockOrderFor } from './transition-work-order';

/**
 * The agent completes a returned order (edits optional, in the same call) and sends it back to review:
 * returned → new; the review clock starts again. One version step for edits and status together.
 */
export async function resubmitWorkOrder(
  ctx: Ctx,
  workOrderId: string,
  input: WorkOrderEdits & { version: number; note?: string },
): Promise<WorkOrderDetail> {
  await checkEdits(ctx, input);
  return withTransaction(ctx, async (tx) => {
    const order = await lockOrderFor(tx, workOrderId);
    // Version and state first: a stale or illegal resubmit changes nothing, not even the edits.
    const { patch, changed } =
      order.version === input.version && order.status === 'returned'
        ? await prepareEdits(tx, order, input)
        : { patch: {}, changed: [] as string[] };
    const after = await applyTransition(tx, order, {
      version: input.version,
      event: { type: 'resubmit' },
      reason: input.note?.trim() || null,
      details: { previousMissingItems: order.missingItems, ...(changed.length ? { fields: changed } : {}) },
      patch: { ...patch, missingItems: [] },
    });
    return buildDetail(tx, after);
  });
}
