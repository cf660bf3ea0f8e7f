// The customer's tracking page shows the visit step by step (policy ch. 4: the technician's ID, the expected finish
// of a complex repair, a delay told to the customer) and opens the service record of a finished visit with the
// page's own authorisation (the link's token or the tracking session), through the API with fake time.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackingFailures } from '../../src/server/modules/intake/channels/channels.schema';
import { messages } from '../../src/server/modules/notify/notify.schema';
import { assignTo, readyOrder } from './dispatch-support';
import {
  assignedVisit,
  DAY,
  type FieldWorld,
  fieldWorld,
  finishVisit,
  gz,
  type Json,
  signature,
  throughDiagnosis,
  visitClient,
} from './field-support';
import { lastCodeSentTo } from './notify-support';
import { newPart } from './parts-support';
import { expectError } from './support';

let w: FieldWorld;

beforeAll(async () => {
  w = await fieldWorld();
});
afterAll(async () => {
  await w?.t.close();
});

const STREET = '体育西路 1 号 1201 室';
const minutesFromNow = (m: number) => new Date(w.t.clock.now().getTime() + m * 60_000).toISOString();
const agent = () => w.staff.cookies.agent as string;
const dispatcher = () => w.staff.cookies.dispatcher as string;

let ipSeq = 0;
/** A fresh client address per test (failures are counted per address). */
const freshIp = () => {
  ipSeq += 1;
  return `203.0.113.${ipSeq}`;
};

/** The link token of an order, from the order_received SMS (as the customer gets it). */
async function tokenOf(workOrderId: string): Promise<string> {
  const rows = await w.t.database.db
    .select()
    .from(messages)
    .where(and(eq(messages.workOrderId, workOrderId), eq(messages.template, 'order_received')));
  const url = (rows[0]?.variables as { trackingUrl?: string } | undefined)?.trackingUrl;
  expect(url).toBeTruthy();
  return new URL(url as string).searchParams.get('t') as string;
}

async function track(body: Record<string, unknown>, ip: string, headers?: Record<string, string>) {
  const res = await w.t.request({
    method: 'POST',
    url: '/api/public/track',
    body,
    remoteAddress: ip,
    ...(headers ? { headers } : {}),
  });
  return res;
}

