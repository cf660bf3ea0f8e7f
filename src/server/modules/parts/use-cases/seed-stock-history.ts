import { randomUUID } from 'node:crypto';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { MovementKind } from '@shared/domain/parts';
import { receiveAverage, valueFen } from '../domain/average-cost';
import { type NewMovement, setAverageCost } from '../parts.repository';
import { partStockLevels, parts, stockBalances, stockLocations, stockMovements } from '../parts.schema';
import {
  purchaseOrderLines,
  purchaseOrders,
  purchaseReceipts,
  supplierContractPrices,
  supplierContracts,
  suppliers,
} from '../purchasing.schema';
import { orderNumber } from '../purchasing.views';
import { insertRowsBulk } from '../seed-history.repository';

// A demo stock history computed in memory and written in bulk in one transaction (issue 5: six months of movements
// for the demo company). The same rules as the live ledger (use-cases/ledger.ts, domain/average-cost.ts): receipts
// move the part's weighted average over every location, every other movement carries the average of its moment;
// a balance never goes negative; a serial is in one place; lots carry their expiry. Each posting gets its own
// request id, postings are appended in time order (so `seq` follows `at`), and the balances written are the sums of
// the movements. Only for an empty ledger: the live postings lock and check row by row instead.

const ZONE_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai, no daylight saving.
/** The local (China Standard Time) day of an instant, "YYYY-MM-DD". */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + ZONE_OFFSET_MS).toISOString().slice(0, 10);
}
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface HistoryActor {
  id: string | null;
  name: string;
}

/** Units moved by one operation (one per serial for serial-tracked parts). */
export interface HistoryUnit {
  quantity: number;
  lot: string;
  serial: string;
  expiryDate: string | null;
}

export interface HistoryPart {
  id: string;
  code: string;
  name: string;
  category: string;
  serialTracked: boolean;
  lotTracked: boolean;
  standardCostFen: number;
  avgCostFen: number;
  /** Units over every location (the weighted average's basis). */
  onHand: number;
}

export interface HistoryLocation {
  id: string;
  code: string;
  name: string;
  kind: string;
  branchId: string | null;
  technicianId: string | null;
}

interface Contract {
  id: string;
  number: string;
  startsOn: string;
  endsOn: string;
  deliveryDays: number;
  status: string;
  prices: Map<string, number>;
}
interface Supplier {
  id: string;
  code: string;
  name: string;
  contracts: Contract[];
}
interface Balance {
  partId: string;
  locationId: string;
  lot: string;
  serial: string;
  expiryDate: string | null;
  quantity: number;
  updatedAt: Date;
}
interface OrderLine {
  id: string;
  line: number;
  partId: string;
  quantity: number;
  unitPriceFen: number;
  receivedQuantity: number;
}
interface Order {
  id: string;
  supplier: Supplier;
  contractId: string;
  locationId: string;
  branchId: string | null;
  status: 'open' | 'partially_received' | 'received' | 'cancelled' | 'closed';
  orderedAt: Date;
  expectedOn: string;
  note: string;
  closeReason: string;
  actor: HistoryActor;
  lines: OrderLine[];
  version: number;
  updatedAt: Date;
}

/** What the caller keeps of a purchase order. */
export interface HistoryOrder {
  readonly id: string;
  readonly supplierCode: string;
  readonly expectedOn: string;
  readonly lines: readonly { line: number; partCode: string; quantity: number; receivedQuantity: number }[];
  readonly status: string;
}

interface LineIn {
  kind: MovementKind;
  part: HistoryPart;
  location: HistoryLocation;
  unit: HistoryUnit;
  /** Signed. */
  quantity: number;
  /** Receipts: the actual price. */
  priceFen?: number;
  counterLocationId?: string | null;
  workOrder?: { id: string; number: string } | null;
  reason?: string;
  note?: string;
  supplierName?: string;
  supplierId?: string | null;
  purchaseOrderId?: string | null;
}

