// The ledger survives a killed server (issue 5, "Tests"): the real server runs as a child process; the test fires
// 1,000 concurrent issues of one unit (each its own requestId), SIGKILLs the server after a random number of
// acknowledged responses, restarts it on the same data, and retries all 1,000. Nothing acknowledged is lost, nothing
// is doubled: every acknowledged request is in the ledger exactly once after the restart, every request id has
// exactly one movement after the retries, and the balance is the opening stock − 1,000 = the sum of the movements.
// Runs on PostgreSQL when DATABASE_URL is set (a database cloned from the test template), else on PGlite in a
// temporary data directory.

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createBranch, createUser } from '../../src/server/modules/identity';
import { seedPartsCatalog, seedStockLocations } from '../../src/server/modules/parts';
import { createSystemCtx } from '../../src/server/platform/context';
import { DataCipher } from '../../src/server/platform/crypto';
import { type Database, openDatabase } from '../../src/server/platform/db/client';
import { EventBus } from '../../src/server/platform/events/events';
import { createLogger } from '../../src/server/platform/log';
import { createTestDatabase } from '../build-test-app';

const ISSUES = 1_000;
const OPENING = 1_500;
const PASSWORD = 'crash-test-password-1';
const PART_CODE = 'CRASH-CAP-01';
const WO = '0b9f3c2e-7a41-4d5b-9e6c-2f8a1d3c4b5e';
const PGLITE = !process.env.DATABASE_URL;
/** Generous: tsx compiles the server on a loaded 2-CPU machine, PGlite replays its WAL. */
const START_TIMEOUT_MS = 150_000;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

