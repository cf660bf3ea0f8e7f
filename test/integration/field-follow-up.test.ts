// A follow-up visit (after waiting for parts) is a dispatch appointment like any other: confirming it books the
// technician's time through dispatch, so it can never double-book them (policy ch. 3 + 4), and the technician's day
// shows the follow-up on its day and the first visit on its own.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/server/modules/notify/notify.schema';
import { readyOrder } from './dispatch-support';
import {
  assignedVisit,
  type FieldWorld,
  fieldWorld,
  get,
  gz,
  type Json,
  orderDetail,
  post,
  signature,
  stockedPart,
  throughDiagnosis,
  visitClient,
} from './field-support';
import { expectError } from './support';

let w: FieldWorld;

beforeAll(async () => {
  w = await fieldWorld();
});
afterAll(async () => {
  await w?.t.close();
});

const dispatcher = () => w.staff.cookies.dispatcher as string;

describe('follow-up visits are booked as appointments', () => {
  it('refuses an overlap with DOUBLE_BOOKED changing nothing, books a free window and keeps the days apart', async () => {
    w.t.clock.set(gz('2026-09-01', '08:30'));
    await w.relogin();
    const pcb = await stockedPart(
      w,
      { name: '室外机主板', category: 'pcb', serialTracked: true, standardCostFen: 38000, warrantyMonths: 12 },
      { locationId: w.central, serials: ['PCB-F-01'], unitCostFen: 38000 },
    );
    const { order, visit } = await assignedVisit(
      w,
      {},
      { start: gz('2026-09-01', '10:00'), end: gz('2026-09-01', '11:00') },
    );
    const c = visitClient(w, visit.id);
    await throughDiagnosis(w, c, {
      faultCategory: 'wont_start',
      // A phone typed on site in free text is masked in every view.
      cause: '室外机主板损坏（业主备用电话13912345678）',
      expectedFinishAt: gz('2026-09-01', '16:00'),
    });
    const q = (await c.ok({ step: 'quote', parts: [{ partId: pcb.id, quantity: 1, source: 'job' }], travelKm: 3 }))
      .quote;
    const consent = await c.consent({
      method: 'signature',
      quoteVersion: q.version,
      signerName: '林先生',
      signature,
      acceptedNonDesignated: [],
    });
    expect(consent.statusCode, consent.body).toBe(200);
    const waited = await c.ok({
      step: 'waiting_parts',
      reason: '主板需调拨',
      parts: [{ partId: pcb.id, quantity: 1 }],
      proposedWindow: { start: gz('2026-09-02', '14:00'), end: gz('2026-09-02', '15:00') },
    });
    expect(waited.status).toBe('waiting_parts');
    expect(JSON.stringify(waited)).not.toContain('13912345678');
    expect(waited.diagnosis.cause).toBe('室外机主板损坏（业主备用电话139****5678）');
    const waitedAccept = waited.steps.find((st: Json) => st.step === 'accept').at;

    // The technician already has another job at 14:00–15:00 on the 2nd.
    const other = await readyOrder(w.t, w.staff.cookies.agent as string, dispatcher());
    const otherRes = await post(
      w.t,
      `/api/work-orders/${other.id}/assignment`,
      {
        technicianId: w.tech.id,
        window: { start: gz('2026-09-02', '14:30'), end: gz('2026-09-02', '15:30') },
        version: other.version,
        overrideReason: '测试指定',
      },
      dispatcher(),
    );
    expect(otherRes.statusCode, otherRes.body).toBe(200);

    const proposed = (await get(w.t, `/api/work-orders/${order.id}/visits`, dispatcher()))
      .json()
      .items.find((v: Json) => v.status === 'proposed');
    const smsBefore = (await orderDetail(w, order.id)).messages.length;
    const clash = await post(
      w.t,
      `/api/field/visits/${proposed.id}/schedule`,
      { version: proposed.version, window: { start: gz('2026-09-02', '14:00'), end: gz('2026-09-02', '15:00') } },
      dispatcher(),
    );
    expectError(clash, 409, 'DOUBLE_BOOKED');
    const still = (await get(w.t, `/api/field/visits/${proposed.id}`, dispatcher())).json().visit;
    expect(still).toMatchObject({ status: 'proposed', version: proposed.version });
    expect((await orderDetail(w, order.id)).messages.length).toBe(smsBefore);

    // A free window books: the first appointment ends, the follow-up's is the order's active one, already accepted.
    const ok = await post(
      w.t,
      `/api/field/visits/${proposed.id}/schedule`,
      { version: proposed.version, window: { start: gz('2026-09-02', '16:00'), end: gz('2026-09-02', '17:00') } },
      dispatcher(),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    const mine = (await get(w.t, '/api/me/jobs?date=2026-09-02', w.tech.cookie)).json().items;
    const booked = mine.find((j: Json) => j.workOrder.id === order.id);
    expect(booked.assignment).toMatchObject({
      state: 'accepted',
      window: { start: gz('2026-09-02', '16:00'), end: gz('2026-09-02', '17:00') },
    });
    // The follow-up is the technician's job now (its contact may be revealed); the first visit keeps its own record.
    const followUp = (await get(w.t, `/api/field/visits/${proposed.id}`, w.tech.cookie)).json().visit;
    expect(followUp).toMatchObject({ assignmentId: booked.assignment.id, contactRevealable: true });
    const first = (await get(w.t, `/api/field/visits/${visit.id}`, w.tech.cookie)).json().visit;
    expect(first).toMatchObject({ status: 'waiting_parts', assignmentId: null, contactRevealable: false });
    expect(first.steps.find((st: Json) => st.step === 'accept')).toMatchObject({ status: 'done', at: waitedAccept });
    const firstDay = (await get(w.t, '/api/me/jobs?date=2026-09-01', w.tech.cookie)).json().items;
    expect(firstDay.find((j: Json) => j.workOrder.id === order.id)?.assignment.state).toBe('replaced');

    // Nobody can now book the technician over the follow-up.
    const third = await readyOrder(w.t, w.staff.cookies.agent as string, dispatcher());
    const over = await post(
      w.t,
      `/api/work-orders/${third.id}/assignment`,
      {
        technicianId: w.tech.id,
        window: { start: gz('2026-09-02', '16:30'), end: gz('2026-09-02', '17:30') },
        version: third.version,
        overrideReason: '测试指定',
      },
      dispatcher(),
    );
    expectError(over, 409, 'DOUBLE_BOOKED');

    // The technician's app: the follow-up on the 2nd, the first visit only on the 1st.
    const day2 = (await get(w.t, '/api/field/my-jobs?date=2026-09-02', w.tech.cookie)).json().items;
    const ofOrder2 = day2.filter((j: Json) => j.visit.workOrderId === order.id);
    expect(ofOrder2.map((j: Json) => [j.visit.kind, j.visit.status])).toEqual([['follow_up', 'open']]);
    const day1 = (await get(w.t, '/api/field/my-jobs?date=2026-09-01', w.tech.cookie)).json().items;
    const ofOrder1 = day1.filter((j: Json) => j.visit.workOrderId === order.id);
    expect(ofOrder1.map((j: Json) => [j.visit.kind, j.visit.status])).toEqual([['first', 'waiting_parts']]);
  });
});

describe('the customer’s approval link runs out', () => {
  it('after its hours it reads expired (server clock) and refuses a decision; the visit still waits for consent', async () => {
    w.t.clock.set(gz('2026-09-05', '09:00'));
    await w.relogin();
    const { order, visit } = await assignedVisit(
      w,
      {},
      { start: gz('2026-09-05', '10:00'), end: gz('2026-09-05', '11:00') },
    );
    const c = visitClient(w, visit.id);
    await throughDiagnosis(w, c);
    await c.ok({ step: 'quote', parts: [], travelKm: 2 });
    const asked = await c.consent({ method: 'link', quoteVersion: 1 });
    expect(asked.statusCode, asked.body).toBe(200);
    const sms = (await w.t.database.db.select().from(messages).where(eq(messages.workOrderId, order.id))).find(
      (m) => m.template === 'quote_approval',
    );
    expect(sms).toBeDefined();
    const variables = sms?.variables as Record<string, string>;
    const token = new URL(variables.approvalUrl as string).searchParams.get('t');
    const url = `/api/public/quote-approvals/${token}`;
    const fresh = await w.t.request({ method: 'GET', url });
    expect(fresh.json()).toMatchObject({ status: 'pending', expired: false });

    w.t.clock.set(new Date(new Date(fresh.json().expiresAt).getTime() + 60_000).toISOString());
    const late = await w.t.request({ method: 'GET', url });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ status: 'superseded', expired: true });
    const refused = await w.t.request({ method: 'POST', url, body: { decision: 'approve' } });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().details).toMatchObject({ reason: 'link_expired' });
    await w.relogin();
    const v = (await get(w.t, `/api/field/visits/${visit.id}`, w.tech.cookie)).json().visit;
    expect(v).toMatchObject({ next: 'consent', consent: { status: 'pending', method: 'link' } });
  });
});