export class StockHistory {
  private readonly partsByCode = new Map<string, HistoryPart>();
  private readonly partsById = new Map<string, HistoryPart>();
  private readonly locsByCode = new Map<string, HistoryLocation>();
  private readonly suppliersByCode = new Map<string, Supplier>();
  private readonly balances = new Map<string, Balance>();
  /** (part, location) → keys of its balance rows. */
  private readonly balanceIndex = new Map<string, Set<string>>();
  /** (part, serial) → the location holding it. */
  private readonly serialAt = new Map<string, string>();
  private readonly movements: NewMovement[] = [];
  private readonly orders: Order[] = [];
  private readonly receipts: (typeof purchaseReceipts.$inferInsert)[] = [];
  private readonly levels = new Map<string, { partId: string; locationId: string; rop: number; roq: number }>();
  private readonly received = new Set<string>();
  private lastAt = 0;
  private postings = 0;

  constructor(input: {
    parts: HistoryPart[];
    locations: HistoryLocation[];
    suppliers: Supplier[];
  }) {
    for (const p of input.parts) {
      this.partsByCode.set(p.code, p);
      this.partsById.set(p.id, p);
    }
    for (const l of input.locations) this.locsByCode.set(l.code, l);
    for (const s of input.suppliers) this.suppliersByCode.set(s.code, s);
  }

  part(code: string): HistoryPart {
    const p = this.partsByCode.get(code);
    if (!p) throw new Error(`demo history: unknown part ${code}`);
    return p;
  }
  hasPart(code: string): boolean {
    return this.partsByCode.has(code);
  }
  location(code: string): HistoryLocation {
    const l = this.locsByCode.get(code);
    if (!l) throw new Error(`demo history: unknown location ${code}`);
    return l;
  }
  hasLocation(code: string): boolean {
    return this.locsByCode.has(code);
  }
  allLocations(): HistoryLocation[] {
    return [...this.locsByCode.values()];
  }
  supplierCodes(): string[] {
    return [...this.suppliersByCode.keys()];
  }

  /** The suppliers with a contract valid on the day of `at` pricing the part, cheapest first. */
  offers(
    partCode: string,
    at: Date,
  ): { supplierCode: string; contractNumber: string; unitPriceFen: number; deliveryDays: number }[] {
    const p = this.part(partCode);
    const day = shanghaiDay(at);
    const out: { supplierCode: string; contractNumber: string; unitPriceFen: number; deliveryDays: number }[] = [];
    for (const s of this.suppliersByCode.values()) {
      const c = this.contractOf(s, day, [p.id]);
      const price = c?.prices.get(p.id);
      if (c && price !== undefined) {
        out.push({ supplierCode: s.code, contractNumber: c.number, unitPriceFen: price, deliveryDays: c.deliveryDays });
      }
    }
    return out.sort((a, b) => a.unitPriceFen - b.unitPriceFen || a.supplierCode.localeCompare(b.supplierCode));
  }

  /** Units at a location; with `usableAt`, lots expired by that day are left out. */
  onHand(partCode: string, locationCode: string, usableAt?: Date): number {
    const p = this.part(partCode);
    const l = this.location(locationCode);
    const day = usableAt ? shanghaiDay(usableAt) : null;
    let n = 0;
    for (const k of this.balanceIndex.get(`${p.id}|${l.id}`) ?? []) {
      const b = this.balances.get(k) as Balance;
      if (day && b.expiryDate && b.expiryDate < day) continue;
      n += b.quantity;
    }
    return n;
  }

  /** Ordered but not yet received into a location (open and partially received orders). */
  onOrder(partCode: string, locationCode: string): number {
    const p = this.part(partCode);
    const l = this.location(locationCode);
    let n = 0;
    for (const o of this.orders) {
      if (o.locationId !== l.id || (o.status !== 'open' && o.status !== 'partially_received')) continue;
      for (const line of o.lines) if (line.partId === p.id) n += line.quantity - line.receivedQuantity;
    }
    return n;
  }

