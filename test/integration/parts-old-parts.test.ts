// 旧件回收 (old-part returns) and the follow-up of valuable parts in vans (policy ch. 7: 贵重配件 … 严格的跟踪和管理):
// an issue of a valuable unit to a job owes the removed old part back; the daily sweep alerts what is overdue.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOldPartReturn } from '../../src/server/modules/parts';
import { oldPartReturns } from '../../src/server/modules/parts/purchasing.schema';
import { jobs } from '../../src/server/platform/jobs/jobs.schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import { move, newPart, type PartsStaff, partsStaff, rid } from './parts-support';
import { auditRows, expectError, issuePaths } from './support';

let t: TestApp;
let s: PartsStaff;
const DAY = 24 * 60;

beforeAll(async () => {
  t = await buildTestApp({ config: { session: { idleMinutes: 60 * 24 * 60, absoluteHours: 24 * 60 } } });
  s = await partsStaff(t);
});
afterAll(async () => {
  await t?.close();
});

const runDue = () => t.aircare.jobs.runDue();
const wo = () => ({
  workOrderId: randomUUID(),
  workOrderNumber: `WO-20260715-${String(Math.floor(Math.random() * 9000) + 1000)}`,
});

/** A serial-tracked board, a valuable sensor (not serial-tracked, 600 yuan) and a cheap capacitor, in stock at TH. */
async function stock() {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const pcb = await newPart(t, s.cookies.wh, {
    category: 'pcb',
    name: '变频主板',
    serialTracked: true,
    standardCostFen: 45000,
  });
  const sensor = await newPart(t, s.cookies.wh, { category: 'sensor', name: '管温传感器', standardCostFen: 60000 });
  const cap = await newPart(t, s.cookies.wh);
  const serials = [1, 2, 3, 4].map((i) => `PCB-${tag}-${i}`);
  for (const body of [
    { partId: pcb.id, serials, unitCostFen: 44000 },
    { partId: sensor.id, quantity: 10, unitCostFen: 60000 },
    { partId: cap.id, quantity: 10, unitCostFen: 1800 },
  ]) {
    const r = await move(t, s.cookies.wh, { kind: 'receipt', locationId: s.loc.th, ...body });
    expect(r.statusCode, r.body).toBe(201);
  }
  return { pcb, sensor, cap, serials, tag };
}

async function approvedRequisition(cookie: string, body: Record<string, unknown>) {
  const created = await t.request({
    method: 'POST',
    url: '/api/requisitions',
    cookie,
    body: { requestId: rid(), ...body },
  });
  expect(created.statusCode, created.body).toBe(201);
  const r = created.json();
  const d = await t.request({
    method: 'POST',
    url: `/api/requisitions/${r.id}/decision`,
    cookie: s.cookies.head,
    body: { version: 1, lines: r.lines.map((l: any) => ({ lineId: l.id, approvedQuantity: l.quantity })) },
  });
  expect(d.statusCode, d.body).toBe(200);
  return d.json();
}

