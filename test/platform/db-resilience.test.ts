// The pg pool survives a database restart. A TCP proxy between the app and PostgreSQL plays the server:
// "restarting" it kills every connection and refuses new ones, without touching the real server that the
// other test files use.
import net from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Aircare, buildApp } from '../../src/server/app';
import { FakeClock } from '../../src/server/platform/clock';
import { loadConfig } from '../../src/server/platform/config';
import { type Database, openDatabase } from '../../src/server/platform/db/client';
import { withTransaction } from '../../src/server/platform/db/transaction';
import { isDatabaseUnavailable } from '../../src/server/platform/http/db-errors';
import { scheduleJob } from '../../src/server/platform/jobs/jobs';
import { createTestDatabase } from '../build-test-app';
import {
  captureLogger,
  createEffectsTable,
  effects,
  gate,
  insertEffect,
  query,
  systemCtx,
  TEST_CIPHER,
} from './support';

/** A TCP proxy that can be stopped (all connections killed, new ones refused) and started again on its port. */
class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Kills every proxied connection; with `refuse`, also stops accepting new ones (the server is down). */
  async kill({ refuse }: { refuse: boolean }): Promise<void> {
    const closing = refuse && this.server ? new Promise<void>((r) => this.server?.close(() => r())) : null;
    if (refuse) this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closing;
  }

  get listening(): boolean {
    return this.server !== null;
  }
}

