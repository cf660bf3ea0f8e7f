import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { PurchasePlan, PurchasePlanStatus, PurchasePlanSummary } from '@shared/contracts/purchasing.contract';
import type { PartCategory } from '@shared/domain/parts';
import { addDays, localDay } from '../domain/local-day';
import {
  chooseOffer,
  DEFAULT_HORIZON_DAYS,
  DEFAULT_USAGE_WEEKS,
  manualReasons,
  type PlanPartInput,
  type PlanSettings,
  proposePlan,
} from '../domain/purchase-plan';
import { locationsByIds, type PartRow, partsByIds } from '../parts.repository';
import {
  contractsByIds,
  findPlan,
  findPlanByRequest,
  insertOrder,
  insertPlan,
  levelsAt,
  lockPlanRequest,
  type NewOrderLine,
  type NewPlanLine,
  onHandAt,
  onOrderAt,
  openRequisitionDemand,
  ordersOfPlans,
  type PlanLineRow,
  type PlanRow,
  pagePlans,
  planLineCounts,
  planLinesOf,
  replacePlanLines,
  suppliersByIds,
  updatePlanVersioned,
  usageBetween,
  weeklyUsageAt,
} from '../purchasing.repository';
import { orderNumber, planNumber, toReasons } from '../purchasing.views';
import { canSeeLocation, fieldError, locationScope, rule } from './parts-support';
import { requestIdReused } from './post-stock-movement';
import { offersByPart, orderViews, receivingLocation } from './purchase-orders';
import { zoneOf } from './purchasing-support';

// Purchase plans (采购计划): proposed from the stock data for one receiving location, edited while a draft,
// submitted, approved or rejected by the head (not by whoever made it), then turned into one order per supplier.

const DAY_MS = 86_400_000;

interface PlanBasis {
  usageWeeks: number;
  horizonDays: number;
  proposedOn: string;
}