async function returnsOf(query: string, cookie = s.cookies.wh) {
  const res = await t.request({ method: 'GET', url: `/api/old-part-returns?pageSize=200&${query}`, cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function alerts(kind: string, cookie = s.cookies.head) {
  const res = await t.request({
    method: 'GET',
    url: `/api/parts-alerts?status=all&kinds=${kind}&pageSize=200`,
    cookie,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as any[];
}
async function followUp(cookie = s.cookies.head, query = '') {
  const res = await t.request({ method: 'GET', url: `/api/stock-valuable-follow-up?pageSize=200${query}`, cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('old parts owed back', () => {
  it('issuing valuable parts to a job opens one return per unit, once however often retried', async () => {
    const { pcb, sensor, cap, serials } = await stock();
    const job = wo();
    const r = await approvedRequisition(s.cookies.tech, {
      purpose: 'job',
      ...job,
      lines: [
        { partId: pcb.id, quantity: 2 },
        { partId: sensor.id, quantity: 2 },
        { partId: cap.id, quantity: 3 },
      ],
    });
    const body = {
      requestId: rid(),
      version: r.version,
      sourceLocationId: s.loc.th,
      lines: [
        { lineId: r.lines[0].id, serials: serials.slice(0, 2) },
        { lineId: r.lines[1].id, serials: ['SEN-001', 'sen-002'] },
      ],
    };
    const issued = await t.request({
      method: 'POST',
      url: `/api/requisitions/${r.id}/issue`,
      cookie: s.cookies.wh,
      body,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    // Retried (same request id, also concurrently): nothing more.
    const retries = await Promise.all(
      [1, 2].map(() =>
        t.request({ method: 'POST', url: `/api/requisitions/${r.id}/issue`, cookie: s.cookies.wh, body }),
      ),
    );
    expect(retries.map((x) => x.statusCode)).toEqual([200, 200]);

    const list = await returnsOf(`workOrderId=${job.workOrderId}`);
    expect(list.total).toBe(4);
    const due = new Date(t.clock.now().getTime() + 7 * DAY * 60_000).toISOString();
    expect(
      (list.items as any[])
        .map((x) => [x.partCode, x.newSerial, x.status, x.technicianName, x.requisitionNumber])
        .sort(),
    ).toEqual(
      [
        [pcb.code, serials[0], 'pending', 'p-tech', r.number],
        [pcb.code, serials[1], 'pending', 'p-tech', r.number],
        [sensor.code, 'SEN-001', 'pending', 'p-tech', r.number],
        [sensor.code, 'SEN-002', 'pending', 'p-tech', r.number],
      ].sort(),
    );
    for (const x of list.items) {
      expect(x).toMatchObject({ dueAt: due, overdue: false, workOrderNumber: job.workOrderNumber, version: 1 });
      expect(x.number).toMatch(/^JJ\d{6}$/);
    }
    const rows = await t.database.db
      .select()
      .from(oldPartReturns)
      .where(eq(oldPartReturns.workOrderId, job.workOrderId));
    expect(rows).toHaveLength(4);
    expect(rows.every((x) => x.sourceKey.startsWith('issue:') && x.requisitionLineId !== null)).toBe(true);
    // The technician sees their own; another technician none of them.
    expect((await returnsOf(`workOrderId=${job.workOrderId}`, s.cookies.tech)).total).toBe(4);
    expect((await returnsOf(`workOrderId=${job.workOrderId}`, s.cookies.tech2)).total).toBe(0);
    expect((await returnsOf(`workOrderId=${job.workOrderId}`, s.cookies.whhz)).total).toBe(0);
  });

  it('a direct issue to a job opens returns too: from a store without a technician, from a van with its technician', async () => {
    const { sensor, pcb, serials } = await stock();
    const job = wo();
    const body = { kind: 'issue', requestId: rid(), partId: sensor.id, locationId: s.loc.th, quantity: 2, ...job };
    const first = await t.request({ method: 'POST', url: '/api/stock-movements', cookie: s.cookies.wh, body });
    expect(first.statusCode, first.body).toBe(201);
    // Retried with the same request id, and with an Idempotency-Key twice: nothing more.
    const again = await t.request({ method: 'POST', url: '/api/stock-movements', cookie: s.cookies.wh, body });
    expect(again.statusCode).toBe(201);
    const key = { 'idempotency-key': `opr-${randomUUID()}` };
    const other = { ...body, requestId: rid() };
    for (let i = 0; i < 2; i++) {
      const res = await t.request({
        method: 'POST',
        url: '/api/stock-movements',
        cookie: s.cookies.wh,
        body: other,
        headers: key,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    let list = await returnsOf(`workOrderId=${job.workOrderId}`);
    expect(list.total).toBe(4);
    expect(list.items.every((x: any) => x.technicianId === null && x.technicianName === '' && x.newSerial === '')).toBe(
      true,
    );

    // Into the technician's van, then fitted from the van.
    const toVan = await move(t, s.cookies.wh, {
      kind: 'transfer',
      partId: pcb.id,
      fromLocationId: s.loc.th,
      toLocationId: s.loc.vanTech,
      serials: [serials[3]],
    });
    expect(toVan.statusCode, toVan.body).toBe(201);
    const job2 = wo();
    const fitted = await move(t, s.cookies.wh, {
      kind: 'issue',
      partId: pcb.id,
      locationId: s.loc.vanTech,
      serials: [serials[3]],
      ...job2,
    });
    expect(fitted.statusCode, fitted.body).toBe(201);
    list = await returnsOf(`workOrderId=${job2.workOrderId}`);
    expect(list.items).toMatchObject([
      {
        partId: pcb.id,
        newSerial: serials[3],
        technicianId: s.ids.tech,
        technicianName: 'p-tech',
        branchId: t.branches.th,
      },
    ]);
    // A cheap part issued to a job owes nothing.
    const cap = await newPart(t, s.cookies.wh);
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: cap.id,
      locationId: s.loc.th,
      quantity: 5,
      unitCostFen: 100,
    });
    const job3 = wo();
    await move(t, s.cookies.wh, { kind: 'issue', partId: cap.id, locationId: s.loc.th, quantity: 2, ...job3 });
    expect((await returnsOf(`workOrderId=${job3.workOrderId}`)).total).toBe(0);
  });

  it('the public door opens one return per source key', async () => {
    const { sensor } = await stock();
    const job = wo();
    const input = {
      partId: sensor.id,
      sourceKey: `fit:${randomUUID()}:1`,
      branchId: t.branches.th,
      ...job,
      technicianId: s.ids.tech2,
      technicianName: 'p-tech2',
      newSerial: 'sen-fit-1',
    };
    const one = await openOldPartReturn(t.systemCtx(), input);
    const two = await openOldPartReturn(t.systemCtx(), input);
    expect(two.id).toBe(one.id);
    expect(one).toMatchObject({
      status: 'pending',
      newSerial: 'SEN-FIT-1',
      technicianName: 'p-tech2',
      partCode: sensor.code,
    });
    expect((await returnsOf(`workOrderId=${job.workOrderId}`, s.cookies.tech2)).total).toBe(1);
    const [sweep] = await t.database.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.dedupeKey, 'parts:follow-up-sweep'), eq(jobs.status, 'pending')));
    expect(sweep?.kind).toBe('parts.followUpSweep');
  });

  it('record and waive: permissions, versions, a store not a van, retries act once, audited', async () => {
    const { sensor } = await stock();
    const job = wo();
    await move(t, s.cookies.wh, { kind: 'issue', partId: sensor.id, locationId: s.loc.th, quantity: 3, ...job });
    const [a, b, c] = (await returnsOf(`workOrderId=${job.workOrderId}`)).items as any[];
    const url = (x: any, what: string) => `/api/old-part-returns/${x.id}/${what}`;
    const rec = { version: 1, oldSerial: 'old-sen-9', conditionNote: '外壳烧黑', receivedLocationId: s.loc.th };

    expectError(
      await t.request({ method: 'POST', url: url(a, 'return'), cookie: s.cookies.tech, body: rec }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await t.request({ method: 'POST', url: url(a, 'return'), cookie: s.cookies.head, body: rec }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await t.request({
        method: 'POST',
        url: url(a, 'return'),
        cookie: s.cookies.whhz,
        body: { ...rec, receivedLocationId: s.loc.hz },
      }),
      404,
      'NOT_FOUND',
    );
    const stale = await t.request({
      method: 'POST',
      url: url(a, 'return'),
      cookie: s.cookies.wh,
      body: { ...rec, version: 2 },
    });
    expectError(stale, 409, 'VERSION_CONFLICT');
    const van = await t.request({
      method: 'POST',
      url: url(a, 'return'),
      cookie: s.cookies.wh,
      body: { ...rec, receivedLocationId: s.loc.vanTech },
    });
    expect(issuePaths(van)).toEqual(['receivedLocationId']);
    const foreign = await t.request({
      method: 'POST',
      url: url(a, 'return'),
      cookie: s.cookies.wh,
      body: { ...rec, receivedLocationId: s.loc.hz },
    });
    expect(issuePaths(foreign)).toEqual(['receivedLocationId']);
    const extra = await t.request({
      method: 'POST',
      url: url(a, 'return'),
      cookie: s.cookies.wh,
      body: { ...rec, sneaky: 1 },
    });
    expectError(extra, 400, 'VALIDATION_FAILED');
    expect((await returnsOf(`workOrderId=${job.workOrderId}&status=pending`)).total).toBe(3);

    const done = await t.request({ method: 'POST', url: url(a, 'return'), cookie: s.cookies.wh, body: rec });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'returned',
      oldSerial: 'OLD-SEN-9',
      note: '外壳烧黑',
      receivedLocationId: s.loc.th,
      receivedLocationCode: 'ST-GZ-TH',
      closedByName: 'p-wh',
      version: 2,
    });
    // The same return again: acts once; a different one with the old version: 409.
    const retry = await t.request({ method: 'POST', url: url(a, 'return'), cookie: s.cookies.wh, body: rec });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(done.json());
    expectError(
      await t.request({
        method: 'POST',
        url: url(a, 'return'),
        cookie: s.cookies.wh,
        body: { ...rec, oldSerial: 'X-1' },
      }),
      409,
      'VERSION_CONFLICT',
    );
    expectError(
      await t.request({
        method: 'POST',
        url: url(a, 'waive'),
        cookie: s.cookies.head,
        body: { version: 2, reason: '不需要了' },
      }),
      409,
      'ILLEGAL_TRANSITION',
    );

    // Waive: the approver only, with a reason.
    const waive = { version: 1, reason: '旧件已由厂家上门回收' };
    expectError(
      await t.request({ method: 'POST', url: url(b, 'waive'), cookie: s.cookies.wh, body: waive }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await t.request({
        method: 'POST',
        url: url(b, 'waive'),
        cookie: s.cookies.head,
        body: { version: 1, reason: 'x' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const waived = await t.request({ method: 'POST', url: url(b, 'waive'), cookie: s.cookies.head, body: waive });
    expect(waived.statusCode, waived.body).toBe(200);
    expect(waived.json()).toMatchObject({ status: 'waived', note: waive.reason, closedByName: 'p-head', version: 2 });
    const waivedAgain = await t.request({ method: 'POST', url: url(b, 'waive'), cookie: s.cookies.head, body: waive });
    expect(waivedAgain.json()).toEqual(waived.json());

    const pendingOnly = await returnsOf(`workOrderId=${job.workOrderId}&status=pending`);
    expect(pendingOnly.items.map((x: any) => x.id)).toEqual([c.id]);
    const actions = (await auditRows(t))
      .filter((x) => x.objectId === a.id || x.objectId === b.id)
      .map((x) => `${x.action}:${x.objectId === a.id ? 'a' : 'b'}`);
    expect(actions).toEqual(['old_part.returned:a', 'old_part.waived:b']);
  });
});

describe('the daily follow-up sweep', () => {
  it('old parts not returned in time: one alert each, once; returned ones none', async () => {
    const { sensor } = await stock();
    const job = wo();
    const r = await approvedRequisition(s.cookies.tech, {
      purpose: 'job',
      ...job,
      lines: [{ partId: sensor.id, quantity: 2 }],
    });
    const issued = await t.request({
      method: 'POST',
      url: `/api/requisitions/${r.id}/issue`,
      cookie: s.cookies.wh,
      body: {
        requestId: rid(),
        version: r.version,
        sourceLocationId: s.loc.th,
        lines: [{ lineId: r.lines[0].id, serials: ['OD-1', 'OD-2'] }],
      },
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const [kept, late] = (await returnsOf(`workOrderId=${job.workOrderId}`)).items as any[];
    t.clock.advanceMinutes(6 * DAY);
    const back = await t.request({
      method: 'POST',
      url: `/api/old-part-returns/${kept.id}/return`,
      cookie: s.cookies.wh,
      body: { version: 1, receivedLocationId: s.loc.th },
    });
    expect(back.statusCode, back.body).toBe(200);
    await runDue();
    expect((await alerts('old_part_overdue')).filter((a) => a.requisitionId === r.id)).toHaveLength(0);

    t.clock.advanceMinutes(2 * DAY);
    await runDue();
    const raised = (await alerts('old_part_overdue')).filter((a) => a.requisitionId === r.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      oldPartReturnId: late.id,
      oldPartReturnNumber: late.number,
      partCode: sensor.code,
      serial: late.newSerial,
      technicianName: 'p-tech',
      workOrderNumber: job.workOrderNumber,
      dueAt: late.dueAt,
      branchId: t.branches.th,
    });
    const overdue = await returnsOf(`workOrderId=${job.workOrderId}&overdue=true`);
    expect(overdue.items.map((x: any) => x.id)).toEqual([late.id]);
    expect(overdue.items[0].overdue).toBe(true);
    // The technician is told too; another branch is not.
    expect((await alerts('old_part_overdue', s.cookies.tech)).some((a) => a.oldPartReturnId === late.id)).toBe(true);
    expect((await alerts('old_part_overdue', s.cookies.whhz)).some((a) => a.oldPartReturnId === late.id)).toBe(false);

    // The sweep re-armed itself for the next morning; running again raises nothing more.
    const [next] = await t.database.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.dedupeKey, 'parts:follow-up-sweep'), eq(jobs.status, 'pending')));
    expect(next?.runAt.getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(next?.runAt.getTime()).toBeLessThanOrEqual(t.clock.now().getTime() + DAY * 60_000);
    t.clock.advanceMinutes(DAY);
    await runDue();
    t.clock.advanceMinutes(DAY);
    await runDue();
    expect((await alerts('old_part_overdue')).filter((a) => a.oldPartReturnId === late.id)).toHaveLength(1);
  });

  it('valuable units in vans: listed with days and technician, alerted once when overdue, gone when fitted or returned', async () => {
    const { pcb, sensor, serials } = await stock();
    const r = await approvedRequisition(s.cookies.tech2, {
      purpose: 'van',
      lines: [
        { partId: pcb.id, quantity: 1 },
        { partId: sensor.id, quantity: 2 },
      ],
    });
    const arrived = t.clock.now();
    const issued = await t.request({
      method: 'POST',
      url: `/api/requisitions/${r.id}/issue`,
      cookie: s.cookies.wh,
      body: {
        requestId: rid(),
        version: r.version,
        sourceLocationId: s.loc.th,
        lines: [
          { lineId: r.lines[0].id, serials: [serials[0]] },
          { lineId: r.lines[1].id, serials: ['VS-1', 'VS-2'] },
        ],
      },
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const mine = (x: any) => x.locationId === s.loc.vanTech2 && (x.partId === pcb.id || x.partId === sensor.id);
    let list = (await followUp()).items.filter(mine);
    expect(list.map((x: any) => [x.partCode, x.serial, x.quantity, x.daysInVan, x.overdue]).sort()).toEqual(
      [
        [pcb.code, serials[0], 1, 0, false],
        [sensor.code, '', 2, 0, false],
      ].sort(),
    );
    expect(list[0]).toMatchObject({ technicianId: s.ids.tech2, technicianName: 'p-tech2', locationCode: 'VAN-TH-002' });
    expect(list.find((x: any) => x.partId === sensor.id)).toMatchObject({
      arrivedAt: arrived.toISOString(),
      dueAt: new Date(arrived.getTime() + 14 * DAY * 60_000).toISOString(),
      valueFen: 120000,
    });
    // Each technician sees their own van only.
    expect((await followUp(s.cookies.tech2)).items.filter(mine)).toHaveLength(2);
    expect((await followUp(s.cookies.tech)).items.filter(mine)).toHaveLength(0);
    expect((await followUp(s.cookies.whhz)).items.filter(mine)).toHaveLength(0);

    // Ten days later one more sensor arrives; five days after that the first units are overdue.
    t.clock.advanceMinutes(10 * DAY);
    const later = t.clock.now();
    const more = await move(t, s.cookies.wh, {
      kind: 'transfer',
      partId: sensor.id,
      fromLocationId: s.loc.th,
      toLocationId: s.loc.vanTech2,
      quantity: 1,
    });
    expect(more.statusCode, more.body).toBe(201);
    t.clock.advanceMinutes(5 * DAY);
    list = (await followUp(s.cookies.head, '&overdue=true')).items.filter(mine);
    expect(list.map((x: any) => [x.partCode, x.quantity, x.daysInVan, x.overdue]).sort()).toEqual(
      [
        [pcb.code, 1, 15, true],
        [sensor.code, 3, 15, true],
      ].sort(),
    );
    await runDue();
    const raised = (await alerts('valuable_unaccounted')).filter((a) => a.locationId === s.loc.vanTech2);
    expect(raised.map((a) => [a.partCode, a.serial, a.quantity, a.technicianName]).sort()).toEqual(
      [
        [pcb.code, serials[0], 1, 'p-tech2'],
        [sensor.code, null, 3, 'p-tech2'],
      ].sort(),
    );
    expect(
      (await alerts('valuable_unaccounted', s.cookies.tech2)).filter((a) => a.locationId === s.loc.vanTech2),
    ).toHaveLength(2);

    // The board is fitted on a job (it owes its old part now); two sensors go back to the store: the one left is
    // the newest, 5 days in the van, not overdue.
    const job = wo();
    expect(
      (
        await move(t, s.cookies.wh, {
          kind: 'issue',
          partId: pcb.id,
          locationId: s.loc.vanTech2,
          serials: [serials[0]],
          ...job,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await move(t, s.cookies.wh, {
          kind: 'transfer',
          partId: sensor.id,
          fromLocationId: s.loc.vanTech2,
          toLocationId: s.loc.th,
          quantity: 2,
        })
      ).statusCode,
    ).toBe(201);
    list = (await followUp()).items.filter(mine);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      partId: sensor.id,
      quantity: 1,
      arrivedAt: later.toISOString(),
      daysInVan: 5,
      overdue: false,
    });
    expect((await returnsOf(`workOrderId=${job.workOrderId}`)).items).toMatchObject([
      { partId: pcb.id, newSerial: serials[0], technicianName: 'p-tech2' },
    ]);
    // More sweeps: nothing more for the same units.
    t.clock.advanceMinutes(DAY);
    await runDue();
    expect((await alerts('valuable_unaccounted')).filter((a) => a.locationId === s.loc.vanTech2)).toHaveLength(2);
  });
});
