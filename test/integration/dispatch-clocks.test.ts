// The dispatch clocks and notices (DOMAIN.md "Clocks": contact, arrival; issue 4 "Notifications and confirmation"),
// on the platform timers driven by a FakeClock, and auto-dispatch.
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments } from '../../src/server/modules/dispatch/dispatch.schema';
import { jobs } from '../../src/server/platform/jobs/jobs.schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import { addTechnician, assignTo, gz, readyOrder, type TechSpec } from './dispatch-support';
import { createStaff, get, post, type Staff } from './intake-support';

let t: TestApp;
let staff: Staff;
let techSeq = 0;

beforeAll(async () => {
  // The clock jumps over days here: sessions long enough not to expire under it.
  t = await buildTestApp({
    config: { session: { idleMinutes: 60 * 24 * 60, absoluteHours: 24 * 60 } },
  });
  staff = await createStaff(t);
});
afterAll(async () => {
  await t?.close();
});

const dispatcher = () => staff.cookies.dispatcher as string;
const agent = () => staff.cookies.agent as string;
const runDue = () => t.aircare.jobs.runDue();

/** A new technician (only them in the test's story) and their session. */
async function technician(spec: Omit<TechSpec, 'username'> = {}) {
  techSeq += 1;
  const username = `clocktech${techSeq}`;
  const id = await addTechnician(t, { username, ...spec });
  return { id, cookie: await t.login(username) };
}

/** Each test starts on its own day at 10:00 Guangzhou time (the clock only moves forward). */
let dayIx = 0;
function newDay(): string {
  dayIx += 1;
  const day = new Date(Date.parse('2026-07-20T00:00:00Z') + dayIx * 86_400_000).toISOString().slice(0, 10);
  t.clock.set(gz(day, '10:00'));
  return day;
}

async function detail(id: string) {
  const res = await get(t, `/api/work-orders/${id}`, dispatcher());
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const alertsOf = async (id: string) =>
  ((await detail(id)).alerts as any[]).map((a) => `${a.kind}${a.clock ? `:${a.clock}` : ''}`);
const smsOf = async (id: string, template: string) =>
  ((await detail(id)).messages as any[]).filter((m) => m.channel === 'sms' && m.template === template);

describe('contact clock', () => {
  it('fires once when the technician has not confirmed with the customer in time', async () => {
    const day = newDay();
    const tech = await technician();
    const order = await readyOrder(t, agent(), dispatcher());
    const { assignment } = await assignTo(t, dispatcher(), order, tech.id, {
      start: gz(day, '14:00'),
      end: gz(day, '15:00'),
    });

    t.clock.advanceMinutes(29);
    await runDue();
    expect(await alertsOf(order.id)).not.toContain('sla:contact');

    t.clock.advanceMinutes(2);
    await runDue();
    const alerts = (await detail(order.id)).alerts as any[];
    const contact = alerts.filter((a) => a.kind === 'sla' && a.clock === 'contact');
    expect(contact).toHaveLength(1);
    expect(contact[0].dueAt).toBe(gz(day, '10:30'));
    expect(contact[0].details).toMatchObject({
      assignmentId: assignment.id,
      technicianId: tech.id,
      suggestion: 'reassign',
    });

    // Fires once: more time, more polls, nothing more.
    t.clock.advanceMinutes(20);
    await runDue();
    await runDue();
    expect((await alertsOf(order.id)).filter((a) => a === 'sla:contact')).toHaveLength(1);
    // The dispatcher sees it on the alert list.
    const list = (await get(t, '/api/work-order-alerts', dispatcher())).json().items as any[];
    expect(list.some((a) => a.workOrderId === order.id && a.clock === 'contact')).toBe(true);
  });

  it('does not fire when the technician confirmed contact in time', async () => {
    const day = newDay();
    const tech = await technician();
    const order = await readyOrder(t, agent(), dispatcher());
    const { assignment } = await assignTo(t, dispatcher(), order, tech.id, {
      start: gz(day, '14:00'),
      end: gz(day, '15:00'),
    });
    t.clock.advanceMinutes(10);
    const contacted = await post(
      t,
      `/api/assignments/${assignment.id}/contact`,
      { version: assignment.version, addressConfirmed: true, timeConfirmed: true, note: '已电话确认' },
      tech.cookie,
    );
    expect(contacted.statusCode, contacted.body).toBe(200);

    t.clock.advanceMinutes(60);
    await runDue();
    expect(await alertsOf(order.id)).toEqual([]);
    const [job] = await t.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `dispatch:contact:${assignment.id}`));
    expect(job?.status).toBe('cancelled');
    expect(((await detail(order.id)).timeline as any[]).map((e) => e.event)).toContain('customer_contacted');
  });
});