async function views(ctx: Ctx, rows: PlanRow[], withLines: boolean) {
  const ids = rows.map((r) => r.id);
  const lines = withLines ? await planLinesOf(ctx.db, ids) : [];
  const counts = await planLineCounts(ctx.db, ids);
  const parts = await partsByIds(
    ctx.db,
    lines.map((l) => l.partId),
  );
  const suppliers = await suppliersByIds(
    ctx.db,
    lines.map((l) => l.supplierId),
  );
  const contracts = await contractsByIds(
    ctx.db,
    lines.map((l) => l.contractId),
  );
  const locations = await locationsByIds(
    ctx.db,
    rows.map((r) => r.locationId),
  );
  const orders = await orderViews(ctx, await ordersOfPlans(ctx.db, ids));
  return rows.map((r) => {
    const own = lines.filter((l) => l.planId === r.id);
    const loc = locations.get(r.locationId);
    const basis = r.basis as PlanBasis;
    return {
      id: r.id,
      number: planNumber(r.seq),
      locationId: r.locationId,
      locationCode: loc?.code ?? '',
      locationName: loc?.name ?? '',
      branchId: r.branchId,
      status: r.status as PurchasePlanStatus,
      basis: { usageWeeks: basis.usageWeeks, horizonDays: basis.horizonDays, proposedOn: basis.proposedOn },
      note: r.note,
      createdBy: r.createdBy,
      createdByName: r.createdByName,
      decidedByName: r.decidedByName,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      rejectReason: r.rejectReason,
      lines: own.map((l) => {
        const p = parts.get(l.partId);
        return {
          id: l.id,
          line: l.line,
          partId: l.partId,
          partCode: p?.code ?? '',
          partName: p?.name ?? '',
          spec: p?.spec ?? '',
          unit: p?.unit ?? '',
          category: (p?.category ?? 'other') as PartCategory,
          suggestedQuantity: l.suggestedQuantity,
          quantity: l.quantity,
          supplierId: l.supplierId,
          supplierName: l.supplierId ? (suppliers.get(l.supplierId)?.name ?? null) : null,
          contractId: l.contractId,
          contractNumber: l.contractId ? (contracts.get(l.contractId)?.number ?? null) : null,
          unitPriceFen: l.unitPriceFen,
          amountFen: l.quantity * l.unitPriceFen,
          reasons: toReasons(l.reasons),
        };
      }),
      lineCount: counts.get(r.id) ?? 0,
      totalFen: own.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0),
      orders: orders
        .filter((o) => o.planId === r.id)
        .map((o) => ({
          id: o.id,
          number: o.number,
          supplierId: o.supplierId,
          supplierName: o.supplierName,
          status: o.status,
          totalFen: o.totalFen,
        })),
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

async function view(ctx: Ctx, id: string): Promise<PurchasePlan> {
  const r = await findPlan(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND');
  const [v] = await views(ctx, [r], true);
  const { lineCount: _n, ...plan } = v as NonNullable<typeof v>;
  return plan;
}

/** GET /api/purchase-plans — of the locations the actor sees (lines left out, totals kept). */
export async function listPurchasePlans(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; status?: PurchasePlanStatus; locationId?: string },
): Promise<{ items: PurchasePlanSummary[]; total: number; page: number; pageSize: number }> {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { items, total } = await pagePlans(
    ctx.db,
    {
      scope: locationScope(actor),
      ...(q.status ? { status: q.status } : {}),
      ...(q.locationId ? { locationId: q.locationId } : {}),
    },
    page,
    pageSize,
  );
  // The list shows totals: read the lines, then leave them out.
  const full = await views(ctx, items, true);
  return { items: full.map(({ lines: _l, ...s }) => s), total, page, pageSize };
}

/** GET /api/purchase-plans/:planId — another branch's plan is NOT_FOUND. */
export async function getPurchasePlan(ctx: Ctx, id: string): Promise<PurchasePlan> {
  const actor = requireActor(ctx.actor);
  const r = await findPlan(ctx.db, id);
  if (!r || !canSeeLocation(actor, r)) throw new AppError('NOT_FOUND');
  return view(ctx, id);
}

const sumBy = (rows: { partId: string; quantity: number }[]) =>
  new Map(rows.map((r) => [r.partId, Number(r.quantity)]));

/**
 * The proposal's inputs for one location: every active part with a reorder level, stock, usage, open requisitions
 * or open orders there. Usage windows are counted back from ctx.now; last year's from the same instant a year ago.
 */
async function proposalInputs(
  ctx: Ctx,
  loc: { id: string; branchId: string | null },
  settings: PlanSettings,
): Promise<{ inputs: PlanPartInput[]; parts: Map<string, PartRow> }> {
  const weeks = settings.usageWeeks;
  const now = ctx.now;
  const windowStart = new Date(now.getTime() - weeks * 7 * DAY_MS);
  const levels = new Map((await levelsAt(ctx.db, loc.id)).map((l) => [l.partId, l]));
  const onHand = sumBy(await onHandAt(ctx.db, loc.id));
  const weekly = await weeklyUsageAt(ctx.db, loc.id, windowStart, now);
  const requisitions = sumBy(await openRequisitionDemand(ctx.db, loc.branchId));
  const onOrder = sumBy(await onOrderAt(ctx.db, loc.id));
  const lastYearNow = new Date(now);
  lastYearNow.setUTCFullYear(lastYearNow.getUTCFullYear() - 1);
  const lyWindow = await usageBetween(
    ctx.db,
    loc.id,
    new Date(lastYearNow.getTime() - weeks * 7 * DAY_MS),
    lastYearNow,
  );
  const lyHorizon = await usageBetween(
    ctx.db,
    loc.id,
    lastYearNow,
    new Date(lastYearNow.getTime() + settings.horizonDays * DAY_MS),
  );
  const ids = new Set<string>([
    ...levels.keys(),
    ...onHand.keys(),
    ...weekly.map((w) => w.partId),
    ...requisitions.keys(),
    ...onOrder.keys(),
  ]);
  const parts = await partsByIds(ctx.db, [...ids]);
  const inputs = [...parts.values()]
    .filter((p) => p.active)
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((p): PlanPartInput => {
      const usage = new Array<number>(weeks).fill(0);
      for (const w of weekly) {
        if (w.partId === p.id && w.week >= 0 && w.week < weeks) usage[w.week] = (usage[w.week] ?? 0) + w.used;
      }
      const level = levels.get(p.id);
      return {
        partId: p.id,
        category: p.category as PartCategory,
        onHand: onHand.get(p.id) ?? 0,
        reorderPoint: level?.reorderPoint ?? 0,
        reorderQuantity: level?.reorderQuantity ?? 0,
        openRequisitions: requisitions.get(p.id) ?? 0,
        onOrder: onOrder.get(p.id) ?? 0,
        weeklyUsage: usage,
        lastYear: { windowUsage: lyWindow.get(p.id) ?? 0, horizonUsage: lyHorizon.get(p.id) ?? 0 },
      };
    });
  return { inputs, parts };
}

export interface CreatePlanInput {
  requestId: string;
  locationId: string;
  usageWeeks?: number;
  horizonDays?: number;
  note?: string;
}

/**
 * POST /api/purchase-plans — proposes a draft for a receiving location (central warehouse or a store). Each line
 * takes the cheapest current contract (a tie: the shorter delivery). A retry with the same requestId returns the
 * first plan.
 */
export async function createPurchasePlan(ctx: Ctx, input: CreatePlanInput): Promise<PurchasePlan> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    await lockPlanRequest(tx.db, actor.userId, input.requestId);
    const again = await findPlanByRequest(tx.db, actor.userId, input.requestId);
    if (again) {
      if (again.locationId !== input.locationId) throw requestIdReused(tx);
      return view(tx, again.id);
    }
    const loc = await receivingLocation(tx, input.locationId, 'locationId');
    const today = localDay(tx.now, await zoneOf(tx, loc.branchId));
    const settings: PlanSettings = {
      usageWeeks: input.usageWeeks ?? DEFAULT_USAGE_WEEKS,
      horizonDays: input.horizonDays ?? DEFAULT_HORIZON_DAYS,
      month: Number(today.slice(5, 7)),
    };
    const { inputs } = await proposalInputs(tx, loc, settings);
    const proposal = proposePlan(inputs, settings);
    const offers = await offersByPart(
      tx,
      today,
      proposal.map((l) => l.partId),
    );
    const lines: NewPlanLine[] = proposal.map((l, i) => {
      const offer = chooseOffer(offers.get(l.partId) ?? []);
      return {
        line: i + 1,
        partId: l.partId,
        suggestedQuantity: l.quantity,
        quantity: l.quantity,
        supplierId: offer?.supplierId ?? null,
        contractId: offer?.contractId ?? null,
        unitPriceFen: offer?.unitPriceFen ?? 0,
        reasons: l.reasons,
      };
    });
    const basis: PlanBasis = { usageWeeks: settings.usageWeeks, horizonDays: settings.horizonDays, proposedOn: today };
    const plan = await insertPlan(
      tx.db,
      {
        locationId: loc.id,
        branchId: loc.branchId,
        status: 'draft',
        basis,
        note: input.note ?? '',
        createdBy: actor.userId,
        createdByName: actor.displayName,
        requestId: input.requestId,
        createdAt: tx.now,
        updatedAt: tx.now,
      },
      lines,
    );
    await writeAudit(tx, {
      action: 'purchase_plan.created',
      objectType: 'purchase_plan',
      objectId: plan.id,
      after: { number: planNumber(plan.seq), locationId: loc.id, lines: lines.length, ...basis },
    });
    return view(tx, plan.id);
  });
}

