import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import type { StockBalance } from '@shared/contracts/parts.contract';
import type { LocationKind, MovementKind, PartCategory } from '@shared/domain/parts';
import { valueFen } from '../domain/average-cost';
import {
  findLocation,
  pageBalances,
  pageMovements,
  pageReorderAlerts,
  reversedIds,
  serialMovements,
  serialWhereabouts,
  valueByLocation,
} from '../parts.repository';
import { toMovement } from '../parts.views';
import { canSeeLocation, locationScope } from './parts-support';

/** GET /api/stock-movements — the ledger at the locations the reader sees, newest first. */
export async function listStockMovements(
  ctx: Ctx,
  q: {
    page?: number;
    pageSize?: number;
    partId?: string;
    locationId?: string;
    kind?: MovementKind;
    workOrderId?: string;
  },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const { items, total } = await pageMovements(
    ctx.db,
    {
      scope: locationScope(actor),
      ...(q.partId ? { partId: q.partId } : {}),
      ...(q.locationId ? { locationId: q.locationId } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.workOrderId ? { workOrderId: q.workOrderId } : {}),
    },
    page,
    pageSize,
  );
  const reversed = await reversedIds(
    ctx.db,
    items.map((i) => i.m.id),
  );
  return { items: items.map((i) => toMovement(i, reversed)), total, page, pageSize };
}

/** GET /api/stock-balances — stock on hand valued at the part's weighted average cost. */
export async function getStockBalances(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; locationId?: string; partId?: string; category?: PartCategory; q?: string },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const r = await pageBalances(
    ctx.db,
    {
      scope: locationScope(actor),
      ...(q.locationId ? { locationId: q.locationId } : {}),
      ...(q.partId ? { partId: q.partId } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.q ? { q: q.q } : {}),
    },
    page,
    pageSize,
  );
  const items: StockBalance[] = r.items.map((i) => ({
    partId: i.b.partId,
    partCode: i.partCode,
    partName: i.partName,
    spec: i.spec,
    unit: i.unit,
    category: i.category as PartCategory,
    locationId: i.b.locationId,
    locationCode: i.locationCode,
    locationName: i.locationName,
    lot: i.b.lot,
    serial: i.b.serial,
    expiryDate: i.b.expiryDate,
    quantity: i.b.quantity,
    avgCostFen: i.avgCostFen,
    valueFen: valueFen(i.b.quantity, i.avgCostFen),
  }));
  return { items, total: r.total, page, pageSize, totalQuantity: r.totalQuantity, totalValueFen: r.totalValueFen };
}

/** GET /api/stock-value — quantity and value per visible location. */
export async function getStockValue(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const rows = await valueByLocation(ctx.db, locationScope(actor));
  const items = rows.map((r) => ({
    locationId: r.locationId,
    locationCode: r.locationCode,
    locationName: r.locationName,
    kind: r.kind as LocationKind,
    quantity: Number(r.quantity),
    valueFen: Number(r.valueFen),
  }));
  return { items, totalValueFen: items.reduce((s, i) => s + i.valueFen, 0) };
}

/** GET /api/stock-reorder-alerts — at or below the reorder point. */
export async function listReorderAlerts(ctx: Ctx, q: { page?: number; pageSize?: number; locationId?: string }) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const { items, total } = await pageReorderAlerts(
    ctx.db,
    { scope: locationScope(actor), ...(q.locationId ? { locationId: q.locationId } : {}) },
    page,
    pageSize,
  );
  return { items: items.map((i) => ({ ...i, onHand: Number(i.onHand) })), total, page, pageSize };
}

/**
 * GET /api/stock-serials/:serial — each unit with that serial (normally one part): its movements in order and
 * where it is now. Movements at locations the reader cannot see are left out.
 */
export async function getSerialHistory(ctx: Ctx, serial: string) {
  const actor = requireActor(ctx.actor);
  const s = serial.toUpperCase();
  const rows = await serialMovements(ctx.db, s);
  const where = await serialWhereabouts(ctx.db, s);
  const visible = new Map<string, boolean>();
  for (const id of new Set(rows.map((r) => r.m.locationId))) {
    const l = await findLocation(ctx.db, id);
    visible.set(id, !!l && canSeeLocation(actor, l));
  }
  const reversed = await reversedIds(
    ctx.db,
    rows.map((r) => r.m.id),
  );
  const byPart = new Map<string, typeof rows>();
  for (const r of rows) {
    if (!visible.get(r.m.locationId)) continue;
    byPart.set(r.m.partId, [...(byPart.get(r.m.partId) ?? []), r]);
  }
  return {
    items: [...byPart.entries()].map(([partId, list]) => {
      const now = where.find((w) => w.partId === partId);
      const first = list[0] as (typeof list)[number];
      return {
        serial: s,
        partId,
        partCode: first.partCode,
        partName: first.partName,
        currentLocationId: now?.locationId ?? null,
        currentLocationCode: now?.locationCode ?? null,
        movements: list.map((r) => toMovement(r, reversed)),
      };
    }),
  };
}
