import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type {
  PurchaseOrder,
  PurchaseOrderDetail,
  PurchaseOrderStatus,
  PurchaseReceipt,
} from '@shared/contracts/purchasing.contract';
import { valueFen } from '../domain/average-cost';
import { addDays, localDay } from '../domain/local-day';
import { chooseOffer } from '../domain/purchase-plan';
import {
  type LocationRow,
  locationsByIds,
  movementsByRequest,
  movementsWithNames,
  type PartRow,
  partsByIds,
  reversedIds,
} from '../parts.repository';
import { toMovement } from '../parts.views';
import {
  addReceived,
  contractsByIds,
  currentOffers,
  findOrder,
  findReceiptByRequest,
  findSupplier,
  insertOrder,
  insertReceipt,
  type NewOrderLine,
  type OfferRow,
  type OrderLineRow,
  type OrderRow,
  orderLinesOf,
  pageOrders,
  plansByIds,
  type ReceiptRow,
  receiptsOfOrder,
  suppliersByIds,
  updateOrderVersioned,
} from '../purchasing.repository';
import { orderNumber, receiptNumber, toOrder } from '../purchasing.views';
import { type LedgerLine, postLedger } from './ledger';
import { canSeeLocation, fieldError, locationScope, rule, visibleLocation } from './parts-support';
import { requestIdReused, unitsOf } from './post-stock-movement';
import { msg, todayByBranch, todayOf, zoneOf } from './purchasing-support';

// Purchase orders (采购订单) and the receipts against them (到货入库). Orders are scoped like their receiving
// location: the central warehouse's are visible to every reader, a store's to its branch.

/** Order views with their names (supplier, contract, plan, location, parts) and overdue flags. */
export async function orderViews(ctx: Ctx, rows: OrderRow[]): Promise<PurchaseOrder[]> {
  const lines = await orderLinesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const context = {
    suppliers: await suppliersByIds(
      ctx.db,
      rows.map((r) => r.supplierId),
    ),
    contracts: await contractsByIds(
      ctx.db,
      rows.map((r) => r.contractId),
    ),
    plans: await plansByIds(
      ctx.db,
      rows.map((r) => r.planId),
    ),
    locations: await locationsByIds(
      ctx.db,
      rows.map((r) => r.locationId),
    ),
    parts: await partsByIds(
      ctx.db,
      lines.map((l) => l.partId),
    ),
    todayOf: await todayByBranch(
      ctx,
      rows.map((r) => r.branchId),
    ),
  };
  return rows.map((o) => toOrder(o, lines, context));
}

function receiptView(r: ReceiptRow, order: OrderRow, supplierName: string): Omit<PurchaseReceipt, 'movements'> {
  return {
    id: r.id,
    number: receiptNumber(r.seq),
    orderId: r.orderId,
    orderNumber: orderNumber(order.seq),
    supplierId: r.supplierId,
    supplierName,
    requestId: r.requestId,
    onTime: r.onTime,
    quantity: r.quantity,
    valueFen: r.valueFen,
    note: r.note,
    receivedByName: r.receivedByName,
    receivedAt: r.receivedAt.toISOString(),
  };
}

async function detail(ctx: Ctx, id: string): Promise<PurchaseOrderDetail> {
  const o = await findOrder(ctx.db, id);
  if (!o) throw new AppError('NOT_FOUND');
  const [view] = await orderViews(ctx, [o]);
  const receipts = await receiptsOfOrder(ctx.db, id);
  return { ...(view as PurchaseOrder), receipts: receipts.map((r) => receiptView(r, o, view?.supplierName ?? '')) };
}

/** GET /api/purchase-orders */
export async function listPurchaseOrders(
  ctx: Ctx,
  q: {
    page?: number;
    pageSize?: number;
    status?: PurchaseOrderStatus | 'pending';
    supplierId?: string;
    planId?: string;
    locationId?: string;
    overdue?: 'true';
  },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const statuses = q.status === 'pending' ? ['open', 'partially_received'] : q.status ? [q.status] : undefined;
  const { items, total } = await pageOrders(
    ctx.db,
    {
      scope: locationScope(actor),
      ...(statuses ? { statuses } : {}),
      ...(q.supplierId ? { supplierId: q.supplierId } : {}),
      ...(q.planId ? { planId: q.planId } : {}),
      ...(q.locationId ? { locationId: q.locationId } : {}),
      ...(q.overdue ? { overdueBefore: await todayOf(ctx, null) } : {}),
    },
    page,
    pageSize,
  );
  return { items: await orderViews(ctx, items), total, page, pageSize };
}

