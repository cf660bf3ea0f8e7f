import { getSetting } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Actor, Ctx } from '@server/platform/context';
import type { ExpiringStock, SlowMovingStock, StockTurnoverLine } from '@shared/contracts/parts-health.contract';
import type { LocationKind, PartCategory } from '@shared/domain/parts';
import { valueFen } from '../domain/average-cost';
import { addDays, daysBetween, localDay, startOfDay, wholeDays } from '../domain/local-day';
import { turnover } from '../domain/turnover';
import { pageExpiring, pageSlowMoving, turnoverByPart } from '../parts-health.repository';
import { fieldError, locationScope, visibleLocation } from './parts-support';

const DAY = 86_400_000;

/** The reader's time zone (their branch's setting; the company's for readers without a branch). */
async function readerTimeZone(ctx: Ctx, actor: Actor): Promise<string> {
  return getSetting(ctx.db, 'branch.timeZone', actor.branchId);
}

/** GET /api/stock-expiring — lots on hand expiring by today + N days (default 60), expired ones flagged. */
export async function listExpiringStock(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; withinDays?: number; locationId?: string; expired?: 'true' | 'false' },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  if (q.locationId) await visibleLocation(ctx, q.locationId, 'locationId');
  const today = localDay(ctx.now, await readerTimeZone(ctx, actor));
  const until = addDays(today, q.withinDays ?? 60);
  const r = await pageExpiring(
    ctx.db,
    {
      scope: locationScope(actor),
      today,
      until,
      ...(q.locationId ? { locationId: q.locationId } : {}),
      ...(q.expired ? { expired: q.expired === 'true' } : {}),
    },
    page,
    pageSize,
  );
  const items: ExpiringStock[] = r.items.map((i) => {
    const daysLeft = daysBetween(today, i.expiryDate);
    return {
      partId: i.partId,
      partCode: i.partCode,
      partName: i.partName,
      spec: i.spec,
      unit: i.unit,
      category: i.category as PartCategory,
      locationId: i.locationId,
      locationCode: i.locationCode,
      locationName: i.locationName,
      locationKind: i.locationKind as LocationKind,
      lot: i.lot,
      expiryDate: i.expiryDate,
      daysLeft,
      expired: daysLeft < 0,
      quantity: i.quantity,
      avgCostFen: i.avgCostFen,
      valueFen: valueFen(i.quantity, i.avgCostFen),
    };
  });
  return {
    items,
    total: r.total,
    page,
    pageSize,
    today,
    until,
    totalQuantity: r.totalQuantity,
    totalValueFen: r.totalValueFen,
    expiredQuantity: r.expiredQuantity,
    expiredValueFen: r.expiredValueFen,
  };
}

/**
 * GET /api/stock-slow-moving — per part and location with stock on hand, idle (no consumption there: an issue to a
 * job or a transfer into a van, not reversed) for at least N days (default 90), counted from the last consumption or,
 * when never consumed, from the first arrival.
 */
export async function listSlowMovingStock(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; days?: number; locationId?: string },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  if (q.locationId) await visibleLocation(ctx, q.locationId, 'locationId');
  const cutoff = new Date(ctx.now.getTime() - (q.days ?? 90) * DAY);
  const r = await pageSlowMoving(
    ctx.db,
    { scope: locationScope(actor), cutoff, ...(q.locationId ? { locationId: q.locationId } : {}) },
    page,
    pageSize,
  );
  const items: SlowMovingStock[] = r.items.map((i) => ({
    partId: i.partId,
    partCode: i.partCode,
    partName: i.partName,
    spec: i.spec,
    unit: i.unit,
    category: i.category as PartCategory,
    locationId: i.locationId,
    locationCode: i.locationCode,
    locationName: i.locationName,
    locationKind: i.locationKind as LocationKind,
    onHand: i.onHand,
    avgCostFen: i.avgCostFen,
    valueFen: valueFen(i.onHand, i.avgCostFen),
    lastIssueAt: i.lastIssueAt?.toISOString() ?? null,
    stockedSince: i.stockedSince.toISOString(),
    daysIdle: wholeDays(i.idleSince, ctx.now),
  }));
  return { items, total: r.total, page, pageSize, totalQuantity: r.totalQuantity, totalValueFen: r.totalValueFen };
}

/**
 * GET /api/stock-turnover — of the days `from`..`to` (inclusive, reader's time zone): per part and in total, the
 * consumption at the cost it carried, the ledger's opening and closing value, the average inventory
 * (opening + closing) / 2, turnover = consumption / average, days of supply (domain/turnover.ts).
 */
export async function getStockTurnover(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; from: string; to: string; locationId?: string },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const days = daysBetween(q.from, q.to) + 1;
  if (days < 1) throw fieldError(ctx, 'to', 'before_from', '结束日期早于开始日期', 'the period ends before it starts');
  if (days > 3660) throw fieldError(ctx, 'to', 'too_long', '期间最长 10 年', 'at most ten years');
  if (q.locationId) await visibleLocation(ctx, q.locationId, 'locationId');
  const timeZone = await readerTimeZone(ctx, actor);
  const start = startOfDay(q.from, timeZone);
  const end = startOfDay(addDays(q.to, 1), timeZone);
  const rows = await turnoverByPart(ctx.db, {
    scope: locationScope(actor),
    start,
    end,
    ...(q.locationId ? { locationId: q.locationId } : {}),
  });
  const lines: StockTurnoverLine[] = rows
    .map((r) => ({
      partId: r.partId,
      partCode: r.partCode,
      partName: r.partName,
      unit: r.unit,
      category: r.category as PartCategory,
      issuedQuantity: r.issuedQuantity,
      issuedValueFen: r.issuedValueFen,
      openingQuantity: r.openingQuantity,
      openingValueFen: r.openingValueFen,
      closingQuantity: r.closingQuantity,
      closingValueFen: r.closingValueFen,
      ...turnover({ ...r, days }),
    }))
    .sort((a, b) => b.issuedValueFen - a.issuedValueFen || (a.partCode < b.partCode ? -1 : 1));
  const sum = (k: keyof (typeof rows)[number]) => rows.reduce((s, r) => s + (r[k] as number), 0);
  const totals = {
    issuedQuantity: sum('issuedQuantity'),
    issuedValueFen: sum('issuedValueFen'),
    openingQuantity: sum('openingQuantity'),
    openingValueFen: sum('openingValueFen'),
    closingQuantity: sum('closingQuantity'),
    closingValueFen: sum('closingValueFen'),
  };
  return {
    items: lines.slice((page - 1) * pageSize, page * pageSize),
    total: lines.length,
    page,
    pageSize,
    periodStart: start.toISOString(),
    periodEnd: end.toISOString(),
    days,
    totals: { ...totals, ...turnover({ ...totals, days }) },
  };
}