  /** Lots at a location with stock: lot, expiry, quantity. */
  lotsAt(partCode: string, locationCode: string): { lot: string; expiryDate: string | null; quantity: number }[] {
    const p = this.part(partCode);
    const l = this.location(locationCode);
    return [...(this.balanceIndex.get(`${p.id}|${l.id}`) ?? [])]
      .map((k) => this.balances.get(k) as Balance)
      .filter((b) => b.quantity > 0)
      .map((b) => ({ lot: b.lot, expiryDate: b.expiryDate, quantity: b.quantity }));
  }

  setLevel(partCode: string, locationCode: string, reorderPoint: number, reorderQuantity: number): void {
    const p = this.part(partCode);
    const l = this.location(locationCode);
    this.levels.set(`${p.id}|${l.id}`, { partId: p.id, locationId: l.id, rop: reorderPoint, roq: reorderQuantity });
  }
  level(partCode: string, locationCode: string): { reorderPoint: number; reorderQuantity: number } | null {
    const v = this.levels.get(`${this.part(partCode).id}|${this.location(locationCode).id}`);
    return v ? { reorderPoint: v.rop, reorderQuantity: v.roq } : null;
  }

  /** A receipt without a purchase order (opening stock, a delivery bought outside the contracts). */
  receive(input: {
    at: Date;
    part: string;
    location: string;
    quantity?: number;
    serials?: string[];
    lot?: string;
    expiryDate?: string | null;
    unitCostFen: number;
    note?: string;
    supplierName?: string;
    actor: HistoryActor;
  }): void {
    const part = this.part(input.part);
    const location = this.location(input.location);
    const units = this.incomingUnits(part, input);
    this.post(
      input.at,
      input.actor,
      units.map((unit) => ({
        kind: 'receipt',
        part,
        location,
        unit,
        quantity: unit.quantity,
        priceFen: input.unitCostFen,
        note: input.note ?? '',
        supplierName: input.supplierName ?? '',
      })),
    );
  }

  /**
   * A purchase order to a supplier at the prices of its contract valid on the order day (lines without a price
   * there are left out; none left → null). Expected on = order day + the contract's delivery days.
   */
  order(input: {
    at: Date;
    supplier: string;
    location: string;
    lines: { part: string; quantity: number }[];
    actor: HistoryActor;
    note?: string;
  }): HistoryOrder | null {
    this.checkTime(input.at);
    const supplier = this.suppliersByCode.get(input.supplier);
    if (!supplier) throw new Error(`demo history: unknown supplier ${input.supplier}`);
    const location = this.location(input.location);
    const day = shanghaiDay(input.at);
    const wanted = input.lines.filter((l) => l.quantity > 0).map((l) => ({ part: this.part(l.part), qty: l.quantity }));
    const contract = this.contractOf(
      supplier,
      day,
      wanted.map((w) => w.part.id),
    );
    if (!contract) return null;
    const lines: OrderLine[] = [];
    for (const w of wanted) {
      const price = contract.prices.get(w.part.id);
      if (price === undefined || lines.some((l) => l.partId === w.part.id)) continue;
      lines.push({
        id: randomUUID(),
        line: lines.length + 1,
        partId: w.part.id,
        quantity: w.qty,
        unitPriceFen: price,
        receivedQuantity: 0,
      });
    }
    if (!lines.length) return null;
    const order: Order = {
      id: randomUUID(),
      supplier,
      contractId: contract.id,
      locationId: location.id,
      branchId: location.branchId,
      status: 'open',
      orderedAt: input.at,
      expectedOn: addDays(day, contract.deliveryDays),
      note: input.note ?? '',
      closeReason: '',
      actor: input.actor,
      lines,
      version: 1,
      updatedAt: input.at,
    };
    this.orders.push(order);
    return this.view(order);
  }

