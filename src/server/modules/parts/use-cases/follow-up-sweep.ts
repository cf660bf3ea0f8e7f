import { getSetting } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { scheduleJob } from '@server/platform/jobs/jobs';
import { nextLocalHour } from '../domain/local-day';
import '../parts.events';
import { overdueReturns } from '../parts-health.repository';
import { oldPartReturnNumber } from '../parts-health.views';
import { raisePartsAlert } from './parts-alerts';
import { valuableFollowUpItems } from './valuable-follow-up';

/** The sweep runs once a day at this local hour (the company's time zone). */
export const SWEEP_HOUR = 8;
export const SWEEP_KEY = 'parts:follow-up-sweep';

/**
 * Makes sure the daily follow-up sweep is scheduled (at the next 08:00, company time zone), in the caller's
 * transaction: called when something to follow up appears (an old part owed, a valuable unit put in a van). At most
 * one pending sweep exists (dedupe key); the sweep re-arms itself for the next day.
 */
export async function armFollowUpSweep(ctx: Ctx): Promise<void> {
  const timeZone = await getSetting(ctx.db, 'branch.timeZone', null);
  await scheduleJob(ctx.db, ctx.now, {
    kind: 'parts.followUpSweep',
    payload: {},
    runAt: nextLocalHour(ctx.now, SWEEP_HOUR, timeZone),
    dedupeKey: SWEEP_KEY,
  });
}

/**
 * The daily sweep (job handler, runs as the system in the claiming transaction): an `old_part_overdue` alert for
 * each pending old-part return past its due time, a `valuable_unaccounted` alert for each valuable unit in a van past
 * `parts.valuableFollowUpDays` — each once (dedupe keys per return, and per unit's arrival in the van) — then
 * schedules the next day's run.
 */
export async function runFollowUpSweep(ctx: Ctx): Promise<void> {
  for (const x of await overdueReturns(ctx.db, ctx.now)) {
    const r = x.r;
    await raisePartsAlert(ctx, {
      kind: 'old_part_overdue',
      branchId: r.branchId,
      requisitionId: r.requisitionId,
      dedupeKey: `old_part_overdue:${r.id}`,
      details: {
        dueAt: r.dueAt.toISOString(),
        oldPartReturnId: r.id,
        oldPartReturnNumber: oldPartReturnNumber(r.seq),
        partId: r.partId,
        partCode: x.partCode,
        partName: x.partName,
        serial: r.newSerial || null,
        quantity: 1,
        technicianId: r.technicianId,
        technicianName: r.technicianName || null,
        workOrderNumber: r.workOrderNumber || null,
      },
    });
  }
  for (const u of await valuableFollowUpItems(ctx, { scope: undefined })) {
    if (!u.overdue) continue;
    await raisePartsAlert(ctx, {
      kind: 'valuable_unaccounted',
      branchId: u.branchId,
      dedupeKey: `valuable_unaccounted:${u.arrivalMovementId}`,
      details: {
        dueAt: u.dueAt,
        partId: u.partId,
        partCode: u.partCode,
        partName: u.partName,
        serial: u.serial || null,
        quantity: u.quantity,
        locationId: u.locationId,
        locationCode: u.locationCode,
        technicianId: u.technicianId,
        technicianName: u.technicianName,
      },
    });
  }
  await armFollowUpSweep(ctx);
}