/** GET /api/purchase-orders/:orderId — another branch's order is NOT_FOUND. */
export async function getPurchaseOrder(ctx: Ctx, id: string): Promise<PurchaseOrderDetail> {
  const actor = requireActor(ctx.actor);
  const o = await findOrder(ctx.db, id);
  if (!o || !canSeeLocation(actor, o)) throw new AppError('NOT_FOUND');
  return detail(ctx, id);
}

/** A receiving location: visible, active, the central warehouse or a branch store (not a van). */
export async function receivingLocation(ctx: Ctx, id: string, path: string): Promise<LocationRow> {
  const loc = await visibleLocation(ctx, id, path);
  if (loc.kind === 'van') {
    throw fieldError(ctx, path, 'not_a_store', '请选择中心仓或网点仓', 'choose the central warehouse or a store');
  }
  if (!loc.active) throw fieldError(ctx, path, 'inactive', '该库位已停用', 'this location is inactive');
  return loc;
}

/** The current offers of some parts, grouped per part. */
export async function offersByPart(
  ctx: Ctx,
  day: string,
  partIds: readonly string[],
  supplierId?: string,
): Promise<Map<string, OfferRow[]>> {
  const out = new Map<string, OfferRow[]>();
  for (const o of await currentOffers(ctx.db, day, partIds, supplierId)) {
    const list = out.get(o.partId) ?? [];
    list.push({ ...o, unitPriceFen: Number(o.unitPriceFen) });
    out.set(o.partId, list);
  }
  return out;
}

export interface NewOrderInput {
  supplierId: string;
  locationId: string;
  expectedOn?: string;
  note?: string;
  lines: { partId: string; quantity: number; unitPriceFen?: number }[];
}

/**
 * POST /api/purchase-orders — by hand, without a plan. A line's price defaults to the supplier's current contract
 * price (the lowest if it has several); without one it must be given. Expected = today + the contracts' delivery days.
 */
export async function createPurchaseOrder(ctx: Ctx, input: NewOrderInput): Promise<PurchaseOrderDetail> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const supplier = await findSupplier(tx.db, input.supplierId);
    if (!supplier) throw fieldError(ctx, 'supplierId', 'not_found', '供应商不存在', 'no such supplier');
    if (!supplier.active)
      throw fieldError(ctx, 'supplierId', 'inactive', '该供应商已停用', 'this supplier is inactive');
    const loc = await receivingLocation(tx, input.locationId, 'locationId');
    const today = await todayOf(tx, loc.branchId);
    const parts = await partsByIds(
      tx.db,
      input.lines.map((l) => l.partId),
    );
    const offers = await offersByPart(
      tx,
      today,
      input.lines.map((l) => l.partId),
      supplier.id,
    );
    const seen = new Set<string>();
    const used: OfferRow[] = [];
    const lines: NewOrderLine[] = input.lines.map((l, i) => {
      const p = parts.get(l.partId);
      if (!p?.active)
        throw fieldError(ctx, `lines.${i}.partId`, 'not_found', '配件不存在或已停用', 'no such active part');
      if (seen.has(l.partId))
        throw fieldError(ctx, `lines.${i}.partId`, 'duplicate', '同一配件请合并为一行', 'one line per part');
      seen.add(l.partId);
      const offer = chooseOffer(offers.get(l.partId) ?? []);
      if (offer) used.push(offer);
      const price = l.unitPriceFen ?? offer?.unitPriceFen;
      if (price === undefined) {
        throw fieldError(
          ctx,
          `lines.${i}.unitPriceFen`,
          'required',
          '该供应商没有这个配件的有效合同价，请填写单价',
          'no current contract price from this supplier: give the unit price',
        );
      }
      return { line: i + 1, partId: l.partId, quantity: l.quantity, unitPriceFen: price };
    });
    const expectedOn = input.expectedOn ?? addDays(today, Math.max(0, ...used.map((o) => o.deliveryDays)));
    if (expectedOn < today) {
      throw fieldError(ctx, 'expectedOn', 'in_past', '预计到货日不能早于今天', 'the expected day is in the past');
    }
    const o = await insertOrder(
      tx.db,
      {
        supplierId: supplier.id,
        contractId: used[0]?.contractId ?? null,
        locationId: loc.id,
        branchId: loc.branchId,
        status: 'open',
        orderedAt: tx.now,
        expectedOn,
        note: input.note ?? '',
        createdBy: actor.userId,
        createdByName: actor.displayName,
        createdAt: tx.now,
        updatedAt: tx.now,
      },
      lines,
    );
    await writeAudit(tx, {
      action: 'purchase_order.created',
      objectType: 'purchase_order',
      objectId: o.id,
      after: {
        number: orderNumber(o.seq),
        supplierId: supplier.id,
        locationId: loc.id,
        expectedOn,
        lines: lines.length,
        totalFen: lines.reduce((s, l) => s + l.quantity * (l.unitPriceFen ?? 0), 0),
      },
    });
    return detail(tx, o.id);
  });
}

