// The intake clocks (DOMAIN.md "Clocks"): review (created → ready / returned / cancelled) and dispatch
// (ready → assigned / cancelled), on the platform timers, driven by a FakeClock.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { changeWorkOrderStatus } from '../../src/server/modules/intake';
import { workOrderAlerts } from '../../src/server/modules/intake/intake.schema';
import { fireSlaClock } from '../../src/server/modules/intake/use-cases/fire-sla-clock';
import { jobs } from '../../src/server/platform/jobs/jobs.schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import { createOrder, createStaff, get, post, type Staff } from './intake-support';
import { expectError } from './support';

let t: TestApp;
let s: Staff;
let agent: string;
let dispatcher: string;

beforeAll(async () => {
  t = await buildTestApp();
  s = await createStaff(t);
  agent = s.cookies.agent as string;
  dispatcher = s.cookies.dispatcher as string;
});
afterAll(async () => {
  await t?.close();
});

async function alertsOf(workOrderId: string) {
  return t.database.db.select().from(workOrderAlerts).where(eq(workOrderAlerts.workOrderId, workOrderId));
}
async function pendingJobs(workOrderId: string) {
  const rows = await t.database.db
    .select({ n: count() })
    .from(jobs)
    .where(and(eq(jobs.status, 'pending'), eq(jobs.kind, 'intake.slaClock')));
  void workOrderId;
  return rows[0]?.n ?? 0;
}
const runDue = () => t.aircare.jobs.runDue();
const timelineEvents = async (id: string) =>
  ((await get(t, `/api/work-orders/${id}`, agent)).json().timeline as any[]).map((e) => e.event);

describe('review clock', () => {
  it('fires once at the deadline, shows on the dispatch screen and in the timeline, and never again', async () => {
    const wo = await createOrder(t, agent);
    t.clock.advanceMinutes(14);
    await runDue();
    expect(await alertsOf(wo.id)).toHaveLength(0);
    t.clock.advanceMinutes(2);
    await runDue();
    const alerts = await alertsOf(wo.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ clock: 'review', branchId: t.branches.th, acknowledgedAt: null });
    expect(alerts[0]?.dueAt.getTime()).toBe(new Date(wo.createdAt).getTime() + 15 * 60_000);
    expect(await timelineEvents(wo.id)).toContain('sla_breach');

    // fire once: more polls, more time, nothing more
    t.clock.advanceMinutes(60);
    await runDue();
    await runDue();
    expect(await alertsOf(wo.id)).toHaveLength(1);
    expect((await timelineEvents(wo.id)).filter((e) => e === 'sla_breach')).toHaveLength(1);

    // on the dispatch screen of this branch only
    const list = await get(t, '/api/work-order-alerts', dispatcher);
    expect(list.statusCode, list.body).toBe(200);
    const mine = list.json().items.find((a: any) => a.workOrderId === wo.id);
    expect(mine).toMatchObject({ clock: 'review', workOrderNumber: wo.number, workOrderStatus: 'new' });
    const other = await get(t, '/api/work-order-alerts?status=all', s.cookies.dispatcherhz as string);
    expect(other.json().items.find((a: any) => a.workOrderId === wo.id)).toBeUndefined();
    expectError(
      await post(t, `/api/work-order-alerts/${mine.id}/acknowledge`, undefined, s.cookies.dispatcherhz as string),
      404,
      'NOT_FOUND',
    );
    expectError(await get(t, '/api/work-order-alerts', agent), 403, 'FORBIDDEN');
    // the order is overdue while the alert is open
    const item = (await get(t, `/api/work-orders?q=${wo.number}`, dispatcher)).json().items[0];
    expect(item).toMatchObject({ overdue: true, openAlerts: 1 });

    // acknowledge once; the second keeps the first
    const ack = await post(t, `/api/work-order-alerts/${mine.id}/acknowledge`, undefined, dispatcher);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ acknowledgedByName: 'dispatcher' });
    t.clock.advanceMinutes(1);
    const again = await post(t, `/api/work-order-alerts/${mine.id}/acknowledge`, undefined, s.cookies.head as string);
    expect(again.json().acknowledgedAt).toBe(ack.json().acknowledgedAt);
    expect(again.json().acknowledgedByName).toBe('dispatcher');
    const open = (await get(t, '/api/work-order-alerts', dispatcher)).json().items;
    expect(open.find((a: any) => a.id === mine.id)).toBeUndefined();
    const acked = (await get(t, '/api/work-order-alerts?status=acknowledged&clock=review', dispatcher)).json().items;
    expect(acked.find((a: any) => a.id === mine.id)).toBeDefined();
  });

  it('an unacknowledged breach makes the order overdue only while its clock still runs', async () => {
    const wo = await createOrder(t, agent);
    t.clock.advanceMinutes(16);
    await runDue();
    const q = `/api/work-orders?q=${wo.number}`;
    expect((await get(t, q, dispatcher)).json().items[0]).toMatchObject({ overdue: true, openAlerts: 1 });
    await post(t, `/api/work-orders/${wo.id}/review`, { decision: 'approve', version: 1 }, dispatcher);
    // reviewed: the review breach is history (still listed until acknowledged), the order is not overdue
    expect((await get(t, q, dispatcher)).json().items[0]).toMatchObject({ overdue: false, openAlerts: 1 });
    expect((await get(t, `/api/work-orders/${wo.id}`, dispatcher)).json()).toMatchObject({ overdue: false });
  });

  it('does not fire after the event that stops it (approve, return, cancel)', async () => {
    const approved = await createOrder(t, agent);
    const returned = await createOrder(t, agent);
    const cancelled = await createOrder(t, agent);
    t.clock.advanceMinutes(5);
    await post(t, `/api/work-orders/${approved.id}/review`, { decision: 'approve', version: 1 }, dispatcher);
    await post(
      t,
      `/api/work-orders/${returned.id}/review`,
      { decision: 'return', version: 1, missingItems: ['phone'] },
      dispatcher,
    );
    await post(t, `/api/work-orders/${cancelled.id}/cancel`, { reason: '重复报修', version: 1 }, agent);
    t.clock.advanceMinutes(20);
    await runDue();
    for (const wo of [approved, returned, cancelled]) {
      expect((await alertsOf(wo.id)).filter((a) => a.clock === 'review')).toHaveLength(0);
    }
    // a resubmitted order gets a fresh review clock
    const back = await post(t, `/api/work-orders/${returned.id}/resubmit`, { version: 2 }, agent);
    expect(back.json().status).toBe('new');
    t.clock.advanceMinutes(16);
    await runDue();
    expect((await alertsOf(returned.id)).map((a) => a.clock)).toEqual(['review']);
  });

  it('the job is the safety net: a clock job that runs anyway for an order already moved on does nothing', async () => {
    const wo = await createOrder(t, agent);
    await post(t, `/api/work-orders/${wo.id}/review`, { decision: 'approve', version: 1 }, dispatcher);
    const ctx = t.systemCtx();
    await fireSlaClock(ctx, { workOrderId: wo.id, clock: 'review', dueAt: ctx.now.toISOString() }, { id: 990_001 });
    expect(await alertsOf(wo.id)).toHaveLength(0);
  });

  it('a retried job (same job id) inserts one alert only', async () => {
    const wo = await createOrder(t, agent);
    const ctx = t.systemCtx();
    const payload = { workOrderId: wo.id, clock: 'review' as const, dueAt: ctx.now.toISOString() };
    await fireSlaClock(ctx, payload, { id: 990_002 });
    await fireSlaClock(ctx, payload, { id: 990_002 });
    expect(await alertsOf(wo.id)).toHaveLength(1);
    expect((await timelineEvents(wo.id)).filter((e) => e === 'sla_breach')).toHaveLength(1);
  });
});

