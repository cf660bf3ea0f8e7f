import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import { sqlConstraint, sqlState } from '@server/platform/http/db-errors';
import type { Posting } from '@shared/contracts/parts.contract';
import type { MovementKind } from '@shared/domain/parts';
import { receiveAverage, removeReceipt, valueFen } from '../domain/average-cost';
import {
  addToBalance,
  type BalanceKey,
  balanceQuantity,
  findPart,
  insertMovements,
  lockRequestId,
  lotExpiry,
  type MovementRow,
  movementsByRequest,
  movementsWithNames,
  onHandOfPart,
  type PartRow,
  reversedIds,
  setAverageCost,
  takeFromBalance,
} from '../parts.repository';
import { toMovement } from '../parts.views';
import { rule } from './parts-support';

/** One ledger row to post. `quantity` is signed; `unitCostFen` is set for receipts (price) and reversals. */
export interface LedgerLine {
  kind: MovementKind;
  partId: string;
  locationId: string;
  lot?: string;
  serial?: string;
  expiryDate?: string | null;
  quantity: number;
  unitCostFen?: number;
  counterLocationId?: string | null;
  workOrderId?: string | null;
  workOrderNumber?: string;
  requisitionId?: string | null;
  reversalOf?: string | null;
  reason?: string;
  note?: string;
  supplier?: string;
  /** Receipts against a purchase order and returns to a supplier name the supplier (evaluations read these). */
  supplierId?: string | null;
  purchaseOrderId?: string | null;
  /** A reversal of a receipt: takes the receipt's value out of the weighted average again. */
  reversesReceipt?: boolean;
}

export type PostResult = { replayed: false; rows: MovementRow[] } | { replayed: true; rows: MovementRow[] };

/**
 * Posts the lines of one request id in the caller's transaction: balances first (all decrements, then all
 * increments, each group in key order so concurrent postings lock rows in the same order), then the movement rows.
 * A request id already posted returns its rows (`replayed`) and changes nothing; the caller checks they match.
 * Stock never goes negative: a decrement happens only `WHERE quantity >= n`, and CHECK (quantity >= 0) backs it.
 */
