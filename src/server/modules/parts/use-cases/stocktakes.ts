import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import { sqlState } from '@server/platform/http/db-errors';
import type {
  Stocktake,
  StocktakeScope,
  StocktakeStatus,
  StocktakeSummary,
} from '@shared/contracts/stocktakes.contract';
import type { PartCategory } from '@shared/domain/parts';
import { valueFen } from '../domain/average-cost';
import { locationsByIds, type PartRow, partsByIds } from '../parts.repository';
import {
  balanceKey,
  bookOfLocation,
  findStocktake,
  insertStocktake,
  lockBalances,
  pageStocktakes,
  type StocktakeLineRow,
  type StocktakeRow,
  stocktakeLinesOf,
  updateStocktakeLine,
  updateStocktakeVersioned,
} from '../stocktakes.repository';
import { postLedger } from './ledger';
import { canSeeLocation, fieldError, locationScope, rule, visibleLocation } from './parts-support';

export const stocktakeNumber = (seq: number) => `PD${String(seq).padStart(6, '0')}`;

/** The accuracy report of a set of lines (values at each line's frozen or current average cost). */
export function stocktakeReport(lines: { snapshot: number; counted: number | null; unitCostFen: number }[]) {
  let linesCounted = 0;
  let linesMatching = 0;
  let gainValueFen = 0;
  let lossValueFen = 0;
  for (const l of lines) {
    if (l.counted === null) continue;
    linesCounted++;
    const diff = l.counted - l.snapshot;
    if (diff === 0) linesMatching++;
    else if (diff > 0) gainValueFen += valueFen(diff, l.unitCostFen);
    else lossValueFen += valueFen(diff, l.unitCostFen);
  }
  return {
    lines: lines.length,
    linesCounted,
    linesMatching,
    accuracyBasisPoints: linesCounted ? Math.floor((linesMatching * 10000) / linesCounted) : null,
    gainValueFen,
    lossValueFen,
    netValueFen: gainValueFen + lossValueFen,
  };
}

const costOf = (l: StocktakeLineRow, p: PartRow | undefined) => l.unitCostFen ?? p?.avgCostFen ?? 0;

