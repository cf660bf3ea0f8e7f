// Parts on a visit (policy ch. 4.2, DOMAIN.md "Money"): consumed from the technician's van ledger exactly once
// under retries, concurrent duplicates and offline replays; a non-designated part needs the customer's explicit
// consent with the price difference and warranty terms; warranty coverage (the unit's, our own part's); the
// customer's approval by SMS link; waiting for parts → requisition, follow-up proposed, scheduled, completed.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/server/modules/notify/notify.schema';
import {
  assignedVisit,
  DAY,
  type FieldWorld,
  fieldWorld,
  finishVisit,
  get,
  gz,
  type Json,
  movementsOf,
  orderDetail,
  post,
  setUnitWarranty,
  signature,
  stockedPart,
  throughDiagnosis,
  vanBalance,
  visitClient,
} from './field-support';
import { expectError, issuePaths } from './support';

let w: FieldWorld;

beforeAll(async () => {
  w = await fieldWorld();
});
afterAll(async () => {
  await w?.t.close();
});

const dispatcher = () => w.staff.cookies.dispatcher as string;
let hour = 8;
/** Each test its own hour-long window, later in the day (one technician cannot be booked twice). */
function nextWindow(day = DAY) {
  hour += 1;
  const h = String(hour).padStart(2, '0');
  return { start: gz(day, `${h}:00`), end: gz(day, `${h}:59`) };
}

async function consentTo(c: ReturnType<typeof visitClient>, quoteVersion: number, accepted: string[] = []) {
  const res = await c.consent({
    method: 'signature',
    quoteVersion,
    signerName: '陈女士',
    signature,
    acceptedNonDesignated: accepted,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().visit;
}

describe('parts leave the van exactly once', () => {
  it('under retries, concurrent duplicates, another key and offline replays of the repair step', async () => {
    w.t.clock.set(gz(DAY, '08:40'));
    await w.relogin();
    const cap = await stockedPart(
      w,
      { name: '风机电容', category: 'capacitor' },
      { locationId: w.van, quantity: 5, unitCostFen: 600 },
    );
    const { order, visit } = await assignedVisit(w, {}, nextWindow());
    const c = visitClient(w, visit.id);
    await throughDiagnosis(w, c);
    await c.ok({ step: 'quote', parts: [{ partId: cap.id, quantity: 2, source: 'van' }], travelKm: 5 });
    await consentTo(c, 1);
    const body = {
      step: 'repair',
      version: (await c.get()).version,
      idempotencyKey: 'repair-once-0001',
      workDone: '更换风机电容两只',
      parts: [{ partId: cap.id, quantity: 2, source: 'van', oldPartReturn: false }],
    };
    const send = (headers?: Record<string, string>) =>
      w.t.request({
        method: 'POST',
        url: `/api/field/visits/${visit.id}/steps`,
        cookie: w.tech.cookie,
        body,
        ...(headers ? { headers } : {}),
      });
    // Two identical requests at once (a double tap): one acts, the other replays.
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json().replayed, b.json().replayed].sort()).toEqual([false, true]);
    expect(await vanBalance(w, cap.id)).toBe(3);
    // A retry (the answer was lost), also with the platform's Idempotency-Key header.
    expect((await send()).json().replayed).toBe(true);
    expect((await send({ 'Idempotency-Key': 'hdr-repair-0001' })).statusCode).toBe(200);
    expect((await send({ 'Idempotency-Key': 'hdr-repair-0001' })).headers['idempotent-replayed']).toBe('true');
    // The same step under a new key: the repair is done already (409), nothing consumed.
    const twice = await send().then(() =>
      w.t.request({
        method: 'POST',
        url: `/api/field/visits/${visit.id}/steps`,
        cookie: w.tech.cookie,
        body: { ...body, idempotencyKey: 'repair-once-0002', version: body.version + 1 },
      }),
    );
    expect(expectError(twice, 409, 'ILLEGAL_TRANSITION').details.reason).toBe('already_done');
    // The phone also had it in its offline queue: the replay acts once.
    const sync = await post(
      w.t,
      '/api/field/sync',
      { items: [{ kind: 'step', visitId: visit.id, body }] },
      w.tech.cookie,
    );
    expect(sync.statusCode, sync.body).toBe(200);
    expect(sync.json().results[0]).toMatchObject({ status: 'replayed', version: body.version + 1 });
    expect(await vanBalance(w, cap.id)).toBe(3);
    const moves = await movementsOf(w, order.id);
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ kind: 'issue', quantity: -2, partId: cap.id, locationId: w.van });
    expect(moves[0].requestId).toMatch(/^field:[0-9a-f]{24}:1$/);
  });

  it('a part the van does not hold cannot be quoted from the van; running out at repair changes nothing', async () => {
    w.t.clock.set(gz(DAY, '09:40'));
    await w.relogin();
    const fan = await stockedPart(
      w,
      { name: '室外风机电机', category: 'fan_motor' },
      { locationId: w.van, quantity: 1, unitCostFen: 26000 },
    );
    const { visit } = await assignedVisit(w, {}, nextWindow());
    const c = visitClient(w, visit.id);
    await throughDiagnosis(w, c);
    const tooMany = await c.step({
      step: 'quote',
      parts: [{ partId: fan.id, quantity: 2, source: 'van' }],
      travelKm: 5,
    });
    expect(issuePaths(tooMany)).toEqual(['parts.0.source']);
    await c.ok({ step: 'quote', parts: [{ partId: fan.id, quantity: 1, source: 'van' }], travelKm: 5 });
    await consentTo(c, 1);
    // Meanwhile the van's last unit went elsewhere (moved back to the store).
    const back = await post(
      w.t,
      '/api/stock-movements',
      {
        requestId: `req-back-${visit.id}`,
        kind: 'transfer',
        partId: fan.id,
        fromLocationId: w.van,
        toLocationId: w.central,
        quantity: 1,
      },
      w.wh,
    );
    expect(back.statusCode, back.body).toBe(201);
    await c.get();
    const res = await c.step({
      step: 'repair',
      workDone: '更换室外风机',
      parts: [{ partId: fan.id, quantity: 1, source: 'van', oldPartReturn: true }],
    });
    expect(expectError(res, 422, 'BUSINESS_RULE').details.reason).toBe('insufficient_stock');
    const after = await c.get();
    expect(after.parts).toEqual([]);
    expect(after.steps.find((s: Json) => s.step === 'repair').status).toBe('todo');
  });
});

