import { getSetting } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { cancelJob, scheduleJob } from '@server/platform/jobs/jobs';
import '../parts.events';
import type { JobKinds } from '@server/platform/jobs/jobs';
import { findRequisition, type RequisitionRow } from '../parts.repository';
import { requisitionNumber } from '../parts.views';
import { raisePartsAlert } from './parts-alerts';

const HOUR = 3_600_000;

/** Dedupe keys of the two clocks of a requisition (at most one pending job each). */
export const approvalClockKey = (requisitionId: string) => `req-approval:${requisitionId}`;
export const issueClockKey = (requisitionId: string) => `req-issue:${requisitionId}`;

/** How long a stage may take in the branch (settings, calendar hours). */
export async function stageHours(ctx: Ctx, stage: 'approval' | 'issue', branchId: string | null): Promise<number> {
  return getSetting(
    ctx.db,
    stage === 'approval' ? 'parts.requisitionApprovalHours' : 'parts.requisitionIssueHours',
    branchId,
  );
}

/** The deadline of a stage begun at `since`. */
export async function stageDeadline(
  ctx: Ctx,
  stage: 'approval' | 'issue',
  branchId: string | null,
  since: Date,
): Promise<Date> {
  return new Date(since.getTime() + (await stageHours(ctx, stage, branchId)) * HOUR);
}

/** On create (in its transaction): the approval clock starts — `parts.requisitionApprovalHours` of the branch. */
export async function startApprovalClock(ctx: Ctx, r: Pick<RequisitionRow, 'id' | 'branchId'>): Promise<void> {
  const dueAt = await stageDeadline(ctx, 'approval', r.branchId, ctx.now);
  await scheduleJob(ctx.db, ctx.now, {
    kind: 'parts.requisitionApprovalDue',
    payload: { requisitionId: r.id, dueAt: dueAt.toISOString() },
    runAt: dueAt,
    dedupeKey: approvalClockKey(r.id),
  });
}

/** On the decision: the approval clock stops; anything approved starts the issue clock. */
export async function afterDecisionClocks(
  ctx: Ctx,
  r: Pick<RequisitionRow, 'id' | 'branchId'>,
  status: string,
): Promise<void> {
  await cancelJob(ctx.db, ctx.now, approvalClockKey(r.id));
  if (status !== 'approved' && status !== 'partially_approved') return;
  const dueAt = await stageDeadline(ctx, 'issue', r.branchId, ctx.now);
  await scheduleJob(ctx.db, ctx.now, {
    kind: 'parts.requisitionIssueDue',
    payload: { requisitionId: r.id, dueAt: dueAt.toISOString() },
    runAt: dueAt,
    dedupeKey: issueClockKey(r.id),
  });
}

/** On issue or cancel: both clocks stop. */
export async function stopRequisitionClocks(ctx: Ctx, requisitionId: string): Promise<void> {
  await cancelJob(ctx.db, ctx.now, approvalClockKey(requisitionId));
  await cancelJob(ctx.db, ctx.now, issueClockKey(requisitionId));
}

async function fire(ctx: Ctx, stage: 'approval' | 'issue', payload: { requisitionId: string; dueAt: string }) {
  const r = await findRequisition(ctx.db, payload.requisitionId);
  if (!r) return;
  const still =
    stage === 'approval' ? r.status === 'submitted' : r.status === 'approved' || r.status === 'partially_approved';
  // The stop event cancels the job; this is the safety net when it moved on anyway.
  if (!still) return;
  const kind = stage === 'approval' ? 'requisition_approval_overdue' : 'requisition_issue_overdue';
  await raisePartsAlert(ctx, {
    kind,
    branchId: r.branchId,
    requisitionId: r.id,
    dedupeKey: `${kind}:${r.id}`,
    details: {
      dueAt: payload.dueAt,
      requisitionNumber: requisitionNumber(r.seq),
      requesterId: r.requesterId,
      requesterName: r.requesterName,
      workOrderNumber: r.workOrderNumber || null,
      locationId: r.targetLocationId,
    },
  });
}

/** Job handler: the approval deadline ran out — an alert once, if the requisition still awaits its decision. */
export async function fireApprovalClock(ctx: Ctx, payload: JobKinds['parts.requisitionApprovalDue']): Promise<void> {
  await fire(ctx, 'approval', payload);
}

/** Job handler: the issue deadline ran out — an alert once, if the approved requisition is still not issued. */
export async function fireIssueClock(ctx: Ctx, payload: JobKinds['parts.requisitionIssueDue']): Promise<void> {
  await fire(ctx, 'issue', payload);
}
