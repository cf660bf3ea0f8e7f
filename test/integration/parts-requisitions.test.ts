// Parts piece 3: requisitions (配件领用申请) — technician asks, head decides per line, warehouse issues.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { balance, move, newPart, type PartsStaff, partsStaff, rid } from './parts-support';
import { auditRows, expectError, issuePaths } from './support';

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

function create(cookie: string, body: Record<string, unknown>) {
  return t.request({ method: 'POST', url: '/api/requisitions', cookie, body: { requestId: rid(), ...body } });
}
function decide(cookie: string, id: string, body: Record<string, unknown>) {
  return t.request({ method: 'POST', url: `/api/requisitions/${id}/decision`, cookie, body });
}
function issue(cookie: string, id: string, body: Record<string, unknown>) {
  return t.request({
    method: 'POST',
    url: `/api/requisitions/${id}/issue`,
    cookie,
    body: { requestId: rid(), ...body },
  });
}

describe('requisition life cycle', () => {
  it('technician asks for a job, the head approves part of it, the warehouse issues to the job', async () => {
    const cap = await newPart(t, s.cookies.wh);
    const fan = await newPart(t, s.cookies.wh, { category: 'fan_motor', name: '室外风机', standardCostFen: 26000 });
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: cap.id,
      locationId: s.loc.th,
      quantity: 10,
      unitCostFen: 1800,
    });
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: fan.id,
      locationId: s.loc.th,
      quantity: 2,
      unitCostFen: 25000,
    });

    const noWo = await create(s.cookies.tech, { purpose: 'job', lines: [{ partId: cap.id, quantity: 1 }] });
    expect(issuePaths(noWo)).toEqual(['workOrderId']);
    const body = {
      requestId: `req-${randomUUID()}`,
      purpose: 'job',
      workOrderId: WO,
      workOrderNumber: 'WO-20260601-0007',
      note: '客户家空调不启动',
      lines: [
        { partId: cap.id, quantity: 2 },
        { partId: fan.id, quantity: 1 },
      ],
    };
    const res = await t.request({ method: 'POST', url: '/api/requisitions', cookie: s.cookies.tech, body });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ status: 'submitted', purpose: 'job', workOrderId: WO, version: 1 });
    expect(r.number).toMatch(/^LY\d{6}$/);
    // a retried create acts once
    const again = await t.request({ method: 'POST', url: '/api/requisitions', cookie: s.cookies.tech, body });
    expect(again.json().id).toBe(r.id);

    // The technician cannot approve; the warehouse cannot issue what is not approved.
    expectError(await decide(s.cookies.tech, r.id, { version: 1, lines: [] }), 403, 'FORBIDDEN');
    expectError(
      await issue(s.cookies.wh, r.id, { version: 1, sourceLocationId: s.loc.th, lines: [] }),
      409,
      'ILLEGAL_TRANSITION',
    );

    const [capLine, fanLine] = r.lines;
    const noReason = await decide(s.cookies.head, r.id, {
      version: 1,
      lines: [
        { lineId: capLine.id, approvedQuantity: 2 },
        { lineId: fanLine.id, approvedQuantity: 0 },
      ],
    });
    expect(issuePaths(noReason)).toEqual(['lines.1.reason']);
    const missing = await decide(s.cookies.head, r.id, {
      version: 1,
      lines: [{ lineId: capLine.id, approvedQuantity: 2 }],
    });
    expect(issuePaths(missing)).toEqual(['lines']);
    const decided = await decide(s.cookies.head, r.id, {
      version: 1,
      lines: [
        { lineId: capLine.id, approvedQuantity: 2 },
        { lineId: fanLine.id, approvedQuantity: 0, reason: '先检测风机电容' },
      ],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'partially_approved', version: 2 });
    expect(decided.json().lines.map((l: { decision: string }) => l.decision)).toEqual(['approved', 'rejected']);
    expectError(
      await decide(s.cookies.head, r.id, {
        version: 2,
        lines: [
          { lineId: capLine.id, approvedQuantity: 1 },
          { lineId: fanLine.id, approvedQuantity: 1 },
        ],
      }),
      409,
      'ILLEGAL_TRANSITION',
    );

    const stale = await issue(s.cookies.wh, r.id, { version: 1, sourceLocationId: s.loc.th, lines: [] });
    expectError(stale, 409, 'VERSION_CONFLICT');
    const issueBody = { requestId: `iss-${randomUUID()}`, version: 2, sourceLocationId: s.loc.th, lines: [] };
    const issued = await t.request({
      method: 'POST',
      url: `/api/requisitions/${r.id}/issue`,
      cookie: s.cookies.wh,
      body: issueBody,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ status: 'issued', sourceLocationId: s.loc.th });
    expect(issued.json().lines.map((l: { issuedQuantity: number }) => l.issuedQuantity)).toEqual([2, 0]);
    // a retried issue acts once
    const retry = await t.request({
      method: 'POST',
      url: `/api/requisitions/${r.id}/issue`,
      cookie: s.cookies.wh,
      body: issueBody,
    });
    expect(retry.statusCode).toBe(200);
    expect(await balance(t, s.cookies.wh, cap.id, s.loc.th)).toBe(8);
    expect(await balance(t, s.cookies.wh, fan.id, s.loc.th)).toBe(2);
    const ledger = (
      await t.request({ method: 'GET', url: `/api/stock-movements?workOrderId=${WO}`, cookie: s.cookies.wh })
    ).json();
    expect(ledger.items).toMatchObject([
      { kind: 'issue', quantity: -2, unitCostFen: 1800, requisitionId: r.id, workOrderNumber: 'WO-20260601-0007' },
    ]);
    const actions = (await auditRows(t)).filter((a) => a.objectId === r.id).map((a) => a.action);
    expect(actions).toEqual(['requisition.created', 'requisition.approved', 'requisition.issued']);
  });

  it('van stock: a valuable part needs its serials at issue and moves into the technician’s van', async () => {
    const pcb = await newPart(t, s.cookies.wh, {
      category: 'pcb',
      name: '变频主板',
      serialTracked: true,
      standardCostFen: 45000,
    });
    const sensor = await newPart(t, s.cookies.wh, { category: 'sensor', name: '管温传感器', standardCostFen: 60000 });
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: pcb.id,
      locationId: s.loc.central,
      serials: ['PCB-1', 'PCB-2'],
      unitCostFen: 44000,
    });
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: sensor.id,
      locationId: s.loc.central,
      quantity: 3,
      unitCostFen: 60000,
    });
    const other = await create(s.cookies.tech, {
      purpose: 'van',
      targetLocationId: s.loc.vanTech2,
      lines: [{ partId: pcb.id, quantity: 1 }],
    });
    expect(issuePaths(other)).toEqual(['targetLocationId']);
    const r = (
      await create(s.cookies.tech, {
        purpose: 'van',
        lines: [
          { partId: pcb.id, quantity: 1 },
          { partId: sensor.id, quantity: 1 },
        ],
      })
    ).json();
    expect(r.targetLocationId).toBe(s.loc.vanTech);
    expect(r.lines.map((l: { valuable: boolean }) => l.valuable)).toEqual([true, true]);
    const d = await decide(s.cookies.head, r.id, {
      version: 1,
      lines: r.lines.map((l: { id: string }) => ({ lineId: l.id, approvedQuantity: 1 })),
    });
    expect(d.json().status).toBe('approved');
    const noSerial = await issue(s.cookies.wh, r.id, { version: 2, sourceLocationId: s.loc.central, lines: [] });
    expect(issuePaths(noSerial)).toContain('lines.0.serials');
    const ok = await issue(s.cookies.wh, r.id, {
      version: 2,
      sourceLocationId: s.loc.central,
      lines: [
        { lineId: r.lines[0].id, serials: ['pcb-2'] },
        { lineId: r.lines[1].id, serials: ['SN-TEMP-77'] },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().lines.map((l: { issuedSerials: string[] }) => l.issuedSerials)).toEqual([
      ['PCB-2'],
      ['SN-TEMP-77'],
    ]);
    expect(await balance(t, s.cookies.wh, pcb.id, s.loc.vanTech)).toBe(1);
    expect(await balance(t, s.cookies.wh, sensor.id, s.loc.vanTech)).toBe(1);
    const where = (await t.request({ method: 'GET', url: '/api/stock-serials/PCB-2', cookie: s.cookies.tech })).json();
    expect(where.items[0].currentLocationCode).toBe('VAN-TH-001');
  });

  it('issuing more than in stock fails and changes nothing; the requester may cancel', async () => {
    const p = await newPart(t, s.cookies.wh);
    await move(t, s.cookies.wh, { kind: 'receipt', partId: p.id, locationId: s.loc.th, quantity: 1, unitCostFen: 100 });
    const r = (await create(s.cookies.tech2, { purpose: 'van', lines: [{ partId: p.id, quantity: 3 }] })).json();
    await decide(s.cookies.head, r.id, { version: 1, lines: [{ lineId: r.lines[0].id, approvedQuantity: 3 }] });
    const res = await issue(s.cookies.wh, r.id, { version: 2, sourceLocationId: s.loc.th, lines: [] });
    expect(expectError(res, 422, 'BUSINESS_RULE').details.reason).toBe('insufficient_stock');
    const still = (
      await t.request({ method: 'GET', url: `/api/requisitions/${r.id}`, cookie: s.cookies.tech2 })
    ).json();
    expect(still).toMatchObject({ status: 'approved', version: 2 });
    expect(await balance(t, s.cookies.wh, p.id, s.loc.th)).toBe(1);
    expectError(
      await t.request({
        method: 'POST',
        url: `/api/requisitions/${r.id}/cancel`,
        cookie: s.cookies.tech,
        body: { version: 2 },
      }),
      404,
      'NOT_FOUND',
    );
    const cancelled = await t.request({
      method: 'POST',
      url: `/api/requisitions/${r.id}/cancel`,
      cookie: s.cookies.tech2,
      body: { version: 2 },
    });
    expect(cancelled.json().status).toBe('cancelled');
  });

  it('a line approved for less than asked makes the requisition partially approved; all in full: approved', async () => {
    const a = await newPart(t, s.cookies.wh);
    const b = await newPart(t, s.cookies.wh);
    const lines = [
      { partId: a.id, quantity: 4 },
      { partId: b.id, quantity: 2 },
    ];
    const cut = (await create(s.cookies.tech, { purpose: 'van', lines })).json();
    const noReason = await decide(s.cookies.head, cut.id, {
      version: 1,
      lines: [
        { lineId: cut.lines[0].id, approvedQuantity: 3 },
        { lineId: cut.lines[1].id, approvedQuantity: 2 },
      ],
    });
    expect(issuePaths(noReason)).toEqual(['lines.0.reason']);
    const decided = await decide(s.cookies.head, cut.id, {
      version: 1,
      lines: [
        { lineId: cut.lines[0].id, approvedQuantity: 3, reason: '车上还有一个' },
        { lineId: cut.lines[1].id, approvedQuantity: 2 },
      ],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().status).toBe('partially_approved');
    expect(decided.json().lines.map((l: { decision: string }) => l.decision)).toEqual(['approved', 'approved']);
    expect(decided.json().lines.map((l: { approvedQuantity: number }) => l.approvedQuantity)).toEqual([3, 2]);
    const full = (await create(s.cookies.tech, { purpose: 'van', lines })).json();
    const all = await decide(s.cookies.head, full.id, {
      version: 1,
      lines: [
        { lineId: full.lines[0].id, approvedQuantity: 4 },
        { lineId: full.lines[1].id, approvedQuantity: 2 },
      ],
    });
    expect(all.json().status).toBe('approved');
    const none = (await create(s.cookies.tech, { purpose: 'van', lines })).json();
    const rejected = await decide(s.cookies.head, none.id, {
      version: 1,
      lines: none.lines.map((l: { id: string }) => ({ lineId: l.id, approvedQuantity: 0, reason: '库存充足' })),
    });
    expect(rejected.json().status).toBe('rejected');
  });

  it('scope: a technician sees their own, the head the branch, another branch nothing', async () => {
    const p = await newPart(t, s.cookies.wh);
    const mine = (await create(s.cookies.tech, { purpose: 'van', lines: [{ partId: p.id, quantity: 1 }] })).json();
    const tech2 = (
      await t.request({ method: 'GET', url: '/api/requisitions?pageSize=200', cookie: s.cookies.tech2 })
    ).json();
    expect(tech2.items.some((x: { id: string }) => x.id === mine.id)).toBe(false);
    expectError(
      await t.request({ method: 'GET', url: `/api/requisitions/${mine.id}`, cookie: s.cookies.tech2 }),
      404,
      'NOT_FOUND',
    );
    const head = (
      await t.request({ method: 'GET', url: '/api/requisitions?status=open&pageSize=200', cookie: s.cookies.head })
    ).json();
    expect(head.items.some((x: { id: string }) => x.id === mine.id)).toBe(true);
    expectError(
      await t.request({ method: 'GET', url: `/api/requisitions/${mine.id}`, cookie: s.cookies.whhz }),
      404,
      'NOT_FOUND',
    );
  });
});