describe('non-designated parts and the customer’s consent', () => {
  it('needs the designated part it replaces, shows the difference and warranty, and the customer’s explicit consent', async () => {
    w.t.clock.set(gz(DAY, '10:40'));
    await w.relogin();
    const ours = await stockedPart(
      w,
      { name: '管温传感器', category: 'sensor', warrantyMonths: 6 },
      { locationId: w.van, quantity: 3, unitCostFen: 1200 },
    );
    const other = await stockedPart(
      w,
      { name: '管温传感器（副厂）', category: 'sensor', designated: false, warrantyMonths: 1 },
      { locationId: w.van, quantity: 3, unitCostFen: 800 },
    );
    const { order, visit } = await assignedVisit(w, {}, nextWindow());
    const c = visitClient(w, visit.id);
    await throughDiagnosis(w, c, { faultCategory: 'leaking', cause: '管温传感器阻值漂移' });
    const missing = await c.step({
      step: 'quote',
      parts: [{ partId: other.id, quantity: 1, source: 'van' }],
      travelKm: 5,
    });
    expect(issuePaths(missing)).toEqual(['parts.0.insteadOfPartId']);
    const quote = (
      await c.ok({
        step: 'quote',
        parts: [{ partId: other.id, quantity: 1, source: 'van', insteadOfPartId: ours.id }],
        travelKm: 5,
      })
    ).quote;
    expect(quote.nonDesignated).toEqual([
      expect.objectContaining({
        partId: other.id,
        insteadOfPartId: ours.id,
        unitPriceDifferenceFen: 960 - 1440,
        warrantyMonths: 1,
        designatedWarrantyMonths: 6,
        coveredByCompanyWarranty: false,
      }),
    ]);
    // Without the explicit acceptance nothing is recorded; the order stays diagnosed.
    const refused = await c.consent({
      method: 'signature',
      quoteVersion: 1,
      signerName: '陈女士',
      signature,
      acceptedNonDesignated: [],
    });
    expect(expectError(refused, 422, 'BUSINESS_RULE').details).toMatchObject({
      reason: 'non_designated_consent_required',
      missing: [other.id],
    });
    expect((await c.get()).consent).toBeNull();
    expect((await orderDetail(w, order.id)).status).toBe('diagnosed');
    // A quote changed since the customer saw it: the consent must be to the new version.
    await c.ok({
      step: 'quote',
      parts: [{ partId: other.id, quantity: 1, source: 'van', insteadOfPartId: ours.id }],
      travelKm: 12,
    });
    const old = await c.consent({
      method: 'signature',
      quoteVersion: 1,
      signerName: '陈女士',
      signature,
      acceptedNonDesignated: [other.id],
    });
    expect(expectError(old, 422, 'BUSINESS_RULE').details).toMatchObject({
      reason: 'quote_changed',
      currentQuoteVersion: 2,
    });
    const agreed = await consentTo(c, 2, [other.id]);
    expect(agreed.consent).toMatchObject({ status: 'approved', quoteVersion: 2 });
    expect((await orderDetail(w, order.id)).status).toBe('in_repair');
    // Parts beyond the agreed plan need a new quote and consent.
    const beyond = await c.step({
      step: 'repair',
      workDone: '更换传感器',
      parts: [{ partId: ours.id, quantity: 1, source: 'van', oldPartReturn: false }],
    });
    expect(expectError(beyond, 422, 'BUSINESS_RULE').details).toMatchObject({ reason: 'part_not_agreed' });
    // And the quote cannot be changed any more once agreed.
    expect(
      expectError(await c.step({ step: 'quote', parts: [], travelKm: 1 }), 409, 'ILLEGAL_TRANSITION').details.reason,
    ).toBe('already_done');
  });

  it('by SMS link: the customer approves on their phone; the link acts once and dies with a new quote', async () => {
    w.t.clock.set(gz(DAY, '11:40'));
    await w.relogin();
    const { order, visit } = await assignedVisit(
      w,
      { customer: { name: '赵先生', phone: '13955556666' } },
      nextWindow(),
    );
    const c = visitClient(w, visit.id);
    await throughDiagnosis(w, c);
    await c.ok({ step: 'quote', parts: [], travelKm: 15 });
    const asked = await c.consent({ method: 'link', quoteVersion: 1 });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().visit.consent).toMatchObject({ status: 'pending', method: 'link' });
    expect(asked.json().visit.next).toBe('consent');
    const sms = (await w.t.database.db.select().from(messages).where(eq(messages.workOrderId, order.id))).filter(
      (m) => m.template === 'quote_approval',
    );
    expect(sms).toHaveLength(1);
    const variables = sms[0]?.variables as Record<string, string>;
    expect(variables.amount).toBe('110.00');
    const token = new URL(variables.approvalUrl as string).searchParams.get('t') as string;
    const page = await w.t.request({ method: 'GET', url: `/api/public/quote-approvals/${token}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({
      workOrderNumber: order.number,
      status: 'pending',
      expired: false,
      quote: { customerPaysFen: 11000 },
    });
    expect(page.body).not.toContain('13955556666');
    const yes = await w.t.request({
      method: 'POST',
      url: `/api/public/quote-approvals/${token}`,
      body: { decision: 'approve' },
    });
    expect(yes.statusCode, yes.body).toBe(200);
    // Approving twice is harmless; declining now is refused.
    expect(
      (
        await w.t.request({
          method: 'POST',
          url: `/api/public/quote-approvals/${token}`,
          body: { decision: 'approve' },
        })
      ).statusCode,
    ).toBe(200);
    const no = await w.t.request({
      method: 'POST',
      url: `/api/public/quote-approvals/${token}`,
      body: { decision: 'decline' },
    });
    expectError(no, 409, 'ILLEGAL_TRANSITION');
    const v = await c.get();
    expect(v.consent).toMatchObject({ status: 'approved', method: 'link' });
    expect(v.next).toBe('repair');
    expect(v.log.at(-1)).toMatchObject({ step: 'consent', source: 'system' });
    expect((await orderDetail(w, order.id)).status).toBe('in_repair');
    expectError(
      await w.t.request({ method: 'GET', url: '/api/public/quote-approvals/not-a-real-token-at-all' }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('warranty coverage', () => {
  it('the unit’s warranty: the customer pays nothing for labour, travel and designated parts; the amount is recorded', async () => {
    w.t.clock.set(gz(DAY, '12:40'));
    await w.relogin();
    const cap = await stockedPart(
      w,
      { name: '压缩机启动电容', category: 'capacitor' },
      { locationId: w.van, quantity: 2, unitCostFen: 1800 },
    );
    const { order, visit } = await assignedVisit(w, {}, nextWindow());
    await setUnitWarranty(w, order.id, '2027-12-31');
    const c = visitClient(w, visit.id);
    await throughDiagnosis(w, c);
    const q = (await c.ok({ step: 'quote', parts: [{ partId: cap.id, quantity: 1, source: 'van' }], travelKm: 25 }))
      .quote;
    expect(q).toMatchObject({
      unitInWarranty: true,
      customerPaysFen: 0,
      totalFen: 8000 + 2160 + 5000,
      warrantyFen: 15160,
    });
    expect(q.lines.every((l: Json) => l.coverage === 'unit_warranty' && l.customerPaysFen === 0)).toBe(true);
    await consentTo(c, 1);
    const fitted = await c.ok({
      step: 'repair',
      workDone: '更换电容（保修）',
      parts: [{ partId: cap.id, quantity: 1, source: 'van', oldPartReturn: true }],
    });
    expect(fitted.parts[0]).toMatchObject({ covered: true, coverage: 'unit_warranty', unitPriceFen: 2160 });
    await finishVisit(c);
  });

  it('our own part failing again within its warranty is covered on its warranty (the unit’s having ended)', async () => {
    w.t.clock.set(gz(DAY, '13:40'));
    await w.relogin();
    const valve = await stockedPart(
      w,
      { name: '四通换向阀', category: 'four_way_valve', warrantyMonths: 12 },
      { locationId: w.van, quantity: 2, unitCostFen: 8500 },
    );
    const first = await assignedVisit(w, {}, nextWindow());
    const unitId = await setUnitWarranty(w, first.order.id, '2020-01-01');
    const c1 = visitClient(w, first.visit.id);
    await throughDiagnosis(w, c1);
    const q1 = (await c1.ok({ step: 'quote', parts: [{ partId: valve.id, quantity: 1, source: 'van' }], travelKm: 5 }))
      .quote;
    expect(q1.customerPaysFen).toBe(q1.totalFen);
    await consentTo(c1, 1);
    await c1.ok({
      step: 'repair',
      workDone: '更换四通阀',
      parts: [{ partId: valve.id, quantity: 1, source: 'van', oldPartReturn: true }],
    });
    await finishVisit(c1);

    // Weeks later the same unit: a new order, the same part again.
    w.t.clock.set(gz('2026-08-20', '08:30'));
    await w.relogin();
    const detail = await orderDetail(w, first.order.id);
    const second = await assignedVisit(
      w,
      { customer: { id: detail.customer.id }, address: { id: detail.customer.address.id }, unit: { id: unitId } },
      { start: gz('2026-08-20', '10:00'), end: gz('2026-08-20', '11:00') },
    );
    const c2 = visitClient(w, second.visit.id);
    await throughDiagnosis(w, c2);
    const q2 = (await c2.ok({ step: 'quote', parts: [{ partId: valve.id, quantity: 1, source: 'van' }], travelKm: 5 }))
      .quote;
    expect(q2.lines.map((l: Json) => l.coverage)).toEqual(['part_warranty', 'part_warranty', 'part_warranty']);
    expect(q2.customerPaysFen).toBe(0);
    expect(q2.warrantyFen).toBe(q2.totalFen);
    // The technician's day shows the earlier visit to this unit.
    const day = await get(w.t, '/api/field/my-jobs?date=2026-08-20', w.tech.cookie);
    const job = day.json().items.find((j: Json) => j.visit.id === second.visit.id);
    expect(job.history[0]).toMatchObject({
      sameUnit: true,
      workOrderNumber: first.order.number,
      parts: ['四通换向阀 × 1'],
    });
  });
});

describe('waiting for parts', () => {
  it('ends the visit, raises a requisition, proposes a follow-up that dispatch schedules, and the follow-up completes', async () => {
    w.t.clock.set(gz('2026-08-21', '08:30'));
    await w.relogin();
    const pcb = await stockedPart(
      w,
      { name: '变频主控板', category: 'pcb', serialTracked: true, standardCostFen: 45000, warrantyMonths: 12 },
      { locationId: w.central, serials: ['PCB-0001'], unitCostFen: 45000 },
    );
    const { order, visit } = await assignedVisit(
      w,
      {},
      {
        start: gz('2026-08-21', '10:00'),
        end: gz('2026-08-21', '11:00'),
      },
    );
    const c = visitClient(w, visit.id);
    await throughDiagnosis(w, c, {
      faultCategory: 'wont_start',
      cause: '主控板烧毁，需更换',
      expectedFinishAt: gz('2026-08-21', '16:00'),
    });
    const q = (await c.ok({ step: 'quote', parts: [{ partId: pcb.id, quantity: 1, source: 'job' }], travelKm: 5 }))
      .quote;
    await consentTo(c, q.version);
    const waitBody = {
      step: 'waiting_parts',
      reason: '主控板需从中心仓调拨',
      parts: [{ partId: pcb.id, quantity: 1 }],
    };
    const waited = await c.step({ ...waitBody, idempotencyKey: 'wait-parts-0001' });
    expect(waited.statusCode, waited.body).toBe(200);
    const ended = waited.json().visit;
    expect(ended).toMatchObject({ status: 'waiting_parts', next: null, endReason: 'waiting_parts' });
    expect(ended.followUp).toMatchObject({
      status: 'proposed',
      window: { start: gz('2026-08-22', '10:00'), end: gz('2026-08-22', '11:00') },
    });
    expect((await orderDetail(w, order.id)).status).toBe('waiting_parts');
    // The retry replays; there is one requisition for the job, for the part.
    const again = await w.t.request({
      method: 'POST',
      url: `/api/field/visits/${visit.id}/steps`,
      cookie: w.tech.cookie,
      body: { ...waitBody, version: ended.version - 1, idempotencyKey: 'wait-parts-0001' },
    });
    expect(again.json().replayed).toBe(true);
    const reqs = await get(w.t, '/api/requisitions?pageSize=50', w.tech.cookie);
    const mine = reqs.json().items.filter((r: Json) => r.workOrderId === order.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      id: ended.requisitionId,
      purpose: 'job',
      status: 'submitted',
      lines: [{ partId: pcb.id, quantity: 1 }],
    });
    // Dispatch sees the proposal.
    const alerts = await get(w.t, '/api/work-order-alerts?kind=follow_up_needed&pageSize=50', dispatcher());
    const alert = alerts.json().items.find((a: Json) => a.workOrderId === order.id);
    expect(alert.details).toMatchObject({
      followUpVisitId: ended.followUp.visitId,
      requisitionId: ended.requisitionId,
    });

    // Dispatch confirms the follow-up; the customer is told the new time.
    const visits = (await get(w.t, `/api/work-orders/${order.id}/visits`, dispatcher())).json().items;
    const proposed = visits.find((v: Json) => v.status === 'proposed');
    expect(proposed).toMatchObject({ kind: 'follow_up', visitNo: 2, previousVisitId: visit.id });
    const scheduled = await post(
      w.t,
      `/api/field/visits/${proposed.id}/schedule`,
      { version: proposed.version, window: { start: gz('2026-08-22', '14:00'), end: gz('2026-08-22', '15:00') } },
      dispatcher(),
    );
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json().visit).toMatchObject({ status: 'open', next: 'contacted' });
    const sms = (await orderDetail(w, order.id)).messages.filter((m: Json) => m.template === 'technician_assigned');
    expect(sms.length).toBeGreaterThanOrEqual(2);

    // The follow-up: no acceptance, no diagnosis, no new consent; arriving resumes the repair.
    w.t.clock.set(gz('2026-08-22', '13:30'));
    await w.relogin();
    const f = visitClient(w, proposed.id, undefined, scheduled.json().visit.version);
    await f.ok({ step: 'contacted', addressConfirmed: true, timeConfirmed: true });
    await f.ok({ step: 'depart', etaAt: gz('2026-08-22', '14:10') });
    w.t.clock.set(gz('2026-08-22', '14:05'));
    await f.ok({ step: 'arrive', position: { lat: 23.13, lng: 113.33 } });
    expect((await orderDetail(w, order.id)).status).toBe('in_repair');
    await f.ok({ step: 'show_id' });
    await f.ok({ step: 'safety', powerIsolated: true, workAtHeight: false, refrigerantWork: false });
    // A valuable part: one serial per unit.
    const noSerial = await f.step({
      step: 'repair',
      workDone: '更换主控板',
      parts: [{ partId: pcb.id, quantity: 1, source: 'job', oldPartReturn: true }],
    });
    expect(issuePaths(noSerial)).toEqual(['parts.0.serials']);
    const repaired = await f.ok({
      step: 'repair',
      workDone: '更换主控板，恢复开机',
      parts: [
        {
          partId: pcb.id,
          quantity: 1,
          source: 'job',
          serials: ['PCB-0001'],
          oldPartReturn: true,
          oldSerial: 'OLD-777',
        },
      ],
    });
    expect(repaired.parts[0]).toMatchObject({ serials: ['PCB-0001'], source: 'job', oldSerial: 'OLD-777' });
    await finishVisit(f);
    expect((await orderDetail(w, order.id)).status).toBe('completed');
    const all = (await get(w.t, `/api/work-orders/${order.id}/visits`, dispatcher())).json().items;
    expect(all.map((v: Json) => [v.visitNo, v.kind, v.status])).toEqual([
      [1, 'first', 'waiting_parts'],
      [2, 'follow_up', 'completed'],
    ]);
    // Parts issued for the job are not taken from the van again.
    expect(await movementsOf(w, order.id)).toHaveLength(0);
  });
});