async function lockVisible(tx: Ctx, id: string): Promise<PlanRow> {
  const actor = requireActor(tx.actor);
  const r = await findPlan(tx.db, id, 'update');
  if (!r || !canSeeLocation(actor, r)) throw new AppError('NOT_FOUND');
  return r;
}

function checkVersion(r: PlanRow, version: number): void {
  if (r.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: r.version });
}

function checkStatus(r: PlanRow, allowed: PurchasePlanStatus[], event: string): void {
  if (!allowed.includes(r.status as PurchasePlanStatus)) {
    throw new AppError('ILLEGAL_TRANSITION', { status: r.status, event });
  }
}

async function bump(tx: Ctx, r: PlanRow, set: Parameters<typeof updatePlanVersioned>[3]): Promise<PlanRow> {
  const after = await updatePlanVersioned(tx.db, r.id, r.version, set, tx.now);
  if (!after) throw new AppError('VERSION_CONFLICT');
  return after;
}

export interface UpdatePlanInput {
  version: number;
  note?: string;
  lines: { partId: string; quantity: number; supplierId?: string | null }[];
}

/**
 * PUT /api/purchase-plans/:planId — a draft's full list of lines: a part kept keeps its suggestion and reasons; a
 * new part is a manual line; a part left out is removed. A named supplier needs a current contract for the part
 * (its price is taken); null leaves the line without a supplier.
 */
