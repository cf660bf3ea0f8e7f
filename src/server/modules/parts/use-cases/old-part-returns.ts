import { getSetting, staffUsers, writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { OldPartReturn, OldPartReturnStatus } from '@shared/contracts/parts-health.contract';
import { locationsByIds, type MovementRow, partsByIds } from '../parts.repository';
import { isValuable } from '../parts.views';
import {
  findReturn,
  insertReturnOnce,
  type OldPartReturnRow,
  pageReturns,
  updateReturnVersioned,
} from '../parts-health.repository';
import { toOldPartReturn } from '../parts-health.views';
import { armFollowUpSweep } from './follow-up-sweep';
import { seesWholeBranch } from './own-scope';
import { canSeeLocation, fieldError, locationScope, rule, valuableCostFen, visibleLocation } from './parts-support';

const DAY = 86_400_000;

async function view(ctx: Ctx, id: string): Promise<OldPartReturn> {
  const { items } = await pageReturns(ctx.db, { scope: undefined, now: ctx.now, ids: [id] }, 1, 1);
  const x = items[0];
  if (!x) throw new AppError('NOT_FOUND');
  return toOldPartReturn(x, ctx.now);
}

export interface OpenOldPartReturnInput {
  partId: string;
  /**
   * Key of the event that owes the old part: one return per key however often retried — e.g. "issue:<movementId>:<n>"
   * for the n-th unit of an issue to a job, or the field module's "fit:<visitId>:<partId>:<n>".
   */
  sourceKey: string;
  branchId: string | null;
  workOrderId?: string | null;
  workOrderNumber?: string;
  technicianId?: string | null;
  technicianName?: string;
  /** The serial of the new unit fitted. */
  newSerial?: string;
  requisitionId?: string | null;
  requisitionLineId?: string | null;
}

async function insertOne(ctx: Ctx, input: OpenOldPartReturnInput, days: number) {
  return insertReturnOnce(ctx.db, {
    branchId: input.branchId,
    partId: input.partId,
    requisitionId: input.requisitionId ?? null,
    requisitionLineId: input.requisitionLineId ?? null,
    workOrderId: input.workOrderId ?? null,
    workOrderNumber: input.workOrderNumber ?? '',
    technicianId: input.technicianId ?? null,
    technicianName: input.technicianName ?? '',
    newSerial: (input.newSerial ?? '').toUpperCase(),
    status: 'pending',
    dueAt: new Date(ctx.now.getTime() + days * DAY),
    sourceKey: input.sourceKey,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
}

/**
 * Public door (旧件回收): a valuable unit was fitted on a job, so its removed old part is owed back to a store within
 * the setting `parts.oldPartReturnDays`. In the caller's transaction; once per `sourceKey` (a retry returns the first
 * one). The daily follow-up sweep raises `old_part_overdue` when it is not returned in time.
 */
export async function openOldPartReturn(ctx: Ctx, input: OpenOldPartReturnInput): Promise<OldPartReturn> {
  return withTransaction(ctx, async (tx) => {
    const days = await getSetting(tx.db, 'parts.oldPartReturnDays', input.branchId);
    const { row, created } = await insertOne(tx, input, days);
    if (created) await armFollowUpSweep(tx);
    return view(tx, row.id);
  });
}

/** Who fitted the units of an issue: the requisition's requester, else the technician of the van it left. */
export interface IssueContext {
  requisition?: { id: string; branchId: string | null; requesterId: string; requesterName: string };
  /** Per part: the requisition line and the serials recorded for it (non-serial valuable parts). */
  lines?: Map<string, { lineId: string; serials: string[] }>;
}

/**
 * After a posting (in its transaction): every valuable unit issued to a job opens one old-part return (source key
 * `issue:<movementId>:<n>`, so a retried posting opens nothing twice); valuable units arriving in a van arm the
 * daily follow-up sweep. Returns the returns opened.
 */
export async function afterStockPosting(ctx: Ctx, rows: readonly MovementRow[], issue: IssueContext = {}) {
  const relevant = rows.filter(
    (m) => (m.kind === 'issue' && m.workOrderId && m.quantity < 0) || (m.kind === 'transfer_in' && m.quantity > 0),
  );
  if (!relevant.length) return [] as OldPartReturnRow[];
  const partMap = await partsByIds(
    ctx.db,
    relevant.map((m) => m.partId),
  );
  const threshold = await valuableCostFen(ctx);
  const valuable = relevant.filter((m) => {
    const p = partMap.get(m.partId);
    return !!p && isValuable(p, threshold);
  });
  if (!valuable.length) return [];
  const locations = await locationsByIds(
    ctx.db,
    valuable.map((m) => m.locationId),
  );
  if (valuable.some((m) => m.kind === 'transfer_in' && locations.get(m.locationId)?.kind === 'van')) {
    await armFollowUpSweep(ctx);
  }
  const issues = valuable.filter((m) => m.kind === 'issue');
  if (!issues.length) return [];
  const vanTechs = [
    ...new Set(issues.map((m) => locations.get(m.locationId)?.technicianId).filter((x): x is string => !!x)),
  ];
  const techNames = vanTechs.length ? await staffUsers(ctx.db, vanTechs) : new Map();
  const opened: OldPartReturnRow[] = [];
  const unitIndex = new Map<string, number>();
  for (const m of issues) {
    const loc = locations.get(m.locationId);
    const req = issue.requisition;
    const technicianId = req?.requesterId ?? loc?.technicianId ?? null;
    const technicianName = req?.requesterName ?? (technicianId ? (techNames.get(technicianId)?.displayName ?? '') : '');
    const branchId = req?.branchId ?? loc?.branchId ?? null;
    const line = issue.lines?.get(m.partId);
    const days = await getSetting(ctx.db, 'parts.oldPartReturnDays', branchId);
    for (let n = 1; n <= -m.quantity; n++) {
      // The n-th unit of this part across the posting's movements (a serial-tracked line moves one row per unit).
      const k = (unitIndex.get(m.partId) ?? 0) + 1;
      unitIndex.set(m.partId, k);
      const { row, created } = await insertOne(
        ctx,
        {
          partId: m.partId,
          sourceKey: `issue:${m.id}:${n}`,
          branchId,
          workOrderId: m.workOrderId,
          workOrderNumber: m.workOrderNumber,
          technicianId,
          technicianName,
          newSerial: m.serial || line?.serials[k - 1] || '',
          requisitionId: m.requisitionId ?? req?.id ?? null,
          requisitionLineId: line?.lineId ?? null,
        },
        days,
      );
      if (created) opened.push(row);
    }
  }
  if (opened.length) await armFollowUpSweep(ctx);
  return opened;
}

/** GET /api/old-part-returns — of my branch (technicians: their own), pending first, soonest due first. */
export async function listOldPartReturns(
  ctx: Ctx,
  q: {
    page?: number;
    pageSize?: number;
    status?: OldPartReturnStatus;
    overdue?: 'true' | 'false';
    workOrderId?: string;
    technicianId?: string;
  },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const technicianId = seesWholeBranch(actor) ? q.technicianId : actor.userId;
  const r = await pageReturns(
    ctx.db,
    {
      scope: locationScope(actor),
      now: ctx.now,
      ...(q.status ? { status: q.status } : {}),
      ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
      ...(q.workOrderId ? { workOrderId: q.workOrderId } : {}),
      ...(technicianId ? { technicianId } : {}),
    },
    page,
    pageSize,
  );
  return {
    items: r.items.map((x) => toOldPartReturn(x, ctx.now)),
    total: r.total,
    page,
    pageSize,
    overdueCount: r.overdueCount,
  };
}

async function lockVisible(tx: Ctx, id: string): Promise<OldPartReturnRow> {
  const actor = requireActor(tx.actor);
  const r = await findReturn(tx.db, id, 'update');
  if (!r || !canSeeLocation(actor, r)) throw new AppError('NOT_FOUND');
  if (!seesWholeBranch(actor) && r.technicianId !== actor.userId) throw new AppError('NOT_FOUND');
  return r;
}

function checkPending(r: OldPartReturnRow, version: number, event: string): void {
  if (r.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: r.version });
  if (r.status !== 'pending') throw new AppError('ILLEGAL_TRANSITION', { status: r.status, event });
}

/**
 * POST /api/old-part-returns/:id/return — the old part is back: its serial as read, condition notes, the store it
 * is kept at (not a van). A retry of the same return acts once (answers the returned record).
 */
export async function recordOldPartReturn(
  ctx: Ctx,
  id: string,
  input: { version: number; oldSerial?: string; conditionNote?: string; receivedLocationId: string },
): Promise<OldPartReturn> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id);
    const oldSerial = (input.oldSerial ?? '').toUpperCase();
    const note = input.conditionNote ?? '';
    if (
      r.status === 'returned' &&
      r.version === input.version + 1 &&
      r.receivedLocationId === input.receivedLocationId &&
      r.oldSerial === oldSerial &&
      r.note === note
    ) {
      return view(tx, r.id);
    }
    checkPending(r, input.version, 'return');
    const loc = await visibleLocation(tx, input.receivedLocationId, 'receivedLocationId');
    if (loc.kind === 'van') {
      throw fieldError(
        ctx,
        'receivedLocationId',
        'not_a_store',
        '旧件须交回中心仓或网点仓',
        'old parts go back to a warehouse or store',
      );
    }
    if (!loc.active) {
      throw fieldError(ctx, 'receivedLocationId', 'inactive', '该库位已停用', 'this location is inactive');
    }
    const after = await updateReturnVersioned(
      tx.db,
      r.id,
      r.version,
      {
        status: 'returned',
        oldSerial,
        note,
        receivedLocationId: loc.id,
        closedBy: actor.userId,
        closedByName: actor.displayName,
        closedAt: tx.now,
      },
      tx.now,
    );
    if (!after) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, {
      action: 'old_part.returned',
      objectType: 'old_part_return',
      objectId: r.id,
      before: { status: r.status },
      after: { status: 'returned', oldSerial, receivedLocationId: loc.id },
      details: { partId: r.partId, workOrderId: r.workOrderId, overdue: r.dueAt.getTime() < tx.now.getTime() },
    });
    return view(tx, r.id);
  });
}

/** POST /api/old-part-returns/:id/waive — the approver lets it go, with a reason. A retry acts once. */
export async function waiveOldPartReturn(
  ctx: Ctx,
  id: string,
  input: { version: number; reason: string },
): Promise<OldPartReturn> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id);
    if (r.status === 'waived' && r.version === input.version + 1 && r.note === input.reason) return view(tx, r.id);
    checkPending(r, input.version, 'waive');
    if (r.technicianId === actor.userId) {
      throw rule(ctx, 'own_return', '不能免除自己的旧件回收', 'you cannot waive your own old-part return');
    }
    const after = await updateReturnVersioned(
      tx.db,
      r.id,
      r.version,
      {
        status: 'waived',
        note: input.reason,
        closedBy: actor.userId,
        closedByName: actor.displayName,
        closedAt: tx.now,
      },
      tx.now,
    );
    if (!after) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, {
      action: 'old_part.waived',
      objectType: 'old_part_return',
      objectId: r.id,
      before: { status: r.status },
      after: { status: 'waived' },
      details: { reason: input.reason, partId: r.partId, workOrderId: r.workOrderId },
    });
    return view(tx, r.id);
  });
}