  /**
   * A delivery against an order (到货验收): one `receipt` per line (per serial), at the order's prices, into the
   * order's location, naming the supplier and the order; on time when received on or before the expected day.
   */
  receiveOrder(
    ref: HistoryOrder,
    input: {
      at: Date;
      lines: { line: number; quantity: number; serials?: string[]; lot?: string; expiryDate?: string | null }[];
      actor: HistoryActor;
      note?: string;
    },
  ): { quantity: number; valueFen: number; onTime: boolean } | null {
    const order = this.orderOf(ref);
    if (order.status !== 'open' && order.status !== 'partially_received') return null;
    const location = this.locationById(order.locationId);
    const lines: LineIn[] = [];
    let quantity = 0;
    let value = 0;
    for (const r of input.lines) {
      const ol = order.lines.find((l) => l.line === r.line);
      if (!ol) continue;
      const qty = Math.min(r.quantity, ol.quantity - ol.receivedQuantity);
      if (qty <= 0) continue;
      const part = this.partsById.get(ol.partId) as HistoryPart;
      const units = this.incomingUnits(part, {
        quantity: qty,
        ...(r.serials ? { serials: r.serials.slice(0, qty) } : {}),
        ...(r.lot !== undefined ? { lot: r.lot } : {}),
        expiryDate: r.expiryDate ?? null,
      });
      const moved = units.reduce((s, u) => s + u.quantity, 0);
      ol.receivedQuantity += moved;
      quantity += moved;
      value += valueFen(moved, ol.unitPriceFen);
      for (const unit of units) {
        lines.push({
          kind: 'receipt',
          part,
          location,
          unit,
          quantity: unit.quantity,
          priceFen: ol.unitPriceFen,
          supplierName: order.supplier.name,
          supplierId: order.supplier.id,
          purchaseOrderId: order.id,
          note: input.note ?? '',
        });
      }
    }
    if (!lines.length) return null;
    const requestId = this.post(input.at, input.actor, lines);
    const onTime = shanghaiDay(input.at) <= order.expectedOn;
    order.status = order.lines.every((l) => l.receivedQuantity >= l.quantity) ? 'received' : 'partially_received';
    order.version++;
    order.updatedAt = input.at;
    this.receipts.push({
      id: randomUUID(),
      orderId: order.id,
      supplierId: order.supplier.id,
      requestId: requestId.replace(/^po-receipt:/, ''),
      onTime,
      quantity,
      valueFen: value,
      note: input.note ?? '',
      receivedBy: input.actor.id ?? NIL_UUID,
      receivedByName: input.actor.name,
      receivedAt: input.at,
    });
    return { quantity, valueFen: value, onTime };
  }

  /** Short-closes a partially received order (the rest will not come) or cancels one with nothing received. */
  closeOrder(ref: HistoryOrder, at: Date, reason: string): void {
    this.checkTime(at);
    const order = this.orderOf(ref);
    if (order.status === 'open' && order.lines.every((l) => l.receivedQuantity === 0)) order.status = 'cancelled';
    else if (order.status === 'partially_received' || order.status === 'open') order.status = 'closed';
    else return;
    order.closeReason = reason;
    order.version++;
    order.updatedAt = at;
  }

  /** Moves units (lots first-expiring first, expired lots left behind; serials oldest first). Returns the units. */
  transfer(input: {
    at: Date;
    part: string;
    from: string;
    to: string;
    quantity: number;
    /** Move what is there when less than asked (default: all or nothing). */
    partial?: boolean;
    actor: HistoryActor;
    note?: string;
  }): HistoryUnit[] {
    const part = this.part(input.part);
    const from = this.location(input.from);
    const to = this.location(input.to);
    const units = this.pick(part, from, input.quantity, input.at, input.partial ?? false);
    if (!units.length) return [];
    this.post(
      input.at,
      input.actor,
      units.flatMap((unit): LineIn[] => [
        {
          kind: 'transfer_out',
          part,
          location: from,
          unit,
          quantity: -unit.quantity,
          counterLocationId: to.id,
          note: input.note ?? '',
        },
        {
          kind: 'transfer_in',
          part,
          location: to,
          unit,
          quantity: unit.quantity,
          counterLocationId: from.id,
          note: input.note ?? '',
        },
      ]),
    );
    return units;
  }

