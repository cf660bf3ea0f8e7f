import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { insertCalendarEntry } from '../../technicians.repository';
import { assertCalendarFields, assertNoDuplicate, conflictingAppointments } from './calendar-support';
import type { AvailabilityInput } from './request-availability';
import { technicianDetail } from './technician-detail';
import { branchDay, technicianFor } from './technician-support';

/**
 * POST /api/technicians/:technicianId/calendar — the department head records leave, a day off or an extra shift
 * directly (approved at once; a past day is allowed, to record what happened). Like an approval, it names the
 * active appointments in the time taken and emits `dispatch.calendarChanged`. Audited.
 */
export async function addCalendarEntry(
  ctx: Ctx,
  technicianId: string,
  input: AvailabilityInput,
): Promise<TechnicianDetail & { conflictingAppointments: string[] }> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const tech = await technicianFor(tx, technicianId, { lock: true });
    const { today, timeZone } = await branchDay(tx, tech.branchId);
    assertCalendarFields(tx, input, today, { allowPast: true });
    await assertNoDuplicate(tx, technicianId, input);
    const conflicts = await conflictingAppointments(tx, tech, input, timeZone);
    const row = await insertCalendarEntry(tx.db, {
      technicianId,
      branchId: tech.branchId,
      day: input.day,
      kind: input.kind,
      startTime: input.startTime ?? null,
      endTime: input.endTime ?? null,
      status: 'approved',
      reason: input.reason,
      requestedBy: actor.userId,
      requestedByName: actor.displayName,
      requestedAt: tx.now,
      decidedBy: actor.userId,
      decidedByName: actor.displayName,
      decidedAt: tx.now,
    });
    await writeAudit(tx, {
      action: 'technician.calendar.added',
      objectType: 'technician_calendar',
      objectId: row.id,
      after: { technicianId, ...input, status: 'approved' },
      details: { conflictingAppointments: conflicts },
    });
    tx.events.emit('dispatch.calendarChanged', { technicianId, branchId: tech.branchId, day: input.day });
    return { ...(await technicianDetail(tx, tech)), conflictingAppointments: conflicts };
  });
}
