// Purchasing: purchase plans proposed from the ledger, edited, approved, ordered per supplier; receipts against orders.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { balance, newPart, type PartsStaff, partsStaff, rid } from './parts-support';
import { NOW, purchasing, WO } from './purchasing-support';
import { auditRows, expectError, issuePaths } from './support';

let t: TestApp;
let s: PartsStaff;
let p: ReturnType<typeof purchasing>;
/** A user who is both warehouse keeper and head (makes plans, and may approve others'). */
let both: string;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(NOW);
  s = await partsStaff(t);
  p = purchasing(t, s);
  await t.createUser('p-both', ['warehouse', 'head'], 'th');
  both = await t.login('p-both');
});
afterAll(async () => {
  await t?.close();
});

/** The loose shape of lines in the JSON replies (plans and orders). */
type Line = { id: string; partId: string; quantity: number; unitPriceFen: number; [k: string]: unknown };
type Row = { id: string; [k: string]: unknown };
type Movement = {
  kind: string;
  quantity: number;
  lot: string;
  serial: string;
  expiryDate: string | null;
  unitCostFen: number;
};
const lineOf = (plan: { lines: Line[] }, partId: string) => plan.lines.find((l) => l.partId === partId) as Line;

describe('purchase plan proposal from the ledger', () => {
  it('weighs on hand, reorder point, open requisitions, on order, weekly usage and the season', async () => {
    const st = await p.store();
    const a = await newPart(t, s.cookies.wh, { category: 'capacitor', name: '压缩机启动电容' });
    const b = await newPart(t, s.cookies.wh, { category: 'compressor', name: '旋转式压缩机', standardCostFen: 48000 });
    const c = await newPart(t, s.cookies.wh, { category: 'capacitor', name: '风机电容' });
    await p.level(a.id, st, 5, 6);
    await p.level(c.id, st, 5, 10);

    // A (a summer part, no history a year ago): 56 issued in the last 8 weeks, 2 back from a job, 5 long before.
    await p.daysAgo(80, () => p.receive(a.id, st, 100, 1000));
    await p.daysAgo(60, () => p.issue(a.id, st, 5));
    for (const d of [52, 45, 38, 31, 24, 17, 10, 3]) await p.daysAgo(d, () => p.issue(a.id, st, 7));
    await p.daysAgo(10, () =>
      p.posted({ kind: 'return_from_job', partId: a.id, locationId: st, quantity: 2, workOrderId: WO }),
    );
    // B (a compressor): last year 14 used in the 8 weeks before today's date, 15 in the 30 days after → ×2.
    await p.daysAgo(440, () => p.receive(b.id, st, 100, 45000));
    await p.daysAgo(375, () => p.issue(b.id, st, 7));
    await p.daysAgo(405, () => p.issue(b.id, st, 7));
    await p.daysAgo(360, () => p.issue(b.id, st, 8));
    await p.daysAgo(345, () => p.issue(b.id, st, 7));
    // This year 28 used; an issue reversed counts for nothing; a scrap is no usage.
    for (const d of [26, 19, 12, 5]) await p.daysAgo(d, () => p.issue(b.id, st, 7));
    await p.daysAgo(8, async () => {
      const wrong = await p.issue(b.id, st, 5);
      const r = await p.req('POST', `/api/stock-movements/${wrong.movements[0]?.id}/reverse`, s.cookies.wh, {
        requestId: rid(),
        reason: '数量录错',
      });
      expect(r.statusCode, r.body).toBe(201);
    });
    await p.daysAgo(30, () =>
      p.posted({ kind: 'scrap', partId: b.id, locationId: st, quantity: 20, reason: '运输损坏' }),
    );
    // C: plenty on hand — left out.
    await p.daysAgo(20, () => p.receive(c.id, st, 100, 900));

    // Suppliers: A cheapest at S2; B the same price at S1 and S3, S3 delivers sooner; terminated / expired ignored.
    const s1 = await p.supplier({ name: '穗凌制冷' });
    const s2 = await p.supplier({ name: '鸿翼微电机' });
    const s3 = await p.supplier({ name: '科瑞德' });
    const s4 = await p.supplier({ name: '便宜但没合同' });
    await p.contract(s1.id, [
      { partId: a.id, unitPriceFen: 1200 },
      { partId: b.id, unitPriceFen: 50000 },
    ]);
    await p.contract(s2.id, [{ partId: a.id, unitPriceFen: 1100 }], { deliveryDays: 7 });
    await p.contract(s3.id, [{ partId: b.id, unitPriceFen: 50000 }], { deliveryDays: 3 });
    const old = await p.contract(s4.id, [{ partId: a.id, unitPriceFen: 900 }]);
    expect(
      (await p.req('PATCH', `/api/supplier-contracts/${old.id}`, s.cookies.wh, { version: 1, status: 'terminated' }))
        .statusCode,
    ).toBe(200);
    await p.contract(s4.id, [{ partId: b.id, unitPriceFen: 40000 }], { startsOn: '2025-01-01', endsOn: '2025-12-31' });

    // Open requisitions of the branch: 3 submitted, 2 approved of 4 and not issued.
    const reqBody = (quantity: number) => ({
      requestId: rid(),
      purpose: 'job',
      workOrderId: WO,
      lines: [{ partId: a.id, quantity }],
    });
    const r1 = (await p.req('POST', '/api/requisitions', s.cookies.tech, reqBody(3))).json();
    const r2 = (await p.req('POST', '/api/requisitions', s.cookies.tech, reqBody(4))).json();
    const decided = await p.req('POST', `/api/requisitions/${r2.id}/decision`, s.cookies.head, {
      version: 1,
      lines: [{ lineId: r2.lines[0].id, approvedQuantity: 2, reason: '先领两个' }],
    });
    expect(decided.statusCode, decided.body).toBe(200);

    // On order: 4 from S2, 1 received (3 still to come; on hand +1).
    const po = await p.createOrder({ supplierId: s2.id, locationId: st, lines: [{ partId: a.id, quantity: 4 }] });
    expect(po.statusCode, po.body).toBe(201);
    const got = await p.receiveOrder(po.json().id, [{ orderLineId: po.json().lines[0].id, quantity: 1 }]);
    expect(got.statusCode, got.body).toBe(201);

    const body = { requestId: `plan-${randomUUID()}`, locationId: st };
    const res = await p.req('POST', '/api/purchase-plans', s.cookies.wh, body);
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(plan).toMatchObject({
      status: 'draft',
      locationId: st,
      branchId: t.branches.th,
      version: 1,
      basis: { usageWeeks: 8, horizonDays: 30, proposedOn: '2026-07-15' },
    });
    expect(plan.number).toMatch(/^JH\d{6}$/);
    expect(plan.lines).toHaveLength(2);
    expect(lineOf(plan, c.id)).toBeUndefined();

    // A: 42 + 3 − 5 − ⌈54 × 30/56 × 1.5⌉ (= 44) = −4 → max(5 − (−4), 6) = 9, at S2's 11.00.
    expect(lineOf(plan, a.id)).toMatchObject({
      suggestedQuantity: 9,
      quantity: 9,
      supplierId: s2.id,
      supplierName: '鸿翼微电机',
      unitPriceFen: 1100,
      amountFen: 9900,
      reasons: {
        manual: false,
        onHand: 42,
        reorderPoint: 5,
        reorderQuantity: 6,
        openRequisitions: 5,
        onOrder: 3,
        usageWeeks: 8,
        weeklyUsage: [7, 7, 7, 7, 7, 7, 5, 7],
        horizonDays: 30,
        seasonalFactorBp: 15000,
        seasonalSource: 'summer',
        forecast: 44,
        projected: -4,
      },
    });
    // B: 23 − ⌈28 × 30/56 × 2⌉ (= 30) = −7 → 7, S3 (same price, 3 days instead of 5).
    expect(lineOf(plan, b.id)).toMatchObject({
      quantity: 7,
      supplierId: s3.id,
      unitPriceFen: 50000,
      reasons: {
        onHand: 23,
        weeklyUsage: [0, 0, 0, 0, 7, 7, 7, 7],
        seasonalFactorBp: 20000,
        seasonalSource: 'last_year',
        forecast: 30,
        projected: -7,
      },
    });
    expect(plan.totalFen).toBe(9900 + 7 * 50000);

    // The same requestId acts once (also when retried concurrently).
    const again = await Promise.all([
      p.req('POST', '/api/purchase-plans', s.cookies.wh, body),
      p.req('POST', '/api/purchase-plans', s.cookies.wh, body),
    ]);
    for (const r of again) {
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().id).toBe(plan.id);
    }

    // Four weeks looked at: A 26 used → ⌈26 × 30/28 × 1.5⌉ = 42 → −2 → 7; B last year 7 → 15 (×2), 28 now → 60 → 37.
    const four = (await p.createPlan(st, { usageWeeks: 4 })).json();
    expect(lineOf(four, a.id)).toMatchObject({ quantity: 7, reasons: { forecast: 42, weeklyUsage: [7, 7, 5, 7] } });
    expect(lineOf(four, b.id)).toMatchObject({ quantity: 37, reasons: { forecast: 60, seasonalFactorBp: 20000 } });

    // Withdrawn requisitions are no demand (and leave the branch's other plans in this file alone).
    for (const [r, version] of [
      [r1, 1],
      [r2, 2],
    ] as const) {
      const cancelled = await p.req('POST', `/api/requisitions/${r.id}/cancel`, s.cookies.tech, { version });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
    }
    const after = (await p.createPlan(st)).json();
    expect(lineOf(after, a.id).reasons).toMatchObject({ openRequisitions: 0, projected: 1 });
    expect(lineOf(after, a.id).quantity).toBe(6);
  });
});

