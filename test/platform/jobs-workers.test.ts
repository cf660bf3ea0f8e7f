// Several workers on one database: each job runs exactly once; a locked job is skipped, not waited for;
// a worker that dies mid-run leaves the job to the next worker.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/server/platform/clock';
import { type Database, openDatabase } from '../../src/server/platform/db/client';
import { scheduleJob } from '../../src/server/platform/jobs/jobs';
import { createTestDatabase } from '../build-test-app';
import { captureLogger, createEffectsTable, effects, gate, insertEffect, jobRows, newRunner, query } from './support';

let database: Database;
let url: string | null;
let drop: () => Promise<void>;
const extra: Database[] = [];

beforeAll(async () => {
  ({ database, url, drop } = await createTestDatabase());
  await createEffectsTable(database.db);
});
afterAll(async () => {
  for (const d of extra) await d.close().catch(() => {});
  await drop?.();
});
beforeEach(async () => {
  await database.db.execute(sql`DELETE FROM jobs`);
  await database.db.execute(sql`DELETE FROM test_effects`);
});

/** On PostgreSQL each worker gets its own pool (as separate processes would); PGlite has one session. */
async function workerDatabase(): Promise<Database> {
  if (!url) return database;
  const d = await openDatabase({ databaseUrl: url, dataDir: 'memory://', poolSize: 4 });
  extra.push(d);
  return d;
}

