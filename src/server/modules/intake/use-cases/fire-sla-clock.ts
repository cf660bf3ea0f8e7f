import type { Ctx } from '@server/platform/context';
import type { JobKinds } from '@server/platform/jobs/jobs';
import { CLOCK_STATUS } from '../domain/clocks';
import { findWorkOrder } from '../intake.repository';
import { raiseWorkOrderAlert } from './raise-work-order-alert';

/**
 * The job handler of a clock's deadline (runs in the claiming transaction, as the system). An order still in
 * the clock's status gets one SLA alert through raiseWorkOrderAlert (unique per job id: a retried job inserts
 * nothing more), with its timeline entry `sla_breach` and the events. An order that already moved on (the stop
 * event cancels the job; this is the safety net) gets nothing.
 */
export async function fireSlaClock(ctx: Ctx, payload: JobKinds['intake.slaClock'], job: { id: number }): Promise<void> {
  const order = await findWorkOrder(ctx.db, payload.workOrderId);
  if (!order || order.status !== CLOCK_STATUS[payload.clock]) return;
  await raiseWorkOrderAlert(ctx, {
    workOrderId: order.id,
    kind: 'sla',
    clock: payload.clock,
    jobId: job.id,
    dueAt: new Date(payload.dueAt),
  });
}
