// Route planning (issue 7 "In the product"): "Plan the day" through the API — a background optimizer run with
// progress (polled and on the board's live stream), a proposal that keeps every dispatch rule, applied in one
// transaction (idempotent; stale → 409 and nothing changes), stopped early, discarded — and "Insert now".
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { routePlans } from '@server/modules/dispatch/dispatch.schema';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { addLeave, addTechnician, assignTo, gz, readyOrder } from './dispatch-support';
import { createStaff, get, post, type Staff } from './intake-support';

// 2026-07-15T02:00Z = 10:00 in Guangzhou (Wednesday): planning "today" from 10:00 on.
const DAY = '2026-07-15';

let t: TestApp;
let staff: Staff;
const tech: Record<string, string> = {};
const techCookie: Record<string, string> = {};

const dispatcher = () => staff.cookies.dispatcher as string;
const agent = () => staff.cookies.agent as string;

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** An address with a map point in Tianhe. */
const at = (lat: number, lng: number, detail = '体育西路 1 号') => ({
  address: { city: '广州', district: '天河区', detail, lat, lng },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls getPlan until the plan is no longer running (no wall-clock assertion: a generous bound only). */
async function settled(planId: string): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const res = await get(t, `/api/dispatch/plans/${planId}`, dispatcher());
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    if (plan.status !== 'running') return plan;
    await sleep(200);
  }
  throw new Error('plan still running');
}

async function activeAssignments() {
  return rows<{
    id: string;
    work_order_id: string;
    technician_id: string;
    start_at: Date;
    end_at: Date;
    version: number;
  }>(sql`SELECT id, work_order_id, technician_id, start_at, end_at, version FROM assignments WHERE active ORDER BY id`);
}

async function assertNoOverlaps() {
  const overlaps = await rows<{ a: string; b: string }>(sql`
    SELECT a.id AS a, b.id AS b
    FROM assignments a
    JOIN assignments b
      ON a.technician_id = b.technician_id
     AND a.id < b.id
     AND tstzrange(a.start_at, a.end_at, '[)') && tstzrange(b.start_at, b.end_at, '[)')
    WHERE a.active AND b.active`);
  expect(overlaps).toEqual([]);
}

const orders: Record<string, { id: string; number: string; version: number }> = {};
let confirmed: { assignmentId: string; start: string; end: string };
let movable: { assignmentId: string };

