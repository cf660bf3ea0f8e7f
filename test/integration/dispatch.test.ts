import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { addLeave, addTechnician, readyOrder } from './dispatch-support';
import { createStaff, get, post, type Staff } from './intake-support';

let t: TestApp;
let staff: Staff;
let near: string;
let far: string;
let noCert: string;
let onLeave: string;
let junior: string;
let techCookies: Record<string, string> = {};

// 2026-07-15T02:00Z = 10:00 in Guangzhou (Wednesday).
beforeAll(async () => {
  t = await buildTestApp();
  staff = await createStaff(t);
  near = await addTechnician(t, { username: 'near', home: { lat: 23.125, lng: 113.36 }, workPhone: '13700000001' });
  far = await addTechnician(t, { username: 'far', home: { lat: 23.2, lng: 113.25 } });
  noCert = await addTechnician(t, {
    username: 'nocert',
    home: { lat: 23.125, lng: 113.36 },
    certificates: { refrigeration: '2026-07-01' },
  });
  onLeave = await addTechnician(t, { username: 'onleave', home: { lat: 23.125, lng: 113.36 } });
  await addLeave(t, onLeave, '2026-07-15');
  junior = await addTechnician(t, {
    username: 'junior',
    home: { lat: 23.125, lng: 113.36 },
    skills: { split_wall: 1, refrigerant: 1, electrical: 1 },
  });
  techCookies = {
    near: await t.login('near'),
    far: await t.login('far'),
  };
});
afterAll(async () => t.close());

const dispatcher = () => staff.cookies.dispatcher as string;
const agent = () => staff.cookies.agent as string;

describe('recommendTechnicians', () => {
  it('ranks the eligible by travel and load, with reasons in words, and names why the others cannot go', async () => {
    const order = await readyOrder(t, agent(), dispatcher());
    const res = await get(t, `/api/work-orders/${order.id}/recommendations`, dispatcher());
    expect(res.statusCode, res.body).toBe(200);
    const rec = res.json();
    expect(rec.date).toBe('2026-07-15');
    expect(rec.requiredCertificates).toEqual(['refrigeration']);
    const ids = rec.candidates.map((c: any) => c.technician.id);
    expect(ids[0]).toBe(near);
    expect(ids).toContain(far);
    expect(ids.indexOf(near)).toBeLessThan(ids.indexOf(far));
    const top = rec.candidates[0];
    expect(top.reasons.map((r: any) => r.code)).toEqual(expect.arrayContaining(['travel', 'earliest', 'workload']));
    expect(top.reasons.find((r: any) => r.code === 'travel').text).toMatch(/分钟/);
    const why = Object.fromEntries(
      rec.ineligible.map((i: any) => [i.technician.id, i.reasons.map((r: any) => r.code)]),
    );
    expect(why[noCert]).toContain('certificate_invalid');
    expect(why[onLeave]).toContain('not_working');
    // No cooling is a tier-3 job: intermediate level needed, the junior is told why.
    expect(why[junior]).toContain('skill_level');
    expect(rec.ineligible.find((i: any) => i.technician.id === junior).reasons[0].text).toMatch(/初级.*需中级/);
  });

  it('recommends for a leave day too: nobody on leave, a later day can be asked for', async () => {
    const order = await readyOrder(t, agent(), dispatcher());
    const res = await get(t, `/api/work-orders/${order.id}/recommendations?date=2026-07-16`, dispatcher());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().candidates.map((c: any) => c.technician.id)).toContain(onLeave);
    const past = await get(t, `/api/work-orders/${order.id}/recommendations?date=2026-07-14`, dispatcher());
    expect(past.statusCode).toBe(400);
  });
});

