// Parts piece 2: the stock ledger — append-only, never negative, acts once per request id, weighted cost, serials.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlState } from '../../src/server/platform/http/db-errors';
import { buildTestApp, type TestApp } from '../build-test-app';
import { balance, move, newPart, type PartsStaff, partsStaff, rid } from './parts-support';
import { expectError, issuePaths } from './support';

let t: TestApp;
let s: PartsStaff;
const WO = '3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c';

beforeAll(async () => {
  t = await buildTestApp();
  s = await partsStaff(t);
});
afterAll(async () => {
  await t?.close();
});

async function sumOfMovements(partId: string, locationId: string): Promise<number> {
  const r = (await t.database.db.execute(
    sql`select coalesce(sum(quantity), 0)::int as n from stock_movements where part_id = ${partId} and location_id = ${locationId}`,
  )) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0]?.n ?? 0);
}

describe('receipts and weighted average cost', () => {
  it('receipts at actual prices move the average (half up to the fen); issues carry it', async () => {
    const p = await newPart(t, s.cookies.wh);
    const r1 = await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.central,
      quantity: 10,
      unitCostFen: 1000,
      supplier: '格力配件',
    });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json().movements).toMatchObject([{ kind: 'receipt', quantity: 10, unitCostFen: 1000, valueFen: 10000 }]);
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 30,
      unitCostFen: 1200,
    });
    let part = (await t.request({ method: 'GET', url: `/api/parts/${p.id}`, cookie: s.cookies.wh })).json();
    expect(part.avgCostFen).toBe(1150);
    // (40 × 11.50 + 1 × 10.01) / 41 = 11.4637… → 11.46
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 1,
      unitCostFen: 1001,
    });
    part = (await t.request({ method: 'GET', url: `/api/parts/${p.id}`, cookie: s.cookies.wh })).json();
    expect(part.avgCostFen).toBe(1146);
    const issued = await move(t, s.cookies.wh, {
      kind: 'issue',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 3,
      workOrderId: WO,
      workOrderNumber: 'WO-20260601-0001',
    });
    expect(issued.json().movements).toMatchObject([
      { kind: 'issue', quantity: -3, unitCostFen: 1146, valueFen: -3438, workOrderId: WO },
    ]);
    expect(await balance(t, s.cookies.wh, p.id, s.loc.th)).toBe(28);
    expect(await sumOfMovements(p.id, s.loc.th)).toBe(28);
    const value = (
      await t.request({ method: 'GET', url: `/api/stock-balances?partId=${p.id}`, cookie: s.cookies.wh })
    ).json();
    expect(value.totalQuantity).toBe(38);
    expect(value.totalValueFen).toBe(38 * 1146);
  });

  it('a transfer posts a pair and moves no value; only the warehouse moves stock', async () => {
    const p = await newPart(t, s.cookies.wh);
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.central,
      quantity: 5,
      unitCostFen: 500,
    });
    const tr = await move(t, s.cookies.wh, {
      kind: 'transfer',
      partId: p.id,
      fromLocationId: s.loc.central,
      toLocationId: s.loc.vanTech,
      quantity: 2,
    });
    expect(tr.statusCode, tr.body).toBe(201);
    expect(
      tr
        .json()
        .movements.map((m: { kind: string; quantity: number; valueFen: number }) => [m.kind, m.quantity, m.valueFen]),
    ).toEqual([
      ['transfer_out', -2, -1000],
      ['transfer_in', 2, 1000],
    ]);
    expect(await balance(t, s.cookies.wh, p.id, s.loc.vanTech)).toBe(2);
    for (const who of ['head', 'tech', 'disp'] as const) {
      const res = await move(t, s.cookies[who], {
        kind: 'scrap',
        partId: p.id,
        locationId: s.loc.central,
        quantity: 1,
        reason: '损坏',
      });
      expectError(res, 403, 'FORBIDDEN');
    }
    const otherBranch = await move(t, s.cookies.wh, {
      kind: 'transfer',
      partId: p.id,
      fromLocationId: s.loc.central,
      toLocationId: s.loc.hz,
      quantity: 1,
    });
    expect(issuePaths(otherBranch)).toEqual(['toLocationId']);
  });
});