export async function postLedger(ctx: Ctx, requestId: string, lines: LedgerLine[]): Promise<PostResult> {
  if (!ctx.inTransaction) throw new Error('postLedger runs inside a transaction');
  await lockRequestId(ctx.db, requestId);
  const existing = await movementsByRequest(ctx.db, requestId);
  if (existing.length) return { replayed: true, rows: existing };

  // Costs: receipts (and receipt reversals) move the part's weighted average under a row lock on the part; every
  // other line carries the average as it is (a share lock, so a concurrent receipt waits for us and vice versa).
  const partIds = [...new Set(lines.map((l) => l.partId))].sort();
  const locked = new Map<string, PartRow>();
  for (const id of partIds) {
    const changesAverage = lines.some((l) => l.partId === id && (l.kind === 'receipt' || l.reversesReceipt));
    const p = await findPart(ctx.db, id, changesAverage ? 'update' : 'share');
    if (!p) throw new AppError('NOT_FOUND');
    locked.set(id, p);
  }
  const priced = [] as (LedgerLine & { unitCostFen: number })[];
  // Balances are written after pricing: lines already priced in this posting count as on hand for the next ones,
  // so several receipt lines of one part (e.g. one per serial) average exactly as if received one after another.
  const pending = new Map<string, number>();
  const onHandNow = async (partId: string) => (await onHandOfPart(ctx.db, partId)) + (pending.get(partId) ?? 0);
  const note = (partId: string, qty: number) => pending.set(partId, (pending.get(partId) ?? 0) + qty);
  for (const l of lines) {
    const p = locked.get(l.partId) as PartRow;
    if (l.kind === 'receipt') {
      const onHand = await onHandNow(p.id);
      const avg = receiveAverage({
        onHand,
        avgCostFen: p.avgCostFen,
        qty: l.quantity,
        unitCostFen: l.unitCostFen ?? 0,
      });
      await setAverageCost(ctx.db, p.id, avg);
      locked.set(p.id, { ...p, avgCostFen: avg });
      note(p.id, l.quantity);
      priced.push({ ...l, unitCostFen: l.unitCostFen ?? 0 });
    } else if (l.reversesReceipt) {
      const onHand = await onHandNow(p.id);
      const avg = removeReceipt({
        onHand,
        avgCostFen: p.avgCostFen,
        qty: -l.quantity,
        unitCostFen: l.unitCostFen ?? 0,
      });
      await setAverageCost(ctx.db, p.id, avg);
      locked.set(p.id, { ...p, avgCostFen: avg });
      note(p.id, l.quantity);
      priced.push({ ...l, unitCostFen: l.unitCostFen ?? 0 });
    } else {
      note(p.id, l.quantity);
      priced.push({ ...l, unitCostFen: l.unitCostFen ?? p.avgCostFen });
    }
  }

  // A lot keeps its expiry wherever it moves: a line of a known lot without a date takes the lot's date.
  for (const l of priced) {
    if (l.lot && !l.expiryDate) l.expiryDate = await lotExpiry(ctx.db, l.partId, l.lot);
  }

  const key = (l: LedgerLine): BalanceKey => ({
    partId: l.partId,
    locationId: l.locationId,
    lot: l.lot ?? '',
    serial: l.serial ?? '',
  });
  const order = (a: LedgerLine, b: LedgerLine) => {
    const ka = key(a);
    const kb = key(b);
    return `${ka.partId}|${ka.locationId}|${ka.lot}|${ka.serial}` <
      `${kb.partId}|${kb.locationId}|${kb.lot}|${kb.serial}`
      ? -1
      : 1;
  };
  try {
    for (const l of priced.filter((x) => x.quantity < 0).sort(order)) {
      const k = key(l);
      if (!(await takeFromBalance(ctx.db, k, -l.quantity, ctx.now))) {
        const available = await balanceQuantity(ctx.db, k);
        const p = locked.get(l.partId) as PartRow;
        throw insufficient(ctx, {
          partCode: p.code,
          locationId: l.locationId,
          lot: k.lot,
          serial: k.serial,
          available,
          requested: -l.quantity,
        });
      }
    }
    for (const l of priced.filter((x) => x.quantity > 0).sort(order)) {
      await addToBalance(ctx.db, key(l), l.quantity, l.expiryDate ?? null, ctx.now);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const state = sqlState(err);
    // A serial row holds at most one unit: bringing a unit in where it already is is a serial conflict, not a
    // shortage.
    if (state === '23514' && sqlConstraint(err) !== 'stock_balances_serial_ck') throw insufficient(ctx, {});
    if (state === '23505' || state === '23514') {
      throw new AppError('CONFLICT', {
        reason: 'serial_in_stock',
        message:
          ctx.request.locale === 'zh-CN' ? '该序列号的配件已在库' : 'a unit with this serial is already in stock',
      });
    }
    throw err;
  }

  const actor = ctx.actor;
  const rows = await insertMovements(
    ctx.db,
    priced.map((l, i) => ({
      requestId,
      line: i + 1,
      kind: l.kind,
      partId: l.partId,
      locationId: l.locationId,
      lot: l.lot ?? '',
      serial: l.serial ?? '',
      expiryDate: l.expiryDate ?? null,
      quantity: l.quantity,
      unitCostFen: l.unitCostFen,
      valueFen: valueFen(l.quantity, l.unitCostFen),
      counterLocationId: l.counterLocationId ?? null,
      workOrderId: l.workOrderId ?? null,
      workOrderNumber: l.workOrderNumber ?? '',
      requisitionId: l.requisitionId ?? null,
      reversalOf: l.reversalOf ?? null,
      reason: l.reason ?? '',
      note: l.note ?? '',
      supplier: l.supplier ?? '',
      supplierId: l.supplierId ?? null,
      purchaseOrderId: l.purchaseOrderId ?? null,
      actorId: actor?.userId ?? null,
      actorName: actor?.displayName ?? 'system',
      at: ctx.now,
    })),
  ).catch((err: unknown) => {
    // Two reversals of one movement racing: the unique reversal_of decides; the loser hears why.
    if (sqlState(err) === '23505' && sqlConstraint(err) === 'stock_movements_reversal_of_unique') {
      throw new AppError('ILLEGAL_TRANSITION', { reason: 'already_reversed' });
    }
    throw err;
  });
  return { replayed: false, rows };
}

function insufficient(ctx: Ctx, details: Record<string, unknown>): AppError {
  return rule(ctx, 'insufficient_stock', '库存不足，未做任何变更', 'Not enough stock; nothing was changed', details);
}

/** The response of a posting: its movements with part and location codes. */
export async function postingView(ctx: Ctx, requestId: string, rows: MovementRow[]): Promise<Posting> {
  const named = await movementsWithNames(
    ctx.db,
    rows.map((r) => r.id),
  );
  const reversed = await reversedIds(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { requestId, movements: named.map((r) => toMovement(r, reversed)) };
}