async function summaries(
  ctx: Ctx,
  rows: StocktakeRow[],
): Promise<(StocktakeSummary & { lines: Stocktake['lines'] })[]> {
  const lines = await stocktakeLinesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const partMap = await partsByIds(ctx.db, [...new Set(lines.map((l) => l.partId))]);
  const locations = await locationsByIds(
    ctx.db,
    rows.map((r) => r.locationId),
  );
  return rows.map((r) => {
    const own = lines.filter((l) => l.stocktakeId === r.id);
    const loc = locations.get(r.locationId);
    return {
      id: r.id,
      number: stocktakeNumber(r.seq),
      locationId: r.locationId,
      locationCode: loc?.code ?? '',
      locationName: loc?.name ?? '',
      branchId: r.branchId,
      scope: r.scope as StocktakeScope,
      categories: r.categories as PartCategory[],
      status: r.status as StocktakeStatus,
      note: r.note,
      createdByName: r.createdByName,
      submittedByName: r.submittedByName,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      approvedByName: r.approvedByName,
      approvedAt: r.approvedAt?.toISOString() ?? null,
      cancelledByName: r.cancelledByName,
      cancelledAt: r.cancelledAt?.toISOString() ?? null,
      cancelReason: r.cancelReason,
      report: stocktakeReport(
        own.map((l) => ({
          snapshot: l.snapshotQuantity,
          counted: l.countedQuantity,
          unitCostFen: costOf(l, partMap.get(l.partId)),
        })),
      ),
      lines: own.map((l) => {
        const p = partMap.get(l.partId);
        const unitCostFen = costOf(l, p);
        const diff = l.countedQuantity === null ? null : l.countedQuantity - l.snapshotQuantity;
        return {
          id: l.id,
          line: l.line,
          partId: l.partId,
          partCode: p?.code ?? '',
          partName: p?.name ?? '',
          spec: p?.spec ?? '',
          unit: p?.unit ?? '',
          category: (p?.category ?? 'other') as PartCategory,
          lot: l.lot,
          serial: l.serial,
          expiryDate: l.expiryDate,
          snapshotQuantity: l.snapshotQuantity,
          countedQuantity: l.countedQuantity,
          differenceQuantity: diff,
          unitCostFen,
          differenceValueFen: diff === null ? null : valueFen(diff, unitCostFen),
          countedByName: l.countedByName,
          countedAt: l.countedAt?.toISOString() ?? null,
          movementId: l.movementId,
        };
      }),
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

async function view(ctx: Ctx, id: string): Promise<Stocktake> {
  const r = await findStocktake(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND');
  return (await summaries(ctx, [r]))[0] as Stocktake;
}

/** GET /api/stocktakes — of the locations the actor sees. */
export async function listStocktakes(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; status?: StocktakeStatus; locationId?: string },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { items, total } = await pageStocktakes(
    ctx.db,
    {
      scope: locationScope(actor),
      ...(q.status ? { status: q.status } : {}),
      ...(q.locationId ? { locationId: q.locationId } : {}),
    },
    page,
    pageSize,
  );
  const full = await summaries(ctx, items);
  return { items: full.map(({ lines: _lines, ...s }) => s), total, page, pageSize };
}

/** GET /api/stocktakes/:stocktakeId — another branch's stocktake is NOT_FOUND. */
export async function getStocktake(ctx: Ctx, id: string): Promise<Stocktake> {
  const actor = requireActor(ctx.actor);
  const r = await findStocktake(ctx.db, id);
  if (!r || !canSeeLocation(actor, r)) throw new AppError('NOT_FOUND');
  return view(ctx, id);
}

/** The open (counting or submitted) stocktake of a location, if any: at most one (a partial unique index). */
async function openStocktakeAt(ctx: Ctx, locationId: string): Promise<StocktakeRow | null> {
  for (const status of ['counting', 'submitted'] as const) {
    const { items } = await pageStocktakes(ctx.db, { scope: undefined, status, locationId }, 1, 1);
    if (items[0]) return items[0];
  }
  return null;
}

function openStocktakeConflict(ctx: Ctx, open: StocktakeRow | null): AppError {
  return new AppError('CONFLICT', {
    reason: 'open_stocktake',
    message:
      ctx.request.locale === 'zh-CN'
        ? `该库位已有进行中的盘点${open ? ` ${stocktakeNumber(open.seq)}` : ''}，请先完成或取消`
        : `This location already has an open stocktake${open ? ` ${stocktakeNumber(open.seq)}` : ''}; finish or cancel it first`,
    ...(open ? { stocktakeId: open.id, number: stocktakeNumber(open.seq) } : {}),
  });
}

/**
 * POST /api/stocktakes — freezes the book balances of the location in the same transaction. One open stocktake per
 * location: another one counting or submitted → 409 `CONFLICT` `open_stocktake` (its id and number); two starting at
 * once meet the partial unique index and the loser gets the same answer.
 */
export async function startStocktake(
  ctx: Ctx,
  input: { locationId: string; scope: StocktakeScope; categories?: PartCategory[]; note?: string },
): Promise<Stocktake> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const loc = await visibleLocation(tx, input.locationId, 'locationId');
    if (input.scope === 'cycle' && !input.categories) {
      throw fieldError(ctx, 'categories', 'required', '循环盘点须选择配件类别', 'a cycle count names its categories');
    }
    if (input.scope === 'full' && input.categories) {
      throw fieldError(ctx, 'categories', 'not_allowed', '全盘不按类别', 'a full count covers every category');
    }
    const open = await openStocktakeAt(tx, loc.id);
    if (open) throw openStocktakeConflict(ctx, open);
    const categories = input.scope === 'cycle' ? [...new Set(input.categories)] : [];
    const book = await bookOfLocation(tx.db, loc.id, input.scope === 'cycle' ? categories : null);
    if (!book.length) {
      throw rule(ctx, 'nothing_to_count', '该库位（类别）没有库存记录可盘点', 'No stock on the book to count here');
    }
    const row = {
      locationId: loc.id,
      branchId: loc.branchId,
      scope: input.scope,
      categories,
      status: 'counting',
      note: input.note ?? '',
      createdBy: actor.userId,
      createdByName: actor.displayName,
      createdAt: tx.now,
      updatedAt: tx.now,
    };
    const lines = book.map((b, i) => ({
      line: i + 1,
      partId: b.partId,
      lot: b.lot,
      serial: b.serial,
      expiryDate: b.expiryDate,
      snapshotQuantity: b.quantity,
    }));
    let r: StocktakeRow;
    try {
      // In a savepoint: a concurrent start that won the race leaves this transaction usable to name it.
      r = await tx.db.transaction((sp) => insertStocktake(sp, row, lines));
    } catch (err) {
      if (sqlState(err) !== '23505') throw err;
      throw openStocktakeConflict(ctx, await openStocktakeAt(tx, loc.id));
    }
    await writeAudit(tx, {
      action: 'stocktake.created',
      objectType: 'stocktake',
      objectId: r.id,
      after: { locationId: loc.id, scope: input.scope, categories, lines: book.length },
    });
    return view(tx, r.id);
  });
}

async function lockVisible(tx: Ctx, id: string): Promise<StocktakeRow> {
  const actor = requireActor(tx.actor);
  const r = await findStocktake(tx.db, id, 'update');
  if (!r || !canSeeLocation(actor, r)) throw new AppError('NOT_FOUND');
  return r;
}

function checkVersion(r: StocktakeRow, version: number): void {
  if (r.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: r.version });
}