describe('timers: two workers', () => {
  it('runs each of 50 due jobs exactly once when two workers poll concurrently', async () => {
    const clock = new FakeClock();
    const { log } = captureLogger('warn');
    const [dbA, dbB] = [await workerDatabase(), await workerDatabase()];
    const a = newRunner(dbA.db, clock, log, 'A').runner;
    const b = newRunner(dbB.db, clock, log, 'B').runner;
    for (const [runner, id] of [
      [a, 'A'],
      [b, 'B'],
    ] as const) {
      runner.register('test.effect', async (ctx, payload) => {
        await insertEffect(ctx.db, 'once', payload.n, id);
      });
    }
    for (let n = 0; n < 50; n++) {
      await scheduleJob(database.db, clock.now(), { kind: 'test.effect', payload: { n }, runAt: clock.now() });
    }
    clock.advance(1000);

    // several concurrent polls per worker, as overlapping timers in separate processes would do
    const counts = await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(50);

    const rows = await effects(database.db, 'once');
    expect(rows).toHaveLength(50);
    expect(rows.map((r) => r.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const jobs = await jobRows(database.db);
    expect(jobs).toHaveLength(50);
    expect(jobs.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);

    // nothing is left to run
    expect(await Promise.all([a.runDue(), b.runDue()])).toEqual([0, 0]);
  });

  it('runs each job once when the two workers have different clocks (one ahead)', async () => {
    const early = new FakeClock('2026-07-15T02:00:00Z');
    const late = new FakeClock('2026-07-15T02:30:00Z');
    const { log } = captureLogger('warn');
    const [dbA, dbB] = [await workerDatabase(), await workerDatabase()];
    const a = newRunner(dbA.db, early, log, 'A').runner;
    const b = newRunner(dbB.db, late, log, 'B').runner;
    for (const [runner, id] of [
      [a, 'A'],
      [b, 'B'],
    ] as const) {
      runner.register('test.effect', async (ctx, payload) => {
        await insertEffect(ctx.db, 'clocks', payload.n, id);
      });
    }
    // 10 due for both, 10 due only for the worker whose clock is ahead
    for (let n = 0; n < 20; n++) {
      const runAt = new Date(early.now().getTime() + (n < 10 ? 0 : 10 * 60_000));
      await scheduleJob(database.db, early.now(), { kind: 'test.effect', payload: { n }, runAt });
    }
    await Promise.all([a.runDue(), b.runDue()]);
    const rows = await effects(database.db, 'clocks');
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.n)).size).toBe(20);
    expect(rows.filter((r) => r.n >= 10).every((r) => r.worker === 'B')).toBe(true);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('timers: workers on PostgreSQL', () => {
  it('a worker skips a job another worker holds (SKIP LOCKED) instead of waiting, and runs the others', async () => {
    const clock = new FakeClock();
    const { log } = captureLogger('warn');
    const [dbA, dbB] = [await workerDatabase(), await workerDatabase()];
    const a = newRunner(dbA.db, clock, log, 'A').runner;
    const b = newRunner(dbB.db, clock, log, 'B').runner;
    const entered = gate();
    const release = gate();
    a.register('test.slow', async (ctx, payload) => {
      entered.open();
      await release.promise;
      await insertEffect(ctx.db, 'slow', payload.n, 'A');
    });
    b.register('test.effect', async (ctx, payload) => {
      await insertEffect(ctx.db, 'fast', payload.n, 'B');
    });
    b.register('test.slow', async () => {
      throw new Error('B must never get the slow job');
    });
    await scheduleJob(database.db, clock.now(), { kind: 'test.slow', payload: { n: 0 }, runAt: clock.now() });
    for (let n = 1; n <= 3; n++) {
      await scheduleJob(database.db, clock.now(), { kind: 'test.effect', payload: { n }, runAt: clock.now() });
    }
    const aRun = a.runDue(1);
    await entered.promise; // A holds the slow job's row lock, its handler is blocked
    expect(await b.runDue()).toBe(3);
    expect((await effects(database.db, 'fast')).map((r) => r.n)).toEqual([1, 2, 3]);
    release.open();
    expect(await aRun).toBe(1);
    expect(await effects(database.db, 'slow')).toHaveLength(1);
    expect((await jobRows(database.db)).every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
  });

  it('a worker whose connection dies mid-run leaves the job pending; another worker runs it once', async () => {
    const clock = new FakeClock();
    const { log } = captureLogger('silent');
    const [dbA, dbB] = [await workerDatabase(), await workerDatabase()];
    const a = newRunner(dbA.db, clock, log, 'A').runner;
    const b = newRunner(dbB.db, clock, log, 'B').runner;
    const entered = gate<number>();
    a.register('test.effect', async (ctx, payload) => {
      await insertEffect(ctx.db, 'crash', payload.n, 'A');
      const [row] = await query<{ pid: number }>(ctx.db, sql`SELECT pg_backend_pid() AS pid`);
      entered.open(Number(row?.pid));
      await ctx.db.execute(sql`SELECT pg_sleep(600)`); // "hangs" until its session is killed
    });
    b.register('test.effect', async (ctx, payload) => {
      await insertEffect(ctx.db, 'crash', payload.n, 'B');
    });
    await scheduleJob(database.db, clock.now(), { kind: 'test.effect', payload: { n: 1 }, runAt: clock.now() });
    const aRun = a.runDue().then(
      () => 'resolved',
      () => 'rejected',
    );
    const pid = await entered.promise;
    // the worker process "crashes": its session is terminated by the server
    const admin = new pg.Client({ connectionString: url ?? '' });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();

    expect(await b.runDue()).toBe(1);
    expect(await effects(database.db, 'crash')).toEqual([{ tag: 'crash', n: 1, worker: 'B' }]);
    expect((await jobRows(database.db))[0]).toMatchObject({ status: 'done', attempts: 1 });
    expect(await aRun).toBe('rejected');
    // worker A's pool recovers: it can run the next job
    await scheduleJob(database.db, clock.now(), { kind: 'test.effect', payload: { n: 2 }, runAt: clock.now() });
    a.register('test.effect', async (ctx, payload) => {
      await insertEffect(ctx.db, 'crash', payload.n, 'A');
    });
    expect(await a.runDue()).toBe(1);
    expect(await effects(database.db, 'crash')).toEqual([
      { tag: 'crash', n: 1, worker: 'B' },
      { tag: 'crash', n: 2, worker: 'A' },
    ]);
  });
});
