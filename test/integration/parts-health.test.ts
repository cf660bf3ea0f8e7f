// Stock health reports (policy ch. 7 "定期…及时清理积压和过期配件", issue 5 "Reports"): expiring and expired lots,
// slow-moving stock, turnover to the fen, requisitions pending — each from real ledger postings.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { move, newPart, type PartsStaff, partsStaff, rid } from './parts-support';
import { expectError, issuePaths } from './support';

let t: TestApp;
let s: PartsStaff;
const DAY = 24 * 60;

beforeAll(async () => {
  t = await buildTestApp({ config: { session: { idleMinutes: 60 * 24 * 400, absoluteHours: 24 * 400 } } });
  s = await partsStaff(t);
});
afterAll(async () => {
  await t?.close();
});

/** A Guangzhou calendar day n days from the clock's. */
function gzDay(n = 0): string {
  const local = new Date(t.clock.now().getTime() + 8 * 3_600_000 + n * 86_400_000);
  return local.toISOString().slice(0, 10);
}
/** 10:00 in Guangzhou on a day. */
const gz10 = (day: string) => `${day}T02:00:00.000Z`;

async function ok(res: Awaited<ReturnType<TestApp['request']>>, status = 201) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}
async function get(url: string, cookie = s.cookies.head) {
  return ok(await t.request({ method: 'GET', url, cookie }), 200);
}
const wo = () => ({ workOrderId: randomUUID(), workOrderNumber: 'WO-20260715-0042' });

async function newStore() {
  return (
    await ok(
      await t.request({
        method: 'POST',
        url: '/api/stock-locations',
        cookie: s.cookies.wh,
        body: {
          code: `ST-H-${randomUUID().slice(0, 6).toUpperCase()}`,
          name: '库存健康测试仓',
          kind: 'branch',
          branchId: t.branches.th,
        },
      }),
    )
  ).id as string;
}

