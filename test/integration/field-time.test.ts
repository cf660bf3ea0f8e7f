// The visit's clocks and the customer's privacy (policy ch. 4.3, DOMAIN.md "Clocks" and "Privacy"): lateness
// against the window; a simple fault over its set time alerts dispatch and blocks the visit until the technician
// reports the delay (the customer gets an SMS, dispatch an alert with the reason); a complex fault's expected finish;
// the technician's view of the customer's phone from assignment until 72 h after completion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignedVisit,
  DAY,
  type FieldWorld,
  fieldWorld,
  finishVisit,
  get,
  gz,
  type Json,
  orderDetail,
  post,
  signature,
  throughDiagnosis,
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
const runDue = () => w.t.aircare.jobs.runDue();
const inMinutes = (m: number) => new Date(w.t.clock.now().getTime() + m * 60_000).toISOString();

async function alertsOf(workOrderId: string, query: string) {
  const res = await get(w.t, `/api/work-order-alerts?${query}&status=all&pageSize=100`, dispatcher());
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.filter((a: Json) => a.workOrderId === workOrderId);
}

describe('lateness', () => {
  it('an arrival after the window’s end is recorded in minutes, from the check-in time', async () => {
    w.t.clock.set(gz(DAY, '08:40'));
    await w.relogin();
    const { visit } = await assignedVisit(w, {}, { start: gz(DAY, '09:00'), end: gz(DAY, '10:00') });
    const c = visitClient(w, visit.id);
    await c.ok({ step: 'accept' });
    await c.ok({ step: 'contacted', addressConfirmed: true, timeConfirmed: true });
    await c.ok({ step: 'depart', etaAt: gz(DAY, '09:50') });
    w.t.clock.set(gz(DAY, '10:20'));
    const arrived = await c.ok({ step: 'arrive', position: { lat: 23.2, lng: 113.4 } });
    expect(arrived.lateMinutes).toBe(20);
    expect(arrived.log.at(-1).data).toMatchObject({ lateMinutes: 20 });
  });
});

describe('a simple fault over its time limit', () => {
  it('alerts dispatch at the limit, asks the technician why, tells the customer and dispatch the new finish', async () => {
    w.t.clock.set(gz(DAY, '10:30'));
    await w.relogin();
    const { order, visit } = await assignedVisit(w, {}, { start: gz(DAY, '11:00'), end: gz(DAY, '12:00') });
    const c = visitClient(w, visit.id);
    const diagnosed = await throughDiagnosis(w, c); // leaking: simple; arrived at 11:00
    const arrivedAt = new Date(diagnosed.arrivedAt).getTime();
    expect(diagnosed.repairDueAt).toBe(new Date(arrivedAt + 120 * 60_000).toISOString());
    expect(diagnosed.delayRequired).toBe(false);

    w.t.clock.set(new Date(arrivedAt + 119 * 60_000));
    await w.relogin();
    await runDue();
    expect(await alertsOf(order.id, 'kind=sla&clock=simple_repair')).toHaveLength(0);
    w.t.clock.set(new Date(arrivedAt + 121 * 60_000));
    await runDue();
    const breach = await alertsOf(order.id, 'kind=sla&clock=simple_repair');
    expect(breach).toHaveLength(1);
    expect(breach[0].details).toMatchObject({ visitId: visit.id, technicianName: 'fieldtech' });
    await runDue();
    expect(await alertsOf(order.id, 'kind=sla&clock=simple_repair')).toHaveLength(1);

    // The app asks for the reason: every step waits for the delay report.
    expect((await c.get()).delayRequired).toBe(true);
    const blocked = await c.step({ step: 'quote', parts: [], travelKm: 2 });
    expect(expectError(blocked, 422, 'BUSINESS_RULE').details.reason).toBe('delay_reason_required');
    expect(issuePaths(await c.step({ step: 'delay', reason: '排水管在墙内破裂', newFinishAt: inMinutes(-1) }))).toEqual(
      ['newFinishAt'],
    );
    const newFinish = inMinutes(90);
    const delayed = await c.ok({ step: 'delay', reason: '排水管在墙内破裂，需要开槽更换', newFinishAt: newFinish });
    expect(delayed).toMatchObject({ repairDueAt: newFinish, expectedFinishAt: newFinish, delayRequired: false });
    const detail = await orderDetail(w, order.id);
    expect(detail.messages.map((m: Json) => m.template)).toContain('repair_delayed');
    const reported = await alertsOf(order.id, 'kind=repair_delayed');
    expect(reported).toHaveLength(1);
    expect(reported[0].details).toMatchObject({ reported: true, newFinishAt: newFinish });
    expect(detail.timeline.some((e: Json) => e.kind === 'alert' && e.reason === '排水管在墙内破裂，需要开槽更换')).toBe(
      true,
    );
    // Work goes on.
    await c.ok({ step: 'quote', parts: [], travelKm: 2 });
  });
});

