// Parts: stocktakes — frozen snapshot, counts with versions, differences and accuracy, approval posts adjustments once.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { balance, move, newPart, type PartsStaff, partsStaff } from './parts-support';
import { expectError, issuePaths } from './support';

let t: TestApp;
let s: PartsStaff;
/** A second warehouse keeper of branch TH (the submitter cannot approve their own stocktake). */
let wh2: string;

beforeAll(async () => {
  t = await buildTestApp();
  s = await partsStaff(t);
  await t.createUser('p-wh2', ['warehouse'], 'th');
  wh2 = await t.login('p-wh2');
});
afterAll(async () => {
  await t?.close();
});

const req = (method: string, url: string, cookie: string, body?: unknown) =>
  t.request({ method: method as 'POST', url, cookie, ...(body !== undefined ? { body } : {}) });

async function receive(partId: string, locationId: string, quantity: number, unitCostFen: number) {
  const r = await move(t, s.cookies.wh, { kind: 'receipt', partId, locationId, quantity, unitCostFen });
  expect(r.statusCode, r.body).toBe(201);
}

async function adjustmentsOf(partId: string) {
  const r = (await t.database.db.execute(
    sql`select quantity, request_id from stock_movements where part_id = ${partId} and kind = 'adjustment' order by seq`,
  )) as unknown as { rows: { quantity: number; request_id: string }[] };
  return r.rows;
}