interface Server {
  child: ChildProcess;
  base: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node --import tsx src/server/main.ts` (what `npm start` runs after building the web app), until /api/health. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      AIRCARE_DEMO: 'false',
      LOG_LEVEL: 'warn',
      JOBS_POLL_MS: '0',
      WEB_DIR: '/nonexistent',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: Server = { child, base: `http://127.0.0.1:${port}`, output: () => output, exited };
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${output}`);
    if ((await call(server.base, 'GET', '/api/health', { timeoutMs: 5_000 })).status === 200) return server;
    if (Date.now() > deadline) throw new Error(`server did not start in ${START_TIMEOUT_MS} ms:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopServer(server: Server): Promise<void> {
  server.child.kill('SIGTERM');
  const { code } = await server.exited;
  expect(code, server.output()).toBe(0);
}

const HEADERS = { 'content-type': 'application/json', 'x-requested-with': 'aircare' };
/** Every request its own connection: a killed server leaves no half-dead keep-alive sockets behind. */
const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

/**
 * One HTTP request with node:http — unlike fetch (undici), it has no 10 s connect timeout, so a request waiting in
 * the server's accept backlog during the burst is still sent. `status` 0: no answer (reset, refused, timed out).
 */
function call(
  base: string,
  method: 'GET' | 'POST',
  urlPath: string,
  opts: { cookie?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<{ status: number; text: string; setCookie: string; error?: string }> {
  return new Promise((resolve) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      `${base}${urlPath}`,
      {
        method,
        agent,
        headers: { ...HEADERS, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
        timeout: opts.timeoutMs ?? 300_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text, setCookie: String(res.headers['set-cookie'] ?? '') }),
        );
        res.on('error', (err) => resolve({ status: 0, text: '', setCookie: '', error: (err as Error).message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      resolve({ status: 0, text: '', setCookie: '', error: code ?? err.message });
    });
    req.end(payload);
  });
}

async function login(base: string): Promise<string> {
  const res = await call(base, 'POST', '/api/auth/login', { body: { username: 'crash-wh', password: PASSWORD } });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${res.text}`);
  return res.setCookie.split(';')[0] as string;
}

type Answer = { status: number; movementId?: string; error?: string };

async function postIssue(base: string, cookie: string, body: object): Promise<Answer> {
  const res = await call(base, 'POST', '/api/stock-movements', { cookie, body });
  if (res.status === 201) return { status: 201, movementId: JSON.parse(res.text).movements[0].id };
  return { status: res.status, error: res.error ?? res.text.slice(0, 200) };
}

/** All movements of the part through the API (the listing is paged, 200 at most). */
async function ledgerViaApi(base: string, cookie: string, partId: string) {
  const out: { id: string; requestId: string; kind: string; quantity: number }[] = [];
  for (let page = 1; ; page++) {
    const res = await call(base, 'GET', `/api/stock-movements?partId=${partId}&pageSize=200&page=${page}`, { cookie });
    expect(res.status, res.text).toBe(200);
    const body = JSON.parse(res.text) as { items: typeof out; total: number };
    out.push(...body.items);
    if (!body.items.length || out.length >= body.total) return out;
  }
}

async function balanceViaApi(base: string, cookie: string, partId: string): Promise<number> {
  const res = await call(base, 'GET', `/api/stock-balances?partId=${partId}&pageSize=200`, { cookie });
  expect(res.status, res.text).toBe(200);
  return (JSON.parse(res.text) as { totalQuantity: number }).totalQuantity;
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

interface Prepared {
  partId: string;
  locationId: string;
}

/** A branch, a warehouse keeper with a known password, the central warehouse and a part with opening stock. */
async function prepare(database: Database, cipher: DataCipher): Promise<Prepared> {
  const log = createLogger({ logLevel: 'silent' });
  const ctx = () =>
    createSystemCtx({ db: database.db, log, bus: new EventBus(log), cipher, now: new Date(), requestId: 'crash' });
  const branch = await createBranch(ctx(), { code: 'GZ-TH', name: '广州天河服务网点', city: '广州' });
  await createUser(ctx(), {
    username: 'crash-wh',
    displayName: '仓管 崩溃测试',
    password: PASSWORD,
    roles: ['warehouse'],
    branchId: branch.id,
  });
  await seedStockLocations(ctx(), { central: { code: 'WH-CENTRAL', name: '中心仓' }, stores: [], vans: [] });
  await seedPartsCatalog(ctx(), {
    parts: [
      {
        code: PART_CODE,
        name: '启动电容',
        spec: '35μF 450V',
        unit: '个',
        category: 'capacitor',
        designated: true,
        serialTracked: false,
        lotTracked: false,
        warrantyMonths: 12,
        standardCostFen: 1800,
        compatibleModels: [],
      },
    ],
    openingStock: [{ partCode: PART_CODE, locationCode: 'WH-CENTRAL', unitCostFen: 1750, quantity: OPENING }],
  });
  const [row] = (
    (await database.db.execute(sql`
      select p.id as part_id, l.id as location_id from parts p, stock_locations l
      where p.code = ${PART_CODE} and l.code = 'WH-CENTRAL'`)) as unknown as {
      rows: { part_id: string; location_id: string }[];
    }
  ).rows;
  if (!row) throw new Error('set-up failed');
  return { partId: row.part_id, locationId: row.location_id };
}

/** What SQL finds once the server is down: one movement per request id, balance = opening − issues = Σ movements. */
async function assertBooks(database: Database, p: Prepared, requestIds: string[]): Promise<void> {
  const q = async <T>(query: ReturnType<typeof sql>) =>
    ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const perRequest = await q<{ request_id: string; n: number }>(sql`
    select request_id, count(*)::int as n from stock_movements
    where part_id = ${p.partId} and kind = 'issue' group by request_id`);
  const counts = new Map(perRequest.map((r) => [r.request_id, Number(r.n)]));
  expect(requestIds.filter((id) => counts.get(id) !== 1)).toEqual([]);
  expect(perRequest.length).toBe(ISSUES);
  const [all] = await q<{ n: number }>(sql`select count(*)::int as n from stock_movements where part_id = ${p.partId}`);
  expect(Number(all?.n), 'the opening receipt and 1,000 issues, nothing else').toBe(ISSUES + 1);
  const [b] = await q<{ balance: number; moved: number }>(sql`
    select (select coalesce(sum(quantity), 0)::int from stock_balances
            where part_id = ${p.partId} and location_id = ${p.locationId}) as balance,
           (select coalesce(sum(quantity), 0)::int from stock_movements
            where part_id = ${p.partId} and location_id = ${p.locationId}) as moved`);
  expect(Number(b?.balance)).toBe(OPENING - ISSUES);
  expect(Number(b?.moved)).toBe(OPENING - ISSUES);
}

describe.skipIf(!PGLITE)('crash: PGlite in a data directory', () => {
  it('SIGKILL during 1,000 concurrent issues: restart, retry — nothing lost, nothing doubled', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aircare-crash-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const key = randomBytes(32);
    // PGlite's data directory belongs to one process: set it up here (from the test run's migrated template),
    // close it, then hand it to the server.
    const t0 = Date.now();
    const template = inject('pgliteTemplate');
    if (!template) throw new Error('test template missing: run through vitest (globalSetup)');
    const database = await openDatabase({
      databaseUrl: null,
      dataDir: dir,
      loadDataDir: new Blob([readFileSync(template)]),
    });
    const prepared = await prepare(database, new DataCipher(key));
    await database.close();
    progress(`data directory prepared in ${Date.now() - t0} ms`);

    const env = { DATA_DIR: dir, DATABASE_URL: '', AIRCARE_DATA_KEY: key.toString('base64') };
    const requestIds = await crashAndRecover(env, prepared);

    const reopened = await openDatabase({ databaseUrl: null, dataDir: dir });
    try {
      await assertBooks(reopened, prepared, requestIds);
    } finally {
      await reopened.close();
    }
  }, 600_000);
});

describe.skipIf(PGLITE)('crash: PostgreSQL', () => {
  it('SIGKILL during 1,000 concurrent issues: restart, retry — nothing lost, nothing doubled', async () => {
    const { database, url, drop } = await createTestDatabase();
    cleanups.push(drop);
    const key = randomBytes(32);
    const prepared = await prepare(database, new DataCipher(key));

    const env = { DATABASE_URL: url as string, AIRCARE_DATA_KEY: key.toString('base64') };
    const requestIds = await crashAndRecover(env, prepared);

    await assertBooks(database, prepared, requestIds);
  }, 600_000);
});

const progress = (m: string) => console.info(`crash test (${PGLITE ? 'PGlite' : 'PostgreSQL'}): ${m}`);

/** Crashes and restarts the server; returns the 1,000 request ids, all posted once by then. */
async function crashAndRecover(env: Record<string, string>, p: Prepared): Promise<string[]> {
  const run = randomUUID().slice(0, 8);
  const requestIds = Array.from({ length: ISSUES }, (_, i) => `crash-${run}-${String(i).padStart(4, '0')}`);
  const bodies = requestIds.map((requestId) => ({
    requestId,
    kind: 'issue',
    partId: p.partId,
    locationId: p.locationId,
    quantity: 1,
    workOrderId: WO,
    workOrderNumber: 'WO-20260601-0001',
  }));
  const killAfter = 200 + Math.floor(Math.random() * 401);

  // 1. The first life: 1,000 issues at once; SIGKILL after `killAfter` acknowledgements. A client answered 503 (no
  //    database connection free within the pool's 5 s on PostgreSQL; nothing was done) tries again, as a real one
  //    would, so the burst goes on until the kill whatever the machine's speed.
  let t0 = Date.now();
  const first = await startServer(env);
  const firstStartMs = Date.now() - t0;
  const cookie = await login(first.base);
  let acked = 0;
  let busy = 0;
  let killedAtAck: number | null = null;
  t0 = Date.now();
  const answers = await Promise.all(
    bodies.map(async (body) => {
      for (;;) {
        const a = await postIssue(first.base, cookie, body);
        if (a.status === 503 && killedAtAck === null) {
          busy++;
          await new Promise((r) => setTimeout(r, 200 + Math.random() * 800));
          continue;
        }
        if (a.status === 201 && ++acked === killAfter) {
          first.child.kill('SIGKILL');
          killedAtAck = acked;
        }
        return a;
      }
    }),
  );
  if (killedAtAck === null) first.child.kill('SIGKILL');
  const exit = await first.exited;
  const firstLifeMs = Date.now() - t0;
  const ack = new Map<string, string>();
  answers.forEach((a, i) => {
    if (a.status === 201) ack.set(requestIds[i] as string, a.movementId as string);
  });
  const tally = (xs: Answer[]) =>
    xs.reduce<Record<string, number>>((m, a) => {
      const k = a.status === 0 ? `no answer (${a.error})` : String(a.status);
      m[k] = (m[k] ?? 0) + 1;
      return m;
    }, {});
  const firstLife = tally(answers);
  progress(`first life over after ${firstLifeMs} ms: ${JSON.stringify(firstLife)}, ${busy} × 503 tried again`);
  expect(killedAtAck, `the server was not killed: ${JSON.stringify(firstLife)}\n${first.output()}`).toBe(killAfter);
  expect(exit.signal).toBe('SIGKILL');
  // Only successes and unanswered requests: no refusal, no 500.
  expect(
    answers.filter((a) => a.status !== 201 && a.status !== 0 && a.status !== 503),
    JSON.stringify(firstLife),
  ).toEqual([]);

  // 2. Restart on the same data.
  t0 = Date.now();
  const second = await startServer(env);
  const recoveryMs = Date.now() - t0;
  // Warnings and errors the restarted server logged (pino JSON lines; the banner is left out).
  const restartLog = second
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .join('\n');
  progress(`restarted in ${recoveryMs} ms${restartLog ? `; it logged:\n${restartLog.slice(0, 2000)}` : ''}`);
  const cookie2 = await login(second.base);
  const afterCrash = await ledgerViaApi(second.base, cookie2, p.partId);
  const issued = new Map<string, number>();
  for (const m of afterCrash.filter((x) => x.kind === 'issue')) {
    issued.set(m.requestId, (issued.get(m.requestId) ?? 0) + 1);
  }
  const lost = [...ack.keys()].filter((id) => issued.get(id) !== 1);
  expect(lost, 'acknowledged before the kill but not in the ledger exactly once').toEqual([]);
  expect(
    [...issued].filter(([, n]) => n !== 1),
    'request ids posted twice',
  ).toEqual([]);
  const committedUnacked = issued.size - ack.size;
  expect(await balanceViaApi(second.base, cookie2, p.partId)).toBe(OPENING - issued.size);

  // 3. Retry every one of the 1,000 with its requestId (50 at a time; a 503 is retried again a second later).
  t0 = Date.now();
  const final = new Map<string, Answer>();
  const attempts: Answer[] = [];
  let pending = bodies;
  for (let round = 1; pending.length && round <= 10; round++) {
    if (round > 1) await new Promise((r) => setTimeout(r, 1_000));
    const got = await pool(
      pending.map((b) => () => postIssue(second.base, cookie2, b)),
      50,
    );
    got.forEach((a, i) => {
      final.set((pending[i] as { requestId: string }).requestId, a);
      attempts.push(a);
    });
    pending = pending.filter((_, i) => got[i]?.status !== 201);
  }
  const retryMs = Date.now() - t0;
  progress(`retries done in ${retryMs} ms`);
  const retried = tally(attempts);
  expect(pending.length, JSON.stringify(retried)).toBe(0);
  // An acknowledged request's retry replays the very same movement.
  const replayedOther = [...ack].filter(([id, movementId]) => final.get(id)?.movementId !== movementId);
  expect(replayedOther).toEqual([]);

  const afterRetry = (await ledgerViaApi(second.base, cookie2, p.partId)).filter((m) => m.kind === 'issue');
  expect(afterRetry).toHaveLength(ISSUES);
  expect(new Set(afterRetry.map((m) => m.requestId)).size).toBe(ISSUES);
  expect(await balanceViaApi(second.base, cookie2, p.partId)).toBe(OPENING - ISSUES);
  await stopServer(second);

  console.info(
    `crash test (${PGLITE ? 'PGlite' : 'PostgreSQL'}): server up in ${firstStartMs} ms; killed after ${killAfter} ` +
      `acknowledged issues, ${firstLifeMs} ms after the burst began (first life: ${JSON.stringify(firstLife)}, ` +
      `${busy} answers 503 tried again); after the restart (${recoveryMs} ms to ` +
      `healthy) the ledger held ${issued.size} issues: all ${ack.size} acknowledged + ${committedUnacked} committed ` +
      `but unanswered; retrying all ${ISSUES} took ${retryMs} ms (${JSON.stringify(retried)}); ` +
      `balance ${OPENING} → ${OPENING - ISSUES}`,
  );
  return requestIds;
}