  /** Issues to a job (with its work order, when the job has one). All or nothing: [] when not enough usable stock. */
  issue(input: {
    at: Date;
    part: string;
    location: string;
    quantity: number;
    workOrder?: { id: string; number: string } | null;
    actor: HistoryActor;
    note?: string;
  }): HistoryUnit[] {
    const part = this.part(input.part);
    const location = this.location(input.location);
    const units = this.pick(part, location, input.quantity, input.at, false);
    if (!units.length) return [];
    this.post(
      input.at,
      input.actor,
      units.map((unit) => ({
        kind: 'issue',
        part,
        location,
        unit,
        quantity: -unit.quantity,
        workOrder: input.workOrder ?? null,
        note: input.note ?? '',
      })),
    );
    return units;
  }

  /** Units brought back unused from a job (the same lots / serials that were issued). */
  returnFromJob(input: {
    at: Date;
    part: string;
    location: string;
    units: HistoryUnit[];
    workOrder?: { id: string; number: string } | null;
    actor: HistoryActor;
    note?: string;
  }): void {
    const part = this.part(input.part);
    const location = this.location(input.location);
    this.post(
      input.at,
      input.actor,
      input.units.map((unit) => ({
        kind: 'return_from_job',
        part,
        location,
        unit,
        quantity: unit.quantity,
        workOrder: input.workOrder ?? null,
        note: input.note ?? '',
      })),
    );
  }

  /** Defective units sent back to the supplier (naming the supplier: evaluations count them). [] when not in stock. */
  returnToSupplier(input: {
    at: Date;
    part: string;
    location: string;
    quantity: number;
    serials?: string[];
    supplier: string;
    reason: string;
    actor: HistoryActor;
  }): HistoryUnit[] {
    const part = this.part(input.part);
    const location = this.location(input.location);
    const supplier = this.suppliersByCode.get(input.supplier);
    if (!supplier) throw new Error(`demo history: unknown supplier ${input.supplier}`);
    let units: HistoryUnit[];
    if (input.serials?.length) {
      units = input.serials.map((serial) => ({ quantity: 1, lot: '', serial, expiryDate: null }));
      if (units.some((u) => this.serialAt.get(`${part.id}|${u.serial}`) !== location.id)) return [];
    } else {
      units = this.pick(part, location, input.quantity, input.at, false);
    }
    if (!units.length) return [];
    this.post(
      input.at,
      input.actor,
      units.map((unit) => ({
        kind: 'return_to_supplier',
        part,
        location,
        unit,
        quantity: -unit.quantity,
        supplierName: supplier.name,
        supplierId: supplier.id,
        reason: input.reason,
      })),
    );
    return units;
  }

  /** Scraps units (a given lot, expired or not, or the usual pick). */
  scrap(input: {
    at: Date;
    part: string;
    location: string;
    quantity: number;
    lot?: string;
    reason: string;
    actor: HistoryActor;
  }): HistoryUnit[] {
    const part = this.part(input.part);
    const location = this.location(input.location);
    let units: HistoryUnit[];
    if (input.lot !== undefined) {
      const b = this.balances.get(balanceKey(part.id, location.id, input.lot, ''));
      if (!b || b.quantity < input.quantity) return [];
      units = [{ quantity: input.quantity, lot: input.lot, serial: '', expiryDate: b.expiryDate }];
    } else {
      units = this.pick(part, location, input.quantity, input.at, false);
    }
    if (!units.length) return [];
    this.post(
      input.at,
      input.actor,
      units.map((unit) => ({ kind: 'scrap', part, location, unit, quantity: -unit.quantity, reason: input.reason })),
    );
    return units;
  }

  stats(): { movements: number; postings: number; orders: number; receipts: number; balances: number } {
    return {
      movements: this.movements.length,
      postings: this.postings,
      orders: this.orders.length,
      receipts: this.receipts.length,
      balances: this.balances.size,
    };
  }