describe('never negative, acts once', () => {
  it('taking more than there is: 422 insufficient_stock, nothing changes', async () => {
    const p = await newPart(t, s.cookies.wh);
    await move(t, s.cookies.wh, { kind: 'receipt', partId: p.id, locationId: s.loc.th, quantity: 2, unitCostFen: 100 });
    const res = await move(t, s.cookies.wh, {
      kind: 'scrap',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 3,
      reason: '受潮',
    });
    const err = expectError(res, 422, 'BUSINESS_RULE');
    expect(err.details).toMatchObject({ reason: 'insufficient_stock', available: 2, requested: 3 });
    expect(await balance(t, s.cookies.wh, p.id, s.loc.th)).toBe(2);
    expect(await sumOfMovements(p.id, s.loc.th)).toBe(2);
  });

  it('parallel issues of the last unit: exactly one wins, the others get 422 and nothing else changes', async () => {
    const p = await newPart(t, s.cookies.wh);
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 1,
      unitCostFen: 2500,
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        move(t, s.cookies.wh, { kind: 'issue', partId: p.id, locationId: s.loc.th, quantity: 1, workOrderId: WO }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 422, 422, 422, 422, 422]);
    for (const r of results.filter((x) => x.statusCode === 422))
      expect(r.json().details.reason).toBe('insufficient_stock');
    expect(await balance(t, s.cookies.wh, p.id, s.loc.th)).toBe(0);
    expect(await sumOfMovements(p.id, s.loc.th)).toBe(0);
  });

  it('the database refuses a negative balance and any change to the ledger', async () => {
    const p = await newPart(t, s.cookies.wh);
    await move(t, s.cookies.wh, { kind: 'receipt', partId: p.id, locationId: s.loc.th, quantity: 1, unitCostFen: 100 });
    const stateOf = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (e) {
        return sqlState(e);
      }
      return null;
    };
    // CHECK (quantity >= 0)
    expect(
      await stateOf(() => t.database.db.execute(sql`update stock_balances set quantity = -1 where part_id = ${p.id}`)),
    ).toBe('23514');
    // The append-only trigger
    for (const attempt of [
      () => t.database.db.execute(sql`update stock_movements set quantity = 5 where part_id = ${p.id}`),
      () => t.database.db.execute(sql`delete from stock_movements where part_id = ${p.id}`),
      () => t.database.db.execute(sql`truncate stock_movements cascade`),
    ]) {
      expect(await stateOf(attempt)).toBe('42501');
    }
    expect(await sumOfMovements(p.id, s.loc.th)).toBe(1);
  });

  it('a retried issue with the same request id acts once and returns the same result; other content → 422', async () => {
    const p = await newPart(t, s.cookies.wh);
    await move(t, s.cookies.wh, { kind: 'receipt', partId: p.id, locationId: s.loc.th, quantity: 5, unitCostFen: 100 });
    const body = {
      requestId: `issue-${randomUUID()}`,
      kind: 'issue',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 2,
      workOrderId: WO,
    };
    const first = await t.request({ method: 'POST', url: '/api/stock-movements', cookie: s.cookies.wh, body });
    const [a, b] = await Promise.all([
      t.request({ method: 'POST', url: '/api/stock-movements', cookie: s.cookies.wh, body }),
      t.request({ method: 'POST', url: '/api/stock-movements', cookie: s.cookies.wh, body }),
    ]);
    expect([first.statusCode, a.statusCode, b.statusCode]).toEqual([201, 201, 201]);
    expect(a.json()).toEqual(first.json());
    expect(b.json()).toEqual(first.json());
    expect(await balance(t, s.cookies.wh, p.id, s.loc.th)).toBe(3);
    const other = await t.request({
      method: 'POST',
      url: '/api/stock-movements',
      cookie: s.cookies.wh,
      body: { ...body, quantity: 1 },
    });
    expect(expectError(other, 422, 'BUSINESS_RULE').details.reason).toBe('request_id_reused');
    // The platform Idempotency-Key works too.
    const key = { 'idempotency-key': `idem-${randomUUID()}` };
    const k1 = await move(
      t,
      s.cookies.wh,
      { kind: 'scrap', partId: p.id, locationId: s.loc.th, quantity: 1, reason: '损坏', requestId: 'scrap-key-0001' },
      key,
    );
    const k2 = await move(
      t,
      s.cookies.wh,
      { kind: 'scrap', partId: p.id, locationId: s.loc.th, quantity: 1, reason: '损坏', requestId: 'scrap-key-0001' },
      key,
    );
    expect(k2.headers['idempotent-replayed']).toBe('true');
    expect(k2.json()).toEqual(k1.json());
    expect(await balance(t, s.cookies.wh, p.id, s.loc.th)).toBe(2);
  });

  it('a reversal corrects a mistake with a reason, once; a reversed receipt takes its value out of the average', async () => {
    const p = await newPart(t, s.cookies.wh);
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 10,
      unitCostFen: 1000,
    });
    const wrong = await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 30,
      unitCostFen: 1200,
    });
    const id = wrong.json().movements[0].id;
    const noReason = await t.request({
      method: 'POST',
      url: `/api/stock-movements/${id}/reverse`,
      cookie: s.cookies.wh,
      body: { requestId: rid() },
    });
    expect(issuePaths(noReason)).toEqual(['reason']);
    const rev = await t.request({
      method: 'POST',
      url: `/api/stock-movements/${id}/reverse`,
      cookie: s.cookies.wh,
      body: { requestId: rid(), reason: '数量录错' },
    });
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json().movements).toMatchObject([
      { kind: 'reversal', quantity: -30, unitCostFen: 1200, reversalOf: id, reason: '数量录错' },
    ]);
    const part = (await t.request({ method: 'GET', url: `/api/parts/${p.id}`, cookie: s.cookies.wh })).json();
    expect(part.avgCostFen).toBe(1000);
    expect(await balance(t, s.cookies.wh, p.id, s.loc.th)).toBe(10);
    const twice = await t.request({
      method: 'POST',
      url: `/api/stock-movements/${id}/reverse`,
      cookie: s.cookies.wh,
      body: { requestId: rid(), reason: '再冲一次' },
    });
    expectError(twice, 409, 'ILLEGAL_TRANSITION');
    const ledger = (
      await t.request({ method: 'GET', url: `/api/stock-movements?partId=${p.id}`, cookie: s.cookies.wh })
    ).json();
    expect(ledger.items.map((m: { kind: string; reversed: boolean }) => [m.kind, m.reversed])).toEqual([
      ['reversal', false],
      ['receipt', true],
      ['receipt', false],
    ]);
  });
});