describe('assign, accept, contact', () => {
  it('assigns the top candidate, tells technician and customer, and the technician accepts and confirms contact', async () => {
    const order = await readyOrder(t, agent(), dispatcher());
    const rec = (await get(t, `/api/work-orders/${order.id}/recommendations`, dispatcher())).json();
    const top = rec.candidates[0];
    const res = await post(
      t,
      `/api/work-orders/${order.id}/assignment`,
      { technicianId: top.technician.id, window: top.window, version: order.version },
      dispatcher(),
    );
    expect(res.statusCode, res.body).toBe(200);
    const { assignment, workOrderStatus } = res.json();
    expect(workOrderStatus).toBe('assigned');
    expect(assignment.state).toBe('assigned');

    const detail = (await get(t, `/api/work-orders/${order.id}`, dispatcher())).json();
    const templates = detail.messages.map((m: any) => `${m.channel}:${m.template}`);
    expect(templates).toEqual(
      expect.arrayContaining(['inapp:job_assigned', 'sms:job_assigned', 'sms:technician_assigned']),
    );

    const mine = (await get(t, '/api/me/jobs?date=2026-07-15', techCookies.near as string)).json();
    const job = mine.items.find((j: any) => j.workOrder.id === order.id);
    expect(job.workOrder.phoneMasked).toMatch(/\*{4}/);

    const accepted = await post(
      t,
      `/api/assignments/${assignment.id}/accept`,
      { version: assignment.version },
      techCookies.near as string,
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().state).toBe('accepted');
    const contacted = await post(
      t,
      `/api/assignments/${assignment.id}/contact`,
      { version: accepted.json().version, addressConfirmed: true, timeConfirmed: true },
      techCookies.near as string,
    );
    expect(contacted.statusCode, contacted.body).toBe(200);
    expect(contacted.json().contactedAt).not.toBeNull();

    // Another technician cannot touch it.
    const other = await post(t, `/api/assignments/${assignment.id}/accept`, { version: 1 }, techCookies.far as string);
    expect(other.statusCode).toBe(404);
  });

  it('refuses an ineligible technician with the reasons, and a non-top one without an override reason', async () => {
    const order = await readyOrder(t, agent(), dispatcher());
    const rec = (await get(t, `/api/work-orders/${order.id}/recommendations`, dispatcher())).json();
    const window = rec.candidates[0].window;
    const bad = await post(
      t,
      `/api/work-orders/${order.id}/assignment`,
      { technicianId: noCert, window, version: order.version },
      dispatcher(),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('NOT_ELIGIBLE');
    const notTop = rec.candidates.find((c: any) => c.rank > 1);
    const noReason = await post(
      t,
      `/api/work-orders/${order.id}/assignment`,
      { technicianId: notTop.technician.id, window: notTop.window, version: order.version },
      dispatcher(),
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].path).toBe('overrideReason');
    const ok = await post(
      t,
      `/api/work-orders/${order.id}/assignment`,
      {
        technicianId: notTop.technician.id,
        window: notTop.window,
        version: order.version,
        overrideReason: '客户指定该师傅',
      },
      dispatcher(),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().assignment.overrideReason).toBe('客户指定该师傅');
  });

  it('never double-books: an overlapping window for the same technician is a 409 DOUBLE_BOOKED', async () => {
    const a = await readyOrder(t, agent(), dispatcher());
    const b = await readyOrder(t, agent(), dispatcher());
    const window = { start: '2026-07-15T08:00:00.000Z', end: '2026-07-15T09:30:00.000Z' };
    const first = await post(
      t,
      `/api/work-orders/${a.id}/assignment`,
      { technicianId: far, window, version: a.version, overrideReason: '测试' },
      dispatcher(),
    );
    expect(first.statusCode, first.body).toBe(200);
    const second = await post(
      t,
      `/api/work-orders/${b.id}/assignment`,
      {
        technicianId: far,
        window: { start: '2026-07-15T09:00:00.000Z', end: '2026-07-15T10:00:00.000Z' },
        version: b.version,
        overrideReason: '测试',
      },
      dispatcher(),
    );
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json().code).toBe('DOUBLE_BOOKED');
    const still = (await get(t, `/api/work-orders/${b.id}`, dispatcher())).json();
    expect(still.status).toBe('ready');
  });

  it('a declined assignment goes back to the queue with an alert for dispatch', async () => {
    const order = await readyOrder(t, agent(), dispatcher());
    const rec = (await get(t, `/api/work-orders/${order.id}/recommendations`, dispatcher())).json();
    const c = rec.candidates.find((x: any) => x.technician.id === near);
    const res = await post(
      t,
      `/api/work-orders/${order.id}/assignment`,
      {
        technicianId: near,
        window: c.window,
        version: order.version,
        ...(c.rank > 1 ? { overrideReason: '就近' } : {}),
      },
      dispatcher(),
    );
    expect(res.statusCode, res.body).toBe(200);
    const { assignment } = res.json();
    const declined = await post(
      t,
      `/api/assignments/${assignment.id}/decline`,
      { version: assignment.version, reason: '车辆故障' },
      techCookies.near as string,
    );
    expect(declined.statusCode, declined.body).toBe(200);
    const detail = (await get(t, `/api/work-orders/${order.id}`, dispatcher())).json();
    expect(detail.status).toBe('ready');
    expect(detail.alerts.some((a: any) => a.kind === 'assignment_declined')).toBe(true);
  });
});

describe('board', () => {
  it('shows technicians with their appointments and the queue', async () => {
    const order = await readyOrder(t, agent(), dispatcher());
    const res = await get(t, '/api/dispatch/board?date=2026-07-15', dispatcher());
    expect(res.statusCode, res.body).toBe(200);
    const board = res.json();
    expect(board.queue.some((q: any) => q.workOrderId === order.id)).toBe(true);
    const row = board.technicians.find((x: any) => x.id === far);
    expect(row.appointments.length).toBeGreaterThan(0);
    const leave = board.technicians.find((x: any) => x.id === onLeave);
    expect(leave.shift).toBeNull();
    expect(leave.offReason).toBe('leave');
  });
});