export async function updatePurchasePlan(ctx: Ctx, id: string, input: UpdatePlanInput): Promise<PurchasePlan> {
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id);
    checkVersion(r, input.version);
    checkStatus(r, ['draft'], 'edit');
    const basis = r.basis as PlanBasis;
    const today = localDay(tx.now, await zoneOf(tx, r.branchId));
    const existing = new Map((await planLinesOf(tx.db, [r.id])).map((l) => [l.partId, l]));
    const parts = await partsByIds(
      tx.db,
      input.lines.map((l) => l.partId),
    );
    const offers = await offersByPart(
      tx,
      today,
      input.lines.map((l) => l.partId),
    );
    const seen = new Set<string>();
    const lines: NewPlanLine[] = input.lines.map((l, i) => {
      const old = existing.get(l.partId);
      const p = parts.get(l.partId);
      if (!old && !p?.active)
        throw fieldError(ctx, `lines.${i}.partId`, 'not_found', '配件不存在或已停用', 'no such active part');
      if (seen.has(l.partId))
        throw fieldError(ctx, `lines.${i}.partId`, 'duplicate', '同一配件请合并为一行', 'one line per part');
      seen.add(l.partId);
      const partOffers = offers.get(l.partId) ?? [];
      let supplier: { supplierId: string | null; contractId: string | null; unitPriceFen: number };
      if (l.supplierId === null) supplier = { supplierId: null, contractId: null, unitPriceFen: 0 };
      else if (l.supplierId === undefined && old) {
        supplier = { supplierId: old.supplierId, contractId: old.contractId, unitPriceFen: old.unitPriceFen };
      } else {
        const offer = chooseOffer(
          l.supplierId === undefined ? partOffers : partOffers.filter((o) => o.supplierId === l.supplierId),
        );
        if (!offer && l.supplierId !== undefined) {
          throw fieldError(
            ctx,
            `lines.${i}.supplierId`,
            'no_contract',
            '该供应商没有这个配件的有效合同',
            'this supplier has no current contract for the part',
          );
        }
        supplier = {
          supplierId: offer?.supplierId ?? null,
          contractId: offer?.contractId ?? null,
          unitPriceFen: offer?.unitPriceFen ?? 0,
        };
      }
      return {
        line: i + 1,
        partId: l.partId,
        suggestedQuantity: old?.suggestedQuantity ?? 0,
        quantity: l.quantity,
        ...supplier,
        reasons: old?.reasons ?? manualReasons(basis),
      };
    });
    await replacePlanLines(tx.db, r.id, lines);
    await bump(tx, r, input.note !== undefined ? { note: input.note } : {});
    await writeAudit(tx, {
      action: 'purchase_plan.updated',
      objectType: 'purchase_plan',
      objectId: r.id,
      before: { lines: [...existing.values()].map(lineFacts) },
      after: { lines: lines.map((l) => lineFacts(l as PlanLineRow)) },
    });
    return view(tx, r.id);
  });
}

const lineFacts = (l: Pick<PlanLineRow, 'partId' | 'quantity' | 'supplierId' | 'unitPriceFen'>) => ({
  partId: l.partId,
  quantity: l.quantity,
  supplierId: l.supplierId,
  unitPriceFen: l.unitPriceFen,
});

/** POST /api/purchase-plans/:planId/submit — a draft with at least one line to order. */
export async function submitPurchasePlan(ctx: Ctx, id: string, input: { version: number }): Promise<PurchasePlan> {
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id);
    checkVersion(r, input.version);
    checkStatus(r, ['draft'], 'submit');
    const lines = await planLinesOf(tx.db, [r.id]);
    if (!lines.some((l) => l.quantity > 0)) {
      throw rule(ctx, 'empty_plan', '计划中没有要采购的配件', 'The plan has nothing to order');
    }
    await bump(tx, r, { status: 'submitted' });
    await writeAudit(tx, {
      action: 'purchase_plan.submitted',
      objectType: 'purchase_plan',
      objectId: r.id,
      before: { status: r.status },
      after: { status: 'submitted' },
    });
    return view(tx, r.id);
  });
}

/** POST /api/purchase-plans/:planId/decision — the head approves or rejects (with a reason); never their own plan. */
export async function decidePurchasePlan(
  ctx: Ctx,
  id: string,
  input: { version: number; decision: 'approve' | 'reject'; reason?: string },
): Promise<PurchasePlan> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id);
    checkVersion(r, input.version);
    checkStatus(r, ['submitted'], input.decision);
    if (input.decision === 'reject' && !input.reason) {
      throw fieldError(ctx, 'reason', 'required', '驳回须说明原因', 'a rejection needs a reason');
    }
    if (input.decision === 'approve' && r.createdBy === actor.userId) {
      throw rule(ctx, 'own_plan', '不能审批自己编制的采购计划', 'You cannot approve a plan you made');
    }
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    await bump(tx, r, {
      status,
      decidedBy: actor.userId,
      decidedByName: actor.displayName,
      decidedAt: tx.now,
      rejectReason: input.reason ?? '',
    });
    await writeAudit(tx, {
      action: `purchase_plan.${status}`,
      objectType: 'purchase_plan',
      objectId: r.id,
      before: { status: r.status },
      after: { status },
      details: input.reason ? { reason: input.reason } : undefined,
    });
    return view(tx, r.id);
  });
}

/**
 * POST /api/purchase-plans/:planId/cancel — a plan not ordered yet is dropped (the reason is kept in `rejectReason`);
 * e.g. an approved plan whose line to order has no supplier.
 */
