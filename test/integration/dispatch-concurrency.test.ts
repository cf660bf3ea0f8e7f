// The no-double-booking guarantee under concurrency (issue 4, "Tests"): random assign / reassign / unassign /
// cancel / accept / decline commands from many dispatcher sessions at once, then SQL straight on the database finds
// no two overlapping active appointments of one technician, at most one active appointment per order, and every
// order's status consistent with its appointment.

import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { addTechnician, readyOrder } from './dispatch-support';
import { createStaff, get, post, type Staff } from './intake-support';

let t: TestApp;
let staff: Staff;
const DISPATCHERS = 20;
const TECHS = 4;
const ORDERS_PER_RUN = 8;
const dispatchers: string[] = [];
const techIds: string[] = [];
const techCookie = new Map<string, string>();

beforeAll(async () => {
  t = await buildTestApp();
  staff = await createStaff(t);
  for (let i = 0; i < TECHS; i++) {
    const id = await addTechnician(t, {
      username: `load${i}`,
      home: { lat: 23.12 + i * 0.01, lng: 113.33 + i * 0.01 },
      maxJobsPerDay: 8,
      maxMinutesPerDay: 600,
    });
    techIds.push(id);
    techCookie.set(id, await t.login(`load${i}`));
  }
  for (let i = 0; i < DISPATCHERS; i++) {
    await t.createUser(`disp${i}`, ['dispatcher'], 'th');
    dispatchers.push(await t.login(`disp${i}`));
  }
});
afterAll(async () => {
  await t?.close();
});

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** Local 08:00 of a day in Guangzhou (UTC+8), plus minutes, as ISO. */
const localTime = (day: string, minutesAfterEight: number) =>
  new Date(new Date(`${day}T08:00:00+08:00`).getTime() + minutesAfterEight * 60_000).toISOString();

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The whole database, checked: what the exclusion constraint and the partial unique index promise. */
async function assertInvariants(context: string) {
  const overlaps = await rows<{ a: string; b: string }>(sql`
    SELECT a.id AS a, b.id AS b
    FROM assignments a
    JOIN assignments b
      ON a.technician_id = b.technician_id
     AND a.id < b.id
     AND tstzrange(a.start_at, a.end_at, '[)') && tstzrange(b.start_at, b.end_at, '[)')
    WHERE a.active AND b.active`);
  expect(overlaps, `${context}: overlapping active appointments`).toEqual([]);

  const doubles = await rows<{ work_order_id: string; n: number }>(sql`
    SELECT work_order_id, count(*)::int AS n FROM assignments WHERE active GROUP BY work_order_id HAVING count(*) > 1`);
  expect(doubles, `${context}: orders with several active appointments`).toEqual([]);

  const orders = await rows<{
    id: string;
    status: string;
    assignee_id: string | null;
    appointment_start: string | Date | null;
    technician_id: string | null;
    start_at: string | Date | null;
    state: string | null;
  }>(sql`
    SELECT w.id, w.status, w.assignee_id, w.appointment_start, a.technician_id, a.start_at, a.state
    FROM work_orders w
    LEFT JOIN assignments a ON a.work_order_id = w.id AND a.active`);
  const bad: string[] = [];
  const time = (v: string | Date | null) => (v === null ? null : new Date(v).getTime());
  for (const o of orders) {
    const held = o.technician_id !== null;
    if (o.status === 'assigned' || o.status === 'accepted') {
      if (!held) bad.push(`${o.id} ${o.status} without an active appointment`);
      else if (o.state !== o.status) bad.push(`${o.id} ${o.status} but its appointment is ${o.state}`);
      else if (o.assignee_id !== o.technician_id) bad.push(`${o.id} assignee ≠ appointment's technician`);
      else if (time(o.appointment_start) !== time(o.start_at)) bad.push(`${o.id} appointment times differ`);
    } else if (held) {
      bad.push(`${o.id} ${o.status} with an active appointment (${o.state})`);
    }
    if (o.status === 'ready' && o.assignee_id !== null) bad.push(`${o.id} ready with an assignee`);
  }
  expect(bad, context).toEqual([]);
}

type Command =
  | { kind: 'assign' | 'reassign'; order: number; tech: number; slot: number; minutes: number }
  | { kind: 'unassign' | 'cancel' | 'accept' | 'decline'; order: number };

const orderIx = fc.integer({ min: 0, max: ORDERS_PER_RUN - 1 });
const move = (kind: 'assign' | 'reassign') =>
  fc
    .record({
      order: orderIx,
      tech: fc.integer({ min: 0, max: TECHS - 1 }),
      minutes: fc.constantFrom(60, 90, 120),
      // Half-hour steps from 08:00 to 13:00 (inside the 08:00–20:00 shift): a crowded morning, so windows collide.
      slot: fc.integer({ min: 0, max: 10 }),
    })
    .map((r): Command => ({ kind, ...r }));