describe('arrival clock', () => {
  it('at the window end without arrival: an arrival alert and a new ETA to the customer, once', async () => {
    const day = newDay();
    const tech = await technician();
    const order = await readyOrder(t, agent(), dispatcher());
    const { assignment } = await assignTo(t, dispatcher(), order, tech.id, {
      start: gz(day, '10:30'),
      end: gz(day, '11:30'),
    });
    const contacted = await post(
      t,
      `/api/assignments/${assignment.id}/contact`,
      { version: assignment.version, addressConfirmed: true, timeConfirmed: true },
      tech.cookie,
    );
    expect(contacted.statusCode, contacted.body).toBe(200);

    t.clock.set(gz(day, '11:29'));
    await runDue();
    expect(await alertsOf(order.id)).toEqual([]);
    expect(await smsOf(order.id, 'eta_changed')).toHaveLength(0);

    t.clock.set(gz(day, '11:30'));
    await runDue();
    const arrival = ((await detail(order.id)).alerts as any[]).filter((a) => a.kind === 'sla' && a.clock === 'arrival');
    expect(arrival).toHaveLength(1);
    expect(arrival[0].dueAt).toBe(gz(day, '11:30'));
    expect(await smsOf(order.id, 'eta_changed')).toHaveLength(1);
    // The appointment now carries the new ETA (the board shows it late).
    const [row] = await t.database.db.select().from(assignments).where(eq(assignments.id, assignment.id));
    expect(row?.etaAt?.toISOString()).toBe(gz(day, '12:00'));

    t.clock.advanceMinutes(45);
    await runDue();
    await runDue();
    expect((await alertsOf(order.id)).filter((a) => a === 'sla:arrival')).toHaveLength(1);
    expect(await smsOf(order.id, 'eta_changed')).toHaveLength(1);
  });

  it('a reassignment cancels the old appointment’s clocks: nothing fires from it', async () => {
    const day = newDay();
    const first = await technician();
    const second = await technician();
    const order = await readyOrder(t, agent(), dispatcher());
    const old = await assignTo(t, dispatcher(), order, first.id, { start: gz(day, '10:30'), end: gz(day, '11:30') });

    t.clock.advanceMinutes(10);
    const moved = await post(
      t,
      `/api/work-orders/${order.id}/reassignment`,
      {
        technicianId: second.id,
        window: { start: gz(day, '15:00'), end: gz(day, '16:00') },
        version: old.workOrderVersion,
        reason: '原工程师临时有事',
        overrideReason: '测试指定',
      },
      dispatcher(),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const fresh = moved.json().assignment;
    const contacted = await post(
      t,
      `/api/assignments/${fresh.id}/contact`,
      { version: fresh.version, addressConfirmed: true, timeConfirmed: true },
      second.cookie,
    );
    expect(contacted.statusCode, contacted.body).toBe(200);

    // Past the old contact deadline (10:30) and the old window's end (11:30).
    t.clock.set(gz(day, '12:00'));
    await runDue();
    expect(await alertsOf(order.id)).toEqual([]);
    expect(await smsOf(order.id, 'eta_changed')).toHaveLength(0);
    const oldJobs = await t.database.db
      .select()
      .from(jobs)
      .where(like(jobs.dedupeKey, `dispatch:%:${old.assignment.id}`));
    expect(oldJobs.map((j) => j.status).sort()).toEqual(['cancelled', 'cancelled', 'cancelled']);
    // The first technician was told the job is no longer theirs.
    expect(((await detail(order.id)).messages as any[]).some((m) => m.template === 'job_unassigned')).toBe(true);
  });
});

describe('late arrivals', () => {
  it('a job running over predicts lateness for the technician’s next one: new ETA to that customer, late_predicted alert', async () => {
    const day = newDay();
    const tech = await technician();
    const first = await readyOrder(t, agent(), dispatcher());
    // The next job is across the city (番禺, about an hour's drive from 天河).
    const next = await readyOrder(t, agent(), dispatcher(), {
      address: { city: '广州', district: '番禺区', detail: '市桥街 1 号' },
    });
    await assignTo(t, dispatcher(), first, tech.id, { start: gz(day, '10:30'), end: gz(day, '11:30') });
    const nextAssigned = await assignTo(t, dispatcher(), next, tech.id, {
      start: gz(day, '11:30'),
      end: gz(day, '12:30'),
    });

    // 11:30: the first job is still open (nobody marked it done).
    t.clock.set(gz(day, '11:30'));
    await runDue();
    const alerts = ((await detail(next.id)).alerts as any[]).filter((a) => a.kind === 'late_predicted');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].details).toMatchObject({ assignmentId: nextAssigned.assignment.id, technicianId: tech.id });
    const eta = new Date(alerts[0].details.eta);
    expect(eta.getTime()).toBeGreaterThan(new Date(gz(day, '12:30')).getTime());
    expect(await smsOf(next.id, 'eta_changed')).toHaveLength(1);
    const [row] = await t.database.db.select().from(assignments).where(eq(assignments.id, nextAssigned.assignment.id));
    expect(row?.etaAt?.toISOString()).toBe(eta.toISOString());

    // Once.
    t.clock.advanceMinutes(5);
    await runDue();
    expect((await alertsOf(next.id)).filter((a) => a === 'late_predicted')).toHaveLength(1);
    expect(await smsOf(next.id, 'eta_changed')).toHaveLength(1);
  });

  it('no prediction when the next job is near enough to reach in its window', async () => {
    const day = newDay();
    const tech = await technician();
    const first = await readyOrder(t, agent(), dispatcher());
    const next = await readyOrder(t, agent(), dispatcher());
    await assignTo(t, dispatcher(), first, tech.id, { start: gz(day, '10:30'), end: gz(day, '11:30') });
    await assignTo(t, dispatcher(), next, tech.id, { start: gz(day, '11:30'), end: gz(day, '12:30') });
    t.clock.set(gz(day, '11:30'));
    await runDue();
    expect(await alertsOf(next.id)).not.toContain('late_predicted');
    expect(await smsOf(next.id, 'eta_changed')).toHaveLength(0);
  });

  it('reportLate: the customer gets the new ETA by SMS and dispatch a late_reported alert', async () => {
    const day = newDay();
    const tech = await technician();
    const order = await readyOrder(t, agent(), dispatcher());
    const { assignment } = await assignTo(t, dispatcher(), order, tech.id, {
      start: gz(day, '11:00'),
      end: gz(day, '12:00'),
    });
    const late = await post(
      t,
      `/api/assignments/${assignment.id}/late`,
      { version: assignment.version, newArrival: gz(day, '12:40'), reason: '上一单配件不全，耽误了' },
      tech.cookie,
    );
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().etaAt).toBe(gz(day, '12:40'));
    expect(await smsOf(order.id, 'eta_changed')).toHaveLength(1);
    const alert = ((await detail(order.id)).alerts as any[]).find((a) => a.kind === 'late_reported');
    expect(alert).toBeDefined();
    expect(alert.details).toMatchObject({ technicianId: tech.id, eta: gz(day, '12:40') });

    // A new arrival in the past or more than 12 hours ahead is refused.
    const bad = await post(
      t,
      `/api/assignments/${assignment.id}/late`,
      { version: late.json().version, newArrival: gz(day, '09:00'), reason: '测试' },
      tech.cookie,
    );
    expect(bad.statusCode).toBe(400);
  });

  it('after a late report, the window’s end alerts dispatch but does not send the customer a second, different ETA', async () => {
    const day = newDay();
    const tech = await technician();
    const order = await readyOrder(t, agent(), dispatcher());
    const { assignment } = await assignTo(t, dispatcher(), order, tech.id, {
      start: gz(day, '11:00'),
      end: gz(day, '12:00'),
    });
    const contacted = await post(
      t,
      `/api/assignments/${assignment.id}/contact`,
      { version: assignment.version, addressConfirmed: true, timeConfirmed: true },
      tech.cookie,
    );
    const late = await post(
      t,
      `/api/assignments/${assignment.id}/late`,
      { version: contacted.json().version, newArrival: gz(day, '12:40'), reason: '堵车' },
      tech.cookie,
    );
    expect(late.statusCode, late.body).toBe(200);
    expect(await smsOf(order.id, 'eta_changed')).toHaveLength(1);

    // 12:00: the window is missed (dispatch sees it), but the customer already has 12:40, still ahead.
    t.clock.set(gz(day, '12:00'));
    await runDue();
    expect(await alertsOf(order.id)).toEqual(expect.arrayContaining(['late_reported', 'sla:arrival']));
    expect(await smsOf(order.id, 'eta_changed')).toHaveLength(1);
    const [row] = await t.database.db.select().from(assignments).where(eq(assignments.id, assignment.id));
    expect(row?.etaAt?.toISOString()).toBe(gz(day, '12:40'));
  });
});

