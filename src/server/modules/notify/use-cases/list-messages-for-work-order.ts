import type { Ctx } from '@server/platform/context';
import { listMessageRowsForWorkOrder } from '../notify.repository';
import { toWorkOrderMessage, type WorkOrderMessageStatus } from '../notify.views';

/**
 * The messages about a work order with their delivery status, oldest first (the order detail page). The caller
 * (intake) has already checked that the actor may see the order.
 */
export async function listMessagesForWorkOrder(ctx: Ctx, workOrderId: string): Promise<WorkOrderMessageStatus[]> {
  const rows = await listMessageRowsForWorkOrder(ctx.db, workOrderId);
  return rows.map(toWorkOrderMessage);
}