beforeAll(async () => {
  t = await buildTestApp();
  staff = await createStaff(t);
  const full = { split_wall: 2, refrigerant: 2, electrical: 2 } as const;
  tech.alpha = await addTechnician(t, {
    username: 'alpha',
    home: { lat: 23.125, lng: 113.36 },
    skills: full,
    workPhone: '13700000011',
  });
  tech.beta = await addTechnician(t, { username: 'beta', home: { lat: 23.14, lng: 113.32 }, skills: full });
  // Senior, but no refrigeration certificate: never gets refrigerant work.
  tech.gamma = await addTechnician(t, {
    username: 'gamma',
    home: { lat: 23.13, lng: 113.34 },
    skills: { split_wall: 3, refrigerant: 3, electrical: 3 },
    certificates: { electrician: '2030-01-01' },
  });
  // Junior: no-cooling jobs need intermediate.
  tech.delta = await addTechnician(t, {
    username: 'delta',
    home: { lat: 23.12, lng: 113.35 },
    skills: { split_wall: 1, refrigerant: 1, electrical: 1 },
  });
  tech.onleave = await addTechnician(t, { username: 'onleave', home: { lat: 23.13, lng: 113.33 }, skills: full });
  await addLeave(t, tech.onleave, DAY);
  tech.hz = await addTechnician(t, { username: 'hztech', branch: 'hz', home: { lat: 23.09, lng: 113.31 } });
  for (const name of ['alpha', 'beta']) techCookie[name] = await t.login(name);

  // Ready orders of the day.
  orders.cool1 = await readyOrder(t, agent(), dispatcher(), at(23.126, 113.355, '天河路 10 号'));
  orders.cool2 = await readyOrder(t, agent(), dispatcher(), {
    ...at(23.138, 113.325, '中山大道 20 号'),
    priority: 'urgent',
  });
  orders.cool3 = await readyOrder(t, agent(), dispatcher(), {
    ...at(23.131, 113.345, '黄埔大道 30 号'),
    preferredWindow: { start: gz(DAY, '14:00'), end: gz(DAY, '16:00') },
  });
  orders.leak1 = await readyOrder(t, agent(), dispatcher(), { ...at(23.122, 113.352), faultCategory: 'leaking' });
  orders.leak2 = await readyOrder(t, agent(), dispatcher(), { ...at(23.142, 113.318), faultCategory: 'leaking' });
  orders.noise = await readyOrder(t, agent(), dispatcher(), { ...at(23.133, 113.338), faultCategory: 'noise' });
  // Needs installation skills and a height certificate: nobody can.
  orders.install = await readyOrder(t, agent(), dispatcher(), {
    ...at(23.129, 113.341),
    faultCategory: 'move_install',
  });
  // A later day's order is not planned today.
  orders.tomorrow = await readyOrder(t, agent(), dispatcher(), {
    ...at(23.129, 113.341),
    faultCategory: 'leaking',
    preferredWindow: { start: gz('2026-07-16', '09:00'), end: gz('2026-07-16', '11:00') },
  });

  // A confirmed appointment (accepted, customer contacted) and a movable one (assigned only).
  const c = await readyOrder(t, agent(), dispatcher(), at(23.127, 113.358, '珠江新城 5 号'));
  const assigned = await assignTo(t, dispatcher(), c, tech.alpha as string, {
    start: gz(DAY, '11:00'),
    end: gz(DAY, '13:00'),
  });
  const acc = await post(
    t,
    `/api/assignments/${assigned.assignment.id}/accept`,
    { version: assigned.assignment.version },
    techCookie.alpha as string,
  );
  expect(acc.statusCode, acc.body).toBe(200);
  const con = await post(
    t,
    `/api/assignments/${assigned.assignment.id}/contact`,
    { version: acc.json().version, addressConfirmed: true, timeConfirmed: true },
    techCookie.alpha as string,
  );
  expect(con.statusCode, con.body).toBe(200);
  confirmed = { assignmentId: assigned.assignment.id, start: gz(DAY, '11:00'), end: gz(DAY, '13:00') };
  orders.confirmed = { ...c, version: con.json().version };

  const m = await readyOrder(t, agent(), dispatcher(), {
    ...at(23.124, 113.362, '花城大道 8 号'),
    faultCategory: 'leaking',
  });
  const mv = await assignTo(t, dispatcher(), m, tech.beta as string, {
    start: gz(DAY, '17:00'),
    end: gz(DAY, '18:00'),
  });
  movable = { assignmentId: mv.assignment.id };
  orders.movable = m;
});
afterAll(async () => {
  await t?.close();
});

/** The board's live stream over a real connection: resolves with the first event matching `pred`. */
function streamUntil(port: number, pred: (e: any) => boolean): { event: Promise<any>; close: () => void } {
  let req: http.ClientRequest | undefined;
  const event = new Promise<any>((resolve, reject) => {
    req = http.get(
      { host: '127.0.0.1', port, path: '/api/dispatch/stream', headers: { cookie: dispatcher() } },
      (res) => {
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (const line of buffer.split('\n')) {
            if (!line.startsWith('data: ')) continue;
            const e = JSON.parse(line.slice(6));
            if (pred(e)) resolve(e);
          }
          buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
        });
      },
    );
    req.on('error', (err) => {
      if (!(err as NodeJS.ErrnoException).code?.startsWith('ECONNRESET')) reject(err);
    });
  });
  return { event, close: () => req?.destroy() };
}

