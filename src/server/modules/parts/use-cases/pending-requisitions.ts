import { branchScope, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { pendingJobsByKey } from '@server/platform/jobs/jobs';
import type { PendingRequisition, RequisitionStage } from '@shared/contracts/parts-health.contract';
import type { RequisitionPurpose, RequisitionStatus } from '@shared/domain/parts';
import { requisitionNumber } from '../parts.views';
import { openRequisitions } from '../parts-health.repository';
import { seesWholeBranch } from './own-scope';
import { approvalClockKey, issueClockKey, stageHours } from './requisition-clocks';

const MINUTE = 60_000;
/** More open requisitions than this in one list would be a backlog no clock can help; the oldest are shown. */
const MAX_OPEN = 5000;

/**
 * GET /api/requisitions-pending — submitted ones awaiting the head (approval stage) and approved ones awaiting the
 * warehouse (issue stage), with the stage's deadline: from its running clock, else the branch's setting from the
 * stage's start. Most urgent (earliest deadline) first. Technicians see their own.
 */
export async function listPendingRequisitions(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; stage?: RequisitionStage; overdue?: 'true' | 'false' },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const scope = branchScope(actor);
  const statuses =
    q.stage === 'approval'
      ? ['submitted']
      : q.stage === 'issue'
        ? ['approved', 'partially_approved']
        : ['submitted', 'approved', 'partially_approved'];
  const rows = await openRequisitions(
    ctx.db,
    {
      statuses,
      ...(scope !== undefined ? { branchId: scope } : {}),
      ...(seesWholeBranch(actor) ? {} : { requesterId: actor.userId }),
    },
    MAX_OPEN,
  );
  const stageOf = (status: string): RequisitionStage => (status === 'submitted' ? 'approval' : 'issue');
  const key = (r: (typeof rows)[number]) =>
    stageOf(r.status) === 'approval' ? approvalClockKey(r.id) : issueClockKey(r.id);
  const running = await pendingJobsByKey(ctx.db, rows.map(key));
  const hoursOf = new Map<string, number>();
  const items: PendingRequisition[] = [];
  for (const r of rows) {
    const stage = stageOf(r.status);
    const since = stage === 'approval' ? r.createdAt : (r.decidedAt ?? r.createdAt);
    const planned = (running.get(key(r))?.payload as { dueAt?: unknown } | undefined)?.dueAt;
    let dueAt: Date;
    if (typeof planned === 'string') dueAt = new Date(planned);
    else {
      const k = `${stage}|${r.branchId}`;
      let hours = hoursOf.get(k);
      if (hours === undefined) {
        hours = await stageHours(ctx, stage, r.branchId);
        hoursOf.set(k, hours);
      }
      dueAt = new Date(since.getTime() + hours * 3_600_000);
    }
    items.push({
      id: r.id,
      number: requisitionNumber(r.seq),
      branchId: r.branchId,
      requesterId: r.requesterId,
      requesterName: r.requesterName,
      purpose: r.purpose as RequisitionPurpose,
      workOrderId: r.workOrderId,
      workOrderNumber: r.workOrderNumber,
      targetLocationCode: r.targetLocationCode,
      status: r.status as RequisitionStatus,
      stage,
      since: since.toISOString(),
      ageMinutes: Math.max(0, Math.floor((ctx.now.getTime() - since.getTime()) / MINUTE)),
      dueAt: dueAt.toISOString(),
      overdue: dueAt.getTime() < ctx.now.getTime(),
      lines: r.lines,
      quantity: stage === 'approval' ? r.requested : r.approved,
      version: r.version,
    });
  }
  items.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.number < b.number ? -1 : 1));
  const overdueCount = items.filter((i) => i.overdue).length;
  const shown = q.overdue ? items.filter((i) => i.overdue === (q.overdue === 'true')) : items;
  return {
    items: shown.slice((page - 1) * pageSize, page * pageSize),
    total: shown.length,
    page,
    pageSize,
    overdueCount,
  };
}