// PGlite runs in-process: it has no server to lose, so these tests need DATABASE_URL.
describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL restart (through a TCP proxy)', () => {
  let proxy: TcpProxy;
  let direct: Database;
  let proxied: Database;
  let drop: () => Promise<void>;
  let aircare: Aircare;
  const clock = new FakeClock();
  const logs = captureLogger('info');
  const problems: unknown[] = [];
  const onProblem = (err: unknown) => problems.push(err);

  beforeAll(async () => {
    const t = await createTestDatabase();
    direct = t.database;
    drop = t.drop;
    await createEffectsTable(direct.db);
    const url = new URL(t.url as string);
    proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    await proxy.start();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    proxied = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', log: logs.log, poolSize: 4 });
    const config = { ...loadConfig({ NODE_ENV: 'test' }), jobsPollMs: 0, webDir: '/nonexistent' };
    aircare = await buildApp({ config, database: proxied, clock, log: logs.log, cipher: TEST_CIPHER });
    process.on('uncaughtException', onProblem);
    process.on('unhandledRejection', onProblem);
  });
  afterAll(async () => {
    process.off('uncaughtException', onProblem);
    process.off('unhandledRejection', onProblem);
    await aircare?.close();
    await proxied?.close().catch(() => {});
    await proxy?.kill({ refuse: true });
    await drop?.();
  });
  beforeEach(async () => {
    // every test starts with the "server" up
    if (!proxy.listening) await proxy.start();
  });
  afterEach(() => {
    expect(problems).toEqual([]);
    expect(logs.lines.filter((l) => l.msg === 'unhandled error')).toEqual([]);
  });

  const health = () => aircare.app.inject({ method: 'GET', url: '/api/health' });

  /**
   * After a restart, a pooled connection the pool has not yet seen die may fail one request with 503 (it is
   * then discarded); never a 500. Within pool-size + 1 requests the app must be healthy again.
   */
  async function healthyAgain(): Promise<void> {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const status = (await health()).statusCode;
      statuses.push(status);
      if (status === 200) break;
    }
    expect(
      statuses.every((s) => s === 200 || s === 503),
      statuses.join(),
    ).toBe(true);
    expect(statuses.at(-1)).toBe(200);
  }

  it('answers 503 UNAVAILABLE while the database is down, and 200 again once it is back', async () => {
    // open several pooled connections so there are idle clients to lose
    await Promise.all(Array.from({ length: 4 }, () => health()));
    expect((await health()).json()).toMatchObject({ status: 'ok', database: 'ok', driver: 'pg' });

    await proxy.kill({ refuse: true });
    for (let i = 0; i < 3; i++) {
      const res = await health();
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'UNAVAILABLE' });
      expect(res.headers['retry-after']).toBe('5');
    }
    // other endpoints too: a login attempt is 503, not 500 and not "wrong password"
    const login = await aircare.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'nobody', password: 'whatever-1' }),
    });
    expect(login.statusCode).toBe(503);
    expect(login.json().code).toBe('UNAVAILABLE');

    await proxy.start();
    await healthyAgain();
    const back = await health();
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'ok', database: 'ok' });
    expect(logs.lines.some((l) => l.msg === 'database unavailable')).toBe(true);
  });

  it('after all connections drop while the server stays reachable, requests recover (at worst one 503 per lost connection)', async () => {
    await Promise.all(Array.from({ length: 4 }, () => health()));
    await proxy.kill({ refuse: false });
    await healthyAgain();
    for (let i = 0; i < 3; i++) expect((await health()).statusCode).toBe(200);
  });

  it('a transaction whose connection dies mid-way fails as "unavailable", without crashing the process', async () => {
    const { bus } = aircare;
    const ctx = systemCtx(proxied.db, clock, bus, logs.log);
    const inserted = gate();
    const goOn = gate();
    const tx = withTransaction(ctx, async (t) => {
      await insertEffect(t.db, 'mid-tx', 1);
      inserted.open();
      await goOn.promise; // the connection is killed while the transaction holds its client
      await insertEffect(t.db, 'mid-tx', 2);
    });
    const outcome = tx.then(
      () => null,
      (err: unknown) => err,
    );
    await inserted.promise;
    await proxy.kill({ refuse: true });
    goOn.open();
    const err = await outcome;
    expect(err).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(err)).toBe(true);

    await proxy.start();
    expect(await effects(direct.db, 'mid-tx')).toEqual([]); // nothing of it was committed
    await withTransaction(ctx, async (t) => {
      await insertEffect(t.db, 'after', 1);
    });
    expect(await effects(direct.db, 'after')).toHaveLength(1);
    await healthyAgain();
  });

  it('survives more restarts than the pool has connections, each one breaking a transaction at BEGIN', async () => {
    const ctx = systemCtx(proxied.db, clock, aircare.bus, logs.log);
    for (let round = 0; round < 6; round++) {
      await healthyAgain(); // leaves an idle pooled connection
      await proxy.kill({ refuse: false });
      // the transaction takes the idle client before the pool notices it is dead: BEGIN fails
      const failed = await withTransaction(ctx, async (t) => insertEffect(t.db, 'begin-fails', round)).then(
        () => null,
        (err: unknown) => err,
      );
      if (failed) expect(isDatabaseUnavailable(failed)).toBe(true);
    }
    // no client was leaked: the pool (4 connections) still serves transactions and requests at once
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => withTransaction(ctx, async (t) => insertEffect(t.db, 'after-rounds', i))),
    );
    expect(await effects(direct.db, 'after-rounds')).toHaveLength(8);
    await healthyAgain();
    expect(proxied.pool?.waitingCount).toBe(0);
  });

  it('a query in flight when the server goes away fails as "unavailable"', async () => {
    expect(await query(proxied.db, sql`SELECT pg_backend_pid() AS pid`)).toHaveLength(1);
    const slow = proxied.db.execute(sql`SELECT pg_sleep(30)`).then(
      () => null,
      (err: unknown) => err,
    );
    await expect
      .poll(async () => {
        const r = await query<{ n: number }>(
          direct.db,
          sql`SELECT count(*) AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'`,
        );
        return Number(r[0]?.n);
      })
      .toBe(1);
    await proxy.kill({ refuse: true });
    const err = await slow;
    expect(isDatabaseUnavailable(err)).toBe(true);
    await proxy.start();
    await healthyAgain();
  });

  it('the job runner survives the outage: runDue rejects while down, then runs the job once', async () => {
    const { jobs: runner } = aircare;
    runner.register('test.effect', async (ctx, payload) => {
      await insertEffect(ctx.db, 'job-outage', payload.n);
    });
    await scheduleJob(direct.db, clock.now(), { kind: 'test.effect', payload: { n: 1 }, runAt: clock.now() });
    await proxy.kill({ refuse: true });
    let failure: unknown = null;
    try {
      await runner.runDue();
    } catch (err) {
      failure = err;
    }
    expect(isDatabaseUnavailable(failure)).toBe(true);
    await proxy.start();
    await healthyAgain();
    expect(await runner.runDue()).toBe(1);
    expect(await effects(direct.db, 'job-outage')).toHaveLength(1);
  });
});
