import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { scrubCustomerOrders as scrubRows } from '../intake.repository';

export const SCRUBBED_DESCRIPTION = '（客户已注销，故障描述已删除）';

/**
 * A customer was anonymised at their request: the free text of their orders (the fault description the customer
 * dictated may name people, places, phone numbers) is replaced. Kept for statistics: status, dates, district,
 * fault category and code, unit, timeline.
 */
export async function scrubCustomerOrders(ctx: Ctx, customerId: string): Promise<number> {
  return withTransaction(ctx, async (tx) => scrubRows(tx.db, customerId, SCRUBBED_DESCRIPTION, tx.now));
}
