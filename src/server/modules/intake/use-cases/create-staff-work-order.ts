import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { CreateWorkOrderBody, WorkOrderDetail } from '@shared/contracts/intake.contract';
import { findWorkOrder, type WorkOrderRow } from '../intake.repository';
import { createWorkOrder } from './create-work-order';
import { buildDetail } from './get-work-order';

/** The agent screen's creation (hotline / walk-in): create, then the detail view the agent sees. */
export async function createStaffWorkOrder(ctx: Ctx, body: CreateWorkOrderBody): Promise<WorkOrderDetail> {
  return withTransaction(ctx, async (tx) => {
    const created = await createWorkOrder(tx, body);
    return buildDetail(tx, (await findWorkOrder(tx.db, created.id)) as WorkOrderRow);
  });
}
