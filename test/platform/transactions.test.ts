// Transactions on both drivers: concurrent transactions never interleave on PGlite's single session, a
// transaction that throws commits nothing, and the database stays usable after failures.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/server/platform/clock';
import type { Database } from '../../src/server/platform/db/client';
import { withTransaction } from '../../src/server/platform/db/transaction';
import { EventBus } from '../../src/server/platform/events/events';
import { sqlState } from '../../src/server/platform/http/db-errors';
import { createTestDatabase } from '../build-test-app';
import { captureLogger, gate, query, systemCtx } from './support';

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
  await database.db.execute(sql`CREATE TABLE test_rows (id int PRIMARY KEY, batch text NOT NULL)`);
});
afterAll(async () => {
  await drop?.();
});
beforeEach(async () => {
  await database.db.execute(sql`DELETE FROM test_rows`);
});

const { log } = captureLogger('silent');
const bus = new EventBus(log);
const clock = new FakeClock();
const ctx = () => systemCtx(database.db, clock, bus, log);

async function ids(batch?: string): Promise<number[]> {
  const res = await query<{ id: number }>(
    database.db,
    batch
      ? sql`SELECT id FROM test_rows WHERE batch = ${batch} ORDER BY id`
      : sql`SELECT id FROM test_rows ORDER BY id`,
  );
  return res.map((r) => Number(r.id));
}

const tick = () => new Promise((r) => setImmediate(r));

describe('concurrent transactions', () => {
  it('50 concurrent transactions, every 5th throwing after its insert: exactly the other 45 rows exist', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        withTransaction(ctx(), async (tx) => {
          await tx.db.execute(sql`INSERT INTO test_rows (id, batch) VALUES (${i}, 'c50')`);
          await tick(); // give the others every chance to interleave
          const mine = await query<{ n: number }>(tx.db, sql`SELECT count(*) AS n FROM test_rows WHERE id = ${i}`);
          expect(Number(mine[0]?.n)).toBe(1);
          if (i % 5 === 4) throw new Error(`tx ${i} fails`);
          return i;
        }),
      ),
    );
    const expected = Array.from({ length: 50 }, (_, i) => i).filter((i) => i % 5 !== 4);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(10);
    expect(outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : [])).sort((a, b) => a - b)).toEqual(
      expected,
    );
    for (const [i, o] of outcomes.entries()) {
      if (o.status === 'rejected') expect((o.reason as Error).message).toBe(`tx ${i} fails`);
    }
    expect(await ids('c50')).toEqual(expected);
  });

  it('repeats the 50-transaction run mixed with plain queries and still keeps exactly the committed rows', async () => {
    const work = Array.from({ length: 50 }, (_, i) =>
      i % 10 === 0
        ? database.db.execute(sql`SELECT count(*) FROM test_rows`).then(() => 'read')
        : withTransaction(ctx(), async (tx) => {
            await tx.db.execute(sql`INSERT INTO test_rows (id, batch) VALUES (${100 + i}, 'mix')`);
            await tick();
            await tx.db.execute(sql`UPDATE test_rows SET batch = 'mix' WHERE id = ${100 + i}`);
            if (i % 5 === 4) throw new Error('fail');
            return 'ok';
          }),
    );
    await Promise.allSettled(work);
    const expected = Array.from({ length: 50 }, (_, i) => i).filter((i) => i % 10 !== 0 && i % 5 !== 4);
    expect(await ids('mix')).toEqual(expected.map((i) => 100 + i));
  });

  it('a query outside an open transaction never sees its uncommitted rows (PGlite waits, PostgreSQL isolates)', async () => {
    const inserted = gate();
    const finish = gate();
    const tx = withTransaction(ctx(), async (t) => {
      await t.db.execute(sql`INSERT INTO test_rows (id, batch) VALUES (1, 'iso')`);
      inserted.open();
      await finish.promise;
      throw new Error('rolled back');
    });
    const txOutcome = tx.then(
      () => 'committed',
      () => 'rolled back',
    );
    await inserted.promise;
    const outside = query<{ n: number }>(database.db, sql`SELECT count(*) AS n FROM test_rows WHERE batch = 'iso'`);
    await tick();
    finish.open();
    expect(await txOutcome).toBe('rolled back');
    expect(Number((await outside)[0]?.n)).toBe(0);
    expect(await ids('iso')).toEqual([]);
  });

  it('the result of the callback is returned after commit', async () => {
    const out = await withTransaction(ctx(), async (tx) => {
      await tx.db.execute(sql`INSERT INTO test_rows (id, batch) VALUES (7, 'ret')`);
      return { id: 7 };
    });
    expect(out).toEqual({ id: 7 });
    expect(await ids('ret')).toEqual([7]);
  });

  it('a database error inside a transaction rolls it back, keeps its SQLSTATE, and leaves the database usable', async () => {
    await database.db.execute(sql`INSERT INTO test_rows (id, batch) VALUES (1, 'dup')`);
    let caught: unknown;
    try {
      await withTransaction(ctx(), async (tx) => {
        await tx.db.execute(sql`INSERT INTO test_rows (id, batch) VALUES (2, 'dup')`);
        await tx.db.execute(sql`INSERT INTO test_rows (id, batch) VALUES (1, 'dup')`); // duplicate key
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(sqlState(caught)).toBe('23505');
    expect(await ids('dup')).toEqual([1]);
    // the session is not left in an aborted transaction
    await withTransaction(ctx(), async (tx) => {
      await tx.db.execute(sql`INSERT INTO test_rows (id, batch) VALUES (3, 'dup')`);
    });
    expect(await ids('dup')).toEqual([1, 3]);
  });

  it('a nested withTransaction joins the outer transaction: an error propagating out rolls back both', async () => {
    await expect(
      withTransaction(ctx(), async (outer) => {
        await outer.db.execute(sql`INSERT INTO test_rows (id, batch) VALUES (1, 'nest')`);
        await withTransaction(outer, async (inner) => {
          expect(inner.inTransaction).toBe(true);
          await inner.db.execute(sql`INSERT INTO test_rows (id, batch) VALUES (2, 'nest')`);
          throw new Error('inner fails');
        });
      }),
    ).rejects.toThrow('inner fails');
    expect(await ids('nest')).toEqual([]);
  });

  it('a savepoint (db.transaction inside a transaction) rolls back only its part', async () => {
    await withTransaction(ctx(), async (tx) => {
      await tx.db.execute(sql`INSERT INTO test_rows (id, batch) VALUES (1, 'sp')`);
      await expect(
        tx.db.transaction(async (sp) => {
          await sp.execute(sql`INSERT INTO test_rows (id, batch) VALUES (2, 'sp')`);
          throw new Error('part fails');
        }),
      ).rejects.toThrow('part fails');
      await tx.db.execute(sql`INSERT INTO test_rows (id, batch) VALUES (3, 'sp')`);
    });
    expect(await ids('sp')).toEqual([1, 3]);
  });
});
