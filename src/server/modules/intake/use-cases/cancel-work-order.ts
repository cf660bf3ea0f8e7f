import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { WorkOrderDetail } from '@shared/contracts/intake.contract';
import type { WorkOrderRow } from '../intake.repository';
import { buildDetail } from './get-work-order';
import { notifyCustomer } from './notify-customer';
import { applyTransition, lockOrderFor } from './transition-work-order';

export interface CancelWorkOrderInput {
  reason: string;
  version: number;
  /** Timeline actor when there is no user (the customer cancelling from the tracking page: "客户"). */
  actorName?: string | null;
}

/** Cancels an order from any state before completed, with a reason (clocks stop; order_cancelled SMS). */
export async function cancelOrder(ctx: Ctx, workOrderId: string, input: CancelWorkOrderInput): Promise<WorkOrderRow> {
  return withTransaction(ctx, async (tx) => {
    const order = await lockOrderFor(tx, workOrderId);
    const reason = input.reason.trim();
    const after = await applyTransition(tx, order, {
      version: input.version,
      event: { type: 'cancel', reason },
      patch: { cancelReason: reason },
      ...(input.actorName !== undefined ? { actorName: input.actorName } : {}),
    });
    await notifyCustomer(tx, after, 'order_cancelled', { reason });
    return after;
  });
}

/** The staff endpoint: cancel, then the detail view. */
export async function cancelWorkOrder(
  ctx: Ctx,
  workOrderId: string,
  input: CancelWorkOrderInput,
): Promise<WorkOrderDetail> {
  return withTransaction(ctx, async (tx) => buildDetail(tx, await cancelOrder(tx, workOrderId, input)));
}