async function lockVisible(tx: Ctx, id: string): Promise<OrderRow> {
  const actor = requireActor(tx.actor);
  const o = await findOrder(tx.db, id, 'update');
  if (!o || !canSeeLocation(actor, o)) throw new AppError('NOT_FOUND');
  return o;
}

function checkVersion(o: OrderRow, version: number): void {
  if (o.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: o.version });
}

/** POST /api/purchase-orders/:orderId/cancel — only while nothing was received. */
export async function cancelPurchaseOrder(
  ctx: Ctx,
  id: string,
  input: { version: number; reason: string },
): Promise<PurchaseOrderDetail> {
  return withTransaction(ctx, async (tx) => {
    const o = await lockVisible(tx, id);
    checkVersion(o, input.version);
    if (o.status === 'partially_received') {
      throw rule(
        ctx,
        'already_received',
        '该订单已部分到货，不能取消；可以结案',
        'Goods were received on this order: close it instead',
      );
    }
    if (o.status !== 'open') throw new AppError('ILLEGAL_TRANSITION', { status: o.status, event: 'cancel' });
    const after = await updateOrderVersioned(
      tx.db,
      o.id,
      o.version,
      { status: 'cancelled', closeReason: input.reason },
      tx.now,
    );
    if (!after) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, {
      action: 'purchase_order.cancelled',
      objectType: 'purchase_order',
      objectId: o.id,
      before: { status: o.status },
      after: { status: 'cancelled' },
      details: { reason: input.reason },
    });
    return detail(tx, o.id);
  });
}

/** POST /api/purchase-orders/:orderId/close — short-close a partially received order: the rest will not come. */
export async function closePurchaseOrder(
  ctx: Ctx,
  id: string,
  input: { version: number; reason: string },
): Promise<PurchaseOrderDetail> {
  return withTransaction(ctx, async (tx) => {
    const o = await lockVisible(tx, id);
    checkVersion(o, input.version);
    if (o.status !== 'partially_received') {
      throw new AppError('ILLEGAL_TRANSITION', { status: o.status, event: 'close' });
    }
    const after = await updateOrderVersioned(
      tx.db,
      o.id,
      o.version,
      { status: 'closed', closeReason: input.reason },
      tx.now,
    );
    if (!after) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, {
      action: 'purchase_order.closed',
      objectType: 'purchase_order',
      objectId: o.id,
      before: { status: o.status },
      after: { status: 'closed' },
      details: { reason: input.reason },
    });
    return detail(tx, o.id);
  });
}

export interface ReceiveInput {
  requestId: string;
  note?: string;
  lines: { orderLineId: string; quantity?: number; serials?: string[]; lot?: string; expiryDate?: string }[];
}

/** The ledger request id of a receipt: a retried receipt replays. */
export const receiptRequestId = (requestId: string) => `po-receipt:${requestId}`;

async function receiptResult(ctx: Ctx, r: ReceiptRow) {
  const o = await findOrder(ctx.db, r.orderId);
  if (!o) throw new AppError('NOT_FOUND');
  const order = await detail(ctx, o.id);
  const rows = await movementsByRequest(ctx.db, receiptRequestId(r.requestId));
  const named = await movementsWithNames(
    ctx.db,
    rows.map((m) => m.id),
  );
  const reversed = await reversedIds(
    ctx.db,
    rows.map((m) => m.id),
  );
  return {
    receipt: { ...receiptView(r, o, order.supplierName), movements: named.map((m) => toMovement(m, reversed)) },
    order,
  };
}

/**
 * POST /api/purchase-orders/:orderId/receipts — goods arrive: `receipt` ledger rows at the order line's price (the
 * weighted average moves), naming the supplier and the order; lots with expiry and serials like any receipt.
 * More than remains on a line → 400 `over_receipt` (with `remaining`) and nothing is posted. The order row lock
 * serialises receipts of one order: of two receipts of the last units one wins. Acts once per requestId.
 */
