// A timer survives a restart: scheduled before the server stops, it runs at the first poll after the
// server starts again past its due time.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FakeClock } from '../../src/server/platform/clock';
import { type Database, openDatabase } from '../../src/server/platform/db/client';
import { scheduleJob } from '../../src/server/platform/jobs/jobs';
import { createTestDatabase } from '../build-test-app';
import { captureLogger, createEffectsTable, effects, insertEffect, jobRows, newRunner } from './support';

let tmpDir: string | null = null;
let url: string | null = null;
let drop: (() => Promise<void>) | null = null;

/** Opens "the" database: on PostgreSQL a new pool on the cloned database; on PGlite the files in tmpDir. */
async function open(): Promise<Database> {
  if (url) return openDatabase({ databaseUrl: url, dataDir: 'memory://' });
  return openDatabase({ databaseUrl: null, dataDir: tmpDir as string });
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const t = await createTestDatabase();
    url = t.url;
    drop = t.drop;
    await t.database.close();
  } else {
    // a PGlite that keeps its files on disk, started from the migrated template
    tmpDir = mkdtempSync(path.join(os.tmpdir(), 'aircare-restart-'));
    const template = inject('pgliteTemplate');
    if (!template) throw new Error('test template missing');
    const first = await openDatabase({
      databaseUrl: null,
      dataDir: tmpDir,
      loadDataDir: new Blob([readFileSync(template)]),
    });
    await first.close();
  }
});
afterAll(async () => {
  await drop?.();
  if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
});

describe('timers: restart', () => {
  it('runs, after a restart, a job that came due while the server was down', async () => {
    const clock = new FakeClock('2026-07-15T02:00:00Z');
    const { log } = captureLogger('warn');

    // first life: schedule a job due in 10 minutes, then stop everything
    let database = await open();
    await createEffectsTable(database.db);
    let { runner } = newRunner(database.db, clock, log);
    runner.register('test.effect', async () => {
      throw new Error('the first process must not run it');
    });
    const id = await scheduleJob(database.db, clock.now(), {
      kind: 'test.effect',
      payload: { n: 42 },
      runAt: new Date(clock.now().getTime() + 10 * 60_000),
      dedupeKey: 'restart:1',
    });
    runner.start(5);
    expect(await runner.runDue()).toBe(0);
    await runner.stop();
    await database.close();

    // the server is down for an hour
    clock.advanceMinutes(60);

    // second life: a new process on the same database
    database = await open();
    ({ runner } = newRunner(database.db, clock, log));
    const ran: number[] = [];
    runner.register('test.effect', async (ctx, payload) => {
      ran.push(payload.n);
      await insertEffect(ctx.db, 'restart', payload.n);
    });
    expect(await runner.runDue()).toBe(1);
    expect(ran).toEqual([42]);
    expect(await effects(database.db, 'restart')).toEqual([{ tag: 'restart', n: 42, worker: null }]);
    expect((await jobRows(database.db)).find((j) => j.id === id)).toMatchObject({ status: 'done', attempts: 1 });
    await database.close();

    // and the result itself survived a further restart
    database = await open();
    expect((await jobRows(database.db)).find((j) => j.id === id)?.status).toBe('done');
    await database.close();
  });

  it('a claim that never committed (the process died mid-run) leaves the job to the next process', async () => {
    const clock = new FakeClock('2026-07-15T05:00:00Z');
    const { log } = captureLogger('silent');
    let database = await open();
    await createEffectsTable(database.db);
    const id = await scheduleJob(database.db, clock.now(), {
      kind: 'test.effect',
      payload: { n: 7 },
      runAt: clock.now(),
    });
    // What a runner does before its handler finishes — lock the job, mark it, write effects — inside a
    // transaction that is lost (the process dies before COMMIT):
    const crash = new Error('process died');
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT id FROM jobs WHERE id = ${id} FOR UPDATE SKIP LOCKED`);
        await tx.execute(sql`UPDATE jobs SET status = 'running' WHERE id = ${id}`);
        await insertEffect(tx, 'died', 7);
        throw crash;
      }),
    ).rejects.toBe(crash);
    await database.close();

    database = await open();
    const { runner } = newRunner(database.db, clock, log);
    runner.register('test.effect', async (ctx, payload) => {
      await insertEffect(ctx.db, 'after-restart', payload.n);
    });
    expect(await runner.runDue()).toBe(1);
    expect(await effects(database.db, 'died')).toEqual([]);
    expect(await effects(database.db, 'after-restart')).toEqual([{ tag: 'after-restart', n: 7, worker: null }]);
    expect((await jobRows(database.db)).find((j) => j.id === id)).toMatchObject({ status: 'done', attempts: 1 });
    await database.close();
  });
});