  /**
   * Writes the history in one transaction: purchase orders and lines, receipts, the ledger in time order, the
   * balances (= the sums of the movements), the parts' average costs and the stock levels.
   */
  async write(ctx: Ctx): Promise<{ movements: number; orders: number; receipts: number; balances: number }> {
    const orderRows = [...this.orders].sort((a, b) => a.orderedAt.getTime() - b.orderedAt.getTime());
    return withTransaction(ctx, async (tx) => {
      // Orders first, in time order (their CG numbers rise with time); receipts' ledger notes name the number as the
      // live receipts do.
      const seqs = new Map<string, number>();
      for (let i = 0; i < orderRows.length; i += 500) {
        const rows = await tx.db
          .insert(purchaseOrders)
          .values(
            orderRows.slice(i, i + 500).map((o) => ({
              id: o.id,
              supplierId: o.supplier.id,
              contractId: o.contractId,
              locationId: o.locationId,
              branchId: o.branchId,
              status: o.status,
              orderedAt: o.orderedAt,
              expectedOn: o.expectedOn,
              note: o.note,
              closeReason: o.closeReason,
              createdBy: o.actor.id ?? NIL_UUID,
              createdByName: o.actor.name,
              version: o.version,
              createdAt: o.orderedAt,
              updatedAt: o.updatedAt,
            })),
          )
          .returning({ id: purchaseOrders.id, seq: purchaseOrders.seq });
        for (const r of rows) seqs.set(r.id, r.seq);
      }
      for (const m of this.movements) {
        const seq = m.purchaseOrderId ? seqs.get(m.purchaseOrderId) : undefined;
        if (seq !== undefined) m.note = `${orderNumber(seq)}${m.note ? ` ${m.note}` : ''}`;
      }
      await insertRowsBulk(
        tx.db,
        purchaseOrderLines,
        orderRows.flatMap((o) =>
          o.lines.map((l) => ({
            id: l.id,
            orderId: o.id,
            line: l.line,
            partId: l.partId,
            quantity: l.quantity,
            unitPriceFen: l.unitPriceFen,
            receivedQuantity: l.receivedQuantity,
          })),
        ),
      );
      await insertRowsBulk(tx.db, purchaseReceipts, this.receipts);
      await insertRowsBulk(tx.db, stockMovements, this.movements);
      await insertRowsBulk(
        tx.db,
        stockBalances,
        [...this.balances.values()].map((b) => ({
          partId: b.partId,
          locationId: b.locationId,
          lot: b.lot,
          serial: b.serial,
          expiryDate: b.expiryDate,
          quantity: b.quantity,
          updatedAt: b.updatedAt,
        })),
      );
      for (const id of this.received) {
        const p = this.partsById.get(id) as HistoryPart;
        await setAverageCost(tx.db, p.id, p.avgCostFen);
      }
      const existing = new Set(
        (await tx.db.select({ p: partStockLevels.partId, l: partStockLevels.locationId }).from(partStockLevels)).map(
          (r) => `${r.p}|${r.l}`,
        ),
      );
      await insertRowsBulk(
        tx.db,
        partStockLevels,
        [...this.levels.entries()]
          .filter(([k]) => !existing.has(k))
          .map(([, v]) => ({
            partId: v.partId,
            locationId: v.locationId,
            reorderPoint: v.rop,
            reorderQuantity: v.roq,
            updatedAt: tx.now,
          })),
      );
      return {
        movements: this.movements.length,
        orders: this.orders.length,
        receipts: this.receipts.length,
        balances: this.balances.size,
      };
    });
  }

  // ---------- internals ----------

  private checkTime(at: Date): void {
    if (at.getTime() < this.lastAt) {
      throw new Error(`demo history out of order: ${at.toISOString()} before ${new Date(this.lastAt).toISOString()}`);
    }
    this.lastAt = at.getTime();
  }

  private contractOf(s: Supplier, day: string, partIds: string[]): Contract | null {
    const valid = s.contracts.filter((c) => c.status === 'active' && c.startsOn <= day && day <= c.endsOn);
    return valid.find((c) => partIds.some((id) => c.prices.has(id))) ?? valid[0] ?? null;
  }

  private orderOf(ref: HistoryOrder): Order {
    const o = this.orders.find((x) => x.id === ref.id);
    if (!o) throw new Error('demo history: unknown order');
    return o;
  }

  private view(o: Order): HistoryOrder {
    const byId = this.partsById;
    return {
      id: o.id,
      supplierCode: o.supplier.code,
      expectedOn: o.expectedOn,
      get status() {
        return o.status;
      },
      get lines() {
        return o.lines.map((l) => ({
          line: l.line,
          partCode: (byId.get(l.partId) as HistoryPart).code,
          quantity: l.quantity,
          receivedQuantity: l.receivedQuantity,
        }));
      },
    };
  }

