import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/server/platform/clock';
import type { Database } from '../../src/server/platform/db/client';
import { withTransaction } from '../../src/server/platform/db/transaction';
import { cancelJob, type JobRunner, scheduleJob } from '../../src/server/platform/jobs/jobs';
import { createTestDatabase } from '../build-test-app';
import { captureLogger, createEffectsTable, effects, insertEffect, jobRows, newRunner, systemCtx } from './support';

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
  await createEffectsTable(database.db);
});
afterAll(async () => {
  await drop?.();
});

// Every test starts from an empty jobs table and no effects.
beforeEach(async () => {
  await database.db.execute(sql`DELETE FROM jobs`);
  await database.db.execute(sql`DELETE FROM test_effects`);
});

function setup() {
  const clock = new FakeClock('2026-07-15T02:00:00Z');
  const logs = captureLogger('info');
  const { runner, bus } = newRunner(database.db, clock, logs.log);
  return { clock, runner, bus, logs, ctx: () => systemCtx(database.db, clock, bus, logs.log) };
}

function registerEffect(runner: JobRunner, tag = 'effect') {
  runner.register('test.effect', async (ctx, payload) => {
    await insertEffect(ctx.db, tag, payload.n);
  });
}

describe('timers: due time', () => {
  it('does not run a job before it is due, and runs it once after the clock passes its due time', async () => {
    const { clock, runner } = setup();
    registerEffect(runner);
    const id = await scheduleJob(database.db, clock.now(), {
      kind: 'test.effect',
      payload: { n: 1 },
      runAt: new Date(clock.now().getTime() + 10 * 60_000),
    });
    expect(id).toEqual(expect.any(Number));

    expect(await runner.runDue()).toBe(0);
    clock.advanceMinutes(9);
    expect(await runner.runDue()).toBe(0);
    expect(await effects(database.db)).toEqual([]);
    expect((await jobRows(database.db))[0]?.status).toBe('pending');

    clock.advanceMinutes(1); // exactly due
    expect(await runner.runDue()).toBe(1);
    expect(await effects(database.db)).toEqual([{ tag: 'effect', n: 1, worker: null }]);
    const [job] = await jobRows(database.db);
    expect(job).toMatchObject({ id, status: 'done', attempts: 1, lastError: null });
    expect(job?.finishedAt?.toISOString()).toBe(clock.now().toISOString());

    clock.advanceMinutes(60);
    expect(await runner.runDue()).toBe(0);
    expect(await effects(database.db)).toHaveLength(1);
  });

  it('runs due jobs in due-time order and gives the handler the clock time, no actor and its attempt number', async () => {
    const { clock, runner } = setup();
    const seen: { n: number; now: string; actor: unknown; attempts: number; inTx: boolean }[] = [];
    runner.register('test.effect', async (ctx, payload, job) => {
      seen.push({
        n: payload.n,
        now: ctx.now.toISOString(),
        actor: ctx.actor,
        attempts: job.attempts,
        inTx: ctx.inTransaction,
      });
    });
    const t0 = clock.now().getTime();
    await scheduleJob(database.db, clock.now(), { kind: 'test.effect', payload: { n: 3 }, runAt: new Date(t0 + 3000) });
    await scheduleJob(database.db, clock.now(), { kind: 'test.effect', payload: { n: 1 }, runAt: new Date(t0 + 1000) });
    await scheduleJob(database.db, clock.now(), { kind: 'test.effect', payload: { n: 2 }, runAt: new Date(t0 + 2000) });
    clock.advance(5000);
    expect(await runner.runDue()).toBe(3);
    expect(seen.map((s) => s.n)).toEqual([1, 2, 3]);
    for (const s of seen) {
      expect(s).toMatchObject({ now: clock.now().toISOString(), actor: null, attempts: 1, inTx: true });
    }
  });

  it('runDue(max) stops after max jobs; the rest run at the next call', async () => {
    const { clock, runner } = setup();
    registerEffect(runner);
    for (let n = 0; n < 5; n++) {
      await scheduleJob(database.db, clock.now(), { kind: 'test.effect', payload: { n }, runAt: clock.now() });
    }
    expect(await runner.runDue(2)).toBe(2);
    expect(await effects(database.db)).toHaveLength(2);
    expect(await runner.runDue()).toBe(3);
    expect((await effects(database.db)).map((e) => e.n)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('timers: retry with backoff and dead letter', () => {
  it('retries a failing handler with backoff (5 s, 10 s), rolls back the failed attempts, and ends done', async () => {
    const { clock, runner, logs } = setup();
    const calls: number[] = [];
    runner.register('test.flaky', async (ctx, payload, job) => {
      calls.push(job.attempts);
      await insertEffect(ctx.db, `attempt-${job.attempts}`, payload.n);
      if (job.attempts <= 2) throw new Error(`boom ${job.attempts}`);
    });
    const t0 = clock.now().getTime();
    await scheduleJob(database.db, clock.now(), { kind: 'test.flaky', payload: { n: 7 }, runAt: clock.now() });

    // attempt 1 fails: retried 5 s later
    expect(await runner.runDue()).toBe(1);
    let [job] = await jobRows(database.db);
    expect(job).toMatchObject({ status: 'pending', attempts: 1, lastError: 'boom 1', finishedAt: null });
    expect(job?.runAt.getTime()).toBe(t0 + 5_000);
    expect(await effects(database.db)).toEqual([]); // the failed attempt's insert was rolled back

    // not due again before the backoff has elapsed
    clock.advance(4_999);
    expect(await runner.runDue()).toBe(0);

    // attempt 2 fails: retried 10 s later
    clock.advance(1);
    expect(await runner.runDue()).toBe(1);
    [job] = await jobRows(database.db);
    expect(job).toMatchObject({ status: 'pending', attempts: 2, lastError: 'boom 2' });
    expect(job?.runAt.getTime()).toBe(t0 + 5_000 + 10_000);
    expect(await effects(database.db)).toEqual([]);
    clock.advance(9_999);
    expect(await runner.runDue()).toBe(0);

    // attempt 3 succeeds
    clock.advance(1);
    expect(await runner.runDue()).toBe(1);
    [job] = await jobRows(database.db);
    expect(job).toMatchObject({ status: 'done', attempts: 3, lastError: null });
    expect(await effects(database.db)).toEqual([{ tag: 'attempt-3', n: 7, worker: null }]);
    expect(calls).toEqual([1, 2, 3]);

    const warnings = logs.lines.filter((l) => l.msg === 'job failed, will retry');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ kind: 'test.flaky', attempts: 1, err: 'boom 1' });
  });

  it('dead-letters a job that always fails after maxAttempts, keeps its last error and never runs it again', async () => {
    const { clock, runner, logs } = setup();
    let calls = 0;
    runner.register('test.fail', async (ctx, payload, job) => {
      calls++;
      await insertEffect(ctx.db, 'fail', payload.n);
      throw new Error(`always fails (attempt ${job.attempts})`);
    });
    await scheduleJob(database.db, clock.now(), {
      kind: 'test.fail',
      payload: { n: 1 },
      runAt: clock.now(),
      maxAttempts: 3,
    });

    for (let i = 0; i < 3; i++) {
      expect(await runner.runDue()).toBe(1);
      clock.advanceMinutes(60); // past any backoff
    }
    const [job] = await jobRows(database.db);
    expect(job).toMatchObject({ status: 'dead', attempts: 3, lastError: 'always fails (attempt 3)' });
    expect(job?.finishedAt).toBeInstanceOf(Date);
    expect(calls).toBe(3);
    expect(await effects(database.db)).toEqual([]);
    expect(logs.lines.filter((l) => l.msg === 'job dead-lettered')).toHaveLength(1);

    clock.advanceMinutes(24 * 60);
    expect(await runner.runDue()).toBe(0);
    expect(calls).toBe(3);
  });

  it('uses 5 attempts by default', async () => {
    const { clock, runner } = setup();
    runner.register('test.fail', async () => {
      throw new Error('nope');
    });
    await scheduleJob(database.db, clock.now(), { kind: 'test.fail', payload: { n: 1 }, runAt: clock.now() });
    for (let i = 0; i < 10; i++) {
      await runner.runDue();
      clock.advanceMinutes(120);
    }
    expect((await jobRows(database.db))[0]).toMatchObject({ status: 'dead', attempts: 5, maxAttempts: 5 });
  });

  it('a handler whose SQL fails is rolled back to its savepoint and recorded as a failure; other jobs still run', async () => {
    const { clock, runner } = setup();
    registerEffect(runner);
    runner.register('test.sql-error', async (ctx) => {
      await insertEffect(ctx.db, 'before-error', 1);
      await ctx.db.execute(sql`SELECT * FROM no_such_table_here`);
    });
    await scheduleJob(database.db, clock.now(), { kind: 'test.sql-error', payload: {}, runAt: clock.now() });
    await scheduleJob(database.db, clock.now(), { kind: 'test.effect', payload: { n: 2 }, runAt: clock.now() });
    expect(await runner.runDue()).toBe(2);
    const rows = await jobRows(database.db);
    expect(rows[0]).toMatchObject({ kind: 'test.sql-error', status: 'pending', attempts: 1 });
    expect(rows[0]?.lastError).toMatch(/no_such_table_here/);
    expect(rows[1]).toMatchObject({ kind: 'test.effect', status: 'done' });
    expect(await effects(database.db)).toEqual([{ tag: 'effect', n: 2, worker: null }]);
  });

  it('a runner leaves kinds it has no handler for to the processes that know them', async () => {
    const { clock, runner } = setup();
    await scheduleJob(database.db, clock.now(), {
      kind: 'platform.noop',
      payload: {},
      runAt: clock.now(),
      maxAttempts: 1,
    });
    expect(await runner.runDue()).toBe(0);
    expect((await jobRows(database.db))[0]).toMatchObject({ status: 'pending', attempts: 0 });
    runner.register('platform.noop', async () => {});
    expect(await runner.runDue()).toBe(1);
    expect((await jobRows(database.db))[0]).toMatchObject({ status: 'done', attempts: 1 });
  });
});

describe('timers: dedupe key, cancel, transactional scheduling', () => {
  it('scheduling twice with the same dedupe key keeps one pending job (the first)', async () => {
    const { clock, runner } = setup();
    registerEffect(runner);
    const first = await scheduleJob(database.db, clock.now(), {
      kind: 'test.effect',
      payload: { n: 1 },
      runAt: new Date(clock.now().getTime() + 60_000),
      dedupeKey: 'sla:review:A',
    });
    const second = await scheduleJob(database.db, clock.now(), {
      kind: 'test.effect',
      payload: { n: 2 },
      runAt: new Date(clock.now().getTime() + 120_000),
      dedupeKey: 'sla:review:A',
    });
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    const other = await scheduleJob(database.db, clock.now(), {
      kind: 'test.effect',
      payload: { n: 3 },
      runAt: new Date(clock.now().getTime() + 60_000),
      dedupeKey: 'sla:review:B',
    });
    expect(other).toEqual(expect.any(Number));
    const rows = await jobRows(database.db);
    expect(rows.filter((r) => r.dedupeKey === 'sla:review:A')).toHaveLength(1);
    expect(rows.find((r) => r.dedupeKey === 'sla:review:A')).toMatchObject({ id: first, payload: { n: 1 } });

    clock.advanceMinutes(5);
    expect(await runner.runDue()).toBe(2);
    expect((await effects(database.db)).map((e) => e.n).sort()).toEqual([1, 3]);

    // once the job has run, the key is free again
    const again = await scheduleJob(database.db, clock.now(), {
      kind: 'test.effect',
      payload: { n: 4 },
      runAt: clock.now(),
      dedupeKey: 'sla:review:A',
    });
    expect(again).toEqual(expect.any(Number));
    expect(await runner.runDue()).toBe(1);
    expect((await effects(database.db)).map((e) => e.n).sort()).toEqual([1, 3, 4]);
  });

  it('cancelJob cancels the pending job, which never runs; cancelling again reports nothing cancelled', async () => {
    const { clock, runner } = setup();
    registerEffect(runner);
    await scheduleJob(database.db, clock.now(), {
      kind: 'test.effect',
      payload: { n: 1 },
      runAt: new Date(clock.now().getTime() + 60_000),
      dedupeKey: 'clock:X',
    });
    expect(await cancelJob(database.db, clock.now(), 'clock:X')).toBe(true);
    expect(await cancelJob(database.db, clock.now(), 'clock:X')).toBe(false);
    expect(await cancelJob(database.db, clock.now(), 'clock:unknown')).toBe(false);
    const [job] = await jobRows(database.db);
    expect(job).toMatchObject({ status: 'cancelled', attempts: 0 });
    expect(job?.finishedAt?.toISOString()).toBe(clock.now().toISOString());

    clock.advanceMinutes(60);
    expect(await runner.runDue()).toBe(0);
    expect(await effects(database.db)).toEqual([]);

    // a cancelled key can be scheduled again
    expect(
      await scheduleJob(database.db, clock.now(), {
        kind: 'test.effect',
        payload: { n: 2 },
        runAt: clock.now(),
        dedupeKey: 'clock:X',
      }),
    ).toEqual(expect.any(Number));
  });

  it('does not cancel a job that has already run', async () => {
    const { clock, runner } = setup();
    registerEffect(runner);
    await scheduleJob(database.db, clock.now(), {
      kind: 'test.effect',
      payload: { n: 1 },
      runAt: clock.now(),
      dedupeKey: 'k',
    });
    await runner.runDue();
    expect(await cancelJob(database.db, clock.now(), 'k')).toBe(false);
    expect((await jobRows(database.db))[0]?.status).toBe('done');
  });

  it('a job scheduled inside a transaction that rolls back does not exist; one that commits does', async () => {
    const { runner, ctx } = setup();
    registerEffect(runner);
    await expect(
      withTransaction(ctx(), async (tx) => {
        await scheduleJob(tx.db, tx.now, { kind: 'test.effect', payload: { n: 1 }, runAt: tx.now, dedupeKey: 'tx:1' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await jobRows(database.db)).toEqual([]);

    await withTransaction(ctx(), async (tx) => {
      await scheduleJob(tx.db, tx.now, { kind: 'test.effect', payload: { n: 2 }, runAt: tx.now, dedupeKey: 'tx:1' });
    });
    expect(await runner.runDue()).toBe(1);
    expect(await effects(database.db)).toEqual([{ tag: 'effect', n: 2, worker: null }]);
  });

  it('a cancel inside a transaction that rolls back leaves the job pending', async () => {
    const { clock, runner, ctx } = setup();
    registerEffect(runner);
    await scheduleJob(database.db, clock.now(), {
      kind: 'test.effect',
      payload: { n: 1 },
      runAt: clock.now(),
      dedupeKey: 'c',
    });
    await expect(
      withTransaction(ctx(), async (tx) => {
        expect(await cancelJob(tx.db, tx.now, 'c')).toBe(true);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await jobRows(database.db))[0]?.status).toBe('pending');
    expect(await runner.runDue()).toBe(1);
  });

  it('a handler can re-arm its own timer with the same dedupe key (recurring reminder)', async () => {
    const { clock, runner } = setup();
    runner.register('test.rearm', async (ctx, payload) => {
      await insertEffect(ctx.db, 'rearm', payload.round);
      if (payload.round < 3) {
        const id = await scheduleJob(ctx.db, ctx.now, {
          kind: 'test.rearm',
          payload: { round: payload.round + 1 },
          runAt: new Date(ctx.now.getTime() + 60_000),
          dedupeKey: 'reminder:R',
        });
        if (id === null) throw new Error('re-arm was dropped');
      }
    });
    await scheduleJob(database.db, clock.now(), {
      kind: 'test.rearm',
      payload: { round: 1 },
      runAt: clock.now(),
      dedupeKey: 'reminder:R',
    });
    for (let i = 0; i < 5; i++) {
      await runner.runDue();
      clock.advanceMinutes(1);
    }
    expect((await effects(database.db)).map((e) => e.n)).toEqual([1, 2, 3]);
    const rows = await jobRows(database.db);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['done', 1],
      ['done', 1],
      ['done', 1],
    ]);
  });
});

describe('timers: events from a job handler', () => {
  it('delivers events emitted by a handler after the job transaction commits', async () => {
    const { clock, runner, bus } = setup();
    runner.register('test.emit', async (ctx, payload) => {
      await insertEffect(ctx.db, 'emit', payload.n);
      ctx.events.emit('test.happened', { n: payload.n });
      // a use case called by the handler joins the job's transaction and its events wait too
      await withTransaction(ctx, async (tx) => {
        tx.events.emit('test.other', { n: payload.n });
      });
      expect(delivered).toEqual([]);
    });
    const delivered: { name: string; n: number; status: string | undefined; effects: number }[] = [];
    const observe = (name: string) => async (p: { n: number }) => {
      // runs outside the job transaction: the job is already done and its effect visible to everyone
      const status = (await jobRows(database.db))[0]?.status;
      delivered.push({ name, n: p.n, status, effects: (await effects(database.db)).length });
    };
    bus.on('test.happened', observe('test.happened'));
    bus.on('test.other', observe('test.other'));
    await scheduleJob(database.db, clock.now(), { kind: 'test.emit', payload: { n: 5 }, runAt: clock.now() });
    expect(await runner.runDue()).toBe(1);
    expect(delivered).toEqual([
      { name: 'test.happened', n: 5, status: 'done', effects: 1 },
      { name: 'test.other', n: 5, status: 'done', effects: 1 },
    ]);
  });

  it('drops events emitted by a failed attempt; delivers only those of the attempt that succeeds', async () => {
    const { clock, runner, bus } = setup();
    runner.register('test.emit', async (ctx, payload, job) => {
      ctx.events.emit('test.happened', { n: job.attempts });
      if (job.attempts === 1) throw new Error('first attempt fails');
      void payload;
    });
    const delivered: number[] = [];
    bus.on('test.happened', (p) => {
      delivered.push(p.n);
    });
    await scheduleJob(database.db, clock.now(), { kind: 'test.emit', payload: { n: 1 }, runAt: clock.now() });
    await runner.runDue();
    expect(delivered).toEqual([]);
    clock.advanceMinutes(1);
    await runner.runDue();
    expect(delivered).toEqual([2]);
  });

  it('a failing event handler after a job does not undo or fail the job', async () => {
    const { clock, runner, bus, logs } = setup();
    runner.register('test.emit', async (ctx, payload) => {
      await insertEffect(ctx.db, 'emit', payload.n);
      ctx.events.emit('test.happened', { n: payload.n });
    });
    bus.on('test.happened', () => {
      throw new Error('subscriber broke');
    });
    await scheduleJob(database.db, clock.now(), { kind: 'test.emit', payload: { n: 9 }, runAt: clock.now() });
    expect(await runner.runDue()).toBe(1);
    expect((await jobRows(database.db))[0]).toMatchObject({ status: 'done', attempts: 1 });
    expect(await effects(database.db)).toHaveLength(1);
    expect(logs.lines.find((l) => l.msg === 'event handler failed')).toMatchObject({ event: 'test.happened' });
  });
});

describe('timers: the polling worker', () => {
  it('start() polls and runs due jobs; stop() waits for the run in progress and stops polling', async () => {
    const { clock, runner } = setup();
    registerEffect(runner);
    await scheduleJob(database.db, clock.now(), { kind: 'test.effect', payload: { n: 1 }, runAt: clock.now() });
    runner.start(5);
    await expect.poll(async () => (await effects(database.db)).length, { timeout: 20_000 }).toBe(1);
    await runner.stop();
    await scheduleJob(database.db, clock.now(), { kind: 'test.effect', payload: { n: 2 }, runAt: clock.now() });
    // after stop nothing polls any more: the job stays pending until someone runs it
    await new Promise((r) => setTimeout(r, 50));
    expect((await jobRows(database.db)).map((r) => r.status)).toEqual(['done', 'pending']);
    expect(await runner.runDue()).toBe(1);
  });

  it('start(0) does not poll (tests drive the runner by hand)', async () => {
    const { clock, runner } = setup();
    registerEffect(runner);
    await scheduleJob(database.db, clock.now(), { kind: 'test.effect', payload: { n: 1 }, runAt: clock.now() });
    runner.start(0);
    await new Promise((r) => setTimeout(r, 50));
    expect((await jobRows(database.db))[0]?.status).toBe('pending');
    await runner.stop();
  });
});