describe('auto-dispatch', () => {
  it('on: an approved order is assigned to the top recommendation; off: it waits in the queue', async () => {
    const day = newDay();
    await technician({ home: { lat: 23.125, lng: 113.36 } });
    const manager = staff.cookies.manager as string;
    const on = await t.request({
      method: 'PUT',
      url: '/api/settings/dispatch.autoDispatch',
      cookie: manager,
      body: { branchId: t.branches.th, value: 'on', version: 0 },
    });
    expect(on.statusCode, on.body).toBe(200);

    const order = await readyOrder(t, agent(), dispatcher());
    const rec = (await get(t, `/api/work-orders/${order.id}/recommendations`, dispatcher())).json();
    const top = rec.candidates[0];
    expect(top).toBeDefined();
    await runDue();
    const assigned = await detail(order.id);
    expect(assigned.status).toBe('assigned');
    const [row] = await t.database.db
      .select()
      .from(assignments)
      .where(and(eq(assignments.workOrderId, order.id), eq(assignments.active, true)));
    expect(row?.technicianId).toBe(top.technician.id);
    expect(row?.startAt.toISOString()).toBe(top.window.start);
    expect(row?.endAt.toISOString()).toBe(top.window.end);
    expect(row?.startAt.toISOString().slice(0, 10)).toBe(day);
    // The technician and the customer were told, as for a manual assignment.
    const templates = (assigned.messages as any[]).map((m) => `${m.channel}:${m.template}`);
    expect(templates).toEqual(expect.arrayContaining(['inapp:job_assigned', 'sms:technician_assigned']));

    const off = await t.request({
      method: 'PUT',
      url: '/api/settings/dispatch.autoDispatch',
      cookie: manager,
      body: { branchId: t.branches.th, value: 'off', version: 1 },
    });
    expect(off.statusCode, off.body).toBe(200);
    const waiting = await readyOrder(t, agent(), dispatcher());
    await runDue();
    expect((await detail(waiting.id)).status).toBe('ready');
    const autoJobs = await t.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `dispatch:auto:${waiting.id}`));
    expect(autoJobs).toEqual([]);
  });

  it('a declined or unassigned order goes back to the queue for the dispatcher, not straight back to someone', async () => {
    newDay();
    await technician({ home: { lat: 23.125, lng: 113.36 } });
    await setAutoDispatch('on');
    const order = await readyOrder(t, agent(), dispatcher());
    await runDue();
    const [auto] = await t.database.db
      .select()
      .from(assignments)
      .where(and(eq(assignments.workOrderId, order.id), eq(assignments.active, true)));
    expect(auto).toBeDefined();
    const decliner = await t.login((await usernameOf(auto?.technicianId as string)) as string);
    const declined = await post(
      t,
      `/api/assignments/${auto?.id}/decline`,
      { version: auto?.version, reason: '不在服务区域' },
      decliner,
    );
    expect(declined.statusCode, declined.body).toBe(200);
    await runDue();
    const after = await detail(order.id);
    expect(after.status).toBe('ready');
    expect((after.alerts as any[]).some((a) => a.kind === 'assignment_declined')).toBe(true);

    // The same when the dispatcher takes an order back on purpose.
    const other = await readyOrder(t, agent(), dispatcher());
    await runDue();
    const assigned = await detail(other.id);
    expect(assigned.status).toBe('assigned');
    const back = await post(
      t,
      `/api/work-orders/${other.id}/unassignment`,
      { version: assigned.version, reason: '客户要求改天' },
      dispatcher(),
    );
    expect(back.statusCode, back.body).toBe(200);
    await runDue();
    expect((await detail(other.id)).status).toBe('ready');
    await setAutoDispatch('off');
  });
});