  private locationById(id: string): HistoryLocation {
    for (const l of this.locsByCode.values()) if (l.id === id) return l;
    throw new Error('demo history: unknown location');
  }

  private incomingUnits(
    part: HistoryPart,
    input: { quantity?: number; serials?: string[]; lot?: string; expiryDate?: string | null },
  ): HistoryUnit[] {
    if (part.serialTracked) {
      if (!input.serials?.length) throw new Error(`demo history: ${part.code} needs serials`);
      return input.serials.map((serial) => ({ quantity: 1, lot: '', serial: serial.toUpperCase(), expiryDate: null }));
    }
    if (part.lotTracked && !input.lot) throw new Error(`demo history: ${part.code} needs a lot`);
    const quantity = input.quantity ?? 0;
    if (quantity <= 0) throw new Error(`demo history: ${part.code} quantity ${quantity}`);
    return [
      {
        quantity,
        lot: part.lotTracked ? (input.lot as string) : '',
        serial: '',
        expiryDate: part.lotTracked ? (input.expiryDate ?? null) : null,
      },
    ];
  }

  /** Usable units at a location: serials in order, lots first-expiring first (expired lots skipped). */
  private pick(part: HistoryPart, loc: HistoryLocation, quantity: number, at: Date, partial: boolean): HistoryUnit[] {
    if (quantity <= 0) return [];
    const day = shanghaiDay(at);
    const rows = [...(this.balanceIndex.get(`${part.id}|${loc.id}`) ?? [])]
      .map((k) => this.balances.get(k) as Balance)
      .filter((b) => b.quantity > 0 && !(b.expiryDate && b.expiryDate < day))
      .sort(
        (a, b) =>
          (a.expiryDate ?? '9999').localeCompare(b.expiryDate ?? '9999') ||
          a.lot.localeCompare(b.lot) ||
          a.serial.localeCompare(b.serial),
      );
    const out: HistoryUnit[] = [];
    let left = quantity;
    for (const b of rows) {
      if (left <= 0) break;
      const n = Math.min(left, b.quantity);
      out.push({ quantity: n, lot: b.lot, serial: b.serial, expiryDate: b.expiryDate });
      left -= n;
    }
    if (left > 0 && !partial) return [];
    return out;
  }

  /** Appends one posting (one request id) and applies it to balances and averages. Returns its request id. */
  private post(at: Date, actor: HistoryActor, lines: LineIn[]): string {
    this.checkTime(at);
    this.postings++;
    const requestId = lines.some((l) => l.purchaseOrderId)
      ? `po-receipt:demo-${String(this.postings).padStart(6, '0')}`
      : `demo:${lines[0]?.kind ?? 'posting'}:${String(this.postings).padStart(6, '0')}`;
    // Decrements first (as the live ledger checks them), then increments.
    for (const l of lines) if (l.quantity < 0) this.apply(l, at);
    lines.forEach((l, i) => {
      let unitCost: number;
      if (l.kind === 'receipt') {
        const price = l.priceFen ?? 0;
        l.part.avgCostFen = receiveAverage({
          onHand: l.part.onHand,
          avgCostFen: l.part.avgCostFen,
          qty: l.quantity,
          unitCostFen: price,
        });
        this.received.add(l.part.id);
        unitCost = price;
      } else {
        unitCost = l.part.avgCostFen;
      }
      if (l.quantity > 0) this.apply(l, at);
      this.movements.push({
        id: randomUUID(),
        requestId,
        line: i + 1,
        kind: l.kind,
        partId: l.part.id,
        locationId: l.location.id,
        lot: l.unit.lot,
        serial: l.unit.serial,
        expiryDate: l.quantity > 0 || l.kind === 'receipt' ? l.unit.expiryDate : null,
        quantity: l.quantity,
        unitCostFen: unitCost,
        valueFen: valueFen(l.quantity, unitCost),
        counterLocationId: l.counterLocationId ?? null,
        workOrderId: l.workOrder?.id ?? null,
        workOrderNumber: l.workOrder?.number ?? '',
        requisitionId: null,
        reversalOf: null,
        reason: l.reason ?? '',
        note: l.note ?? '',
        supplier: l.supplierName ?? '',
        supplierId: l.supplierId ?? null,
        purchaseOrderId: l.purchaseOrderId ?? null,
        actorId: actor.id,
        actorName: actor.name,
        at,
      });
    });
    return requestId;
  }

