import { raiseWorkOrderAlert } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { cancelJob, scheduleJob } from '@server/platform/jobs/jobs';
import { findVisit } from '../field.repository';
import { repairClockKey } from './visit-lifecycle';

/** (Re)starts the repair clock of a visit at its deadline (null: stops it). One pending job per visit. */
export async function armRepairClock(tx: Ctx, visitId: string, dueAt: Date | null): Promise<void> {
  await cancelJob(tx.db, tx.now, repairClockKey(visitId));
  if (!dueAt) return;
  await scheduleJob(tx.db, tx.now, {
    kind: 'field.repairDue',
    payload: { visitId, dueAt: dueAt.toISOString() },
    runAt: dueAt,
    dedupeKey: repairClockKey(visitId),
  });
}

/**
 * The repair's deadline came (job `field.repairDue`): when the visit is still open and its deadline did not move,
 * dispatch is alerted — a simple fault over its set time as the `simple_repair` SLA breach (DOMAIN.md "Clocks"), a
 * complex one past the expected finish told to the customer as `repair_delayed` (not reported yet). The technician's
 * app asks for the reason (every step is refused until the delay is reported).
 */
export async function fireRepairDue(
  ctx: Ctx,
  payload: { visitId: string; dueAt: string },
  job: { id: number },
): Promise<void> {
  const visit = await findVisit(ctx.db, payload.visitId);
  if (visit?.status !== 'open' || !visit.repairDueAt) return;
  if (visit.repairDueAt.toISOString() !== payload.dueAt) return;
  const details = {
    visitId: visit.id,
    technicianId: visit.technicianId,
    technicianName: visit.technicianName,
    dueAt: payload.dueAt,
  };
  if (visit.complexity === 'complex') {
    await raiseWorkOrderAlert(ctx, {
      workOrderId: visit.workOrderId,
      kind: 'repair_delayed',
      dueAt: visit.repairDueAt,
      dedupeKey: `field:overdue:${visit.id}:${payload.dueAt}`,
      details: { ...details, reported: false },
    });
    return;
  }
  await raiseWorkOrderAlert(ctx, {
    workOrderId: visit.workOrderId,
    kind: 'sla',
    clock: 'simple_repair',
    dueAt: visit.repairDueAt,
    jobId: job.id,
    details,
  });
}