function checkStatus(r: StocktakeRow, allowed: StocktakeStatus[], event: string): void {
  if (!allowed.includes(r.status as StocktakeStatus)) {
    throw new AppError('ILLEGAL_TRANSITION', { status: r.status, event });
  }
}

async function bump(tx: Ctx, r: StocktakeRow, set: Parameters<typeof updateStocktakeVersioned>[3]) {
  const after = await updateStocktakeVersioned(tx.db, r.id, r.version, set, tx.now);
  if (!after) throw new AppError('VERSION_CONFLICT');
  return after;
}

/** PUT /api/stocktakes/:id/counts — counts per line, re-enterable while counting. */
export async function recordCounts(
  ctx: Ctx,
  id: string,
  input: { version: number; counts: { lineId: string; countedQuantity: number }[] },
): Promise<Stocktake> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id);
    checkVersion(r, input.version);
    checkStatus(r, ['counting'], 'count');
    const lines = new Map((await stocktakeLinesOf(tx.db, [r.id])).map((l) => [l.id, l]));
    const seen = new Set<string>();
    input.counts.forEach((c, i) => {
      const l = lines.get(c.lineId);
      if (!l)
        throw fieldError(ctx, `counts.${i}.lineId`, 'not_found', '不是本次盘点的行', 'not a line of this stocktake');
      if (seen.has(c.lineId))
        throw fieldError(ctx, `counts.${i}.lineId`, 'duplicate', '同一行重复填写', 'the line is listed twice');
      seen.add(c.lineId);
      if (l.serial && c.countedQuantity > 1) {
        throw fieldError(
          ctx,
          `counts.${i}.countedQuantity`,
          'serial_one',
          '序列号配件只能是 0 或 1',
          'a serial unit counts 0 or 1',
        );
      }
    });
    for (const c of input.counts) {
      await updateStocktakeLine(tx.db, c.lineId, {
        countedQuantity: c.countedQuantity,
        countedByName: actor.displayName,
        countedAt: tx.now,
      });
    }
    await bump(tx, r, {});
    return view(tx, r.id);
  });
}

/** POST /api/stocktakes/:id/submit — every line counted; differences valued at the current average cost. */
export async function submitStocktake(ctx: Ctx, id: string, input: { version: number }): Promise<Stocktake> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id);
    checkVersion(r, input.version);
    checkStatus(r, ['counting'], 'submit');
    const lines = await stocktakeLinesOf(tx.db, [r.id]);
    const uncounted = lines.filter((l) => l.countedQuantity === null).map((l) => l.line);
    if (uncounted.length) {
      throw rule(ctx, 'uncounted_lines', '还有未盘点的行', 'Some lines are not counted yet', { lines: uncounted });
    }
    const partMap = await partsByIds(tx.db, [...new Set(lines.map((l) => l.partId))]);
    for (const l of lines) {
      await updateStocktakeLine(tx.db, l.id, { unitCostFen: partMap.get(l.partId)?.avgCostFen ?? 0 });
    }
    await bump(tx, r, {
      status: 'submitted',
      submittedBy: actor.userId,
      submittedByName: actor.displayName,
      submittedAt: tx.now,
    });
    await writeAudit(tx, { action: 'stocktake.submitted', objectType: 'stocktake', objectId: r.id });
    return view(tx, r.id);
  });
}

/** The ledger request id of a line's adjustment: a retried approval replays instead of posting again. */
export const stocktakeRequestId = (lineId: string) => `stocktake:${lineId}`;

/**
 * POST /api/stocktakes/:id/approve — by someone other than the submitter. Posts every difference as an `adjustment`
 * in one transaction, refused (409, nothing posted) when the book of a line with a difference moved since the
 * snapshot. An approved stocktake is returned as it is (a retry acts once).
 */