  private apply(l: LineIn, at: Date): void {
    const { part, location, unit } = l;
    const key = balanceKey(part.id, location.id, unit.lot, unit.serial);
    let b = this.balances.get(key);
    if (l.quantity < 0) {
      if (!b || b.quantity < -l.quantity) {
        throw new Error(`demo history: not enough ${part.code} at ${location.code} (${unit.lot}${unit.serial})`);
      }
    } else if (unit.serial) {
      const where = this.serialAt.get(`${part.id}|${unit.serial}`);
      if (where) throw new Error(`demo history: serial ${unit.serial} of ${part.code} is already in stock`);
    }
    if (!b) {
      b = {
        partId: part.id,
        locationId: location.id,
        lot: unit.lot,
        serial: unit.serial,
        expiryDate: null,
        quantity: 0,
        updatedAt: at,
      };
      this.balances.set(key, b);
      const ik = `${part.id}|${location.id}`;
      const set = this.balanceIndex.get(ik) ?? new Set<string>();
      set.add(key);
      this.balanceIndex.set(ik, set);
    }
    b.quantity += l.quantity;
    b.updatedAt = at;
    if (l.quantity > 0 && unit.expiryDate) b.expiryDate = unit.expiryDate;
    part.onHand += l.quantity;
    if (unit.serial) {
      if (b.quantity > 0) this.serialAt.set(`${part.id}|${unit.serial}`, location.id);
      else this.serialAt.delete(`${part.id}|${unit.serial}`);
    }
  }
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

function balanceKey(partId: string, locationId: string, lot: string, serial: string): string {
  return `${partId}|${locationId}|${lot}|${serial}`;
}

/**
 * Loads the catalog, the locations and the suppliers with their contracts and prices into a history builder.
 * Null when the ledger already has movements: the history is only written into an empty ledger.
 */
export async function startStockHistory(ctx: Ctx): Promise<StockHistory | null> {
  const any = await ctx.db.select({ id: stockMovements.id }).from(stockMovements).limit(1);
  if (any.length) return null;
  const partRows = await ctx.db.select().from(parts);
  const locRows = await ctx.db.select().from(stockLocations);
  const supplierRows = await ctx.db.select().from(suppliers);
  const contractRows = await ctx.db.select().from(supplierContracts);
  const priceRows = await ctx.db.select().from(supplierContractPrices);
  const prices = new Map<string, Map<string, number>>();
  for (const p of priceRows) {
    const m = prices.get(p.contractId) ?? new Map<string, number>();
    m.set(p.partId, p.unitPriceFen);
    prices.set(p.contractId, m);
  }
  return new StockHistory({
    parts: partRows.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      category: p.category,
      serialTracked: p.serialTracked,
      lotTracked: p.lotTracked,
      standardCostFen: p.standardCostFen,
      avgCostFen: p.avgCostFen,
      onHand: 0,
    })),
    locations: locRows
      .filter((l) => l.active)
      .map((l) => ({
        id: l.id,
        code: l.code,
        name: l.name,
        kind: l.kind,
        branchId: l.branchId,
        technicianId: l.technicianId,
      })),
    suppliers: supplierRows.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      contracts: contractRows
        .filter((c) => c.supplierId === s.id)
        .sort((a, b) => b.startsOn.localeCompare(a.startsOn))
        .map((c) => ({
          id: c.id,
          number: c.number,
          startsOn: c.startsOn,
          endsOn: c.endsOn,
          deliveryDays: c.deliveryDays,
          status: c.status,
          prices: prices.get(c.id) ?? new Map<string, number>(),
        })),
    })),
  });
}
