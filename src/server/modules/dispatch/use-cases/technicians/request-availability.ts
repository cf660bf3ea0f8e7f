import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { CalendarEntry } from '@shared/contracts/dispatch.contract';
import type { CalendarKind } from '../../domain/availability';
import { insertCalendarEntry, lockTechnician } from '../../technicians.repository';
import { toCalendarEntry } from '../../technicians.views';
import { assertCalendarFields, assertNoDuplicate } from './calendar-support';
import { branchDay, msg } from './technician-support';

export interface AvailabilityInput {
  day: string;
  kind: CalendarKind;
  startTime?: string;
  endTime?: string;
  reason: string;
}

/**
 * POST /api/me/availability-requests — a technician asks for leave (whole day or part), a day off or an extra shift
 * on a day from today on; it waits for the department head. The same kind on the same day twice is a 409 naming the
 * first; a retry with the same Idempotency-Key gets the first answer again.
 */
export async function requestAvailability(ctx: Ctx, input: AvailabilityInput): Promise<CalendarEntry> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    // The profile row is locked so that two requests of one technician cannot both pass the duplicate check.
    const tech = await lockTechnician(tx.db, actor.userId);
    if (!tech) {
      throw new AppError('BUSINESS_RULE', {
        reason: 'no_technician_profile',
        hint: msg(tx, '您还没有工程师档案，请联系部门负责人', 'You have no technician profile yet; ask your head'),
      });
    }
    const { today } = await branchDay(tx, tech.branchId);
    assertCalendarFields(tx, input, today, { allowPast: false });
    await assertNoDuplicate(tx, tech.userId, input);
    const row = await insertCalendarEntry(tx.db, {
      technicianId: tech.userId,
      branchId: tech.branchId,
      day: input.day,
      kind: input.kind,
      startTime: input.startTime ?? null,
      endTime: input.endTime ?? null,
      status: 'pending',
      reason: input.reason,
      requestedBy: actor.userId,
      requestedByName: actor.displayName,
      requestedAt: tx.now,
    });
    await writeAudit(tx, {
      action: 'technician.availability.requested',
      objectType: 'technician_calendar',
      objectId: row.id,
      after: { technicianId: tech.userId, ...input },
    });
    return toCalendarEntry({ ...row, technicianName: tech.name });
  });
}