describe('expiring stock', () => {
  it('lots expiring within N days and the expired, with days left and value at average cost', async () => {
    const today = gzDay();
    const can = await newPart(t, s.cookies.wh, {
      category: 'refrigerant_r32',
      name: 'R32 冷媒 3kg',
      lotTracked: true,
      standardCostFen: 5000,
    });
    const receive = (lot: string, expiryDate: string, quantity: number, unitCostFen: number) =>
      move(t, s.cookies.wh, {
        kind: 'receipt',
        partId: can.id,
        locationId: s.loc.th,
        lot,
        expiryDate,
        quantity,
        unitCostFen,
      }).then((r) => ok(r));
    const d = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    await receive('L1', d(-5), 3, 5000);
    await receive('L2', d(17), 4, 6000); // average (15000 + 24000) / 7 = 5571.4 → 5571
    await receive('L3', d(169), 2, 5000); // (7 × 5571 + 10000) / 9 = 5444.1 → 5444
    await receive('L4', d(0), 1, 5444); // expires today: not expired yet; average stays 5444
    // One unit of L2 goes into a van: the transfer does not carry the expiry date, the report finds it by its lot.
    await ok(
      await move(t, s.cookies.wh, {
        kind: 'transfer',
        partId: can.id,
        fromLocationId: s.loc.th,
        toLocationId: s.loc.vanTech,
        lot: 'L2',
        quantity: 1,
      }),
    );

    const r = await get('/api/stock-expiring');
    expect(r).toMatchObject({ today, until: d(60) });
    const rows = (r.items as any[]).filter((i) => i.partId === can.id);
    expect(
      rows.map((i) => [i.lot, i.locationCode, i.expiryDate, i.daysLeft, i.expired, i.quantity, i.valueFen]),
    ).toEqual([
      ['L1', 'ST-GZ-TH', d(-5), -5, true, 3, 16332],
      ['L4', 'ST-GZ-TH', d(0), 0, false, 1, 5444],
      ['L2', 'ST-GZ-TH', d(17), 17, false, 3, 16332],
      ['L2', 'VAN-TH-001', d(17), 17, false, 1, 5444],
    ]);
    expect(rows[0]).toMatchObject({ avgCostFen: 5444, partCode: can.code, unit: '个', locationKind: 'branch' });
    expect(r).toMatchObject({
      totalQuantity: 8,
      totalValueFen: 8 * 5444,
      expiredQuantity: 3,
      expiredValueFen: 3 * 5444,
      total: 4,
    });

    const wide = await get('/api/stock-expiring?withinDays=200');
    expect((wide.items as any[]).filter((i) => i.partId === can.id).map((i) => i.lot)).toEqual([
      'L1',
      'L4',
      'L2',
      'L2',
      'L3',
    ]);
    const expired = await get('/api/stock-expiring?expired=true');
    expect((expired.items as any[]).map((i) => i.lot)).toEqual(['L1']);
    const todayOnly = await get('/api/stock-expiring?withinDays=0&expired=false');
    expect((todayOnly.items as any[]).map((i) => i.lot)).toEqual(['L4']);
    const van = await get(`/api/stock-expiring?locationId=${s.loc.vanTech}`, s.cookies.tech);
    expect((van.items as any[]).map((i) => [i.lot, i.quantity])).toEqual([['L2', 1]]);
    const paged = await get('/api/stock-expiring?pageSize=1&page=2');
    expect(paged.items.map((i: any) => i.lot)).toEqual(['L4']);
    expect(paged.total).toBe(4);
    // Another branch sees none of TH's stores and vans; asking for them is a field error.
    expect((await get('/api/stock-expiring', s.cookies.whhz)).total).toBe(0);
    const foreign = await t.request({
      method: 'GET',
      url: `/api/stock-expiring?locationId=${s.loc.th}`,
      cookie: s.cookies.whhz,
    });
    expect(issuePaths(foreign)).toEqual(['locationId']);
    for (const bad of ['withinDays=abc', 'withinDays=-1', 'withinDays=1.5', 'expired=yes', 'extra=1']) {
      expectError(
        await t.request({ method: 'GET', url: `/api/stock-expiring?${bad}`, cookie: s.cookies.head }),
        400,
        'VALIDATION_FAILED',
      );
    }
  });
});

