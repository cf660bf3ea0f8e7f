import { writeAudit } from '@server/modules/identity';
import { branchScope, requireActor } from '@server/platform/access';
import type { Actor, Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { Requisition } from '@shared/contracts/parts.contract';
import type { RequisitionPurpose, RequisitionStatus } from '@shared/domain/parts';
import {
  OPEN_REQUISITION_STATUSES,
  type RequisitionEvent,
  transitionRequisition,
} from '@shared/domain/requisition-lifecycle';
import { hasPermission } from '@shared/domain/roles';
import {
  findRequisition,
  findRequisitionByRequest,
  findVanOf,
  insertRequisition,
  linesOf,
  locationsByIds,
  movementsByRequest,
  pageRequisitions,
  partsByIds,
  type RequisitionRow,
  updateLine,
  updateRequisitionVersioned,
} from '../parts.repository';
import { isValuable, toRequisition } from '../parts.views';
import { type LedgerLine, postLedger } from './ledger';
import { afterStockPosting } from './old-part-returns';
import { seesWholeBranch } from './own-scope';
import { fieldError, rule, valuableCostFen, visibleLocation } from './parts-support';
import { requestIdReused, unitsOf } from './post-stock-movement';
import { afterDecisionClocks, startApprovalClock, stopRequisitionClocks } from './requisition-clocks';

function canSee(actor: Actor, r: RequisitionRow): boolean {
  if (!actor.companyWide && r.branchId !== actor.branchId) return false;
  return seesWholeBranch(actor) || r.requesterId === actor.userId;
}

async function views(ctx: Ctx, rows: RequisitionRow[]): Promise<Requisition[]> {
  const lines = await linesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const parts = await partsByIds(
    ctx.db,
    lines.map((l) => l.partId),
  );
  const locations = await locationsByIds(
    ctx.db,
    rows.map((r) => r.targetLocationId),
  );
  const valuable = await valuableCostFen(ctx);
  return rows.map((r) => toRequisition(r, lines, parts, locations, valuable));
}

async function view(ctx: Ctx, id: string): Promise<Requisition> {
  const r = await findRequisition(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND');
  return (await views(ctx, [r]))[0] as Requisition;
}

function apply(ctx: Ctx, status: RequisitionStatus, event: RequisitionEvent): RequisitionStatus {
  const r = transitionRequisition(status, event);
  if (!r.ok) {
    if (r.reason === 'invalid_event') throw rule(ctx, 'invalid_decision', '审批内容无效', 'invalid decision');
    throw new AppError('ILLEGAL_TRANSITION', { status, event: event.type });
  }
  return r.status;
}

/** GET /api/requisitions */
export async function listRequisitions(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; status?: RequisitionStatus | 'open'; mine?: 'true' | 'false' },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const scope = branchScope(actor);
  const mine = q.mine === 'true' || !seesWholeBranch(actor);
  const { items, total } = await pageRequisitions(
    ctx.db,
    {
      ...(scope !== undefined ? { branchId: scope } : {}),
      ...(mine ? { requesterId: actor.userId } : {}),
      ...(q.status ? { statuses: q.status === 'open' ? OPEN_REQUISITION_STATUSES : [q.status] } : {}),
    },
    page,
    pageSize,
  );
  return { items: await views(ctx, items), total, page, pageSize };
}

/** GET /api/requisitions/:requisitionId */
export async function getRequisition(ctx: Ctx, id: string): Promise<Requisition> {
  const actor = requireActor(ctx.actor);
  const r = await findRequisition(ctx.db, id);
  if (!r || !canSee(actor, r)) throw new AppError('NOT_FOUND');
  return (await views(ctx, [r]))[0] as Requisition;
}

export interface CreateRequisitionInput {
  requestId: string;
  purpose: RequisitionPurpose;
  workOrderId?: string;
  workOrderNumber?: string;
  targetLocationId?: string;
  note?: string;
  lines: { partId: string; quantity: number }[];
}

/**
 * POST /api/requisitions — for a work order (its id; the number is informative and not checked against intake) or
 * for van stock (a technician's own van unless another is named; a technician may name only their own).
 * A retry with the same requestId returns the first requisition.
 */
export async function createRequisition(ctx: Ctx, input: CreateRequisitionInput): Promise<Requisition> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const again = await findRequisitionByRequest(tx.db, actor.userId, input.requestId);
    if (again) return view(tx, again.id);
    if (input.purpose === 'job' && !input.workOrderId) {
      throw fieldError(
        ctx,
        'workOrderId',
        'required',
        '为工单领料须填写工单',
        'a job requisition names its work order',
      );
    }
    if (input.purpose === 'van' && (input.workOrderId || input.workOrderNumber)) {
      throw fieldError(ctx, 'workOrderId', 'not_allowed', '补充车载库存不关联工单', 'van stock names no work order');
    }
    let targetLocationId: string | null = null;
    if (input.purpose === 'van') {
      const own = await findVanOf(tx.db, actor.userId);
      const id = input.targetLocationId ?? own?.id;
      if (!id) throw fieldError(ctx, 'targetLocationId', 'required', '请选择车载库', 'choose the van to fill');
      const target = await visibleLocation(tx, id, 'targetLocationId');
      if (target.kind !== 'van') {
        throw fieldError(ctx, 'targetLocationId', 'not_a_van', '只能补充工程师车载库', 'van stock goes into a van');
      }
      const isTechOnly = !hasPermission(actor.roles, 'requisitions.issue');
      if (isTechOnly && target.technicianId !== actor.userId) {
        throw fieldError(ctx, 'targetLocationId', 'not_own_van', '只能为自己的车载库申请', 'only your own van');
      }
      targetLocationId = target.id;
    } else if (input.targetLocationId) {
      throw fieldError(
        ctx,
        'targetLocationId',
        'not_allowed',
        '工单领料直接发到工单',
        'a job requisition is issued to the job',
      );
    }
    const parts = await partsByIds(
      tx.db,
      input.lines.map((l) => l.partId),
    );
    const seen = new Set<string>();
    input.lines.forEach((l, i) => {
      const p = parts.get(l.partId);
      if (!p?.active)
        throw fieldError(ctx, `lines.${i}.partId`, 'not_found', '配件不存在或已停用', 'no such active part');
      if (seen.has(l.partId))
        throw fieldError(ctx, `lines.${i}.partId`, 'duplicate', '同一配件请合并为一行', 'one line per part');
      seen.add(l.partId);
    });
    const r = await insertRequisition(
      tx.db,
      {
        branchId: actor.branchId,
        requesterId: actor.userId,
        requesterName: actor.displayName,
        purpose: input.purpose,
        workOrderId: input.workOrderId ?? null,
        workOrderNumber: input.workOrderNumber ?? '',
        targetLocationId,
        status: 'submitted',
        note: input.note ?? '',
        requestId: input.requestId,
        createdAt: tx.now,
        updatedAt: tx.now,
      },
      input.lines.map((l, i) => ({ line: i + 1, partId: l.partId, quantity: l.quantity })),
    );
    await writeAudit(tx, {
      action: 'requisition.created',
      objectType: 'requisition',
      objectId: r.id,
      after: { purpose: r.purpose, lines: input.lines.length, workOrderId: r.workOrderId },
    });
    await startApprovalClock(tx, r);
    return view(tx, r.id);
  });
}