describe('plan the day', () => {
  let planId: string;
  let plan: any;

  it('runs in the background with progress on the stream, and proposes routes that keep every rule', async () => {
    await t.aircare.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (t.aircare.app.server.address() as AddressInfo).port;
    const stream = streamUntil(port, (e) => e.type === 'plan' && e.plan?.status === 'ready');
    const running = streamUntil(port, (e) => e.type === 'plan' && e.plan?.progress?.phase !== 'starting');
    await sleep(100);

    const res = await post(t, '/api/dispatch/plans', { date: DAY, timeLimitSeconds: 5 }, dispatcher());
    expect(res.statusCode, res.body).toBe(202);
    const started = res.json();
    expect(started).toMatchObject({ status: 'running', date: DAY, objective: 'balance', timeLimitSeconds: 5 });
    expect(started.proposal).toBeNull();
    planId = started.id;

    // While it runs, another plan of the same day is refused.
    const again = await post(t, '/api/dispatch/plans', { date: DAY, timeLimitSeconds: 5 }, dispatcher());
    expect(again.statusCode).toBe(409);
    expect(again.json().details).toMatchObject({ reason: 'plan_running', planId });

    const progressEvent = await running.event;
    expect(progressEvent.branchId).toBe(t.branches.th);
    expect(progressEvent.plan).toMatchObject({ id: planId, date: DAY, status: 'running' });
    expect(progressEvent.plan.progress.timeLimitMs).toBe(5000);
    expect(progressEvent.plan.progress.remainingMs).toBeLessThanOrEqual(5000);

    plan = await settled(planId);
    expect(plan.status).toBe('ready');
    expect((await stream.event).plan.id).toBe(planId);
    stream.close();
    running.close();
    expect(plan.progress).toMatchObject({ phase: 'done', timeLimitMs: 5000, remainingMs: 0 });
    const proposal = plan.proposal;

    const stops = proposal.routes.flatMap((r: any) => r.stops.map((s: any) => ({ ...s, tech: r.technician.id })));
    const where = (id: string) => stops.find((s: any) => s.workOrderId === id);
    // Not working, another branch: no row; the others have one each.
    const rowIds = proposal.routes.map((r: any) => r.technician.id);
    expect(rowIds).not.toContain(tech.onleave);
    expect(rowIds).not.toContain(tech.hz);
    // Eligible technicians only: refrigerant work needs the certificate (not gamma) and intermediate level (not delta).
    for (const id of [orders.cool1, orders.cool2, orders.cool3].map((o) => o?.id as string)) {
      const s = where(id);
      expect(s, `${id} placed`).toBeDefined();
      expect([tech.alpha, tech.beta]).toContain(s.tech);
      expect(s.kind).toBe('new');
    }
    for (const id of [orders.leak1, orders.leak2, orders.noise].map((o) => o?.id as string)) {
      expect(where(id)?.tech).not.toBe(tech.onleave);
    }
    // The customer's window is kept.
    expect(where(orders.cool3?.id as string)?.withinPreferred).toBe(true);
    // The confirmed appointment stays exactly where it is.
    expect(where(orders.confirmed?.id as string)).toMatchObject({
      kind: 'locked',
      tech: tech.alpha,
      window: { start: confirmed.start, end: confirmed.end },
    });
    // Inside shifts (08:00–20:00), never before now, on quarter hours; no overlaps on a row.
    for (const r of proposal.routes) {
      const sorted = [...r.stops].sort((a: any, b: any) => a.window.start.localeCompare(b.window.start));
      for (let i = 0; i < sorted.length; i++) {
        const s = sorted[i];
        expect(new Date(s.window.start).getUTCMinutes() % 15).toBe(0);
        expect(s.window.end <= gz(DAY, '20:00')).toBe(true);
        if (s.kind !== 'locked') expect(s.window.start >= gz(DAY, '10:00')).toBe(true);
        if (i > 0) expect(sorted[i - 1].window.end <= s.window.start).toBe(true);
        expect(s.travelMinutesBefore).toBeGreaterThanOrEqual(0);
      }
    }
    // Left out, with the reason in words; tomorrow's order is not part of today.
    expect(proposal.unassigned.map((u: any) => u.workOrderId)).toEqual([orders.install?.id]);
    expect(proposal.unassigned[0].reason.code).toBe('no_eligible_technician');
    expect(proposal.unassigned[0].reason.text).toMatch(/技能/);
    expect(where(orders.tomorrow?.id as string)).toBeUndefined();
    // The comparison with the current plan.
    const cmp = proposal.comparison;
    expect(cmp.current.appointments).toBe(2);
    expect(cmp.proposed.appointments).toBe(8);
    expect(cmp.newAssignments).toBe(6);
    expect(cmp.proposed.unassigned).toBe(1);
    expect(cmp.travelSavedMinutes).toBe(cmp.current.travelMinutes - cmp.proposed.travelMinutes);
    expect(cmp.customersWithTimeChange).toBe(proposal.moves.filter((m: any) => m.timeChanged).length);
    for (const m of proposal.moves) {
      expect(m.workOrderId).toBe(orders.movable?.id);
      expect(m.before).toEqual({
        technician: { id: tech.beta, name: 'beta', staffNo: expect.any(String) },
        window: { start: gz(DAY, '17:00'), end: gz(DAY, '18:00') },
      });
    }
  });

  it('applies it in one transaction: orders assigned, no overlaps, the confirmed one untouched, customers told', async () => {
    const res = await post(t, `/api/dispatch/plans/${planId}/apply`, { version: plan.version }, dispatcher());
    expect(res.statusCode, res.body).toBe(200);
    const applied = res.json();
    expect(applied.status).toBe('applied');
    expect(applied.appliedAt).not.toBeNull();
    await assertNoOverlaps();

    const active = await activeAssignments();
    const byOrder = new Map(active.map((a) => [a.work_order_id, a]));
    const stops = plan.proposal.routes.flatMap((r: any) => r.stops.map((s: any) => ({ ...s, tech: r.technician.id })));
    for (const s of stops) {
      const a = byOrder.get(s.workOrderId);
      expect(a, s.workOrderNumber).toBeDefined();
      expect(a?.technician_id).toBe(s.tech);
      expect(new Date(a?.start_at as Date).toISOString()).toBe(s.window.start);
      expect(new Date(a?.end_at as Date).toISOString()).toBe(s.window.end);
    }
    expect(byOrder.get(orders.confirmed?.id as string)?.id).toBe(confirmed.assignmentId);
    const statuses = await rows<{ id: string; status: string }>(
      sql`SELECT id, status FROM work_orders WHERE id IN (${sql.join(
        [orders.cool1, orders.cool2, orders.cool3, orders.leak1, orders.leak2, orders.noise].map((o) => sql`${o?.id}`),
        sql`, `,
      )})`,
    );
    expect(statuses.map((s) => s.status)).toEqual(Array(6).fill('assigned'));
    const installStatus = await rows<{ status: string }>(
      sql`SELECT status FROM work_orders WHERE id = ${orders.install?.id}`,
    );
    expect(installStatus[0]?.status).toBe('ready');

    // New appointments: technician and customer told (SMS to the customer with the window).
    const detail = (await get(t, `/api/work-orders/${orders.cool1?.id}`, dispatcher())).json();
    expect(detail.messages.map((m: any) => `${m.channel}:${m.template}`)).toEqual(
      expect.arrayContaining(['inapp:job_assigned', 'sms:technician_assigned']),
    );
    // A moved appointment: the old one replaced, its customer told again.
    const move = plan.proposal.moves[0];
    if (move) {
      const old = await rows<{ state: string; active: boolean }>(
        sql`SELECT state, active FROM assignments WHERE id = ${movable.assignmentId}`,
      );
      expect(old[0]).toEqual({ state: 'replaced', active: false });
      const moved = (await get(t, `/api/work-orders/${orders.movable?.id}`, dispatcher())).json();
      expect(moved.messages.filter((m: any) => m.template === 'technician_assigned').length).toBe(2);
    }
    const audit = await rows<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE object_id = ${planId} AND action = 'dispatch.plan.applied'`,
    );
    expect(audit).toHaveLength(1);
  });

  it('applying again changes nothing and answers the applied plan', async () => {
    const before = await activeAssignments();
    const res = await post(t, `/api/dispatch/plans/${planId}/apply`, {}, dispatcher());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('applied');
    expect(await activeAssignments()).toEqual(before);
    // An applied plan cannot be discarded.
    const discard = await post(t, `/api/dispatch/plans/${planId}/discard`, undefined, dispatcher());
    expect(discard.statusCode).toBe(409);
    expect(discard.json().code).toBe('ILLEGAL_TRANSITION');
  });
});

describe('a plan overtaken by the board', () => {
  it('stops early with the best plan so far; made stale by a concurrent assignment it answers 409 and changes nothing', async () => {
    const o1 = await readyOrder(t, agent(), dispatcher(), { ...at(23.128, 113.349), faultCategory: 'leaking' });
    const o2 = await readyOrder(t, agent(), dispatcher(), { ...at(23.136, 113.329), faultCategory: 'leaking' });
    const res = await post(
      t,
      '/api/dispatch/plans',
      { date: DAY, timeLimitSeconds: 60, objective: 'minTechnicians' },
      dispatcher(),
    );
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id;
    const stopped = await post(t, `/api/dispatch/plans/${id}/stop`, undefined, dispatcher());
    expect(stopped.statusCode, stopped.body).toBe(200);
    const plan = await settled(id);
    expect(plan.status).toBe('ready');
    expect(plan.objective).toBe('minTechnicians');
    const placed = plan.proposal.routes.flatMap((r: any) => r.stops).map((s: any) => s.workOrderId);
    expect(placed).toEqual(expect.arrayContaining([o1.id, o2.id]));

    // Another dispatcher assigns one of its orders meanwhile.
    await assignTo(t, dispatcher(), o1, tech.gamma as string, { start: gz(DAY, '19:00'), end: gz(DAY, '20:00') });
    const before = await activeAssignments();
    const apply = await post(t, `/api/dispatch/plans/${id}/apply`, { version: plan.version }, dispatcher());
    expect(apply.statusCode, apply.body).toBe(409);
    const err = apply.json();
    expect(err.code).toBe('CONFLICT');
    expect(err.details.reason).toBe('plan_stale');
    expect(err.details.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ workOrderId: o1.id, workOrderNumber: o1.number })]),
    );
    // Nothing half-applied.
    expect(await activeAssignments()).toEqual(before);
    const o2Status = await rows<{ status: string }>(sql`SELECT status FROM work_orders WHERE id = ${o2.id}`);
    expect(o2Status[0]?.status).toBe('ready');
    expect((await settled(id)).status).toBe('stale');
    const again = await post(t, `/api/dispatch/plans/${id}/apply`, {}, dispatcher());
    expect(again.statusCode).toBe(409);
    expect(again.json().details.reason).toBe('plan_stale');
    await assertNoOverlaps();
  });

  it('discards a plan: nothing changes, it cannot be applied afterwards', async () => {
    const res = await post(t, '/api/dispatch/plans', { date: '2026-07-16', timeLimitSeconds: 30 }, dispatcher());
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id;
    const before = await activeAssignments();
    const discarded = await post(t, `/api/dispatch/plans/${id}/discard`, undefined, dispatcher());
    expect(discarded.statusCode, discarded.body).toBe(200);
    expect(discarded.json().status).toBe('discarded');
    expect((await settled(id)).status).toBe('discarded');
    const apply = await post(t, `/api/dispatch/plans/${id}/apply`, {}, dispatcher());
    expect(apply.statusCode).toBe(409);
    expect(apply.json().code).toBe('ILLEGAL_TRANSITION');
    expect(await activeAssignments()).toEqual(before);
    // Discarding twice is harmless; a new plan of that day may start.
    expect((await post(t, `/api/dispatch/plans/${id}/discard`, undefined, dispatcher())).statusCode).toBe(200);
    const next = await post(t, '/api/dispatch/plans', { date: '2026-07-16', timeLimitSeconds: 5 }, dispatcher());
    expect(next.statusCode, next.body).toBe(202);
    expect((await post(t, `/api/dispatch/plans/${next.json().id}/discard`, undefined, dispatcher())).statusCode).toBe(
      200,
    );
  });
});

describe('insert now', () => {
  it('proposes a place for an urgent order today, then assigns it and makes the moves in one transaction', async () => {
    const urgent = await readyOrder(t, agent(), dispatcher(), {
      ...at(23.126, 113.357, '天河北路 3 号'),
      priority: 'urgent',
      faultCategory: 'leaking',
    });
    const preview = await post(t, `/api/work-orders/${urgent.id}/insert-now`, {}, dispatcher());
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p).toMatchObject({ workOrderId: urgent.id, date: DAY, inserted: true, applied: false, reason: null });
    expect(p.window.start >= gz(DAY, '10:00')).toBe(true);
    expect([tech.alpha, tech.beta, tech.gamma, tech.delta]).toContain(p.technician.id);
    const before = await activeAssignments();
    expect(before.some((a) => a.work_order_id === urgent.id)).toBe(false);

    const applyOnce = () =>
      t.request({
        method: 'POST',
        url: `/api/work-orders/${urgent.id}/insert-now`,
        body: { apply: true },
        cookie: dispatcher(),
        headers: { 'Idempotency-Key': 'insert-now-urgent-1' },
      });
    const res = await applyOnce();
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    // A retried click (same Idempotency-Key) gets the same answer and acts once.
    const replay = await applyOnce();
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(r);
    expect(r).toMatchObject({ inserted: true, applied: true, workOrderStatus: 'assigned' });
    await assertNoOverlaps();
    const active = await activeAssignments();
    const mine = active.find((a) => a.work_order_id === urgent.id);
    expect(mine?.technician_id).toBe(r.technician.id);
    expect(new Date(mine?.start_at as Date).toISOString()).toBe(r.window.start);
    // Every reported move happened; confirmed appointments never move.
    for (const m of r.moves) {
      const a = active.find((x) => x.work_order_id === m.workOrderId);
      expect(a?.technician_id).toBe(m.after.technician.id);
      expect(new Date(a?.start_at as Date).toISOString()).toBe(m.after.window.start);
      expect(m.after.window.start >= m.before.window.start).toBe(true);
      expect(m.assignmentId).not.toBe(confirmed.assignmentId);
    }
    expect(active.find((a) => a.id === confirmed.assignmentId)).toBeDefined();
    // Not ready any more: nothing to insert.
    const twice = await post(t, `/api/work-orders/${urgent.id}/insert-now`, {}, dispatcher());
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ILLEGAL_TRANSITION');
  });

  it('moves an unconfirmed appointment to make room and reports it before and after', async () => {
    // A technician whose day is full from now on: back-to-back unconfirmed visits, then an urgent order next door.
    const solo = await addTechnician(t, {
      username: 'solo',
      branch: 'hz',
      home: { lat: 23.08, lng: 113.3 },
      skills: { split_wall: 2, refrigerant: 2, electrical: 2 },
      shiftStart: '08:00',
      shiftEnd: '14:00',
    });
    const agentHz = staff.cookies.agenthz as string;
    const dispatcherHz = staff.cookies.dispatcherhz as string;
    const hzAt = (lat: number, lng: number) => ({
      address: { city: '广州', district: '海珠区', detail: '江南大道 1 号', lat, lng },
      faultCategory: 'leaking',
    });
    const first = await readyOrder(t, agentHz, dispatcherHz, hzAt(23.081, 113.301));
    const second = await readyOrder(t, agentHz, dispatcherHz, hzAt(23.082, 113.302));
    await assignTo(t, dispatcherHz, first, solo, { start: gz(DAY, '10:30'), end: gz(DAY, '11:30') });
    const b = await assignTo(t, dispatcherHz, second, solo, { start: gz(DAY, '11:45'), end: gz(DAY, '12:45') });
    const urgent = await readyOrder(t, agentHz, dispatcherHz, { ...hzAt(23.0815, 113.3015), priority: 'urgent' });
    const res = await post(t, `/api/work-orders/${urgent.id}/insert-now`, { apply: true }, dispatcherHz);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.inserted).toBe(true);
    expect(r.technician.id).toBe(solo);
    expect(r.moves.length).toBeGreaterThan(0);
    expect(r.moves.map((m: any) => m.assignmentId)).toContain(b.assignment.id);
    const mv = r.moves.find((m: any) => m.assignmentId === b.assignment.id);
    expect(mv).toMatchObject({
      before: { technician: { id: solo }, window: { start: gz(DAY, '11:45'), end: gz(DAY, '12:45') } },
      technicianChanged: false,
      timeChanged: true,
    });
    await assertNoOverlaps();
    const moved = (await get(t, `/api/work-orders/${second.id}`, dispatcherHz)).json();
    expect(moved.messages.filter((m: any) => m.template === 'technician_assigned').length).toBe(2);
  });
});

describe('a plan whose server process is gone', () => {
  it('is marked failed when read (heartbeat stopped) and does not block a new plan of the day', async () => {
    const now = t.clock.now();
    const [row] = await t.database.db
      .insert(routePlans)
      .values({
        branchId: t.branches.th,
        day: '2026-07-18',
        status: 'running',
        objective: 'balance',
        timeLimitMs: 30_000,
        createdAt: new Date(now.getTime() - 120_000),
        progress: { phase: 'distance', heartbeatAt: new Date(now.getTime() - 60_000).toISOString() },
        inputFingerprint: '',
      })
      .returning();
    const plan = await settled(row?.id as string);
    expect(plan.status).toBe('failed');
    expect(plan.error).toMatch(/abandoned/);
    const next = await post(t, '/api/dispatch/plans', { date: '2026-07-18', timeLimitSeconds: 5 }, dispatcher());
    expect(next.statusCode, next.body).toBe(202);
    expect((await post(t, `/api/dispatch/plans/${next.json().id}/discard`, undefined, dispatcher())).statusCode).toBe(
      200,
    );
  });
});

describe('access', () => {
  it('technicians may not plan; another branch’s plans and orders are not found', async () => {
    const techCookieAlpha = techCookie.alpha as string;
    expect((await post(t, '/api/dispatch/plans', { date: DAY }, techCookieAlpha)).statusCode).toBe(403);
    const ready = await readyOrder(t, agent(), dispatcher(), { ...at(23.13, 113.35), faultCategory: 'leaking' });
    expect((await post(t, `/api/work-orders/${ready.id}/insert-now`, {}, techCookieAlpha)).statusCode).toBe(403);

    const res = await post(t, '/api/dispatch/plans', { date: '2026-07-17', timeLimitSeconds: 5 }, dispatcher());
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id;
    const hz = staff.cookies.dispatcherhz as string;
    expect((await get(t, `/api/dispatch/plans/${id}`, hz)).statusCode).toBe(404);
    expect((await get(t, `/api/dispatch/plans/${id}`, techCookieAlpha)).statusCode).toBe(403);
    for (const action of ['stop', 'apply', 'discard']) {
      const body = action === 'apply' ? {} : undefined;
      expect((await post(t, `/api/dispatch/plans/${id}/${action}`, body, hz)).statusCode, action).toBe(404);
    }
    expect((await post(t, `/api/work-orders/${ready.id}/insert-now`, {}, hz)).statusCode).toBe(404);
    expect(
      (await post(t, '/api/dispatch/plans', { date: DAY, branchId: t.branches.hz }, dispatcher())).statusCode,
    ).toBe(404);
    // The head sees plans (dispatch.read) but does not plan.
    expect((await get(t, `/api/dispatch/plans/${id}`, staff.cookies.head as string)).statusCode).toBe(200);
    expect(
      (await post(t, `/api/dispatch/plans/${id}/discard`, undefined, staff.cookies.head as string)).statusCode,
    ).toBe(403);
    expect((await post(t, `/api/dispatch/plans/${id}/discard`, undefined, dispatcher())).statusCode).toBe(200);
  });

  it('validates the request: time limit 5–120 s, not a past day, strict bodies', async () => {
    const short = await post(t, '/api/dispatch/plans', { date: DAY, timeLimitSeconds: 3 }, dispatcher());
    expect(short.statusCode).toBe(400);
    const past = await post(t, '/api/dispatch/plans', { date: '2026-07-14' }, dispatcher());
    expect(past.statusCode).toBe(400);
    expect(past.json().details.issues[0].path).toBe('date');
    const unknown = await post(t, '/api/dispatch/plans', { date: DAY, seed: 3 }, dispatcher());
    expect(unknown.statusCode).toBe(400);
    const missing = await get(t, '/api/dispatch/plans/00000000-0000-4000-8000-000000000000', dispatcher());
    expect(missing.statusCode).toBe(404);
    // Documented in the OpenAPI description.
    const doc = (await get(t, '/api/openapi.json', dispatcher())).body;
    for (const op of ['planDay', 'getPlan', 'stopPlan', 'applyPlan', 'discardPlan', 'insertUrgentOrder']) {
      expect(doc).toContain(`"${op}"`);
    }
  });
});
