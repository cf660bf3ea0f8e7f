import { getSetting } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { cancelJob, pendingJobsByKey, scheduleJob } from '@server/platform/jobs/jobs';
import type { Priority, WorkOrderStatus } from '@shared/domain/work-order';
import { clockChanges, clockKey, clockSetting, type IntakeClockName, runningClock } from '../domain/clocks';
import { clockDueAt } from '../domain/working-time';

/** When a clock started now for this order runs out (branch settings: minutes, calendar or working time). */
export async function clockDue(
  ctx: Ctx,
  clock: IntakeClockName,
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

export interface RunningClock {
  clock: IntakeClockName;
  dueAt: Date;
}

/**
 * The intake clock of each order's current status (review while new, dispatch while ready) and its deadline: from
 * the clock's pending job while it runs (one query for all the orders), else from the deadline of the breach it
 * already raised in this status (`firedDue`, from the list query). Orders with no running clock are left out.
 */
export async function runningClockDeadlines(
  ctx: Ctx,
  orders: readonly { id: string; status: string; firedDue: Date | null }[],
): Promise<Map<string, RunningClock>> {
  const withClock = orders.flatMap((o) => {
    const clock = runningClock(o.status);
    return clock ? [{ ...o, clock, key: clockKey(clock, o.id) }] : [];
  });
  const out = new Map<string, RunningClock>();
  if (withClock.length === 0) return out;
  const pending = await pendingJobsByKey(
    ctx.db,
    withClock.map((o) => o.key),
  );
  for (const o of withClock) {
    const job = pending.get(o.key);
    const planned = (job?.payload as { dueAt?: unknown } | undefined)?.dueAt;
    const dueAt = typeof planned === 'string' ? new Date(planned) : (job?.runAt ?? o.firedDue);
    if (dueAt) out.set(o.id, { clock: o.clock, dueAt });
  }
  return out;
}