async function lockVisible(tx: Ctx, id: string, version: number): Promise<RequisitionRow> {
  const actor = requireActor(tx.actor);
  const r = await findRequisition(tx.db, id, 'update');
  if (!r || !canSee(actor, r)) throw new AppError('NOT_FOUND');
  if (r.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: r.version });
  return r;
}

/**
 * POST /api/requisitions/:id/decision — the head decides every line once: an approved quantity from 1 to the
 * requested one, or 0 with a reason (rejected). All lines → approved; some → partially_approved; none → rejected.
 */
export async function approveRequisition(
  ctx: Ctx,
  id: string,
  input: { version: number; lines: { lineId: string; approvedQuantity: number; reason?: string }[] },
): Promise<Requisition> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id, input.version);
    // Decided already: the state says so before any line is looked at.
    apply(ctx, r.status as RequisitionStatus, { type: 'decide', lines: [{ requested: 1, approved: 1 }] });
    const lines = await linesOf(tx.db, [r.id]);
    const byId = new Map(input.lines.map((l, i) => [l.lineId, { ...l, i }]));
    if (byId.size !== input.lines.length) {
      throw fieldError(ctx, 'lines', 'duplicate', '同一行只能审批一次', 'a line is decided once');
    }
    for (const [lineId, d] of byId) {
      if (!lines.some((l) => l.id === lineId))
        throw fieldError(ctx, `lines.${d.i}.lineId`, 'not_found', '没有这一行', 'no such line');
    }
    for (const l of lines) {
      if (!byId.has(l.id)) throw fieldError(ctx, 'lines', 'missing_line', '每一行都须审批', 'decide every line');
    }
    for (const l of lines) {
      const d = byId.get(l.id) as { approvedQuantity: number; reason?: string; i: number };
      if (d.approvedQuantity > l.quantity) {
        throw fieldError(
          ctx,
          `lines.${d.i}.approvedQuantity`,
          'too_many',
          '批准数量不能超过申请数量',
          'more than requested',
        );
      }
      if (d.approvedQuantity < l.quantity && !d.reason) {
        throw fieldError(
          ctx,
          `lines.${d.i}.reason`,
          'required',
          '驳回或少批须说明原因',
          'a rejection or a cut needs a reason',
        );
      }
    }
    const status = apply(ctx, r.status as RequisitionStatus, {
      type: 'decide',
      lines: lines.map((l) => ({
        requested: l.quantity,
        approved: (byId.get(l.id) as { approvedQuantity: number }).approvedQuantity,
      })),
    });
    for (const l of lines) {
      const d = byId.get(l.id) as { approvedQuantity: number; reason?: string };
      await updateLine(tx.db, l.id, {
        decision: d.approvedQuantity > 0 ? 'approved' : 'rejected',
        approvedQuantity: d.approvedQuantity,
        rejectReason: d.reason ?? '',
      });
    }
    const after = await updateRequisitionVersioned(
      tx.db,
      r.id,
      r.version,
      { status, decidedBy: actor.userId, decidedByName: actor.displayName, decidedAt: tx.now },
      tx.now,
    );
    if (!after) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, {
      action: `requisition.${status === 'rejected' ? 'rejected' : 'approved'}`,
      objectType: 'requisition',
      objectId: r.id,
      before: { status: r.status },
      after: { status },
      details: {
        lines: input.lines.map((l) => ({
          lineId: l.lineId,
          approvedQuantity: l.approvedQuantity,
          reason: l.reason ?? '',
        })),
      },
    });
    await afterDecisionClocks(tx, r, status);
    return view(tx, r.id);
  });
}