describe('a complex fault', () => {
  it('states the expected finish; passing it alerts dispatch (not yet reported) and needs the delay too', async () => {
    w.t.clock.set(gz(DAY, '14:00'));
    await w.relogin();
    const { order, visit } = await assignedVisit(w, {}, { start: gz(DAY, '14:30'), end: gz(DAY, '15:30') });
    const c = visitClient(w, visit.id);
    const finish = gz(DAY, '18:00');
    const diagnosed = await throughDiagnosis(w, c, {
      faultCategory: 'no_cooling',
      cause: '系统缺冷媒，焊点泄漏',
      expectedFinishAt: finish,
    });
    expect(diagnosed).toMatchObject({ expectedFinishAt: finish, repairDueAt: finish });
    // The office tells the customer a later time (an office edit moves the deadline).
    const edited = await w.t.request({
      method: 'PATCH',
      url: `/api/field/visits/${visit.id}`,
      cookie: dispatcher(),
      body: { version: diagnosed.version, expectedFinishAt: gz(DAY, '18:30') },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().visit.repairDueAt).toBe(gz(DAY, '18:30'));
    w.t.clock.set(gz(DAY, '18:10'));
    await w.relogin();
    await runDue();
    expect(await alertsOf(order.id, 'kind=repair_delayed')).toHaveLength(0);
    w.t.clock.set(gz(DAY, '18:31'));
    await runDue();
    const overdue = await alertsOf(order.id, 'kind=repair_delayed');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].details).toMatchObject({ reported: false, visitId: visit.id });
    await c.get();
    expect(
      expectError(await c.step({ step: 'quote', parts: [], travelKm: 2 }), 422, 'BUSINESS_RULE').details.reason,
    ).toBe('delay_reason_required');
  });
});

describe('the customer’s phone and the technician', () => {
  it('is revealable for the own job until 72 h after completion, masked everywhere else', async () => {
    w.t.clock.set(gz('2026-07-16', '08:30'));
    await w.relogin();
    const phone = '13722223333';
    const { visit } = await assignedVisit(
      w,
      { customer: { name: '周女士', phone } },
      { start: gz('2026-07-16', '09:00'), end: gz('2026-07-16', '10:00') },
    );
    const c = visitClient(w, visit.id);
    const mine = await c.get();
    expect(mine).toMatchObject({ contactRevealable: true, workOrder: { phoneMasked: '137****3333' } });
    const assignmentId = mine.assignmentId as string;
    const revealOwn = () => post(w.t, `/api/assignments/${assignmentId}/contact-details`, {}, w.tech.cookie);
    expect((await revealOwn()).json().phone).toBe(phone);
    // The dispatcher reads the visit but may not reveal through it.
    expect((await get(w.t, `/api/field/visits/${visit.id}`, dispatcher())).json().visit.contactRevealable).toBe(false);

    await throughDiagnosis(w, c);
    await c.ok({ step: 'quote', parts: [], travelKm: 1 });
    const consent = await c.consent({
      method: 'signature',
      quoteVersion: 1,
      signerName: '周女士',
      signature,
      acceptedNonDesignated: [],
    });
    expect(consent.statusCode, consent.body).toBe(200);
    c.state.version = consent.json().visit.version;
    await c.ok({ step: 'repair', workDone: '清洗排水管', parts: [] });
    const done = await finishVisit(c);
    const completedAt = new Date(done.finishedAt).getTime();

    w.t.clock.set(new Date(completedAt + 71 * 3_600_000));
    await w.relogin();
    expect((await revealOwn()).statusCode).toBe(200);
    expect((await visitClient(w, visit.id).get()).contactRevealable).toBe(true);
    w.t.clock.set(new Date(completedAt + 73 * 3_600_000));
    await w.relogin();
    expectError(await revealOwn(), 403, 'FORBIDDEN');
    const after = await visitClient(w, visit.id).get();
    expect(after).toMatchObject({ contactRevealable: false, workOrder: { phoneMasked: '137****3333' } });
    // The record stays readable, masked.
    const record = await get(w.t, `/api/field/visits/${visit.id}/record`, w.tech.cookie);
    expect(record.statusCode).toBe(200);
    expect(record.body).not.toContain(phone);
  });
});
