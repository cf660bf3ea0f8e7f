import { raiseWorkOrderAlert } from '@server/modules/intake';
import { createRequisition, getPart } from '@server/modules/parts';
import type { Ctx } from '@server/platform/context';
import { isAppError } from '@server/platform/errors';
import { type Issue, issue } from '../domain/issues';
import { insertVisit, nextVisitNo } from '../field.repository';
import { armRepairClock } from './repair-clock';
import { ledgerRequestId } from './steps-repair';
import { fail, type StepOutcome, type StepScope, transitionOrder } from './visit-support';

const HOUR = 3_600_000;

export interface WaitingPartsBody {
  idempotencyKey: string;
  reason: string;
  parts: { partId: string; quantity: number }[];
  proposedWindow?: { start: string; end: string } | undefined;
}

/** The follow-up's window proposed to dispatch: as asked, else the same time the next day (at least an hour). */
export function proposedWindow(
  at: Date,
  current: { start: Date | null; end: Date | null },
  asked: { start: string; end: string } | undefined,
): { start: Date; end: Date } {
  if (asked) return { start: new Date(asked.start), end: new Date(asked.end) };
  const length =
    current.start && current.end ? Math.max(HOUR, current.end.getTime() - current.start.getTime()) : 2 * HOUR;
  let start = new Date((current.start ?? at).getTime() + 24 * HOUR);
  if (start.getTime() <= at.getTime()) start = new Date(at.getTime() + 24 * HOUR);
  return { start, end: new Date(start.getTime() + length) };
}

/**
 * The visit ends waiting for parts: the order becomes `waiting_parts` (with the reason), a requisition for the job is
 * raised with the parts module (once: its request id comes from the step's key), a follow-up visit of the same
 * technician is proposed to dispatch (status `proposed`, with a window) and dispatch is alerted. The customer is told
 * the new time when dispatch confirms it (scheduleFollowUpVisit).
 */
export async function applyWaitingParts(tx: Ctx, s: StepScope, body: WaitingPartsBody): Promise<StepOutcome> {
  const { visit } = s;
  const issues: Issue[] = [];
  for (const [i, l] of body.parts.entries()) {
    try {
      const p = await getPart(tx, l.partId);
      if (!p.active) issues.push(issue(`parts.${i}.partId`, 'inactive', '该配件已停用', 'This part is inactive'));
    } catch (err) {
      if (!isAppError(err) || err.code !== 'NOT_FOUND') throw err;
      issues.push(issue(`parts.${i}.partId`, 'not_found', '配件不存在', 'No such part'));
    }
  }
  const window = proposedWindow(s.at, { start: visit.windowStart, end: visit.windowEnd }, body.proposedWindow);
  if (window.end <= window.start || window.start <= s.at) {
    issues.push(
      issue(
        'proposedWindow',
        'range',
        '建议的再次上门时间须在现在之后，且开始早于结束',
        'The proposed window must be ahead, start before end',
      ),
    );
  }
  if (issues.length) throw fail(tx, issues);
  await transitionOrder(tx, visit.workOrderId, { type: 'wait_parts', reason: body.reason.trim() });
  const requisition = await createRequisition(tx, {
    requestId: ledgerRequestId(visit.id, body.idempotencyKey, 0).replace(/:0$/, ':req'),
    purpose: 'job',
    workOrderId: visit.workOrderId,
    workOrderNumber: visit.workOrderNumber,
    note: `上门待配件：${body.reason.trim()}`.slice(0, 500),
    lines: body.parts,
  });
  await armRepairClock(tx, visit.id, null);
  return {
    step: 'waiting_parts',
    reason: body.reason.trim(),
    data: {
      requisitionId: requisition.id,
      requisitionNumber: requisition.number,
      parts: body.parts,
      proposedWindow: { start: window.start.toISOString(), end: window.end.toISOString() },
    },
    patch: { status: 'waiting_parts', finishedAt: s.at, endReason: 'waiting_parts', requisitionId: requisition.id },
    afterUpdate: async (closed) => {
      const followUp = await insertVisit(tx.db, {
        workOrderId: closed.workOrderId,
        workOrderNumber: closed.workOrderNumber,
        branchId: closed.branchId,
        customerId: closed.customerId,
        unitId: closed.unitId,
        visitNo: await nextVisitNo(tx.db, closed.workOrderId),
        kind: 'follow_up',
        previousVisitId: closed.id,
        technicianId: closed.technicianId,
        technicianName: closed.technicianName,
        technicianStaffNo: closed.technicianStaffNo,
        status: 'proposed',
        windowStart: window.start,
        windowEnd: window.end,
        faultCategory: closed.faultCategory,
        faultCodeId: closed.faultCodeId,
        faultCode: closed.faultCode,
        cause: closed.cause,
        complexity: closed.complexity,
        standardMinutes: closed.standardMinutes,
        difficulty: closed.difficulty,
        createdAt: tx.now,
        updatedAt: tx.now,
      });
      await raiseWorkOrderAlert(tx, {
        workOrderId: closed.workOrderId,
        kind: 'follow_up_needed',
        reason: body.reason.trim(),
        dedupeKey: `field:follow-up:${closed.id}`,
        details: {
          visitId: closed.id,
          followUpVisitId: followUp.id,
          technicianId: closed.technicianId,
          technicianName: closed.technicianName,
          requisitionId: requisition.id,
          requisitionNumber: requisition.number,
          proposedWindow: { start: window.start.toISOString(), end: window.end.toISOString() },
        },
      });
    },
  };
}