export async function cancelPurchasePlan(
  ctx: Ctx,
  id: string,
  input: { version: number; reason: string },
): Promise<PurchasePlan> {
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id);
    checkVersion(r, input.version);
    checkStatus(r, ['draft', 'submitted', 'approved'], 'cancel');
    await bump(tx, r, { status: 'cancelled', rejectReason: input.reason });
    await writeAudit(tx, {
      action: 'purchase_plan.cancelled',
      objectType: 'purchase_plan',
      objectId: r.id,
      before: { status: r.status },
      after: { status: 'cancelled' },
      details: { reason: input.reason },
    });
    return view(tx, r.id);
  });
}

/**
 * POST /api/purchase-plans/:planId/order — an approved plan becomes one open purchase order per supplier with the
 * lines of quantity > 0 (expected = today + the longest delivery days of its contracts). A line to order without
 * a supplier, or with one deactivated since, blocks it (field error). An ordered plan is returned as it is: a retry
 * acts once.
 */
export async function orderPurchasePlan(ctx: Ctx, id: string, input: { version: number }): Promise<PurchasePlan> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id);
    if (r.status === 'ordered') return view(tx, r.id);
    checkVersion(r, input.version);
    checkStatus(r, ['approved'], 'order');
    const lines = await planLinesOf(tx.db, [r.id]);
    const toOrder = lines.filter((l) => l.quantity > 0);
    const missing = lines.findIndex((l) => l.quantity > 0 && !l.supplierId);
    if (missing >= 0) {
      throw fieldError(
        ctx,
        `lines.${missing}.supplierId`,
        'required',
        '有要采购的配件没有供应商',
        'a line to order has no supplier',
      );
    }
    const suppliers = await suppliersByIds(
      tx.db,
      toOrder.map((l) => l.supplierId),
    );
    const inactive = lines.findIndex((l) => l.quantity > 0 && suppliers.get(l.supplierId as string)?.active === false);
    if (inactive >= 0) {
      throw fieldError(
        ctx,
        `lines.${inactive}.supplierId`,
        'inactive',
        '该供应商已停用',
        'this supplier is no longer active',
      );
    }
    const contracts = await contractsByIds(
      tx.db,
      toOrder.map((l) => l.contractId),
    );
    const today = localDay(tx.now, await zoneOf(tx, r.branchId));
    const groups = new Map<string, PlanLineRow[]>();
    for (const l of toOrder) groups.set(l.supplierId as string, [...(groups.get(l.supplierId as string) ?? []), l]);
    const supplierIds = [...groups.keys()].sort((a, b) =>
      (suppliers.get(a)?.code ?? a) < (suppliers.get(b)?.code ?? b) ? -1 : 1,
    );
    const made: { id: string; number: string; supplierId: string }[] = [];
    for (const supplierId of supplierIds) {
      const group = groups.get(supplierId) as PlanLineRow[];
      const days = group.map((l) => (l.contractId ? (contracts.get(l.contractId)?.deliveryDays ?? 0) : 0));
      const orderLines: NewOrderLine[] = group.map((l, i) => ({
        line: i + 1,
        partId: l.partId,
        quantity: l.quantity,
        unitPriceFen: l.unitPriceFen,
      }));
      const o = await insertOrder(
        tx.db,
        {
          planId: r.id,
          supplierId,
          contractId: group.find((l) => l.contractId)?.contractId ?? null,
          locationId: r.locationId,
          branchId: r.branchId,
          status: 'open',
          orderedAt: tx.now,
          expectedOn: addDays(today, Math.max(0, ...days)),
          note: planNumber(r.seq),
          createdBy: actor.userId,
          createdByName: actor.displayName,
          createdAt: tx.now,
          updatedAt: tx.now,
        },
        orderLines,
      );
      made.push({ id: o.id, number: orderNumber(o.seq), supplierId });
      await writeAudit(tx, {
        action: 'purchase_order.created',
        objectType: 'purchase_order',
        objectId: o.id,
        after: {
          number: orderNumber(o.seq),
          planId: r.id,
          supplierId,
          lines: orderLines.length,
          totalFen: orderLines.reduce((s, l) => s + l.quantity * (l.unitPriceFen ?? 0), 0),
        },
      });
    }
    await bump(tx, r, { status: 'ordered' });
    await writeAudit(tx, {
      action: 'purchase_plan.ordered',
      objectType: 'purchase_plan',
      objectId: r.id,
      before: { status: r.status },
      after: { status: 'ordered' },
      details: { orders: made },
    });
    return view(tx, r.id);
  });
}