async function setAutoDispatch(value: 'on' | 'off') {
  const manager = staff.cookies.manager as string;
  const list = await get(t, `/api/settings?branchId=${t.branches.th}`, manager);
  const current = (list.json().items as any[]).find((s) => s.key === 'dispatch.autoDispatch');
  const res = await t.request({
    method: 'PUT',
    url: '/api/settings/dispatch.autoDispatch',
    cookie: manager,
    body: { branchId: t.branches.th, value, version: current.version },
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function usernameOf(userId: string): Promise<string | undefined> {
  const res = await get(t, `/api/users/${userId}`, staff.cookies.root as string);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().username;
}

describe('cancellation', () => {
  it('cancelling an assigned order frees the technician’s time: an overlapping assignment then succeeds', async () => {
    const day = newDay();
    const tech = await technician();
    const window = { start: gz(day, '14:00'), end: gz(day, '15:30') };
    const a = await readyOrder(t, agent(), dispatcher());
    const b = await readyOrder(t, agent(), dispatcher());
    const first = await assignTo(t, dispatcher(), a, tech.id, window);

    const blocked = await post(
      t,
      `/api/work-orders/${b.id}/assignment`,
      { technicianId: tech.id, window, version: b.version, overrideReason: '测试指定' },
      dispatcher(),
    );
    expect(blocked.json().code).toBe('DOUBLE_BOOKED');

    const cancelled = await post(
      t,
      `/api/work-orders/${a.id}/cancel`,
      { version: first.workOrderVersion, reason: '客户自行修好了' },
      dispatcher(),
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const [row] = await t.database.db.select().from(assignments).where(eq(assignments.id, first.assignment.id));
    expect(row).toMatchObject({ active: false, state: 'cancelled' });
    const clocks = await t.database.db
      .select()
      .from(jobs)
      .where(like(jobs.dedupeKey, `dispatch:%:${first.assignment.id}`));
    expect(clocks.every((j) => j.status === 'cancelled')).toBe(true);

    await assignTo(t, dispatcher(), b, tech.id, window);
  });
});
