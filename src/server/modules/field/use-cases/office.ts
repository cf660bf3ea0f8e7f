import { bookFollowUpAppointment } from '@server/modules/dispatch';
import { lockWorkOrderFor, trackingUrlForNumber } from '@server/modules/intake';
import { assertBranchAccess, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { Visit } from '@shared/contracts/field.contract';
import { checkExpectedFinish } from '../domain/time-rules';
import { findVisit, lockVisit, type VisitRow } from '../field.repository';
import { armRepairClock } from './repair-clock';
import { appendOfficeRow, branchTimeZone, fail, fieldIssue, rule, tellCustomer, timeText } from './visit-support';
import { visitView } from './visit-view';

/** The visit locked for an office change: the branch's (else NOT_FOUND), at the version the office saw. */
async function lockForOffice(tx: Ctx, visitId: string, version: number): Promise<VisitRow> {
  const actor = requireActor(tx.actor);
  const seen = await findVisit(tx.db, visitId);
  if (!seen) throw new AppError('NOT_FOUND');
  assertBranchAccess(actor, seen.branchId);
  await lockWorkOrderFor(tx, seen.workOrderId);
  const visit = (await lockVisit(tx.db, visitId)) as VisitRow;
  if (visit.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: visit.version });
  return visit;
}

/**
 * PATCH /api/field/visits/:visitId — an office edit of an open visit: a note to the technician, or (complex faults,
 * once diagnosed) the expected finish the customer is told, which becomes the repair's deadline. The visit's version
 * moves: steps the technician queued offline on the older version come back as conflicts with both versions.
 */
export async function editVisit(
  ctx: Ctx,
  visitId: string,
  input: { version: number; officeNote?: string | undefined; expectedFinishAt?: string | undefined },
): Promise<{ visit: Visit }> {
  return withTransaction(ctx, async (tx) => {
    const visit = await lockForOffice(tx, visitId, input.version);
    if (visit.status !== 'open' && visit.status !== 'proposed') {
      throw new AppError('ILLEGAL_TRANSITION', { from: visit.status, event: 'edit' });
    }
    const patch: Partial<VisitRow> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (input.officeNote !== undefined && input.officeNote !== visit.officeNote) {
      before.officeNote = visit.officeNote;
      after.officeNote = input.officeNote;
      patch.officeNote = input.officeNote;
    }
    if (input.expectedFinishAt !== undefined) {
      if (visit.complexity !== 'complex' || visit.cause === null) {
        throw rule(
          tx,
          'not_complex',
          '只有已检测的复杂故障才有预计完成时间',
          'Only a diagnosed complex fault has an expected finish',
        );
      }
      const finish = new Date(input.expectedFinishAt);
      const bad = checkExpectedFinish(tx.now, finish);
      if (bad) throw fail(tx, [bad]);
      before.expectedFinishAt = visit.expectedFinishAt?.toISOString() ?? null;
      after.expectedFinishAt = finish.toISOString();
      patch.expectedFinishAt = finish;
      patch.repairDueAt = finish;
      await armRepairClock(tx, visit.id, finish);
    }
    if (!Object.keys(after).length) return { visit: await visitView(tx, visit) };
    const updated = await appendOfficeRow(
      tx,
      visit,
      { step: 'office_edit', data: { before, after }, source: 'office' },
      patch,
    );
    return { visit: await visitView(tx, updated) };
  });
}

/**
 * POST /api/field/visits/:visitId/schedule — dispatch confirms a proposed follow-up visit (after waiting for parts)
 * for a window; the customer is told the technician and the new time by SMS (with the tracking link).
 */
export async function scheduleFollowUpVisit(
  ctx: Ctx,
  visitId: string,
  input: { version: number; window: { start: string; end: string } },
): Promise<{ visit: Visit }> {
  return withTransaction(ctx, async (tx) => {
    const visit = await lockForOffice(tx, visitId, input.version);
    if (visit.status !== 'proposed')
      throw new AppError('ILLEGAL_TRANSITION', { from: visit.status, event: 'schedule' });
    const start = new Date(input.window.start);
    const end = new Date(input.window.end);
    if (end <= start)
      throw fieldIssue(tx, 'window.end', 'before_start', '结束时间须晚于开始时间', 'The end must be after the start');
    if (end <= tx.now) throw fieldIssue(tx, 'window.start', 'past', '时段已过', 'The window is in the past');
    const timeZone = await branchTimeZone(tx, visit.branchId);
    const order = await lockWorkOrderFor(tx, visit.workOrderId);
    // The technician's time is booked with dispatch: an overlap with another appointment is DOUBLE_BOOKED.
    await bookFollowUpAppointment(tx, {
      workOrderId: visit.workOrderId,
      technicianId: visit.technicianId,
      start,
      end,
    });
    await tellCustomer(tx, order, 'technician_assigned', {
      technicianName: visit.technicianName || '维修工程师',
      window: `${timeText(start, timeZone)}-${timeText(end, timeZone).slice(-5)}`,
      trackingUrl: trackingUrlForNumber(order.number),
    });
    const updated = await appendOfficeRow(
      tx,
      visit,
      { step: 'scheduled', data: { window: { start: start.toISOString(), end: end.toISOString() } }, source: 'office' },
      { status: 'open', windowStart: start, windowEnd: end },
    );
    return { visit: await visitView(tx, updated) };
  });
}