export async function receivePurchaseOrder(ctx: Ctx, id: string, input: ReceiveInput) {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const replay = async () => {
      const again = await findReceiptByRequest(tx.db, input.requestId);
      if (!again) return null;
      if (again.orderId !== id) throw requestIdReused(tx);
      return receiptResult(tx, again);
    };
    const first = await replay();
    if (first) return first;
    const o = await lockVisible(tx, id);
    // A concurrent retry of the same request waited for the lock above: it finds the receipt now.
    const second = await replay();
    if (second) return second;
    if (o.status !== 'open' && o.status !== 'partially_received') {
      throw new AppError('ILLEGAL_TRANSITION', { status: o.status, event: 'receive' });
    }
    if ((await movementsByRequest(tx.db, receiptRequestId(input.requestId))).length) throw requestIdReused(tx);
    const loc = await visibleLocation(tx, o.locationId);
    if (!loc.active) throw fieldError(ctx, 'lines', 'inactive', '收货库位已停用', 'the receiving location is inactive');
    const supplier = await findSupplier(tx.db, o.supplierId);
    const orderLines = new Map((await orderLinesOf(tx.db, [o.id])).map((l) => [l.id, l]));
    const parts = await partsByIds(
      tx.db,
      [...orderLines.values()].map((l) => l.partId),
    );
    const taken = new Map<string, number>();
    const ledger: LedgerLine[] = [];
    input.lines.forEach((l, i) => {
      const ol = orderLines.get(l.orderLineId);
      if (!ol)
        throw fieldError(ctx, `lines.${i}.orderLineId`, 'not_found', '不是本订单的行', 'not a line of this order');
      const p = parts.get(ol.partId) as PartRow;
      const paths = { quantity: `lines.${i}.quantity`, serials: `lines.${i}.serials`, lot: `lines.${i}.lot` };
      if (p.lotTracked && !l.expiryDate) {
        throw fieldError(
          ctx,
          `lines.${i}.expiryDate`,
          'required',
          '批次管理的配件须填写有效期',
          'a lot-tracked part needs its expiry date',
        );
      }
      const units = unitsOf(ctx, p, l, paths);
      const n = units.reduce((s, u) => s + u.quantity, 0);
      const remaining = ol.quantity - ol.receivedQuantity - (taken.get(ol.id) ?? 0);
      if (n > remaining) throw overReceipt(ctx, p.serialTracked ? paths.serials : paths.quantity, remaining);
      taken.set(ol.id, (taken.get(ol.id) ?? 0) + n);
      for (const u of units) {
        ledger.push({
          kind: 'receipt',
          partId: p.id,
          locationId: o.locationId,
          ...u,
          expiryDate: l.expiryDate ?? null,
          unitCostFen: ol.unitPriceFen,
          supplier: (supplier?.name ?? '').slice(0, 60),
          supplierId: o.supplierId,
          purchaseOrderId: o.id,
          note: `${orderNumber(o.seq)}${input.note ? ` ${input.note}` : ''}`,
        });
      }
    });
    const posted = await postLedger(tx, receiptRequestId(input.requestId), ledger);
    if (posted.replayed) throw requestIdReused(tx);
    for (const [lineId, n] of [...taken.entries()].sort()) {
      if (!(await addReceived(tx.db, lineId, n))) {
        const ol = orderLines.get(lineId) as OrderLineRow;
        throw overReceipt(ctx, 'lines', ol.quantity - ol.receivedQuantity);
      }
    }
    const after = await orderLinesOf(tx.db, [o.id]);
    const status = after.every((l) => l.receivedQuantity >= l.quantity) ? 'received' : 'partially_received';
    if (!(await updateOrderVersioned(tx.db, o.id, o.version, { status }, tx.now))) {
      throw new AppError('VERSION_CONFLICT');
    }
    const today = localDay(tx.now, await zoneOf(tx, o.branchId));
    const quantity = ledger.reduce((s, l) => s + l.quantity, 0);
    const receipt = await insertReceipt(tx.db, {
      orderId: o.id,
      supplierId: o.supplierId,
      requestId: input.requestId,
      onTime: today <= o.expectedOn,
      quantity,
      valueFen: ledger.reduce((s, l) => s + valueFen(l.quantity, l.unitCostFen ?? 0), 0),
      note: input.note ?? '',
      receivedBy: actor.userId,
      receivedByName: actor.displayName,
      receivedAt: tx.now,
    });
    await writeAudit(tx, {
      action: 'purchase_order.received',
      objectType: 'purchase_order',
      objectId: o.id,
      before: { status: o.status },
      after: { status },
      details: { receipt: receiptNumber(receipt.seq), quantity, onTime: receipt.onTime, requestId: input.requestId },
    });
    return receiptResult(tx, receipt);
  });
}

function overReceipt(ctx: Ctx, path: string, remaining: number): AppError {
  return AppError.validation([
    {
      path,
      code: 'over_receipt',
      message: msg(ctx, `超过订单未到数量（还剩 ${remaining}）`, `more than remains on the order (${remaining} left)`),
      remaining,
    } as { path: string; code: string; message: string },
  ]);
}