describe('plan rules and permissions', () => {
  it('draft edits with version, submit, approval by the head only and never of one’s own plan', async () => {
    const st = await p.store();
    const x = await newPart(t, s.cookies.wh, { name: '遥控器' });
    const y = await newPart(t, s.cookies.wh, { name: '排水泵' });
    await p.level(x.id, st, 5, 10);
    const s5 = await p.supplier();
    const s6 = await p.supplier();
    const s7 = await p.supplier();
    await p.contract(s5.id, [
      { partId: x.id, unitPriceFen: 2000 },
      { partId: y.id, unitPriceFen: 3000 },
    ]);
    await p.contract(s6.id, [{ partId: y.id, unitPriceFen: 3100 }]);

    expectError(await p.createPlan(st, {}, s.cookies.tech), 403, 'FORBIDDEN');
    expectError(await p.createPlan(st, {}, s.cookies.head), 403, 'FORBIDDEN');
    const strict = await p.createPlan(st, { horizon: 30 });
    expectError(strict, 400, 'VALIDATION_FAILED');
    expect(issuePaths(await p.createPlan(s.loc.vanTech))).toEqual(['locationId']);
    expect(issuePaths(await p.createPlan(s.loc.hz))).toEqual(['locationId']);
    const before = await p.countOf('purchase_plans');
    expect(issuePaths(await p.createPlan(st, { usageWeeks: 0 }))).toEqual(['usageWeeks']);
    expect(await p.countOf('purchase_plans')).toBe(before);

    const plan = (await p.createPlan(st)).json();
    expect(plan.lines).toHaveLength(1);
    expect(lineOf(plan, x.id)).toMatchObject({ quantity: 10, supplierId: s5.id, unitPriceFen: 2000 });
    const url = `/api/purchase-plans/${plan.id}`;

    expectError(await p.req('PUT', url, s.cookies.wh, { version: 2, lines: [] }), 409, 'VERSION_CONFLICT');
    // A supplier without a contract for the part: refused, nothing changes.
    const noContract = await p.req('PUT', url, s.cookies.wh, {
      version: 1,
      lines: [
        { partId: x.id, quantity: 12 },
        { partId: y.id, quantity: 3, supplierId: s7.id },
      ],
    });
    expect(issuePaths(noContract)).toEqual(['lines.1.supplierId']);
    expect(
      issuePaths(
        await p.req('PUT', url, s.cookies.wh, { version: 1, lines: [{ partId: x.id, quantity: 1, price: 5 }] }),
      ),
    ).toEqual(['lines.0.price']);
    expect((await p.req('GET', url, s.cookies.wh)).json().version).toBe(1);

    let r = await p.req('PUT', url, s.cookies.wh, {
      version: 1,
      note: '加一台排水泵',
      lines: [
        { partId: x.id, quantity: 12 },
        { partId: y.id, quantity: 3, supplierId: s6.id },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    let v = r.json();
    expect(v).toMatchObject({ version: 2, note: '加一台排水泵' });
    expect(lineOf(v, x.id)).toMatchObject({ suggestedQuantity: 10, quantity: 12, supplierId: s5.id });
    expect(lineOf(v, y.id)).toMatchObject({
      suggestedQuantity: 0,
      quantity: 3,
      supplierId: s6.id,
      unitPriceFen: 3100,
      reasons: { manual: true },
    });
    // Remove x; y to another supplier (its contract price follows).
    r = await p.req('PUT', url, s.cookies.wh, {
      version: 2,
      lines: [{ partId: y.id, quantity: 4, supplierId: s5.id }],
    });
    v = r.json();
    expect((v.lines as Line[]).map((l) => [l.partId, l.quantity, l.unitPriceFen])).toEqual([[y.id, 4, 3000]]);
    r = await p.req('PUT', url, s.cookies.wh, {
      version: 3,
      lines: [
        { partId: y.id, quantity: 4 },
        { partId: x.id, quantity: 10 },
      ],
    });
    v = r.json();
    // x removed and added again: a manual line, at the cheapest current contract.
    expect(lineOf(v, x.id)).toMatchObject({ supplierId: s5.id, suggestedQuantity: 0, reasons: { manual: true } });

    // Nobody but purchasing.approve decides; a technician does nothing.
    expectError(await p.req('POST', `${url}/submit`, s.cookies.tech, { version: 4 }), 403, 'FORBIDDEN');
    r = await p.req('POST', `${url}/submit`, s.cookies.wh, { version: 4 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('submitted');
    expectError(await p.req('PUT', url, s.cookies.wh, { version: 5, lines: [] }), 409, 'ILLEGAL_TRANSITION');
    for (const cookie of [s.cookies.wh, s.cookies.tech]) {
      expectError(
        await p.req('POST', `${url}/decision`, cookie, { version: 5, decision: 'approve' }),
        403,
        'FORBIDDEN',
      );
    }
    expect(
      issuePaths(await p.req('POST', `${url}/decision`, s.cookies.head, { version: 5, decision: 'reject' })),
    ).toEqual(['reason']);
    r = await p.req('POST', `${url}/decision`, s.cookies.head, { version: 5, decision: 'approve' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'approved', decidedByName: 'p-head', version: 6 });
    expectError(
      await p.req('POST', `${url}/decision`, s.cookies.head, { version: 6, decision: 'reject', reason: '改主意了' }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expectError(await p.req('POST', `${url}/order`, s.cookies.tech, { version: 6 }), 403, 'FORBIDDEN');

    // Somebody who makes plans and approves may not approve their own; another head may.
    const own = (await p.createPlan(st, {}, both)).json();
    const ownUrl = `/api/purchase-plans/${own.id}`;
    expect((await p.req('POST', `${ownUrl}/submit`, both, { version: 1 })).statusCode).toBe(200);
    const self = expectError(
      await p.req('POST', `${ownUrl}/decision`, both, { version: 2, decision: 'approve' }),
      422,
      'BUSINESS_RULE',
    );
    expect(self.details.reason).toBe('own_plan');
    expect((await p.req('GET', ownUrl, both)).json()).toMatchObject({ status: 'submitted', version: 2 });
    r = await p.req('POST', `${ownUrl}/decision`, s.cookies.head, {
      version: 2,
      decision: 'reject',
      reason: '本月预算已用完',
    });
    expect(r.json()).toMatchObject({ status: 'rejected', rejectReason: '本月预算已用完' });
    expectError(await p.req('POST', `${ownUrl}/order`, s.cookies.wh, { version: 3 }), 409, 'ILLEGAL_TRANSITION');

    // An empty plan cannot be submitted.
    const empty = (await p.createPlan(st)).json();
    const emptied = await p.req('PUT', `/api/purchase-plans/${empty.id}`, s.cookies.wh, { version: 1, lines: [] });
    expect(emptied.json().lines).toHaveLength(0);
    const e = expectError(
      await p.req('POST', `/api/purchase-plans/${empty.id}/submit`, s.cookies.wh, { version: 2 }),
      422,
      'BUSINESS_RULE',
    );
    expect(e.details.reason).toBe('empty_plan');

    // Readers: the branch's technician reads, another branch's warehouse keeper does not see the store's plan.
    expect((await p.req('GET', url, s.cookies.tech)).statusCode).toBe(200);
    expectError(await p.req('GET', url, s.cookies.whhz), 404, 'NOT_FOUND');
    const hzList = (await p.req('GET', '/api/purchase-plans?pageSize=200', s.cookies.whhz)).json();
    expect((hzList.items as Row[]).some((x) => x.id === plan.id)).toBe(false);
    const list = (await p.req('GET', `/api/purchase-plans?locationId=${st}&status=approved`, s.cookies.wh)).json();
    expect((list.items as Row[]).map((x) => x.id)).toEqual([plan.id]);
    expect(list.items[0]).toMatchObject({ lineCount: 2, totalFen: 4 * 3000 + 10 * 2000 });

    const actions = (await auditRows(t)).filter((a) => a.objectId === plan.id).map((a) => a.action);
    expect(actions).toEqual([
      'purchase_plan.created',
      'purchase_plan.updated',
      'purchase_plan.updated',
      'purchase_plan.updated',
      'purchase_plan.submitted',
      'purchase_plan.approved',
    ]);
  });
});

describe('plan → purchase orders', () => {
  it('one order per supplier with the lines to order, once; a line without a supplier blocks', async () => {
    const st = await p.store();
    const parts = [];
    for (let i = 0; i < 4; i++) {
      const part = await newPart(t, s.cookies.wh, { name: `配件${i}` });
      await p.level(part.id, st, 1, 5);
      parts.push(part);
    }
    const [p1, p2, p3, p4] = parts as [
      (typeof parts)[number],
      (typeof parts)[number],
      (typeof parts)[number],
      (typeof parts)[number],
    ];
    const s8 = await p.supplier({ name: '供应商八' });
    const s9 = await p.supplier({ name: '供应商九' });
    await p.contract(
      s8.id,
      [
        { partId: p1.id, unitPriceFen: 1000 },
        { partId: p2.id, unitPriceFen: 2000 },
      ],
      { deliveryDays: 3 },
    );
    await p.contract(s9.id, [{ partId: p3.id, unitPriceFen: 3000 }], { deliveryDays: 6 });

    const approve = async (
      plan: { id: string; version: number; lines: Line[] },
      edit?: (lines: Line[]) => unknown[],
    ) => {
      let version = plan.version;
      const url = `/api/purchase-plans/${plan.id}`;
      if (edit) {
        const r = await p.req('PUT', url, s.cookies.wh, { version, lines: edit(plan.lines) });
        expect(r.statusCode, r.body).toBe(200);
        version = r.json().version;
      }
      expect((await p.req('POST', `${url}/submit`, s.cookies.wh, { version })).statusCode).toBe(200);
      const r = await p.req('POST', `${url}/decision`, s.cookies.head, { version: version + 1, decision: 'approve' });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };

    // P4 has no contract: no supplier. Approved with it to order, the order is refused and nothing is made.
    const blocked = await approve((await p.createPlan(st)).json());
    expect(lineOf(blocked, p4.id)).toMatchObject({ quantity: 5, supplierId: null, unitPriceFen: 0 });
    const orders = await p.countOf('purchase_orders');
    const refused = await p.req('POST', `/api/purchase-plans/${blocked.id}/order`, s.cookies.wh, {
      version: blocked.version,
    });
    const index = (blocked.lines as Line[]).findIndex((l) => l.partId === p4.id);
    expect(issuePaths(refused)).toEqual([`lines.${index}.supplierId`]);
    expect(await p.countOf('purchase_orders')).toBe(orders);
    const dropped = await p.req('POST', `/api/purchase-plans/${blocked.id}/cancel`, s.cookies.wh, {
      version: blocked.version,
      reason: '缺少供应商，重新编制',
    });
    expect(dropped.json()).toMatchObject({ status: 'cancelled', rejectReason: '缺少供应商，重新编制' });

    // P4 at 0: left out of the orders.
    const plan = await approve((await p.createPlan(st)).json(), (lines) =>
      lines.map((l) => ({ partId: l.partId, quantity: l.partId === p4.id ? 0 : l.quantity })),
    );
    const url = `/api/purchase-plans/${plan.id}/order`;
    const results = await Promise.all([
      p.req('POST', url, s.cookies.wh, { version: plan.version }),
      p.req('POST', url, s.cookies.wh, { version: plan.version }),
    ]);
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const ordered = results[0]?.json();
    expect(results[1]?.json().orders).toEqual(ordered.orders);
    expect(ordered.status).toBe('ordered');
    expect(ordered.orders).toHaveLength(2);
    expect(await p.countOf('purchase_orders')).toBe(orders + 2);
    // A later retry returns the same orders too.
    const later = await p.req('POST', url, s.cookies.wh, { version: 1 });
    expect(later.json().orders).toEqual(ordered.orders);

    const list = (await p.req('GET', `/api/purchase-orders?planId=${plan.id}`, s.cookies.wh)).json();
    expect(list.total).toBe(2);
    const bySupplier = new Map(
      (list.items as (Row & { supplierId: string; lines: Line[] })[]).map((o) => [o.supplierId, o]),
    );
    const o8 = bySupplier.get(s8.id) as Row & { lines: Line[] };
    const o9 = bySupplier.get(s9.id) as Row & { lines: Line[] };
    expect(o8).toMatchObject({
      status: 'open',
      planId: plan.id,
      planNumber: plan.number,
      locationId: st,
      expectedOn: '2026-07-18',
      overdue: false,
      totalFen: 5 * 1000 + 5 * 2000,
    });
    expect(o8.number).toMatch(/^CG\d{6}$/);
    expect(o8.lines.map((l) => [l.partId, l.quantity, l.unitPriceFen]).sort()).toEqual(
      [
        [p1.id, 5, 1000],
        [p2.id, 5, 2000],
      ].sort(),
    );
    expect(o9).toMatchObject({ expectedOn: '2026-07-21', totalFen: 15000 });
    expect(o9.lines).toHaveLength(1);
    const audit = (await auditRows(t)).filter((a) => a.action === 'purchase_order.created');
    expect(audit.filter((a) => (a.after as { planId?: string }).planId === plan.id)).toHaveLength(2);
  });
});

describe('receipts against purchase orders', () => {
  it('partial receipts with lots and serials at the order price; over-receipt refused; retries act once', async () => {
    const st = await p.store();
    const lotPart = await newPart(t, s.cookies.wh, { category: 'refrigerant_r32', name: 'R32 冷媒', lotTracked: true });
    const snPart = await newPart(t, s.cookies.wh, { category: 'pcb', name: '变频板', serialTracked: true });
    const plain = await newPart(t, s.cookies.wh, { name: '排水管' });
    const sup = await p.supplier({ name: '冰峰制冷' });
    await p.contract(sup.id, [
      { partId: lotPart.id, unitPriceFen: 1500 },
      { partId: snPart.id, unitPriceFen: 80000 },
      { partId: plain.id, unitPriceFen: 1000 },
    ]);
    await p.receive(plain.id, st, 5, 800);

    expectError(
      await p.createOrder(
        { supplierId: sup.id, locationId: st, lines: [{ partId: plain.id, quantity: 1 }] },
        s.cookies.tech,
      ),
      403,
      'FORBIDDEN',
    );
    expect(
      issuePaths(
        await p.createOrder({ supplierId: randomUUID(), locationId: st, lines: [{ partId: plain.id, quantity: 1 }] }),
      ),
    ).toEqual(['supplierId']);
    const created = await p.createOrder({
      supplierId: sup.id,
      locationId: st,
      note: '夏季备货',
      lines: [
        { partId: lotPart.id, quantity: 10 },
        { partId: snPart.id, quantity: 2 },
        { partId: plain.id, quantity: 5 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json();
    expect(order).toMatchObject({
      status: 'open',
      expectedOn: '2026-07-20',
      totalFen: 15000 + 160000 + 5000,
      receipts: [],
    });
    const line = (partId: string) => (order.lines as Line[]).find((l) => l.partId === partId)?.id as string;
    const url = `/api/purchase-orders/${order.id}`;

    // Lots need their expiry; serial parts their serials; technicians do not receive.
    expect(
      issuePaths(await p.receiveOrder(order.id, [{ orderLineId: line(lotPart.id), quantity: 1, lot: 'L1' }])),
    ).toEqual(['lines.0.expiryDate']);
    expect(issuePaths(await p.receiveOrder(order.id, [{ orderLineId: line(snPart.id), quantity: 1 }]))).toEqual([
      'lines.0.serials',
    ]);
    expect(
      issuePaths(await p.receiveOrder(order.id, [{ orderLineId: line(plain.id), quantity: 1, lot: 'X' }])),
    ).toEqual(['lines.0.lot']);
    expect(
      issuePaths(await p.receiveOrder(order.id, [{ orderLineId: line(plain.id), quantity: 1, extra: true }])),
    ).toEqual(['lines.0.extra']);
    expectError(
      await p.receiveOrder(order.id, [{ orderLineId: line(plain.id), quantity: 1 }], {}, s.cookies.tech),
      403,
      'FORBIDDEN',
    );

    const first = {
      requestId: `rcv-${randomUUID()}`,
      note: '第一批',
      lines: [
        { orderLineId: line(plain.id), quantity: 3 },
        { orderLineId: line(lotPart.id), quantity: 4, lot: 'B2607A', expiryDate: '2027-07-01' },
        { orderLineId: line(lotPart.id), quantity: 2, lot: 'B2607B', expiryDate: '2027-08-01' },
      ],
    };
    const r1 = await p.req('POST', `${url}/receipts`, s.cookies.wh, first);
    expect(r1.statusCode, r1.body).toBe(201);
    const got = r1.json();
    expect(got.receipt).toMatchObject({
      orderId: order.id,
      orderNumber: order.number,
      supplierId: sup.id,
      supplierName: '冰峰制冷',
      onTime: true,
      quantity: 9,
      valueFen: 3 * 1000 + 6 * 1500,
      note: '第一批',
      receivedByName: 'p-wh',
    });
    expect(got.receipt.number).toMatch(/^RK\d{6}$/);
    expect(
      (got.receipt.movements as Movement[]).map((m) => [m.kind, m.quantity, m.lot, m.expiryDate, m.unitCostFen]),
    ).toEqual([
      ['receipt', 3, '', null, 1000],
      ['receipt', 4, 'B2607A', '2027-07-01', 1500],
      ['receipt', 2, 'B2607B', '2027-08-01', 1500],
    ]);
    expect(got.order).toMatchObject({ status: 'partially_received', receivedQuantity: 9, version: 2 });
    expect(got.order.receipts).toHaveLength(1);
    // The ledger names the supplier and the order; the weighted average moves at the order price.
    const rows = await p.ledgerOf(plain.id);
    expect(rows.at(-1)).toMatchObject({
      kind: 'receipt',
      quantity: 3,
      unit_cost_fen: 1000,
      supplier: '冰峰制冷',
      supplier_id: sup.id,
      purchase_order_id: order.id,
    });
    // (5 × 8.00 + 3 × 10.00) / 8 = 8.75
    expect((await p.req('GET', `/api/parts/${plain.id}`, s.cookies.wh)).json().avgCostFen).toBe(875);

    // A retry with the same requestId returns the same receipt and posts nothing.
    const movements = await p.countOf('stock_movements');
    const retry = await p.req('POST', `${url}/receipts`, s.cookies.wh, first);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().receipt.id).toBe(got.receipt.id);
    expect(await p.countOf('stock_movements')).toBe(movements);
    expect(await balance(t, s.cookies.wh, plain.id, st)).toBe(8);

    // Over-receipt: refused with what remains; nothing changes.
    const receipts = await p.countOf('purchase_receipts');
    const over = await p.receiveOrder(order.id, [{ orderLineId: line(plain.id), quantity: 3 }]);
    expectError(over, 400, 'VALIDATION_FAILED');
    expect(over.json().details.issues).toMatchObject([
      { path: 'lines.0.quantity', code: 'over_receipt', remaining: 2 },
    ]);
    // Two entries of one line count together: 3 + 2 of the 4 left.
    const over2 = await p.receiveOrder(order.id, [
      { orderLineId: line(lotPart.id), quantity: 3, lot: 'C1', expiryDate: '2027-09-01' },
      { orderLineId: line(lotPart.id), quantity: 2, lot: 'C2', expiryDate: '2027-09-01' },
    ]);
    expect(over2.json().details.issues).toMatchObject([
      { path: 'lines.1.quantity', code: 'over_receipt', remaining: 1 },
    ]);
    expect(await p.countOf('stock_movements')).toBe(movements);
    expect(await p.countOf('purchase_receipts')).toBe(receipts);
    expect(await balance(t, s.cookies.wh, plain.id, st)).toBe(8);
    expect((await p.req('GET', url, s.cookies.wh)).json()).toMatchObject({ version: 2, receivedQuantity: 9 });
    // The same requestId on another order is a reused id.
    const other = (
      await p.createOrder({ supplierId: sup.id, locationId: st, lines: [{ partId: plain.id, quantity: 1 }] })
    ).json();
    const reused = await p.req('POST', `/api/purchase-orders/${other.id}/receipts`, s.cookies.wh, {
      requestId: first.requestId,
      lines: [{ orderLineId: other.lines[0].id, quantity: 1 }],
    });
    expect(expectError(reused, 422, 'BUSINESS_RULE').details.reason).toBe('request_id_reused');

    // Serials captured.
    const r2 = await p.receiveOrder(order.id, [{ orderLineId: line(snPart.id), serials: ['snx-0001', 'SNX-0002'] }]);
    expect(r2.statusCode, r2.body).toBe(201);
    expect((r2.json().receipt.movements as Movement[]).map((m) => m.serial)).toEqual(['SNX-0001', 'SNX-0002']);
    const history = (await p.req('GET', '/api/stock-serials/SNX-0001', s.cookies.wh)).json();
    expect(history.items[0]).toMatchObject({ currentLocationId: st });

    // Concurrent receipts of the last 2 units: one wins.
    const race = await Promise.all([
      p.receiveOrder(order.id, [{ orderLineId: line(plain.id), quantity: 2 }]),
      p.receiveOrder(order.id, [{ orderLineId: line(plain.id), quantity: 2 }]),
    ]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    expect(await balance(t, s.cookies.wh, plain.id, st)).toBe(10);

    const last = await p.receiveOrder(order.id, [
      { orderLineId: line(lotPart.id), quantity: 4, lot: 'C1', expiryDate: '2027-09-01' },
    ]);
    expect(last.json().order).toMatchObject({ status: 'received', receivedQuantity: 17 });
    expect(last.json().order.receipts).toHaveLength(4);
    expectError(
      await p.receiveOrder(order.id, [{ orderLineId: line(plain.id), quantity: 1 }]),
      409,
      'ILLEGAL_TRANSITION',
    );
    expect(await balance(t, s.cookies.wh, lotPart.id, st)).toBe(10);
  });

  it('cancel while nothing arrived, short-close after a partial receipt; overdue orders; scope', async () => {
    const st = await p.store();
    const part = await newPart(t, s.cookies.wh, { name: '铜管' });
    const sup = await p.supplier();
    await p.contract(sup.id, [{ partId: part.id, unitPriceFen: 700 }], { deliveryDays: 5 });
    const make = async () =>
      (await p.createOrder({ supplierId: sup.id, locationId: st, lines: [{ partId: part.id, quantity: 5 }] })).json();

    const o1 = await make();
    expectError(
      await p.req('POST', `/api/purchase-orders/${o1.id}/close`, s.cookies.wh, { version: 1, reason: '不要了' }),
      409,
      'ILLEGAL_TRANSITION',
    );
    const c1 = await p.req('POST', `/api/purchase-orders/${o1.id}/cancel`, s.cookies.wh, {
      version: 1,
      reason: '不要了',
    });
    expect(c1.json()).toMatchObject({ status: 'cancelled', closeReason: '不要了' });

    const o2 = await make();
    await p.receiveOrder(o2.id, [{ orderLineId: o2.lines[0].id, quantity: 2 }]);
    const c2 = expectError(
      await p.req('POST', `/api/purchase-orders/${o2.id}/cancel`, s.cookies.wh, { version: 2, reason: '不要了' }),
      422,
      'BUSINESS_RULE',
    );
    expect(c2.details.reason).toBe('already_received');
    const closed = await p.req('POST', `/api/purchase-orders/${o2.id}/close`, s.cookies.wh, {
      version: 2,
      reason: '供应商缺货，余量不再发',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', receivedQuantity: 2 });
    expectError(await p.receiveOrder(o2.id, [{ orderLineId: o2.lines[0].id, quantity: 1 }]), 409, 'ILLEGAL_TRANSITION');

    // Ordered 20 days ago, due 15 days ago and still waiting: overdue.
    const late = await p.daysAgo(20, make);
    expect(late.expectedOn).toBe('2026-06-30');
    const overdue = (await p.req('GET', `/api/purchase-orders?overdue=true&pageSize=200`, s.cookies.wh)).json();
    expect((overdue.items as Row[]).some((o) => o.id === late.id && o.overdue)).toBe(true);
    expect((overdue.items as Row[]).every((o) => o.overdue)).toBe(true);
    expect((overdue.items as Row[]).some((o) => o.id === o2.id)).toBe(false);
    const pending = (
      await p.req('GET', `/api/purchase-orders?status=pending&supplierId=${sup.id}`, s.cookies.wh)
    ).json();
    expect((pending.items as Row[]).map((o) => o.id)).toEqual([late.id]);
    expect(
      issuePaths(
        await p.createOrder({
          supplierId: sup.id,
          locationId: st,
          expectedOn: '2026-07-01',
          lines: [{ partId: part.id, quantity: 1 }],
        }),
      ),
    ).toEqual(['expectedOn']);

    // Scope: another branch's warehouse keeper sees the central warehouse's orders, not this store's.
    expectError(await p.req('GET', `/api/purchase-orders/${late.id}`, s.cookies.whhz), 404, 'NOT_FOUND');
    const central = (
      await p.createOrder({ supplierId: sup.id, locationId: s.loc.central, lines: [{ partId: part.id, quantity: 1 }] })
    ).json();
    expect((await p.req('GET', `/api/purchase-orders/${central.id}`, s.cookies.whhz)).statusCode).toBe(200);
    const hz = (await p.req('GET', '/api/purchase-orders?pageSize=200', s.cookies.whhz)).json();
    expect((hz.items as Row[]).some((o) => o.id === central.id)).toBe(true);
    expect((hz.items as Row[]).some((o) => o.id === late.id)).toBe(false);
    expectError(
      await p.receiveOrder(late.id, [{ orderLineId: late.lines[0].id, quantity: 1 }], {}, s.cookies.whhz),
      404,
      'NOT_FOUND',
    );
    const actions = (await auditRows(t)).filter((a) => a.objectId === o2.id).map((a) => a.action);
    expect(actions).toEqual(['purchase_order.created', 'purchase_order.received', 'purchase_order.closed']);
  });
});

describe('reversing a receipt against an order', () => {
  it('takes the units back off the order: received quantity and status follow, and they can be received again', async () => {
    const st = await p.store();
    const part = await newPart(t, s.cookies.wh, { name: '保温棉' });
    const sup = await p.supplier({ name: '暖通辅材' });
    await p.contract(sup.id, [{ partId: part.id, unitPriceFen: 700 }]);
    const order = (
      await p.createOrder({ supplierId: sup.id, locationId: st, lines: [{ partId: part.id, quantity: 5 }] })
    ).json();
    const url = `/api/purchase-orders/${order.id}`;
    const r = await p.req('POST', `${url}/receipts`, s.cookies.wh, {
      requestId: rid(),
      lines: [{ orderLineId: order.lines[0].id, quantity: 3 }],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().order).toMatchObject({ status: 'partially_received', receivedQuantity: 3 });
    const movementId = r.json().receipt.movements[0].id as string;
    const rev = await p.req('POST', `/api/stock-movements/${movementId}/reverse`, s.cookies.wh, {
      requestId: rid(),
      reason: '录错数量',
    });
    expect(rev.statusCode, rev.body).toBe(201);
    const after = (await p.req('GET', url, s.cookies.wh)).json();
    expect(after).toMatchObject({ status: 'open', receivedQuantity: 0 });
    expect(after.lines[0].receivedQuantity).toBe(0);
    expect(await balance(t, s.cookies.wh, part.id, st)).toBe(0);
    // The reversal names the supplier and the order like the receipt it reverses.
    expect((await p.ledgerOf(part.id)).at(-1)).toMatchObject({
      kind: 'reversal',
      quantity: -3,
      supplier_id: sup.id,
      purchase_order_id: order.id,
    });
    const again = await p.req('POST', `${url}/receipts`, s.cookies.wh, {
      requestId: rid(),
      lines: [{ orderLineId: order.lines[0].id, quantity: 5 }],
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().order).toMatchObject({ status: 'received', receivedQuantity: 5 });
  });
});
