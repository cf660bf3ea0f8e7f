import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { WorkOrderDetail } from '@shared/contracts/intake.contract';
import { buildDetail } from './get-work-order';
import { notifyCustomer } from './notify-customer';
import { applyTransition, lockOrderFor } from './transition-work-order';

export interface ReviewWorkOrderInput {
  decision: 'approve' | 'return';
  version: number;
  missingItems?: string[];
  note?: string;
}

/**
 * Dispatch review (待审核): approve → ready (the review clock stops, the dispatch clock starts), or return to
 * the agent naming what is missing (order_returned SMS to the customer). Stale version → 409, nothing changes.
 */
export async function reviewWorkOrder(
  ctx: Ctx,
  workOrderId: string,
  input: ReviewWorkOrderInput,
): Promise<WorkOrderDetail> {
  const zh = ctx.request.locale === 'zh-CN';
  const note = input.note?.trim() ?? '';
  if (input.decision === 'approve' && input.missingItems?.length) {
    throw AppError.field(
      'missingItems',
      'not_allowed',
      zh ? '通过审核时不需要填写缺失项' : 'Missing items are only for returning an order',
    );
  }
  return withTransaction(ctx, async (tx) => {
    const order = await lockOrderFor(tx, workOrderId);
    if (input.decision === 'approve') {
      const after = await applyTransition(tx, order, {
        version: input.version,
        event: { type: 'approve' },
        reason: note || null,
        patch: { missingItems: [], reviewNote: note },
      });
      return buildDetail(tx, after);
    }
    const missingItems = [...new Set((input.missingItems ?? []).map((s) => s.trim()).filter(Boolean))];
    const after = await applyTransition(tx, order, {
      version: input.version,
      event: { type: 'return', missingItems },
      reason: note || null,
      details: { missingItems },
      patch: { missingItems, reviewNote: note },
    });
    await notifyCustomer(tx, after, 'order_returned', {});
    return buildDetail(tx, after);
  });
}