describe('slow-moving stock', () => {
  it('per part and location: idle since the last consumption (or first arrival), reversed issues do not count', async () => {
    const store = await newStore();
    const t0 = t.clock.now();
    const [a, b, c, dd] = [
      await newPart(t, s.cookies.wh),
      await newPart(t, s.cookies.wh),
      await newPart(t, s.cookies.wh),
      await newPart(t, s.cookies.wh),
    ];
    for (const [p, q] of [
      [a, 10],
      [b, 5],
      [c, 4],
      [dd, 3],
    ] as const) {
      await ok(
        await move(t, s.cookies.wh, {
          kind: 'receipt',
          partId: p.id,
          locationId: store,
          quantity: q,
          unitCostFen: 1000 + q,
        }),
      );
    }
    t.clock.advanceMinutes(10 * DAY);
    const t10 = t.clock.now();
    await ok(await move(t, s.cookies.wh, { kind: 'issue', partId: a.id, locationId: store, quantity: 2, ...wo() }));
    await ok(
      await move(t, s.cookies.wh, {
        kind: 'transfer',
        partId: b.id,
        fromLocationId: store,
        toLocationId: s.loc.vanTech2,
        quantity: 1,
      }),
    );
    t.clock.advanceMinutes(90 * DAY);
    const wrong = await ok(
      await move(t, s.cookies.wh, { kind: 'issue', partId: dd.id, locationId: store, quantity: 1, ...wo() }),
    );
    await ok(
      await t.request({
        method: 'POST',
        url: `/api/stock-movements/${wrong.movements[0].id}/reverse`,
        cookie: s.cookies.wh,
        body: { requestId: rid(), reason: '录错工单' },
      }),
    );
    t.clock.advanceMinutes(10 * DAY);
    // a is used again today: not slow any more.
    await ok(await move(t, s.cookies.wh, { kind: 'issue', partId: a.id, locationId: store, quantity: 1, ...wo() }));

    const r = await get(`/api/stock-slow-moving?locationId=${store}`);
    expect(
      (r.items as any[]).map((i) => [i.partCode, i.onHand, i.valueFen, i.lastIssueAt, i.stockedSince, i.daysIdle]),
    ).toEqual([
      // idlest first (c and d since t0: by value, larger first), then b (its transfer into a van at t10)
      [c.code, 4, 4 * 1004, null, t0.toISOString(), 110],
      [dd.code, 3, 3 * 1003, null, t0.toISOString(), 110],
      [b.code, 4, 4 * 1005, t10.toISOString(), t0.toISOString(), 100],
    ]);
    expect(r).toMatchObject({ total: 3, totalQuantity: 11, totalValueFen: 4 * 1004 + 3 * 1003 + 4 * 1005 });
    expect(r.items[0]).toMatchObject({ locationId: store, locationKind: 'branch' });
    // A longer horizon: only c and d; the van: b there, never consumed, idle since it arrived.
    const longer = await get(`/api/stock-slow-moving?locationId=${store}&days=105`);
    expect(longer.items.map((i: any) => i.partCode)).toEqual([c.code, dd.code]);
    const van = await get(`/api/stock-slow-moving?locationId=${s.loc.vanTech2}`);
    expect((van.items as any[]).filter((i) => i.partId === b.id)).toMatchObject([
      { onHand: 1, lastIssueAt: null, stockedSince: t10.toISOString(), daysIdle: 100 },
    ]);
    // Readers of another branch do not see this store's stock.
    expect(
      (await get('/api/stock-slow-moving?pageSize=200', s.cookies.whhz)).items.some((i: any) => i.locationId === store),
    ).toBe(false);
    expectError(
      await t.request({ method: 'GET', url: '/api/stock-slow-moving?days=0', cookie: s.cookies.head }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('stock turnover', () => {
  it('consumption at cost, average inventory from the ledger, turnover and days of supply, to the fen', async () => {
    // The period: a future March in Guangzhou (30 days).
    const year = Number(gzDay(365).slice(0, 4));
    const day = (d: number) => `${year}-03-${String(d).padStart(2, '0')}`;
    const at = (d: string) => t.clock.set(gz10(d));
    const store = await newStore();
    const e = await newPart(t, s.cookies.wh, { standardCostFen: 1000 });
    const f = await newPart(t, s.cookies.wh, { standardCostFen: 2500 });
    const post = async (body: Record<string, unknown>) => ok(await move(t, s.cookies.wh, body));

    at(`${year}-02-28`);
    await post({ kind: 'receipt', partId: e.id, locationId: store, quantity: 10, unitCostFen: 1000 });
    await post({ kind: 'receipt', partId: f.id, locationId: store, quantity: 4, unitCostFen: 2500 });
    at(day(3));
    await post({ kind: 'receipt', partId: e.id, locationId: store, quantity: 10, unitCostFen: 1300 }); // avg 1150
    at(day(5));
    await post({ kind: 'issue', partId: e.id, locationId: store, quantity: 4, ...wo() });
    at(day(8));
    await post({ kind: 'transfer', partId: e.id, fromLocationId: store, toLocationId: s.loc.vanTech, quantity: 2 });
    at(day(10));
    const mistake = await post({ kind: 'issue', partId: e.id, locationId: store, quantity: 1, ...wo() });
    at(day(11));
    await ok(
      await t.request({
        method: 'POST',
        url: `/api/stock-movements/${mistake.movements[0].id}/reverse`,
        cookie: s.cookies.wh,
        body: { requestId: rid(), reason: '领错了' },
      }),
    );
    at(day(12));
    await post({ kind: 'issue', partId: f.id, locationId: store, quantity: 1, ...wo() });
    at(`${year}-03-31`);
    await post({ kind: 'issue', partId: e.id, locationId: store, quantity: 1, ...wo() }); // after the period

    const r = await get(`/api/stock-turnover?from=${day(1)}&to=${day(30)}&locationId=${store}`);
    expect(r).toMatchObject({
      days: 30,
      periodStart: `${year}-02-28T16:00:00.000Z`,
      periodEnd: `${year}-03-30T16:00:00.000Z`,
      total: 2,
    });
    expect(r.items).toEqual([
      {
        partId: e.id,
        partCode: e.code,
        partName: '启动电容',
        unit: '个',
        category: 'capacitor',
        // 4 issued + 2 into the van + 1 issued and reversed
        issuedQuantity: 6,
        issuedValueFen: 6900,
        openingQuantity: 10,
        openingValueFen: 10000,
        closingQuantity: 14,
        closingValueFen: 16100,
        averageValueFen: 13050,
        // 6900 / 13050 = 0.52874
        turnoverBasisPoints: 5287,
        // 16100 / (6900 / 30) = 70
        daysOfSupply: 70,
      },
      expect.objectContaining({
        partId: f.id,
        issuedQuantity: 1,
        issuedValueFen: 2500,
        openingValueFen: 10000,
        closingQuantity: 3,
        closingValueFen: 7500,
        averageValueFen: 8750,
        turnoverBasisPoints: 2857,
        daysOfSupply: 90,
      }),
    ]);
    expect(r.totals).toEqual({
      issuedQuantity: 7,
      issuedValueFen: 9400,
      openingQuantity: 14,
      openingValueFen: 20000,
      closingQuantity: 17,
      closingValueFen: 23600,
      averageValueFen: 21800,
      // 9400 / 21800 = 0.431193 → 4312
      turnoverBasisPoints: 4312,
      // 23600 × 30 / 9400 = 75.3
      daysOfSupply: 75,
    });

    // Across the visible locations: the van transfer is internal (its value stays in scope), only issues consume.
    const all = await get(`/api/stock-turnover?from=${day(1)}&to=${day(30)}&pageSize=200`);
    expect((all.items as any[]).find((i) => i.partId === e.id)).toMatchObject({
      issuedQuantity: 4,
      issuedValueFen: 4600,
      openingValueFen: 10000,
      closingQuantity: 16,
      closingValueFen: 18400,
      averageValueFen: 14200,
      turnoverBasisPoints: 3239,
      daysOfSupply: 120,
    });
    // A period before anything happened: nothing of these parts.
    const before = await get(`/api/stock-turnover?from=${year - 1}-01-01&to=${year - 1}-01-31&locationId=${store}`);
    expect(before).toMatchObject({
      total: 0,
      items: [],
      totals: { issuedValueFen: 0, turnoverBasisPoints: null, daysOfSupply: null },
    });
    // Another branch does not see the store.
    const foreign = await t.request({
      method: 'GET',
      url: `/api/stock-turnover?from=${day(1)}&to=${day(30)}&locationId=${store}`,
      cookie: s.cookies.whhz,
    });
    expect(issuePaths(foreign)).toEqual(['locationId']);
    const backwards = await t.request({
      method: 'GET',
      url: `/api/stock-turnover?from=${day(30)}&to=${day(1)}`,
      cookie: s.cookies.head,
    });
    expect(issuePaths(backwards)).toEqual(['to']);
    expectError(
      await t.request({ method: 'GET', url: '/api/stock-turnover', cookie: s.cookies.head }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('pending requisitions', () => {
  it('awaiting a decision and awaiting the issue, with age, deadline and overdue; most urgent first', async () => {
    const p = await newPart(t, s.cookies.wh);
    await ok(
      await move(t, s.cookies.wh, {
        kind: 'receipt',
        partId: p.id,
        locationId: s.loc.th,
        quantity: 50,
        unitCostFen: 100,
      }),
    );
    const create = async (cookie: string, quantity: number) =>
      ok(
        await t.request({
          method: 'POST',
          url: '/api/requisitions',
          cookie,
          body: { requestId: rid(), purpose: 'van', lines: [{ partId: p.id, quantity }] },
        }),
      );
    const decide = async (r: any, approvedQuantity: number) =>
      ok(
        await t.request({
          method: 'POST',
          url: `/api/requisitions/${r.id}/decision`,
          cookie: s.cookies.head,
          body: {
            version: 1,
            lines: [
              {
                lineId: r.lines[0].id,
                approvedQuantity,
                ...(approvedQuantity < r.lines[0].quantity ? { reason: '少批' } : {}),
              },
            ],
          },
        }),
        200,
      );
    const start = t.clock.now();
    const toIssue = await create(s.cookies.tech, 3);
    t.clock.advanceMinutes(30);
    const waiting = await create(s.cookies.tech2, 2);
    const done = await create(s.cookies.tech, 1);
    const refused = await create(s.cookies.tech, 1);
    t.clock.advanceMinutes(30);
    const decidedAt = t.clock.now();
    await decide(toIssue, 2);
    await decide(done, 1);
    await decide(refused, 0);
    await ok(
      await t.request({
        method: 'POST',
        url: `/api/requisitions/${done.id}/issue`,
        cookie: s.cookies.wh,
        body: { requestId: rid(), version: 2, sourceLocationId: s.loc.th, lines: [] },
      }),
      200,
    );
    t.clock.advanceMinutes(4 * 60);

    const mine = (x: any) => [toIssue.id, waiting.id, done.id, refused.id].includes(x.id);
    const r = await get('/api/requisitions-pending?pageSize=200');
    const rows = (r.items as any[]).filter(mine);
    // waiting: due 4 h after its creation (overdue now); toIssue: due 24 h after the decision.
    expect(rows.map((x) => [x.number, x.stage, x.status, x.quantity, x.overdue, x.ageMinutes])).toEqual([
      [waiting.number, 'approval', 'submitted', 2, true, 270],
      [toIssue.number, 'issue', 'partially_approved', 2, false, 240],
    ]);
    expect(rows[0]).toMatchObject({
      requesterName: 'p-tech2',
      since: new Date(start.getTime() + 30 * 60_000).toISOString(),
      dueAt: new Date(start.getTime() + (30 + 240) * 60_000).toISOString(),
      targetLocationCode: 'VAN-TH-002',
      purpose: 'van',
      lines: 1,
    });
    expect(rows[1]).toMatchObject({
      since: decidedAt.toISOString(),
      dueAt: new Date(decidedAt.getTime() + 24 * 60 * 60_000).toISOString(),
    });
    expect(r.overdueCount).toBeGreaterThanOrEqual(1);
    // Filters: the stage, overdue or not.
    const approvals = await get('/api/requisitions-pending?stage=approval&pageSize=200');
    expect((approvals.items as any[]).filter(mine).map((x) => x.id)).toEqual([waiting.id]);
    const notLate = await get('/api/requisitions-pending?overdue=false&pageSize=200');
    expect((notLate.items as any[]).filter(mine).map((x) => x.id)).toEqual([toIssue.id]);
    // A technician sees their own; another branch none.
    const tech = await get('/api/requisitions-pending?pageSize=200', s.cookies.tech);
    expect((tech.items as any[]).filter(mine).map((x) => x.id)).toEqual([toIssue.id]);
    expect((tech.items as any[]).every((x) => x.requesterId === s.ids.tech)).toBe(true);
    const hz = await get('/api/requisitions-pending?pageSize=200', s.cookies.whhz);
    expect((hz.items as any[]).filter(mine)).toEqual([]);
  });
});