const simple = (kind: 'unassign' | 'cancel' | 'accept' | 'decline') =>
  orderIx.map((order): Command => ({ kind, order }));

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: move('assign'), weight: 5 },
  { arbitrary: move('reassign'), weight: 4 },
  { arbitrary: simple('unassign'), weight: 1 },
  { arbitrary: simple('cancel'), weight: 1 },
  { arbitrary: simple('accept'), weight: 2 },
  { arbitrary: simple('decline'), weight: 1 },
);

/** What may come back: success, or one of the clear refusals. Anything else fails the test. */
const EXPECTED: Record<number, string[]> = {
  409: ['DOUBLE_BOOKED', 'VERSION_CONFLICT', 'ILLEGAL_TRANSITION'],
  422: ['NOT_ELIGIBLE'],
};

const outcomes = new Map<string, number>();
function tally(kind: string, res: { statusCode: number; body: string; json(): any }) {
  let key = `${kind}:${res.statusCode}`;
  if (res.statusCode !== 200) {
    const code = res.json().code as string;
    key += `:${code}`;
    expect(EXPECTED[res.statusCode] ?? [], `${kind} → ${res.statusCode} ${res.body}`).toContain(code);
  }
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

async function activeAssignmentOf(orderId: string) {
  const [a] = await rows<{ id: string; technician_id: string; version: number }>(
    sql`SELECT id, technician_id, version FROM assignments WHERE work_order_id = ${orderId} AND active`,
  );
  return a ?? null;
}

async function run(cmd: Command, client: string, orders: { id: string }[], day: string): Promise<void> {
  const order = orders[cmd.order] as { id: string };
  if (cmd.kind === 'accept' || cmd.kind === 'decline') {
    const a = await activeAssignmentOf(order.id);
    if (!a) {
      outcomes.set(`${cmd.kind}:skipped`, (outcomes.get(`${cmd.kind}:skipped`) ?? 0) + 1);
      return;
    }
    const body = cmd.kind === 'accept' ? { version: a.version } : { version: a.version, reason: '临时有急事' };
    const res = await post(t, `/api/assignments/${a.id}/${cmd.kind}`, body, techCookie.get(a.technician_id) as string);
    tally(cmd.kind, res);
    return;
  }
  // The version the dispatcher's screen shows: read just before acting, so the races are real.
  const seen = await get(t, `/api/work-orders/${order.id}`, client);
  expect(seen.statusCode, seen.body).toBe(200);
  const version = seen.json().version as number;
  let res: Awaited<ReturnType<typeof post>>;
  switch (cmd.kind) {
    case 'assign':
    case 'reassign': {
      const window = { start: localTime(day, cmd.slot * 30), end: localTime(day, cmd.slot * 30 + cmd.minutes) };
      const body = {
        technicianId: techIds[cmd.tech],
        window,
        version,
        overrideReason: '并发测试',
        ...(cmd.kind === 'reassign' ? { reason: '调整安排' } : {}),
      };
      res = await post(
        t,
        `/api/work-orders/${order.id}/${cmd.kind === 'assign' ? 'assignment' : 'reassignment'}`,
        body,
        client,
      );
      break;
    }
    case 'unassign':
      res = await post(t, `/api/work-orders/${order.id}/unassignment`, { version, reason: '重新安排' }, client);
      break;
    case 'cancel':
      res = await post(t, `/api/work-orders/${order.id}/cancel`, { version, reason: '客户取消' }, client);
      break;
  }
  tally(cmd.kind, res);
}

describe('no double booking under concurrency', () => {
  it('twenty dispatchers assign twenty orders to the same technician and window: one wins, nineteen get DOUBLE_BOOKED', async () => {
    const tech = await addTechnician(t, { username: 'contested', maxJobsPerDay: 20 });
    const agent = staff.cookies.agent as string;
    const orders: { id: string; number: string; version: number }[] = [];
    for (let i = 0; i < DISPATCHERS; i++) orders.push(await readyOrder(t, agent, staff.cookies.dispatcher as string));
    const day = '2026-07-15';
    const window = { start: localTime(day, 6 * 60), end: localTime(day, 7 * 60 + 30) }; // 14:00–15:30
    const results = await Promise.all(
      orders.map((o, i) =>
        post(
          t,
          `/api/work-orders/${o.id}/assignment`,
          { technicianId: tech, window, version: o.version, overrideReason: '客户指定该师傅' },
          dispatchers[i] as string,
        ),
      ),
    );
    const statuses = results.map((r) => `${r.statusCode}:${r.statusCode === 200 ? 'OK' : r.json().code}`);
    expect(statuses.filter((s) => s === '200:OK')).toHaveLength(1);
    expect(
      statuses.filter((s) => s === '409:DOUBLE_BOOKED'),
      statuses.join(' '),
    ).toHaveLength(DISPATCHERS - 1);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json().message.length).toBeGreaterThan(0);
    }

    const winner = orders[results.findIndex((r) => r.statusCode === 200)] as { id: string };
    for (const o of orders) {
      const detail = (await get(t, `/api/work-orders/${o.id}`, staff.cookies.dispatcher as string)).json();
      if (o.id === winner.id) {
        expect(detail.status).toBe('assigned');
        expect(detail.version).toBe(o.version + 1);
      } else {
        // The loser's order is untouched: still in the queue, same version, no appointment.
        expect(detail.status).toBe('ready');
        expect(detail.version).toBe(o.version);
        expect(await activeAssignmentOf(o.id)).toBeNull();
      }
    }
    await assertInvariants('same window');
  });

  it('two dispatchers swapping two technicians’ overlapping jobs at once get DOUBLE_BOOKED, not a deadlock', async () => {
    const a = await addTechnician(t, { username: 'swapa', maxJobsPerDay: 20 });
    const b = await addTechnician(t, { username: 'swapb', maxJobsPerDay: 20 });
    const day = '2026-07-15';
    const agent = staff.cookies.agent as string;
    for (let round = 0; round < 5; round++) {
      const window = { start: localTime(day, 120 + round * 90), end: localTime(day, 180 + round * 90) };
      const x = await readyOrder(t, agent, staff.cookies.dispatcher as string);
      const y = await readyOrder(t, agent, staff.cookies.dispatcher as string);
      const onA = await post(
        t,
        `/api/work-orders/${x.id}/assignment`,
        { technicianId: a, window, version: x.version, overrideReason: '测试' },
        dispatchers[0] as string,
      );
      const onB = await post(
        t,
        `/api/work-orders/${y.id}/assignment`,
        { technicianId: b, window, version: y.version, overrideReason: '测试' },
        dispatchers[1] as string,
      );
      expect([onA.statusCode, onB.statusCode], `${onA.body} ${onB.body}`).toEqual([200, 200]);
      const [xToB, yToA] = await Promise.all([
        post(
          t,
          `/api/work-orders/${x.id}/reassignment`,
          { technicianId: b, window, version: onA.json().workOrderVersion, reason: '互换', overrideReason: '互换' },
          dispatchers[2] as string,
        ),
        post(
          t,
          `/api/work-orders/${y.id}/reassignment`,
          { technicianId: a, window, version: onB.json().workOrderVersion, reason: '互换', overrideReason: '互换' },
          dispatchers[3] as string,
        ),
      ]);
      // Each move overlaps the other technician's job, which stays where it is: both refused, clearly.
      expect([xToB.json().code, yToA.json().code], `${xToB.body} ${yToA.body}`).toEqual([
        'DOUBLE_BOOKED',
        'DOUBLE_BOOKED',
      ]);
    }
    await assertInvariants('swaps');
  });

  it('random assign / reassign / unassign / cancel / accept / decline from twenty sessions keep the books sound', async () => {
    let runIx = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 30, maxLength: 50 }), async (commands) => {
        // Each run: fresh orders and its own day (the technicians' earlier days fill up).
        const day = addDays('2026-07-16', runIx++);
        const orders: { id: string; number: string; version: number }[] = [];
        for (let i = 0; i < ORDERS_PER_RUN; i++) {
          orders.push(await readyOrder(t, staff.cookies.agent as string, staff.cookies.dispatcher as string));
        }
        // Batches of twenty commands, each batch all at once, one dispatcher session per command.
        for (let i = 0; i < commands.length; i += DISPATCHERS) {
          const batch = commands.slice(i, i + DISPATCHERS);
          await Promise.all(batch.map((cmd, j) => run(cmd, dispatchers[j] as string, orders, day)));
          await assertInvariants(`run ${runIx}, after batch ${i / DISPATCHERS + 1}`);
        }
      }),
      { numRuns: 6, endOnFailure: true },
    );
    // The runs did exercise the rules: appointments were made, and overlaps were refused.
    const count = (prefix: string) =>
      [...outcomes.entries()].filter(([k]) => k.startsWith(prefix)).reduce((s, [, n]) => s + n, 0);
    expect(count('assign:200'), JSON.stringify([...outcomes])).toBeGreaterThan(0);
    expect(count('reassign:200') + count('accept:200'), JSON.stringify([...outcomes])).toBeGreaterThan(0);
    console.info('dispatch concurrency outcomes', Object.fromEntries([...outcomes].sort()));
  });
});