export async function approveStocktake(ctx: Ctx, id: string, input: { version: number }): Promise<Stocktake> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id);
    if (r.status === 'approved') return view(tx, r.id);
    checkVersion(r, input.version);
    checkStatus(r, ['submitted'], 'approve');
    if (r.submittedBy === actor.userId) {
      throw rule(ctx, 'own_stocktake', '不能审批自己提交的盘点', 'You cannot approve a stocktake you submitted');
    }
    const lines = (await stocktakeLinesOf(tx.db, [r.id])).filter(
      (l) => l.countedQuantity !== null && l.countedQuantity !== l.snapshotQuantity,
    );
    const book = await lockBalances(tx.db, r.locationId, lines);
    const moved = lines.filter((l) => (book.get(balanceKey(l)) ?? 0) !== l.snapshotQuantity);
    if (moved.length) {
      const partMap = await partsByIds(tx.db, [...new Set(moved.map((l) => l.partId))]);
      throw new AppError('CONFLICT', {
        reason: 'book_moved',
        message:
          ctx.request.locale === 'zh-CN'
            ? '盘点后账面库存已变动，请重新盘点这些行'
            : 'The book changed since the snapshot; count these lines again',
        lines: moved.map((l) => ({
          lineId: l.id,
          line: l.line,
          partCode: partMap.get(l.partId)?.code ?? '',
          lot: l.lot,
          serial: l.serial,
          snapshotQuantity: l.snapshotQuantity,
          bookQuantity: book.get(balanceKey(l)) ?? 0,
        })),
      });
    }
    const reason = `盘点 ${stocktakeNumber(r.seq)}`;
    for (const l of lines) {
      const posted = await postLedger(tx, stocktakeRequestId(l.id), [
        {
          kind: 'adjustment',
          partId: l.partId,
          locationId: r.locationId,
          lot: l.lot,
          serial: l.serial,
          expiryDate: l.expiryDate,
          quantity: (l.countedQuantity as number) - l.snapshotQuantity,
          reason,
        },
      ]);
      await updateStocktakeLine(tx.db, l.id, { movementId: posted.rows[0]?.id ?? null });
    }
    await bump(tx, r, {
      status: 'approved',
      approvedBy: actor.userId,
      approvedByName: actor.displayName,
      approvedAt: tx.now,
    });
    await writeAudit(tx, {
      action: 'stocktake.approved',
      objectType: 'stocktake',
      objectId: r.id,
      after: { adjustments: lines.length },
    });
    return view(tx, r.id);
  });
}

/** POST /api/stocktakes/:id/recount — back to counting; lines whose book moved get a new snapshot and no count. */
export async function recountStocktake(ctx: Ctx, id: string, input: { version: number }): Promise<Stocktake> {
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id);
    checkVersion(r, input.version);
    checkStatus(r, ['submitted'], 'recount');
    const lines = await stocktakeLinesOf(tx.db, [r.id]);
    const book = await lockBalances(tx.db, r.locationId, lines);
    const moved = lines.filter((l) => (book.get(balanceKey(l)) ?? 0) !== l.snapshotQuantity);
    for (const l of lines) {
      const m = moved.includes(l);
      await updateStocktakeLine(tx.db, l.id, {
        unitCostFen: null,
        ...(m
          ? {
              snapshotQuantity: book.get(balanceKey(l)) ?? 0,
              countedQuantity: null,
              countedByName: null,
              countedAt: null,
            }
          : {}),
      });
    }
    await bump(tx, r, { status: 'counting', submittedBy: null, submittedByName: null, submittedAt: null });
    await writeAudit(tx, {
      action: 'stocktake.recount',
      objectType: 'stocktake',
      objectId: r.id,
      after: { lines: moved.map((l) => l.line) },
    });
    return view(tx, r.id);
  });
}

/** POST /api/stocktakes/:id/cancel — before approval; nothing is posted. */
export async function cancelStocktake(
  ctx: Ctx,
  id: string,
  input: { version: number; reason: string },
): Promise<Stocktake> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const r = await lockVisible(tx, id);
    checkVersion(r, input.version);
    checkStatus(r, ['counting', 'submitted'], 'cancel');
    await bump(tx, r, {
      status: 'cancelled',
      cancelledByName: actor.displayName,
      cancelledAt: tx.now,
      cancelReason: input.reason,
    });
    await writeAudit(tx, {
      action: 'stocktake.cancelled',
      objectType: 'stocktake',
      objectId: r.id,
      after: { reason: input.reason },
    });
    return view(tx, r.id);
  });
}
