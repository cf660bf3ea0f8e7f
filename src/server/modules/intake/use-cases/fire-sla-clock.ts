import type { Ctx } from '@server/platform/context';
import type { JobKinds } from '@server/platform/jobs/jobs';
import { CLOCK_STATUS } from '../domain/clocks';
import { findWorkOrder, insertAlertOnce } from '../intake.repository';
import { addTimeline } from './timeline';

/**
 * The job handler of a clock's deadline (runs in the claiming transaction, as the system). An order still in
 * the clock's status gets one alert (unique per job id: a retried job inserts nothing more) and a timeline
 * entry `sla_breach`. An order that already moved on (the stop event cancels the job; this is the safety net)
 * gets nothing.
 */
export async function fireSlaClock(ctx: Ctx, payload: JobKinds['intake.slaClock'], job: { id: number }): Promise<void> {
  const order = await findWorkOrder(ctx.db, payload.workOrderId);
  if (!order || order.status !== CLOCK_STATUS[payload.clock]) return;
  const alert = await insertAlertOnce(ctx.db, {
    workOrderId: order.id,
    branchId: order.branchId,
    clock: payload.clock,
    jobId: job.id,
    dueAt: new Date(payload.dueAt),
    firedAt: ctx.now,
  });
  if (!alert) return;
  await addTimeline(ctx, order.id, {
    kind: 'alert',
    event: 'sla_breach',
    reason: null,
    details: { clock: payload.clock, dueAt: payload.dueAt, alertId: alert.id },
  });
  ctx.events.emit('intake.slaBreached', {
    workOrderId: order.id,
    branchId: order.branchId,
    clock: payload.clock,
    alertId: alert.id,
  });
}