describe('dispatch clock', () => {
  it('starts at ready (30 min; urgent 10), stops at assigned or cancelled', async () => {
    const normal = await createOrder(t, agent);
    const urgent = await createOrder(t, agent, { priority: 'urgent' });
    const assigned = await createOrder(t, agent);
    const cancelled = await createOrder(t, agent);
    for (const wo of [normal, urgent, assigned, cancelled]) {
      const res = await post(t, `/api/work-orders/${wo.id}/review`, { decision: 'approve', version: 1 }, dispatcher);
      expect(res.statusCode).toBe(200);
    }
    t.clock.advanceMinutes(5);
    await changeWorkOrderStatus(t.systemCtx(), { workOrderId: assigned.id, version: 2, event: { type: 'assign' } });
    await post(t, `/api/work-orders/${cancelled.id}/cancel`, { reason: '客户不在家', version: 2 }, dispatcher);
    t.clock.advanceMinutes(6); // 11 min after ready
    await runDue();
    expect((await alertsOf(urgent.id)).map((a) => a.clock)).toEqual(['dispatch']);
    expect(await alertsOf(normal.id)).toHaveLength(0);
    t.clock.advanceMinutes(20); // 31 min
    await runDue();
    expect((await alertsOf(normal.id)).map((a) => a.clock)).toEqual(['dispatch']);
    expect(await alertsOf(assigned.id)).toHaveLength(0);
    expect(await alertsOf(cancelled.id)).toHaveLength(0);
    expect(await pendingJobs(normal.id)).toBe(0);
  });

  it('takes its duration from the branch’s settings', async () => {
    await s.relogin();
    agent = s.cookies.agent as string;
    dispatcher = s.cookies.dispatcher as string;
    const root = s.cookies.root as string;
    const set = await t.request({
      method: 'PUT',
      url: '/api/settings/sla.reviewMinutes',
      cookie: root,
      body: { branchId: t.branches.th, value: 5, version: 0 },
    });
    expect(set.statusCode, set.body).toBe(200);
    const th = await createOrder(t, agent);
    const hz = await createOrder(t, s.cookies.agenthz as string);
    t.clock.advanceMinutes(6);
    await runDue();
    expect(await alertsOf(th.id)).toHaveLength(1);
    expect(await alertsOf(hz.id)).toHaveLength(0);
    t.clock.advanceMinutes(10);
    await runDue();
    expect(await alertsOf(hz.id)).toHaveLength(1);
  });
});

describe('restart', () => {
  it('a clock scheduled before a restart fires after it (the job row persists and a new app runs it)', async () => {
    await s.relogin();
    agent = s.cookies.agent as string;
    const wo = await createOrder(t, agent);
    // the first app stops before the deadline
    await t.aircare.close();
    t.clock.advanceMinutes(60);
    const second = await buildApp({
      config: t.config,
      database: t.database,
      clock: t.clock,
      cipher: t.aircare.cipher,
    });
    try {
      await second.jobs.runDue();
      expect((await alertsOf(wo.id)).map((a) => a.clock)).toEqual(['review']);
      await second.jobs.runDue();
      expect(await alertsOf(wo.id)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
