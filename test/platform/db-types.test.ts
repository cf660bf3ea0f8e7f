// int8/bigint (and count(*)) parse the same on PGlite and on PostgreSQL: a JS number within the safe range,
// an error beyond it — never a silently rounded number, never a string or a BigInt.
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/server/platform/clock';
import type { Database } from '../../src/server/platform/db/client';
import { withTransaction } from '../../src/server/platform/db/transaction';
import { EventBus } from '../../src/server/platform/events/events';
import { scheduleJob } from '../../src/server/platform/jobs/jobs';
import { jobs } from '../../src/server/platform/jobs/jobs.schema';
import { createTestDatabase } from '../build-test-app';
import { captureLogger, query, systemCtx } from './support';

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
  await database.db.execute(sql`CREATE TABLE test_big (id bigserial PRIMARY KEY, v bigint, amount numeric(12,2))`);
});
afterAll(async () => {
  await drop?.();
});

/** The error or one of its causes (drizzle wraps driver errors in "Failed query: …") matches. */
async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  let caught: unknown = null;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught, 'expected a rejection').toBeInstanceOf(Error);
  const messages: string[] = [];
  for (let e: unknown = caught; e instanceof Error; e = e.cause) messages.push(e.message);
  expect(
    messages.some((m) => pattern.test(m)),
    messages.join(' <- '),
  ).toBe(true);
}

const one = async (q: SQL) => (await query(database.db, q))[0] as Record<string, unknown>;

describe('int8 parsing', () => {
  it('count(*) is a number', async () => {
    await database.db.execute(sql`INSERT INTO test_big (v) VALUES (1), (2), (3)`);
    const row = await one(sql`SELECT count(*) AS n FROM test_big`);
    expect(row.n).toBe(3);
    expect(typeof row.n).toBe('number');
    expect(await database.db.$count(jobs)).toBe(0);
  });

  it('a bigint column is a number, through raw SQL and through the query builder', async () => {
    await database.db.execute(sql`INSERT INTO test_big (v) VALUES (${9_007_199_254_740_991}), (-42)`);
    const rows = await query(
      database.db,
      sql`SELECT id, v FROM test_big WHERE v IN (9007199254740991, -42) ORDER BY v`,
    );
    expect(rows.map((r) => r.v)).toEqual([-42, Number.MAX_SAFE_INTEGER]);
    for (const r of rows) expect(typeof r.id).toBe('number');

    const clock = new FakeClock();
    const id = await scheduleJob(database.db, clock.now(), { kind: 'platform.noop', payload: {}, runAt: clock.now() });
    expect(typeof id).toBe('number');
    const [job] = await database.db.select({ id: jobs.id }).from(jobs);
    expect(job?.id).toBe(id);
  });

  it('select 9007199254740991::int8 (the largest safe integer) is exact', async () => {
    expect((await one(sql`SELECT 9007199254740991::int8 AS v`)).v).toBe(9_007_199_254_740_991);
    expect((await one(sql`SELECT (-9007199254740991)::int8 AS v`)).v).toBe(-9_007_199_254_740_991);
  });

  it('select 9007199254740993::int8 fails instead of returning a rounded number', async () => {
    await rejectsWith(
      database.db.execute(sql`SELECT 9007199254740993::int8 AS v`),
      /out of safe range: 9007199254740993/,
    );
    await rejectsWith(database.db.execute(sql`SELECT (-9007199254740993)::int8 AS v`), /out of safe range/);
    await rejectsWith(database.db.execute(sql`SELECT 9223372036854775807::int8 AS v`), /out of safe range/);
    await rejectsWith(database.db.execute(sql`SELECT ARRAY[1, 9007199254740993]::int8[] AS v`), /out of safe range/);
    // the database is still usable afterwards
    expect((await one(sql`SELECT 1::int8 AS v`)).v).toBe(1);
  });

  it('an out-of-range int8 inside a transaction fails the transaction and leaves the database usable', async () => {
    const { log } = captureLogger('silent');
    const bus = new EventBus(log);
    await rejectsWith(
      withTransaction(systemCtx(database.db, new FakeClock(), bus, log), async (tx) => {
        await tx.db.execute(sql`INSERT INTO test_big (v) VALUES (77)`);
        await tx.db.execute(sql`SELECT 9007199254740993::int8 AS v`);
      }),
      /out of safe range/,
    );
    expect((await one(sql`SELECT count(*) AS n FROM test_big WHERE v = 77`)).n).toBe(0);
  });

  it('sum() over int8 (numeric) and numeric columns come back as exact strings on both drivers', async () => {
    await database.db.execute(sql`INSERT INTO test_big (v, amount) VALUES (5, 12.30)`);
    const row = await one(sql`SELECT amount, sum(v) OVER () AS s FROM test_big WHERE v = 5`);
    expect(row.amount).toBe('12.30');
    expect(typeof row.s).toBe('string');
  });

  it('int4 and int2 are numbers', async () => {
    const row = await one(sql`SELECT 5::int4 AS a, 6::int2 AS b`);
    expect(row).toEqual({ a: 5, b: 6 });
  });

  it('int8[] (e.g. array_agg of ids) is an array of numbers, nulls and nesting kept', async () => {
    expect((await one(sql`SELECT array_agg(x::int8 ORDER BY x) AS a FROM generate_series(1, 3) x`)).a).toEqual([
      1, 2, 3,
    ]);
    const row = await one(
      sql`SELECT ARRAY[NULL, 3]::int8[] AS a, ARRAY[[1, 2], [3, 4]]::int8[] AS m, ARRAY[]::int8[] AS e`,
    );
    expect(row).toEqual({
      a: [null, 3],
      m: [
        [1, 2],
        [3, 4],
      ],
      e: [],
    });
  });
});