async function view(token: string, ip: string, headers?: Record<string, string>): Promise<Json> {
  const res = await track({ token }, ip, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

function record(visitNo: number | string, query: Record<string, string>, ip: string) {
  const qs = new URLSearchParams(query).toString();
  return w.t.request({
    method: 'GET',
    url: `/api/public/track/visits/${visitNo}/record${qs ? `?${qs}` : ''}`,
    remoteAddress: ip,
  });
}

async function failuresOf(ip: string): Promise<number> {
  const rows = await w.t.database.db.select({ n: count() }).from(trackingFailures).where(eq(trackingFailures.ip, ip));
  return Number(rows[0]?.n ?? 0);
}

const stateOf = (v: Json) => Object.fromEntries(v.steps.map((s: Json) => [s.step, s.status]));
const stepOf = (v: Json, step: string) => v.steps.find((s: Json) => s.step === step);

/** The JSON and the record never carry the customer's full phone or street. */
function expectNoContact(text: string, phone: string) {
  expect(text).not.toContain(phone);
  expect(text).not.toContain('体育西路');
  expect(text).not.toContain(STREET);
}

describe('the tracking view, step by step', () => {
  const phone = '13822223333';
  let token = '';
  let orderId = '';
  let orderNumber = '';

  it('has no visits before the assignment; then the visit with every step to do', async () => {
    w.t.clock.set(gz(DAY, '08:30'));
    await w.relogin();
    const ip = freshIp();
    const order = await readyOrder(w.t, agent(), dispatcher(), {
      customer: { name: '陈大文', phone },
      faultCategory: 'no_cooling',
    });
    orderId = order.id;
    orderNumber = order.number;
    token = await tokenOf(order.id);
    const before = await view(token, ip);
    expect(before).toMatchObject({ status: 'ready', visits: [], technician: null });

    await assignTo(w.t, dispatcher(), order, w.tech.id, { start: gz(DAY, '10:00'), end: gz(DAY, '12:00') });
    const after = await view(token, ip);
    expect(after.technician).toMatchObject({ staffNo: 'TH-101' });
    expect(after.visits).toHaveLength(1);
    expect(after.visits[0]).toMatchObject({
      visitNo: 1,
      kind: 'first',
      status: 'open',
      window: { start: gz(DAY, '10:00'), end: gz(DAY, '12:00') },
      etaAt: null,
      arrivedAt: null,
      expectedFinishAt: null,
      delay: null,
      finishedAt: null,
      recordAvailable: false,
    });
    expect(after.visits[0].steps.map((s: Json) => s.step)).toEqual([
      'accept',
      'contacted',
      'depart',
      'arrive',
      'show_id',
      'safety',
      'diagnosis',
      'quote',
      'consent',
      'repair',
      'tests',
      'handover',
      'site_cleaned',
      'signature',
      'complete',
    ]);
    expect(after.visits[0].steps.every((s: Json) => s.status === 'todo' && s.at === null)).toBe(true);
    // Plain customer words, in the caller's language.
    expect(stepOf(after.visits[0], 'arrive').label).toBe('工程师到达');
    const en = await view(token, ip, { 'accept-language': 'en-US' });
    expect(stepOf(en.visits[0], 'arrive').label).toBe('The technician arrives');
    expectNoContact(JSON.stringify(after), phone);
  });

  it('shows the steps done with their times as the technician advances, the rest to do; a skip without its reason', async () => {
    const ip = freshIp();
    const visits = (
      await w.t.request({ method: 'GET', url: `/api/work-orders/${orderId}/visits`, cookie: dispatcher() })
    )
      .json()
      .items.filter((v: Json) => v.status === 'open');
    const c = visitClient(w, visits[0].id);
    await c.ok({ step: 'accept' });
    const acceptedAt = w.t.clock.now().toISOString();
    w.t.clock.advanceMinutes(10);
    await c.ok({ step: 'contacted', addressConfirmed: true, timeConfirmed: true });
    w.t.clock.advanceMinutes(50); // 09:30
    const eta = minutesFromNow(40);
    await c.ok({ step: 'depart', etaAt: eta });
    const departedAt = w.t.clock.now().toISOString();

    let v = (await view(token, ip)).visits[0];
    expect(v.etaAt).toBe(eta);
    expect(v.arrivedAt).toBeNull();
    expect(stepOf(v, 'accept')).toMatchObject({ status: 'done', at: acceptedAt });
    expect(stepOf(v, 'depart')).toMatchObject({ status: 'done', at: departedAt });
    expect(stepOf(v, 'arrive')).toMatchObject({ status: 'todo', at: null });
    expect(v.steps.slice(3).every((s: Json) => s.status === 'todo')).toBe(true);

    w.t.clock.advanceMinutes(40); // 10:10
    await c.ok({ step: 'arrive', position: { lat: 23.135, lng: 113.327 } });
    const arrivedAt = w.t.clock.now().toISOString();
    await c.ok({ step: 'skip', target: 'show_id', reason: '客户由邻居代为开门，本人不在' });
    await c.ok({ step: 'safety', powerIsolated: true, workAtHeight: false, refrigerantWork: false });

    const tracked = await view(token, ip);
    v = tracked.visits[0];
    expect(v.arrivedAt).toBe(arrivedAt);
    expect(stepOf(v, 'arrive')).toMatchObject({ status: 'done', at: arrivedAt });
    expect(stepOf(v, 'show_id')).toMatchObject({ status: 'skipped', at: expect.any(String) });
    expect(stateOf(v)).toMatchObject({ safety: 'done', diagnosis: 'todo', complete: 'todo' });
    // The technician's reason for the skip is internal (dispatch's alert), never the customer's page.
    expect(JSON.stringify(tracked)).not.toContain('邻居');
    expect(Object.keys(stepOf(v, 'show_id')).sort()).toEqual(['at', 'label', 'status', 'step']);
    expectNoContact(JSON.stringify(tracked), phone);
  });

  it('shows the expected finish of a complex repair, then a delay with its new time', async () => {
    const ip = freshIp();
    const visitId = (
      await w.t.request({ method: 'GET', url: `/api/work-orders/${orderId}/visits`, cookie: dispatcher() })
    ).json().items[0].id;
    const c = visitClient(w, visitId);
    await c.get();
    const finish = minutesFromNow(180);
    const diagnosed = await c.ok({
      step: 'diagnosis',
      faultCategory: 'no_cooling',
      cause: '压缩机启动电容失效',
      expectedFinishAt: finish,
    });
    expect(diagnosed.diagnosis.complexity).toBe('complex');
    let v = (await view(token, ip)).visits[0];
    expect(v.expectedFinishAt).toBe(finish);
    expect(v.delay).toBeNull();
    expect(stepOf(v, 'diagnosis').status).toBe('done');

    const later = minutesFromNow(300);
    await c.ok({ step: 'delay', reason: '电容型号需回仓库调换', newFinishAt: later });
    v = (await view(token, ip)).visits[0];
    expect(v.delay).toEqual({ reason: '电容型号需回仓库调换', newFinishAt: later });
    expect(v.expectedFinishAt).toBe(later);
    // A delay is not a step: the steps are as before.
    expect(stateOf(v)).toMatchObject({ diagnosis: 'done', quote: 'todo' });

    // The rest of the visit, then the finish and the record.
    await c.ok({ step: 'quote', parts: [], travelKm: 3 });
    const consent = await c.consent({
      method: 'signature',
      quoteVersion: 1,
      signerName: '陈大文',
      signature,
      acceptedNonDesignated: [],
    });
    expect(consent.statusCode, consent.body).toBe(200);
    await c.ok({ step: 'repair', workDone: '更换压缩机启动电容', parts: [] });
    w.t.clock.advanceMinutes(30);
    const done = await finishVisit(c);
    const tracked = await view(token, ip);
    v = tracked.visits[0];
    expect(v).toMatchObject({ status: 'completed', finishedAt: done.finishedAt, recordAvailable: true });
    expect(v.steps.every((s: Json) => s.status !== 'todo')).toBe(true);
    expect(stepOf(v, 'complete')).toMatchObject({ status: 'done', at: done.finishedAt });
    expectNoContact(JSON.stringify(tracked), phone);
  });

  it('opens the record with the link token and with a session; masked, no phone or street', async () => {
    const ip = freshIp();
    const html = await record(1, { token }, ip);
    expect(html.statusCode, html.body).toBe(200);
    expect(String(html.headers['content-type'])).toContain('text/html');
    expect(html.headers['cache-control']).toBe('private, no-store');
    for (const text of [orderNumber, '陈**', '138****3333', '压缩机启动电容失效', 'TH-101']) {
      expect(html.body).toContain(text);
    }
    expectNoContact(html.body, phone);
    expect(html.body).not.toContain('陈大文');
    // The customer line names the customer masked as the tracking page does (not an anonymous reader's ***).
    expect(html.body).toContain('<dd>陈** 138****3333 · ');
    expect(await failuresOf(ip)).toBe(0);

    // After order number + phone + SMS code the page has a session; the record opens with it.
    const code = await w.t.request({
      method: 'POST',
      url: '/api/public/verification-codes',
      body: { phone, purpose: 'track' },
      remoteAddress: ip,
    });
    expect(code.statusCode, code.body).toBe(201);
    const found = await track({ number: orderNumber, phone, code: await lastCodeSentTo(w.t, phone) }, ip);
    expect(found.statusCode, found.body).toBe(200);
    const session = found.json().session.token as string;
    expect(found.json().visits[0]).toMatchObject({ visitNo: 1, recordAvailable: true });
    const bySession = await record(1, { session, format: 'html' }, ip);
    expect(bySession.statusCode, bySession.body).toBe(200);
    expect(bySession.body).toContain(orderNumber);
    expectNoContact(bySession.body, phone);
    // The PDF of the same record, with the session as well.
    const pdf = await record(1, { session, format: 'pdf' }, ip);
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    expect(String(pdf.headers['content-type'])).toBe('application/pdf');
    expect(pdf.body.startsWith('%PDF')).toBe(true);
    expect(pdf.headers['cache-control']).toBe('private, no-store');
    // The session still tracks (the page's refresh keeps it).
    expect((await track({ session }, ip)).json().visits[0].status).toBe('completed');
  });

  it('is 404 with a wrong token, a forged session, another order’s token, an unknown or unfinished visit', async () => {
    await w.relogin();
    const ip = freshIp();
    expectError(await record(1, { token: 'not-the-right-token-at-all' }, ip), 404, 'NOT_FOUND');
    expect(await failuresOf(ip)).toBe(1);
    expectError(await record(1, { session: 'eyJvIjoieCJ9.forged' }, ip), 404, 'NOT_FOUND');
    expect(await failuresOf(ip)).toBe(2);
    // Neither or both: nothing to find.
    expectError(await record(1, {}, ip), 404, 'NOT_FOUND');
    expectError(await record(1, { token, session: 'x' }, ip), 404, 'NOT_FOUND');
    // A visit number the order does not have.
    expectError(await record(2, { token }, ip), 404, 'NOT_FOUND');
    expectError(await record('abc', { token }, ip), 400, 'VALIDATION_FAILED');

    // Another order of the same technician, its visit under way: its token opens nothing of the first order, and
    // its own unfinished visit has no record yet.
    const other = await assignedVisit(w, {}, { start: gz(DAY, '16:00'), end: gz(DAY, '17:00') });
    const otherToken = await tokenOf(other.order.id);
    const c = visitClient(w, other.visit.id);
    await c.ok({ step: 'accept' });
    expect((await view(otherToken, ip)).visits[0]).toMatchObject({ visitNo: 1, recordAvailable: false });
    expectError(await record(1, { token: otherToken }, ip), 404, 'NOT_FOUND');
    // An order without any visit yet.
    const ready = await readyOrder(w.t, agent(), dispatcher());
    expectError(await record(1, { token: await tokenOf(ready.id) }, ip), 404, 'NOT_FOUND');
  });

  it('counts failures per address like the tracking page: after ten, even the right token waits', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i += 1) {
      expectError(await record(1, { token: `wrong-token-${i}-xxxxxxxx` }, ip), 404, 'NOT_FOUND');
    }
    const limited = await record(1, { token }, ip);
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The tracking page itself is limited for that address too (one count for both).
    expectError(await track({ token }, ip), 429, 'RATE_LIMITED');
    // Another address is not.
    expect((await record(1, { token }, freshIp())).statusCode).toBe(200);
  });
});

