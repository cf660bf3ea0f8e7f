// Events: delivered after commit, never on rollback; a failing subscriber is logged and harms nobody.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/server/platform/clock';
import type { Database } from '../../src/server/platform/db/client';
import { withTransaction } from '../../src/server/platform/db/transaction';
import { EventBus } from '../../src/server/platform/events/events';
import { createTestDatabase } from '../build-test-app';
import { captureLogger, createEffectsTable, effects, insertEffect, query, systemCtx } from './support';

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
  await createEffectsTable(database.db);
});
afterAll(async () => {
  await drop?.();
});
beforeEach(async () => {
  await database.db.execute(sql`DELETE FROM test_effects`);
});

function setup() {
  const logs = captureLogger('info');
  const bus = new EventBus(logs.log);
  const clock = new FakeClock();
  return { logs, bus, ctx: () => systemCtx(database.db, clock, bus, logs.log) };
}

describe('events and transactions', () => {
  it('delivers events emitted in a transaction after it commits, in order, when the data is visible to all', async () => {
    const { bus, ctx } = setup();
    const seen: { name: string; n: number; committed: number }[] = [];
    let inside = true;
    const observe = (name: string) => async (p: { n: number }) => {
      expect(inside).toBe(false);
      // read through the plain database handle, outside the transaction: the rows are committed
      seen.push({ name, n: p.n, committed: (await effects(database.db, 'ev')).length });
    };
    bus.on('test.happened', observe('test.happened'));
    bus.on('test.other', observe('test.other'));

    const result = await withTransaction(ctx(), async (tx) => {
      await insertEffect(tx.db, 'ev', 1);
      tx.events.emit('test.happened', { n: 1 });
      tx.events.emit('test.other', { n: 2 });
      await insertEffect(tx.db, 'ev', 2);
      tx.events.emit('test.happened', { n: 3 });
      expect(seen).toEqual([]);
      inside = false;
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(seen).toEqual([
      { name: 'test.happened', n: 1, committed: 2 },
      { name: 'test.other', n: 2, committed: 2 },
      { name: 'test.happened', n: 3, committed: 2 },
    ]);
  });

  it('does not deliver events when the transaction throws; its rows are rolled back', async () => {
    const { bus, ctx } = setup();
    const seen: number[] = [];
    bus.on('test.happened', (p) => {
      seen.push(p.n);
    });
    await expect(
      withTransaction(ctx(), async (tx) => {
        await insertEffect(tx.db, 'ev', 1);
        tx.events.emit('test.happened', { n: 1 });
        throw new Error('rule violated');
      }),
    ).rejects.toThrow('rule violated');
    expect(seen).toEqual([]);
    expect(await effects(database.db)).toEqual([]);
  });

  it('does not deliver events when the transaction fails in the database (constraint at commit time)', async () => {
    const { bus, ctx } = setup();
    await database.db.execute(
      sql`CREATE TABLE IF NOT EXISTS test_deferred (id int PRIMARY KEY DEFERRABLE INITIALLY DEFERRED)`,
    );
    const seen: number[] = [];
    bus.on('test.happened', (p) => {
      seen.push(p.n);
    });
    await expect(
      withTransaction(ctx(), async (tx) => {
        await tx.db.execute(sql`INSERT INTO test_deferred VALUES (1), (1)`); // fails only at COMMIT
        tx.events.emit('test.happened', { n: 1 });
      }),
    ).rejects.toThrow();
    expect(seen).toEqual([]);
    expect(await query(database.db, sql`SELECT count(*)::int AS n FROM test_deferred`)).toEqual([{ n: 0 }]);
  });

  it('a nested withTransaction joins the outer one: its events wait for the outer commit', async () => {
    const { bus, ctx } = setup();
    const seen: number[] = [];
    bus.on('test.happened', (p) => {
      seen.push(p.n);
    });
    await withTransaction(ctx(), async (outer) => {
      outer.events.emit('test.happened', { n: 1 });
      await withTransaction(outer, async (inner) => {
        expect(inner.db).toBe(outer.db);
        inner.events.emit('test.happened', { n: 2 });
      });
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual([1, 2]);

    // and the outer rollback drops the inner's events and rows as well
    seen.length = 0;
    await expect(
      withTransaction(ctx(), async (outer) => {
        await withTransaction(outer, async (inner) => {
          await insertEffect(inner.db, 'nested', 1);
          inner.events.emit('test.happened', { n: 3 });
        });
        throw new Error('outer fails after inner finished');
      }),
    ).rejects.toThrow('outer fails');
    expect(seen).toEqual([]);
    expect(await effects(database.db, 'nested')).toEqual([]);
  });

  it('a failing subscriber is logged, does not stop the other subscribers and does not fail the caller', async () => {
    const { bus, ctx, logs } = setup();
    const seen: string[] = [];
    bus.on('test.happened', () => {
      seen.push('first');
      throw new Error('subscriber exploded');
    });
    bus.on('test.happened', async () => {
      seen.push('second');
    });
    bus.on('test.other', async () => {
      seen.push('other');
      throw 'not even an Error';
    });
    const result = await withTransaction(ctx(), async (tx) => {
      await insertEffect(tx.db, 'ev', 1);
      tx.events.emit('test.happened', { n: 1 });
      tx.events.emit('test.other', { n: 2 });
      return 42;
    });
    expect(result).toBe(42);
    expect(seen).toEqual(['first', 'second', 'other']);
    expect(await effects(database.db, 'ev')).toHaveLength(1); // the committed work stays
    const failures = logs.lines.filter((l) => l.msg === 'event handler failed');
    expect(failures.map((l) => l.event)).toEqual(['test.happened', 'test.other']);
    expect(failures[0]?.level).toBe(50); // error
    expect(JSON.stringify(failures[0]?.err)).toContain('subscriber exploded');
  });

  it('outside a transaction, ctx.events delivers at once; a failing subscriber never rejects', async () => {
    const { bus, ctx, logs } = setup();
    const seen: number[] = [];
    bus.on('test.happened', async (p) => {
      seen.push(p.n);
    });
    bus.on('test.happened', () => {
      throw new Error('bad subscriber');
    });
    const c = ctx();
    c.events.emit('test.happened', { n: 1 });
    await expect.poll(() => seen).toEqual([1]);
    await expect.poll(() => logs.lines.filter((l) => l.msg === 'event handler failed').length).toBe(1);
  });

  it('on() returns an unsubscribe function', async () => {
    const { bus } = setup();
    const seen: number[] = [];
    const off = bus.on('test.happened', (p) => {
      seen.push(p.n);
    });
    await bus.deliver([{ name: 'test.happened', payload: { n: 1 } }]);
    off();
    await bus.deliver([{ name: 'test.happened', payload: { n: 2 } }]);
    expect(seen).toEqual([1]);
  });

  it('a subscriber can start its own transaction after the commit (call down, notify up)', async () => {
    const { bus, ctx } = setup();
    bus.on('test.happened', async (p) => {
      await withTransaction(ctx(), async (tx) => {
        await insertEffect(tx.db, 'reaction', p.n);
        tx.events.emit('test.other', { n: p.n + 1 });
      });
    });
    const chained: number[] = [];
    bus.on('test.other', (p) => {
      chained.push(p.n);
    });
    await withTransaction(ctx(), async (tx) => {
      await insertEffect(tx.db, 'cause', 1);
      tx.events.emit('test.happened', { n: 1 });
    });
    expect(await effects(database.db)).toEqual([
      { tag: 'cause', n: 1, worker: null },
      { tag: 'reaction', n: 1, worker: null },
    ]);
    expect(chained).toEqual([2]);
  });
});