/** A store with two capacitors (10 at 12.00, 5 at 30.00) and one compressor (cycle counts leave it out). */
async function makeStore() {
  const store = (
    await req('POST', '/api/stock-locations', s.cookies.wh, {
      code: `ST-T-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      name: '盘点测试仓',
      kind: 'branch',
      branchId: t.branches.th,
    })
  ).json().id as string;
  const a = await newPart(t, s.cookies.wh, { category: 'capacitor' });
  const b = await newPart(t, s.cookies.wh, { category: 'capacitor' });
  const c = await newPart(t, s.cookies.wh, { category: 'compressor' });
  await receive(a.id, store, 10, 1200);
  await receive(b.id, store, 5, 3000);
  await receive(c.id, store, 2, 50000);
  return { store, a, b, c };
}

async function create(locationId: string, body: Record<string, unknown> = {}, cookie = s.cookies.wh) {
  return req('POST', '/api/stocktakes', cookie, { locationId, scope: 'full', ...body });
}

const lineOf = (st: any, partId: string) => st.lines.find((l: any) => l.partId === partId);

describe('stocktakes', () => {
  it('freezes the book at creation: a receipt afterwards does not change the snapshot', async () => {
    const { store, a, b, c } = await makeStore();
    const res = await create(store, { scope: 'cycle', categories: ['capacitor'] });
    expect(res.statusCode, res.body).toBe(201);
    const st = res.json();
    expect(st).toMatchObject({ status: 'counting', scope: 'cycle', version: 1, locationId: store });
    expect(st.number).toMatch(/^PD\d{6}$/);
    expect(st.lines).toHaveLength(2);
    expect(lineOf(st, c.id)).toBeUndefined();
    expect(lineOf(st, a.id)).toMatchObject({ snapshotQuantity: 10, countedQuantity: null, differenceQuantity: null });
    await receive(a.id, store, 4, 1200);
    expect(await balance(t, s.cookies.wh, a.id, store)).toBe(14);
    const again = (await req('GET', `/api/stocktakes/${st.id}`, s.cookies.wh)).json();
    expect(lineOf(again, a.id).snapshotQuantity).toBe(10);
    expect(lineOf(again, b.id).snapshotQuantity).toBe(5);
    // A full count covers every category (once the cycle count is cancelled: one open stocktake per location).
    const cancelled = await req('POST', `/api/stocktakes/${st.id}/cancel`, s.cookies.head, {
      version: 1,
      reason: '改为全盘',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const full = (await create(store)).json();
    expect(full.lines).toHaveLength(3);
  });

  it('counts are re-entered while counting, with versions; differences and accuracy are exact; approval posts once', async () => {
    const { store, a, b, c } = await makeStore();
    const st = (await create(store)).json();
    const la = lineOf(st, a.id);
    const lb = lineOf(st, b.id);
    const lc = lineOf(st, c.id);
    const url = `/api/stocktakes/${st.id}`;
    let r = await req('PUT', `${url}/counts`, s.cookies.wh, {
      version: 1,
      counts: [{ lineId: la.id, countedQuantity: 9 }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().version).toBe(2);
    // Stale version: 409, nothing changes.
    r = await req('PUT', `${url}/counts`, wh2, {
      version: 1,
      counts: [{ lineId: la.id, countedQuantity: 1 }],
    });
    expectError(r, 409, 'VERSION_CONFLICT');
    // Re-entered: 7 (3 missing), b: 6 (1 found), c: 2 (matches).
    r = await req('PUT', `${url}/counts`, s.cookies.wh, {
      version: 2,
      counts: [
        { lineId: la.id, countedQuantity: 7 },
        { lineId: lb.id, countedQuantity: 6 },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(lineOf(r.json(), a.id).countedQuantity).toBe(7);
    // Submitting with a line uncounted: 422.
    expectError(await req('POST', `${url}/submit`, s.cookies.wh, { version: 3 }), 422, 'BUSINESS_RULE');
    r = await req('PUT', `${url}/counts`, s.cookies.wh, {
      version: 3,
      counts: [{ lineId: lc.id, countedQuantity: 2 }],
    });
    expect(r.statusCode).toBe(200);
    r = await req('POST', `${url}/submit`, s.cookies.wh, { version: 4 });
    expect(r.statusCode, r.body).toBe(200);
    let sub = r.json();
    expect(sub.status).toBe('submitted');
    expect(lineOf(sub, a.id)).toMatchObject({ differenceQuantity: -3, unitCostFen: 1200, differenceValueFen: -3600 });
    expect(lineOf(sub, b.id)).toMatchObject({ differenceQuantity: 1, unitCostFen: 3000, differenceValueFen: 3000 });
    expect(lineOf(sub, c.id)).toMatchObject({ differenceQuantity: 0, differenceValueFen: 0 });
    expect(sub.report).toEqual({
      lines: 3,
      linesCounted: 3,
      linesMatching: 1,
      accuracyBasisPoints: 3333,
      gainValueFen: 3000,
      lossValueFen: -3600,
      netValueFen: -600,
    });
    // Counting after submit: 409.
    expectError(
      await req('PUT', `${url}/counts`, s.cookies.wh, { version: 5, counts: [{ lineId: la.id, countedQuantity: 1 }] }),
      409,
      'ILLEGAL_TRANSITION',
    );
    // The submitter cannot approve their own: 422, nothing posted.
    const self = expectError(await req('POST', `${url}/approve`, s.cookies.wh, { version: 5 }), 422, 'BUSINESS_RULE');
    expect(self.details.reason).toBe('own_stocktake');
    expect(await adjustmentsOf(a.id)).toHaveLength(0);
    // A technician may not approve; the head may.
    expectError(await req('POST', `${url}/approve`, s.cookies.tech, { version: 5 }), 403, 'FORBIDDEN');
    r = await req('POST', `${url}/approve`, s.cookies.head, { version: 5 });
    expect(r.statusCode, r.body).toBe(200);
    sub = r.json();
    expect(sub.status).toBe('approved');
    expect(sub.approvedByName).toBeTruthy();
    expect(lineOf(sub, a.id).movementId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lineOf(sub, c.id).movementId).toBeNull();
    expect(await balance(t, s.cookies.wh, a.id, store)).toBe(7);
    expect(await balance(t, s.cookies.wh, b.id, store)).toBe(6);
    expect(await balance(t, s.cookies.wh, c.id, store)).toBe(2);
    expect(await adjustmentsOf(a.id)).toEqual([{ quantity: -3, request_id: `stocktake:${la.id}` }]);
    // Retried (same body, and with an Idempotency-Key twice): acts once.
    r = await req('POST', `${url}/approve`, s.cookies.head, { version: 5 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().version).toBe(sub.version);
    expect(await adjustmentsOf(a.id)).toHaveLength(1);
    expect(await adjustmentsOf(b.id)).toHaveLength(1);
    expect(await balance(t, s.cookies.wh, a.id, store)).toBe(7);
    // The ledger rows carry the average cost and the stocktake number.
    const mv = (await req('GET', `/api/stock-movements?partId=${a.id}&kind=adjustment`, s.cookies.wh)).json().items;
    expect(mv).toMatchObject([{ quantity: -3, unitCostFen: 1200, valueFen: -3600, reason: `盘点 ${sub.number}` }]);
    // Cancel after approval: 409.
    expectError(
      await req('POST', `${url}/cancel`, s.cookies.head, { version: sub.version, reason: '取消' }),
      409,
      'ILLEGAL_TRANSITION',
    );
  });

  it('approval with an Idempotency-Key replays the first answer', async () => {
    const { store, a } = await makeStore();
    const st = (await create(store, { scope: 'cycle', categories: ['capacitor'] })).json();
    const url = `/api/stocktakes/${st.id}`;
    await req('PUT', `${url}/counts`, s.cookies.wh, {
      version: 1,
      counts: st.lines.map((l: any) => ({
        lineId: l.id,
        countedQuantity: l.partId === a.id ? 12 : l.snapshotQuantity,
      })),
    });
    await req('POST', `${url}/submit`, s.cookies.wh, { version: 2 });
    const headers = { 'idempotency-key': `approve-${st.id}` };
    const one = await t.request({ method: 'POST', url: `${url}/approve`, cookie: wh2, body: { version: 3 }, headers });
    const two = await t.request({ method: 'POST', url: `${url}/approve`, cookie: wh2, body: { version: 3 }, headers });
    expect(one.statusCode, one.body).toBe(200);
    expect(two.statusCode).toBe(200);
    expect(two.json()).toEqual(one.json());
    expect(await adjustmentsOf(a.id)).toEqual([{ quantity: 2, request_id: `stocktake:${lineOf(st, a.id).id}` }]);
    expect(await balance(t, s.cookies.wh, a.id, store)).toBe(12);
  });

  it('refuses approval when the book moved since the snapshot (lines named); a recount re-snapshots them', async () => {
    const { store, a, b } = await makeStore();
    const st = (await create(store, { scope: 'cycle', categories: ['capacitor'] })).json();
    const url = `/api/stocktakes/${st.id}`;
    await req('PUT', `${url}/counts`, s.cookies.wh, {
      version: 1,
      counts: [
        { lineId: lineOf(st, a.id).id, countedQuantity: 8 },
        { lineId: lineOf(st, b.id).id, countedQuantity: 4 },
      ],
    });
    await req('POST', `${url}/submit`, s.cookies.wh, { version: 2 });
    // Someone receives 1 of part a after the snapshot.
    await receive(a.id, store, 1, 1200);
    const err = expectError(await req('POST', `${url}/approve`, wh2, { version: 3 }), 409, 'CONFLICT');
    expect(err.details.reason).toBe('book_moved');
    expect(err.details.lines).toEqual([
      expect.objectContaining({
        lineId: lineOf(st, a.id).id,
        partCode: a.code,
        snapshotQuantity: 10,
        bookQuantity: 11,
      }),
    ]);
    expect(await adjustmentsOf(a.id)).toHaveLength(0);
    expect(await adjustmentsOf(b.id)).toHaveLength(0);
    // Recount: a is re-snapshotted (11) and must be counted again; b keeps its count.
    let r = await req('POST', `${url}/recount`, wh2, { version: 3 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('counting');
    expect(lineOf(r.json(), a.id)).toMatchObject({ snapshotQuantity: 11, countedQuantity: null });
    expect(lineOf(r.json(), b.id)).toMatchObject({ snapshotQuantity: 5, countedQuantity: 4 });
    await req('PUT', `${url}/counts`, s.cookies.wh, {
      version: 4,
      counts: [{ lineId: lineOf(st, a.id).id, countedQuantity: 9 }],
    });
    await req('POST', `${url}/submit`, s.cookies.wh, { version: 5 });
    r = await req('POST', `${url}/approve`, wh2, { version: 6 });
    expect(r.statusCode, r.body).toBe(200);
    expect(await balance(t, s.cookies.wh, a.id, store)).toBe(9);
    expect(await balance(t, s.cookies.wh, b.id, store)).toBe(4);
  });

  it('validates strictly: unknown fields, negative or fractional counts, foreign lines, serial units 0/1', async () => {
    const { store } = await makeStore();
    const other = (await create((await makeStore()).store)).json();
    const st = (await create(store)).json();
    const url = `/api/stocktakes/${st.id}`;
    const lineId = st.lines[0].id;
    const bad = async (body: unknown, path: string) => {
      const r = await req('PUT', `${url}/counts`, s.cookies.wh, body);
      expectError(r, 400, 'VALIDATION_FAILED');
      expect(issuePaths(r)).toContain(path);
    };
    await bad({ version: 1, counts: [{ lineId, countedQuantity: -1 }] }, 'counts.0.countedQuantity');
    await bad({ version: 1, counts: [{ lineId, countedQuantity: 1.5 }] }, 'counts.0.countedQuantity');
    await bad({ version: 1, counts: [{ lineId, countedQuantity: 1, extra: true }] }, 'counts.0.extra');
    await bad({ version: 1, counts: [{ lineId, countedQuantity: 1 }], sneaky: 1 }, 'sneaky');
    await bad({ version: 1, counts: [{ lineId: other.lines[0].id, countedQuantity: 1 }] }, 'counts.0.lineId');
    await bad(
      {
        version: 1,
        counts: [
          { lineId, countedQuantity: 1 },
          { lineId, countedQuantity: 2 },
        ],
      },
      'counts.1.lineId',
    );
    expect((await req('GET', url, s.cookies.wh)).json().version).toBe(1);
    // Create: a cycle count needs categories; a full count takes none; unknown fields refused.
    expectError(await create(store, { scope: 'cycle' }), 400, 'VALIDATION_FAILED');
    expectError(await create(store, { categories: ['capacitor'] }), 400, 'VALIDATION_FAILED');
    expectError(await create(store, { foo: 1 }), 400, 'VALIDATION_FAILED');
    // Serial units count 0 or 1.
    const sp = await newPart(t, s.cookies.wh, { serialTracked: true, category: 'pcb' });
    const r = await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: sp.id,
      locationId: store,
      serials: ['SN-ST-001', 'SN-ST-002'],
      unitCostFen: 20000,
    });
    expect(r.statusCode, r.body).toBe(201);
    await req('POST', `${url}/cancel`, s.cookies.head, { version: 1, reason: '先盘序列号件' });
    const ser = (await create(store, { scope: 'cycle', categories: ['pcb'] })).json();
    expect(ser.lines.map((l: any) => [l.serial, l.snapshotQuantity])).toEqual([
      ['SN-ST-001', 1],
      ['SN-ST-002', 1],
    ]);
    const sr = await req('PUT', `/api/stocktakes/${ser.id}/counts`, s.cookies.wh, {
      version: 1,
      counts: [{ lineId: ser.lines[0].id, countedQuantity: 2 }],
    });
    expectError(sr, 400, 'VALIDATION_FAILED');
    // One serial missing: approval takes exactly that unit out.
    await req('PUT', `/api/stocktakes/${ser.id}/counts`, s.cookies.wh, {
      version: 1,
      counts: [
        { lineId: ser.lines[0].id, countedQuantity: 1 },
        { lineId: ser.lines[1].id, countedQuantity: 0 },
      ],
    });
    await req('POST', `/api/stocktakes/${ser.id}/submit`, s.cookies.wh, { version: 2 });
    const ap = await req('POST', `/api/stocktakes/${ser.id}/approve`, wh2, { version: 3 });
    expect(ap.statusCode, ap.body).toBe(200);
    expect(ap.json().report).toMatchObject({ linesMatching: 1, accuracyBasisPoints: 5000, lossValueFen: -20000 });
    const hist = (await req('GET', '/api/stock-serials/SN-ST-002', s.cookies.wh)).json().items[0];
    expect(hist.currentLocationId).toBeNull();
  });

  it('one open stocktake per location: a second start is refused naming the open one, also when racing', async () => {
    const { store } = await makeStore();
    const first = await create(store, { scope: 'cycle', categories: ['capacitor'] });
    expect(first.statusCode, first.body).toBe(201);
    const st = first.json();
    const countBefore = (await req('GET', `/api/stocktakes?locationId=${store}`, s.cookies.wh)).json().total;
    // Counting: refused, whatever the scope; nothing is created.
    const refused = expectError(await create(store), 409, 'CONFLICT');
    expect(refused.details).toMatchObject({ reason: 'open_stocktake', stocktakeId: st.id, number: st.number });
    expect(
      expectError(await create(store, { scope: 'cycle', categories: ['compressor'] }, wh2), 409, 'CONFLICT').details
        .reason,
    ).toBe('open_stocktake');
    expect((await req('GET', `/api/stocktakes?locationId=${store}`, s.cookies.wh)).json().total).toBe(countBefore);
    // Submitted is still open.
    await req('PUT', `/api/stocktakes/${st.id}/counts`, s.cookies.wh, {
      version: 1,
      counts: st.lines.map((l: any) => ({ lineId: l.id, countedQuantity: l.snapshotQuantity })),
    });
    expect((await req('POST', `/api/stocktakes/${st.id}/submit`, s.cookies.wh, { version: 2 })).statusCode).toBe(200);
    expect(expectError(await create(store), 409, 'CONFLICT').details.stocktakeId).toBe(st.id);
    // Another location is not affected.
    const elsewhere = await create((await makeStore()).store);
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    // Approved: the location is free again.
    expect((await req('POST', `/api/stocktakes/${st.id}/approve`, wh2, { version: 3 })).statusCode).toBe(200);
    const next = await create(store);
    expect(next.statusCode, next.body).toBe(201);
    await req('POST', `/api/stocktakes/${next.json().id}/cancel`, s.cookies.head, { version: 1, reason: '测试并发' });
    // Two starts at once: exactly one wins; the other is told which one is open.
    const both = await Promise.all([create(store), create(store, {}, wh2)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const winner = both.find((r) => r.statusCode === 201)?.json();
    const loser = both.find((r) => r.statusCode === 409)?.json();
    expect(loser.details).toMatchObject({ reason: 'open_stocktake', stocktakeId: winner.id, number: winner.number });
  });

  it('permissions and branch scope: technician 403, other branch 404, lists scoped', async () => {
    const { store } = await makeStore();
    expectError(await create(store, {}, s.cookies.tech), 403, 'FORBIDDEN');
    const st = (await create(store)).json();
    const url = `/api/stocktakes/${st.id}`;
    // A technician reads (parts.read) but may not count, submit, approve or cancel.
    expect((await req('GET', url, s.cookies.tech)).statusCode).toBe(200);
    const counts = { version: 1, counts: [{ lineId: st.lines[0].id, countedQuantity: 1 }] };
    expectError(await req('PUT', `${url}/counts`, s.cookies.tech, counts), 403, 'FORBIDDEN');
    expectError(await req('POST', `${url}/submit`, s.cookies.tech, { version: 1 }), 403, 'FORBIDDEN');
    expectError(await req('POST', `${url}/cancel`, s.cookies.tech, { version: 1, reason: '不要了' }), 403, 'FORBIDDEN');
    // The head manages but does not count (stock.move).
    expectError(await req('PUT', `${url}/counts`, s.cookies.head, counts), 403, 'FORBIDDEN');
    // Another branch: not found, and not listed; creating on their store is a field error.
    expectError(await req('GET', url, s.cookies.whhz), 404, 'NOT_FOUND');
    expectError(await req('PUT', `${url}/counts`, s.cookies.whhz, counts), 404, 'NOT_FOUND');
    expectError(await req('POST', `${url}/cancel`, s.cookies.whhz, { version: 1, reason: '越权' }), 404, 'NOT_FOUND');
    const hzList = (await req('GET', '/api/stocktakes?pageSize=200', s.cookies.whhz)).json();
    expect(hzList.items.map((i: any) => i.id)).not.toContain(st.id);
    const thList = (await req('GET', `/api/stocktakes?pageSize=200&locationId=${store}`, s.cookies.wh)).json();
    expect(thList.items.map((i: any) => i.id)).toContain(st.id);
    expect(thList.items[0].lines).toBeUndefined();
    expect(thList.items[0].report.lines).toBeGreaterThan(0);
    const foreign = await create(s.loc.hz);
    expectError(foreign, 400, 'VALIDATION_FAILED');
    expect(issuePaths(foreign)).toContain('locationId');
    // Cancel: nothing posted, no further counting.
    const c = await req('POST', `${url}/cancel`, s.cookies.head, { version: 1, reason: '重新安排' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'cancelled', cancelReason: '重新安排' });
    expectError(await req('PUT', `${url}/counts`, s.cookies.wh, { ...counts, version: 2 }), 409, 'ILLEGAL_TRANSITION');
  });
});
