// Shared set-up of the purchasing tests: suppliers with contracts, fresh stores, reorder levels, time travel.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestApp } from '../build-test-app';
import { move, type PartsStaff } from './parts-support';

export const NOW = '2026-07-15T02:00:00Z';
export const DAY = 86_400_000;
export const WO = '3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c';

export function purchasing(t: TestApp, s: PartsStaff) {
  const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, cookie: string, body?: unknown) =>
    t.request({ method, url, cookie, ...(body !== undefined ? { body } : {}) });

  /** Runs `fn` with the clock at NOW − days (then back to NOW). */
  async function daysAgo<T>(days: number, fn: () => Promise<T>): Promise<T> {
    t.clock.set(new Date(Date.parse(NOW) - days * DAY));
    try {
      return await fn();
    } finally {
      t.clock.set(NOW);
    }
  }

  async function supplier(extra: Record<string, unknown> = {}) {
    const res = await req('POST', '/api/suppliers', s.cookies.wh, {
      code: `SUP-${randomUUID().slice(0, 8)}`,
      name: '测试供应商',
      contactName: '王经理',
      contactPhone: '020-87654321',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; code: string; name: string; version: number };
  }

  async function contract(
    supplierId: string,
    prices: { partId: string; unitPriceFen: number }[],
    extra: Record<string, unknown> = {},
  ) {
    const res = await req('POST', `/api/suppliers/${supplierId}/contracts`, s.cookies.wh, {
      number: `HT-${randomUUID().slice(0, 8)}`,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      deliveryDays: 5,
      warrantyTerms: '到货 7 天内来料不良包换',
      paymentTerms: '月结 30 天',
      prices,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; number: string; version: number };
  }

  /** A new branch store of TH. */
  async function store() {
    const res = await req('POST', '/api/stock-locations', s.cookies.wh, {
      code: `ST-P-${randomUUID().slice(0, 6).toUpperCase()}`,
      name: '采购测试仓',
      kind: 'branch',
      branchId: t.branches.th,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  async function level(partId: string, locationId: string, reorderPoint: number, reorderQuantity: number) {
    const res = await req('PUT', `/api/parts/${partId}/levels/${locationId}`, s.cookies.wh, {
      version: 0,
      reorderPoint,
      reorderQuantity,
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  async function posted(body: Record<string, unknown>) {
    const res = await move(t, s.cookies.wh, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { movements: { id: string }[] };
  }

  const receive = (partId: string, locationId: string, quantity: number, unitCostFen = 1000) =>
    posted({ kind: 'receipt', partId, locationId, quantity, unitCostFen });
  const issue = (partId: string, locationId: string, quantity: number) =>
    posted({ kind: 'issue', partId, locationId, quantity, workOrderId: WO });

  function createPlan(locationId: string, extra: Record<string, unknown> = {}, cookie = s.cookies.wh) {
    return req('POST', '/api/purchase-plans', cookie, { requestId: `plan-${randomUUID()}`, locationId, ...extra });
  }

  function createOrder(body: Record<string, unknown>, cookie = s.cookies.wh) {
    return req('POST', '/api/purchase-orders', cookie, body);
  }

  function receiveOrder(orderId: string, lines: unknown[], extra: Record<string, unknown> = {}, cookie = s.cookies.wh) {
    return req('POST', `/api/purchase-orders/${orderId}/receipts`, cookie, {
      requestId: `rcv-${randomUUID()}`,
      lines,
      ...extra,
    });
  }

  /** Ledger rows of a part with the purchasing columns (straight from the table). */
  async function ledgerOf(partId: string) {
    const r = (await t.database.db.execute(
      sql`select kind, quantity, unit_cost_fen, lot, serial, expiry_date::text as expiry, supplier, supplier_id,
            purchase_order_id from stock_movements where part_id = ${partId} order by seq`,
    )) as unknown as {
      rows: {
        kind: string;
        quantity: number;
        unit_cost_fen: number;
        lot: string;
        serial: string;
        expiry: string | null;
        supplier: string;
        supplier_id: string | null;
        purchase_order_id: string | null;
      }[];
    };
    return r.rows.map((x) => ({ ...x, quantity: Number(x.quantity), unit_cost_fen: Number(x.unit_cost_fen) }));
  }

  async function countOf(table: 'purchase_orders' | 'purchase_receipts' | 'purchase_plans' | 'stock_movements') {
    const r = (await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
      rows: { n: number }[];
    };
    return Number(r.rows[0]?.n ?? 0);
  }

  return {
    req,
    daysAgo,
    supplier,
    contract,
    store,
    level,
    posted,
    receive,
    issue,
    createPlan,
    createOrder,
    receiveOrder,
    ledgerOf,
    countOf,
  };
}