/**
 * POST /api/requisitions/:id/issue — the warehouse issues every approved quantity from one store: into the van
 * (a transfer pair per line) or to the job (an issue with the work order). Valuable parts need one serial per unit
 * (serial-tracked parts move those very units; others record the serials on the line). Acts once per requestId.
 */
export async function issueRequisition(
  ctx: Ctx,
  id: string,
  input: {
    version: number;
    requestId: string;
    sourceLocationId: string;
    lines: { lineId: string; serials?: string[]; lot?: string }[];
  },
): Promise<Requisition> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const posted = await movementsByRequest(tx.db, input.requestId);
    if (posted.length) {
      if (posted.every((m) => m.requisitionId === id)) return view(tx, id);
      throw requestIdReused(tx);
    }
    const r = await lockVisible(tx, id, input.version);
    const status = apply(ctx, r.status as RequisitionStatus, { type: 'issue' });
    const source = await visibleLocation(tx, input.sourceLocationId, 'sourceLocationId');
    if (source.kind === 'van') {
      throw fieldError(
        ctx,
        'sourceLocationId',
        'not_a_store',
        '请从中心仓或网点仓发料',
        'issue from a warehouse or store',
      );
    }
    if (r.targetLocationId === source.id) {
      throw fieldError(ctx, 'sourceLocationId', 'same_location', '发料库位与目标相同', 'source is the target');
    }
    const lines = (await linesOf(tx.db, [r.id])).filter((l) => l.approvedQuantity > 0);
    const given = new Map(input.lines.map((l, i) => [l.lineId, { ...l, i }]));
    for (const [lineId, g] of given) {
      if (!lines.some((l) => l.id === lineId))
        throw fieldError(ctx, `lines.${g.i}.lineId`, 'not_found', '没有这一行', 'no such approved line');
    }
    const parts = await partsByIds(
      tx.db,
      lines.map((l) => l.partId),
    );
    const valuableCost = await valuableCostFen(tx);
    const ledger: LedgerLine[] = [];
    const serialsByLine = new Map<string, string[]>();
    for (const l of lines) {
      const p = parts.get(l.partId);
      if (!p) throw new AppError('NOT_FOUND');
      const g = given.get(l.id);
      const i = g?.i ?? input.lines.length;
      const paths = { quantity: `lines.${i}.serials`, serials: `lines.${i}.serials`, lot: `lines.${i}.lot` };
      let serials: string[] = [];
      if (isValuable(p, valuableCost)) {
        serials = (g?.serials ?? []).map((s) => s.toUpperCase());
        if (serials.length !== l.approvedQuantity || new Set(serials).size !== serials.length) {
          throw fieldError(
            ctx,
            paths.serials,
            'serials_required',
            `贵重配件须登记 ${l.approvedQuantity} 个不重复的序列号`,
            `a valuable part needs ${l.approvedQuantity} distinct serials`,
          );
        }
      }
      const units = p.serialTracked
        ? unitsOf(ctx, p, { serials, lot: g?.lot }, paths)
        : unitsOf(ctx, p, { quantity: l.approvedQuantity, lot: g?.lot }, paths);
      serialsByLine.set(l.id, serials);
      const common = { requisitionId: r.id, workOrderId: r.workOrderId, workOrderNumber: r.workOrderNumber };
      for (const u of units) {
        if (r.purpose === 'van') {
          const to = r.targetLocationId as string;
          ledger.push(
            {
              kind: 'transfer_out',
              partId: p.id,
              locationId: source.id,
              ...u,
              quantity: -u.quantity,
              counterLocationId: to,
              ...common,
            },
            { kind: 'transfer_in', partId: p.id, locationId: to, ...u, counterLocationId: source.id, ...common },
          );
        } else {
          ledger.push({
            kind: 'issue',
            partId: p.id,
            locationId: source.id,
            ...u,
            quantity: -u.quantity,
            ...common,
            note: !p.serialTracked && serials.length ? `序列号 ${serials.join(', ')}` : '',
          });
        }
      }
    }
    const result = await postLedger(tx, input.requestId, ledger);
    for (const l of lines) {
      await updateLine(tx.db, l.id, {
        issuedQuantity: l.approvedQuantity,
        issuedSerials: serialsByLine.get(l.id) ?? [],
      });
    }
    const after = await updateRequisitionVersioned(
      tx.db,
      r.id,
      r.version,
      {
        status,
        sourceLocationId: source.id,
        issuedBy: actor.userId,
        issuedByName: actor.displayName,
        issuedAt: tx.now,
      },
      tx.now,
    );
    if (!after) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, {
      action: 'requisition.issued',
      objectType: 'requisition',
      objectId: r.id,
      before: { status: r.status },
      after: { status, sourceLocationId: source.id },
      details: { requestId: input.requestId, movements: ledger.length },
    });
    await stopRequisitionClocks(tx, r.id);
    // Valuable units issued to the job owe their old parts back (旧件回收); into a van, they are followed up.
    await afterStockPosting(tx, result.rows, {
      requisition: { id: r.id, branchId: r.branchId, requesterId: r.requesterId, requesterName: r.requesterName },
      lines: new Map(lines.map((l) => [l.partId, { lineId: l.id, serials: serialsByLine.get(l.id) ?? [] }])),
    });
    return view(tx, r.id);
  });
}

/** POST /api/requisitions/:id/cancel — the requester withdraws it before it is issued. */
export async function cancelRequisition(ctx: Ctx, id: string, input: { version: number }): Promise<Requisition> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id, input.version);
    if (r.requesterId !== actor.userId) {
      throw rule(ctx, 'not_requester', '只有申请人可以撤销', 'only the requester may withdraw it');
    }
    const status = apply(ctx, r.status as RequisitionStatus, { type: 'cancel' });
    const after = await updateRequisitionVersioned(tx.db, r.id, r.version, { status }, tx.now);
    if (!after) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, {
      action: 'requisition.cancelled',
      objectType: 'requisition',
      objectId: r.id,
      before: { status: r.status },
      after: { status },
    });
    await stopRequisitionClocks(tx, r.id);
    return view(tx, r.id);
  });
}
