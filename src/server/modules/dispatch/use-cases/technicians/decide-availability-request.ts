import { writeAudit } from '@server/modules/identity';
import { assertBranchAccess, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { CalendarEntry } from '@shared/contracts/dispatch.contract';
import type { CalendarKind } from '../../domain/availability';
import { lockCalendarEntry, lockTechnician, updateCalendarEntryVersioned } from '../../technicians.repository';
import { toCalendarEntry } from '../../technicians.views';
import { conflictingAppointments } from './calendar-support';
import { branchDay, expectVersion, msg } from './technician-support';

export interface DecideAvailabilityInput {
  decision: 'approve' | 'reject';
  version: number;
  note?: string;
}

/**
 * POST /api/availability-requests/:entryId/decision — the department head approves or rejects a pending request
 * (stale version → 409; already decided → 409 ILLEGAL_TRANSITION). Approving leave or a day off names the
 * technician's active appointments in the time it takes (`conflictingAppointments`): the approval stands, dispatch
 * reassigns them. An approval emits `dispatch.calendarChanged` for the live board. Audited.
 */
export async function decideAvailabilityRequest(
  ctx: Ctx,
  entryId: string,
  input: DecideAvailabilityInput,
): Promise<CalendarEntry & { conflictingAppointments: string[] }> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const entry = await lockCalendarEntry(tx.db, entryId);
    if (!entry) throw new AppError('NOT_FOUND');
    assertBranchAccess(actor, entry.branchId);
    expectVersion(entry.version, input.version);
    if (entry.status !== 'pending') throw new AppError('ILLEGAL_TRANSITION', { status: entry.status });
    if (entry.technicianId === actor.userId) {
      throw new AppError('BUSINESS_RULE', {
        reason: 'own_request',
        hint: msg(tx, '不能审批自己的申请', 'You cannot decide your own request'),
      });
    }
    const tech = await lockTechnician(tx.db, entry.technicianId);
    if (!tech) throw new AppError('NOT_FOUND');
    const approve = input.decision === 'approve';
    const { timeZone } = await branchDay(tx, entry.branchId);
    const fields = {
      day: entry.day,
      kind: entry.kind as CalendarKind,
      startTime: entry.startTime,
      endTime: entry.endTime,
    };
    const conflicts = approve ? await conflictingAppointments(tx, tech, fields, timeZone, entry.id) : [];
    const after = await updateCalendarEntryVersioned(tx.db, entryId, input.version, {
      status: approve ? 'approved' : 'rejected',
      decidedBy: actor.userId,
      decidedByName: actor.displayName,
      decidedAt: tx.now,
      decisionNote: input.note ?? '',
    });
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: entry.version });
    await writeAudit(tx, {
      action: approve ? 'technician.availability.approved' : 'technician.availability.rejected',
      objectType: 'technician_calendar',
      objectId: entryId,
      before: { status: entry.status, version: entry.version },
      after: { status: after.status, version: after.version },
      details: {
        technicianId: entry.technicianId,
        day: entry.day,
        kind: entry.kind,
        conflictingAppointments: conflicts,
      },
    });
    if (approve) {
      tx.events.emit('dispatch.calendarChanged', {
        technicianId: entry.technicianId,
        branchId: entry.branchId,
        day: entry.day,
      });
    }
    return { ...toCalendarEntry({ ...after, technicianName: tech.name }), conflictingAppointments: conflicts };
  });
}