describe('waiting for parts', () => {
  it('the ended visit’s record opens; the follow-up shows without a time until dispatch confirms it', async () => {
    w.t.clock.set(gz('2026-07-16', '08:30'));
    await w.relogin();
    const ip = freshIp();
    const part = await newPart(w.t, w.wh, { name: '室外机主控板', category: 'pcb', standardCostFen: 30000 });
    const { order, visit } = await assignedVisit(
      w,
      { customer: { name: '李四', phone: '13833334444' } },
      { start: gz('2026-07-16', '10:00'), end: gz('2026-07-16', '11:00') },
    );
    const token = await tokenOf(order.id);
    const c = visitClient(w, visit.id);
    await throughDiagnosis(w, c, {
      faultCategory: 'no_cooling',
      cause: '主控板烧毁',
      expectedFinishAt: minutesFromNow(600),
    });
    await c.ok({ step: 'waiting_parts', reason: '主控板需从中心仓调拨', parts: [{ partId: part.id, quantity: 1 }] });
    const tracked = await view(token, ip);
    expect(tracked.status).toBe('waiting_parts');
    expect(tracked.visits.map((v: Json) => [v.visitNo, v.kind, v.status, v.recordAvailable])).toEqual([
      [1, 'first', 'waiting_parts', true],
      [2, 'follow_up', 'proposed', false],
    ]);
    expect(tracked.visits[0].finishedAt).toBe(w.t.clock.now().toISOString());
    expect(tracked.visits[1].window).toBeNull();
    expect(tracked.visits[1].steps[0]).toMatchObject({ step: 'contacted', status: 'todo' });
    const html = await record(1, { token }, ip);
    expect(html.statusCode, html.body).toBe(200);
    expect(html.body).toContain('主控板烧毁');
    expectNoContact(html.body, '13833334444');
    expectError(await record(2, { token }, ip), 404, 'NOT_FOUND');
  });
});
