import { getSetting } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { cancelJob, scheduleJob } from '@server/platform/jobs/jobs';
import type { Priority, WorkOrderStatus } from '@shared/domain/work-order';
import { type ClockName, clockChanges, clockKey, clockSetting } from '../domain/clocks';
import { clockDueAt } from '../domain/working-time';

/** When a clock started now for this order runs out (branch settings: minutes, calendar or working time). */
export async function clockDue(
  ctx: Ctx,
  clock: ClockName,
  order: { branchId: string; priority: string },
): Promise<Date> {
  const [minutes, mode, hours, timeZone] = await Promise.all([
    getSetting(ctx.db, clockSetting(clock, order.priority as Priority), order.branchId),
    getSetting(ctx.db, 'sla.clockMode', order.branchId),
    getSetting(ctx.db, 'sla.workingHours', order.branchId),
    getSetting(ctx.db, 'branch.timeZone', order.branchId),
  ]);
  return clockDueAt(ctx.now, minutes as number, mode, hours, timeZone);
}

/**
 * Starts and stops the intake clocks for a status change, in the caller's transaction: the clock of the status
 * left is cancelled (its pending job), the clock of the status entered is scheduled (dedupe key per order+clock).
 */
export async function syncClocks(
  ctx: Ctx,
  order: { id: string; branchId: string; priority: string },
  from: WorkOrderStatus | null,
  to: WorkOrderStatus,
): Promise<void> {
  const { start, stop } = clockChanges(from, to);
  for (const clock of stop) await cancelJob(ctx.db, ctx.now, clockKey(clock, order.id));
  for (const clock of start) {
    const dueAt = await clockDue(ctx, clock, order);
    await scheduleJob(ctx.db, ctx.now, {
      kind: 'intake.slaClock',
      payload: { workOrderId: order.id, clock, dueAt: dueAt.toISOString() },
      runAt: dueAt,
      dedupeKey: clockKey(clock, order.id),
    });
  }
}