describe('serials and lots', () => {
  it('serial-tracked: one row per unit, a serial in one place only, its history from receipt to the job', async () => {
    const p = await newPart(t, s.cookies.wh, {
      category: 'compressor',
      name: '变频压缩机',
      serialTracked: true,
      standardCostFen: 98000,
    });
    const noSerial = await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.central,
      quantity: 2,
      unitCostFen: 95000,
    });
    expect(issuePaths(noSerial)).toEqual(['serials']);
    const rec = await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.central,
      serials: ['gmcc-a001', 'GMCC-A002'],
      unitCostFen: 95000,
    });
    expect(rec.json().movements.map((m: { serial: string; quantity: number }) => [m.serial, m.quantity])).toEqual([
      ['GMCC-A001', 1],
      ['GMCC-A002', 1],
    ]);
    const dup = await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.th,
      serials: ['GMCC-A001'],
      unitCostFen: 95000,
    });
    expect(expectError(dup, 409, 'CONFLICT').details.reason).toBe('serial_in_stock');
    await move(t, s.cookies.wh, {
      kind: 'transfer',
      partId: p.id,
      fromLocationId: s.loc.central,
      toLocationId: s.loc.vanTech,
      serials: ['GMCC-A001'],
    });
    await move(t, s.cookies.wh, {
      kind: 'issue',
      partId: p.id,
      locationId: s.loc.vanTech,
      serials: ['GMCC-A001'],
      workOrderId: WO,
      workOrderNumber: 'WO-20260601-0002',
    });
    const h = await t.request({ method: 'GET', url: '/api/stock-serials/GMCC-A001', cookie: s.cookies.tech });
    expect(h.statusCode, h.body).toBe(200);
    const item = h.json().items[0];
    expect(item.currentLocationId).toBeNull();
    expect(item.movements.map((m: { kind: string; locationCode: string }) => `${m.kind}@${m.locationCode}`)).toEqual([
      'receipt@WH-CENTRAL',
      'transfer_out@WH-CENTRAL',
      'transfer_in@VAN-TH-001',
      'issue@VAN-TH-001',
    ]);
    expect(item.movements[3].workOrderId).toBe(WO);
    await move(t, s.cookies.wh, {
      kind: 'return_from_job',
      partId: p.id,
      locationId: s.loc.th,
      serials: ['GMCC-A001'],
      workOrderId: WO,
    });
    const back = (await t.request({ method: 'GET', url: '/api/stock-serials/GMCC-A001', cookie: s.cookies.wh })).json();
    expect(back.items[0].currentLocationCode).toBe('ST-GZ-TH');
  });

  it('lot-tracked parts need the lot (and expiry at receipt); balances are per lot', async () => {
    const p = await newPart(t, s.cookies.wh, {
      category: 'refrigerant_r32',
      name: 'R32 冷媒',
      unit: '瓶',
      lotTracked: true,
    });
    const noLot = await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 3,
      unitCostFen: 15000,
      expiryDate: '2028-01-31',
    });
    expect(issuePaths(noLot)).toEqual(['lot']);
    const noExpiry = await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 3,
      unitCostFen: 15000,
      lot: 'L2406',
    });
    expect(issuePaths(noExpiry)).toEqual(['expiryDate']);
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 3,
      unitCostFen: 15000,
      lot: 'L2406',
      expiryDate: '2028-01-31',
    });
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 2,
      unitCostFen: 15000,
      lot: 'L2407',
      expiryDate: '2028-02-28',
    });
    const adj = await move(t, s.cookies.wh, {
      kind: 'adjustment',
      partId: p.id,
      locationId: s.loc.th,
      lot: 'L2407',
      delta: -1,
      reason: '盘亏',
    });
    expect(adj.statusCode, adj.body).toBe(201);
    const rows = (
      await t.request({ method: 'GET', url: `/api/stock-balances?partId=${p.id}`, cookie: s.cookies.wh })
    ).json().items;
    expect(
      rows.map((r: { lot: string; quantity: number; expiryDate: string }) => [r.lot, r.quantity, r.expiryDate]),
    ).toEqual([
      ['L2406', 3, '2028-01-31'],
      ['L2407', 1, '2028-02-28'],
    ]);
    // A lot keeps its expiry wherever it moves (the transfer carries no date of its own).
    const tr = await move(t, s.cookies.wh, {
      kind: 'transfer',
      partId: p.id,
      fromLocationId: s.loc.th,
      toLocationId: s.loc.vanTech,
      lot: 'L2406',
      quantity: 1,
    });
    expect(tr.statusCode, tr.body).toBe(201);
    const inVan = (
      await t.request({
        method: 'GET',
        url: `/api/stock-balances?partId=${p.id}&locationId=${s.loc.vanTech}`,
        cookie: s.cookies.wh,
      })
    ).json().items;
    expect(
      inVan.map((r: { lot: string; quantity: number; expiryDate: string }) => [r.lot, r.quantity, r.expiryDate]),
    ).toEqual([['L2406', 1, '2028-01-31']]);
  });
});

describe('reports', () => {
  it('value per location and the below-reorder list', async () => {
    const p = await newPart(t, s.cookies.wh);
    await t.request({
      method: 'PUT',
      url: `/api/parts/${p.id}/levels/${s.loc.vanTech2}`,
      cookie: s.cookies.wh,
      body: { version: 0, reorderPoint: 3, reorderQuantity: 5 },
    });
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.vanTech2,
      quantity: 2,
      unitCostFen: 700,
    });
    const alerts = (
      await t.request({
        method: 'GET',
        url: `/api/stock-reorder-alerts?locationId=${s.loc.vanTech2}`,
        cookie: s.cookies.head,
      })
    ).json();
    expect(alerts.items).toMatchObject([{ partId: p.id, onHand: 2, reorderPoint: 3, reorderQuantity: 5 }]);
    const value = (await t.request({ method: 'GET', url: '/api/stock-value', cookie: s.cookies.wh })).json();
    const van = value.items.find((i: { locationId: string }) => i.locationId === s.loc.vanTech2);
    expect(van).toMatchObject({ quantity: 2, valueFen: 1400 });
    expect(value.items.some((i: { locationId: string }) => i.locationId === s.loc.hz)).toBe(false);
  });
});
