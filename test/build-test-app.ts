import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { FULL_MOBILE_PATTERN } from '@shared/domain/phone';
import type { Role } from '@shared/domain/roles';
import pg from 'pg';
import { inject } from 'vitest';
import { type Aircare, buildApp } from '../src/server/app';
import { createBranch, createUser } from '../src/server/modules/identity';
import { FakeClock } from '../src/server/platform/clock';
import { type Config, loadConfig } from '../src/server/platform/config';
import { type Ctx, createSystemCtx } from '../src/server/platform/context';
import { DataCipher } from '../src/server/platform/crypto';
import { type Database, openDatabase } from '../src/server/platform/db/client';
import { EventBus } from '../src/server/platform/events/events';
import { createLogger, type Logger } from '../src/server/platform/log';
import { adminUrl } from './pg-admin';

export const TEST_PASSWORD = 'test-password-1';

/**
 * Where a full mobile number may appear in an API response (DOMAIN.md privacy table): the audited reveal, the
 * agent's own incoming call, and a privacy export being handled. Every other response of every test is scanned.
 */
export const FULL_PHONE_ALLOWED = new Set([
  'revealCustomerContact',
  'getCallForHotline',
  'getPrivacyRequest',
  'handlePrivacyRequest',
  // A branch's phone is the company's published number, not a customer's.
  'listBranches',
  'createBranch',
  'updateBranch',
  // A technician's work phone (on the profile detail) is the company number customers reach them on, not a
  // customer's; these responses carry no customer data at all.
  'getTechnician',
  'createTechnician',
  'updateTechnician',
  'setTechnicianSkills',
  'addCertificate',
  'updateCertificate',
  'addTraining',
  'addCalendarEntry',
  // The technician's audited reveal of their own job's customer (DOMAIN.md privacy table: full for own jobs from
  // `assigned` until 72 h after `completed`); listMyAppointments and every other dispatch response stay masked.
  'revealJobContact',
]);

/** Records every API response carrying a full mainland mobile number outside the allowed endpoints. */
export function scanForFullMobiles(aircare: Pick<Aircare, 'app'>) {
  const violations: string[] = [];
  aircare.app.addHook('onSend', async (req, _reply, payload) => {
    if (typeof payload !== 'string' || !req.url.startsWith('/api/')) return payload;
    const operationId = req.routeOptions.config?.operationId ?? '(none)';
    if (FULL_PHONE_ALLOWED.has(operationId)) return payload;
    const found = payload.match(FULL_MOBILE_PATTERN);
    if (found) {
      violations.push(
        `${req.method} ${req.url.split('?')[0]} (${operationId}, roles ${req.actor?.roles.join('+') ?? 'none'}): ${found[0].slice(0, 3)}…`,
      );
    }
    return payload;
  });
  return {
    assertNone() {
      if (violations.length) throw new Error(`full mobile numbers in API responses:\n${violations.join('\n')}`);
    },
  };
}

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ database: Database; url: string | null; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `${inject('pgRunPrefix')}${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
        break;
      } catch (err) {
        // Two files cloning at the same instant: "source database is being accessed by other users".
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    await admin.end();
    const dbUrl = adminUrl(url, name);
    // Bursts of hundreds of parallel requests on a loaded CI machine: queue for a connection rather than 503.
    const database = await openDatabase({ databaseUrl: dbUrl, dataDir: 'memory://', connectionTimeoutMs: 30_000 });
    return {
      database,
      url: dbUrl,
      drop: async () => {
        await database.close().catch(() => {});
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const file = inject('pgliteTemplate');
  if (!file) throw new Error('test template missing: run through vitest (globalSetup)');
  const blob = new Blob([readFileSync(file)]);
  const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://', loadDataDir: blob });
  return { database, url: null, drop: () => database.close() };
}

export interface TestApp {
  aircare: Aircare;
  database: Database;
  config: Config;
  clock: FakeClock;
  /** A ctx acting as the system (actor null), for calling use cases directly. */
  systemCtx(): Ctx;
  /** Two branches (GZ-TH, GZ-HZ) like the demo company. */
  branches: { th: string; hz: string };
  createUser(username: string, roles: Role[], branch?: 'th' | 'hz' | null): Promise<string>;
  /** Logs in and returns the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** app.inject with the browser-like headers our CSRF rule expects. */
  request(opts: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    cookie?: string;
    body?: unknown;
    headers?: Record<string, string>;
    /** The client address (app.inject defaults to 127.0.0.1). */
    remoteAddress?: string;
  }): Promise<{ statusCode: number; json: () => any; headers: Record<string, unknown>; body: string }>;
  close(): Promise<void>;
}

export async function buildTestApp(
  opts: {
    config?: Partial<Config>;
    clock?: FakeClock;
    /** A logger to read what the app logs (default: the config's level, to stdout). */
    log?: Logger;
  } = {},
): Promise<TestApp> {
  const { database, drop } = await createTestDatabase();
  const config: Config = { ...loadConfig({ NODE_ENV: 'test' }), jobsPollMs: 0, webDir: '/nonexistent', ...opts.config };
  const clock = opts.clock ?? new FakeClock();
  const log = opts.log ?? createLogger(config);
  const cipher = new DataCipher(randomBytes(32));
  const aircare = await buildApp({ config, database, clock, log, cipher });
  const fullMobiles = scanForFullMobiles(aircare);
  const bus = new EventBus(log);
  const systemCtx = (): Ctx =>
    createSystemCtx({ db: database.db, log, bus, cipher, now: clock.now(), requestId: 'test' });
  const th = await createBranch(systemCtx(), { code: 'GZ-TH', name: '广州天河服务网点', city: '广州' });
  const hz = await createBranch(systemCtx(), { code: 'GZ-HZ', name: '广州海珠服务网点', city: '广州' });
  const branches = { th: th.id, hz: hz.id };

  const request: TestApp['request'] = async ({ method, url, cookie, body, headers, remoteAddress }) => {
    const res = await aircare.app.inject({
      method,
      url,
      ...(remoteAddress ? { remoteAddress } : {}),
      headers: {
        'x-requested-with': 'aircare',
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return { statusCode: res.statusCode, json: () => res.json(), headers: res.headers, body: res.body };
  };

  return {
    aircare,
    database,
    config,
    clock,
    systemCtx,
    branches,
    async createUser(username, roles, branch = 'th') {
      const u = await createUser(systemCtx(), {
        username,
        displayName: username,
        password: TEST_PASSWORD,
        roles,
        branchId: branch ? branches[branch] : null,
      });
      return u.id;
    },
    async login(username, password = TEST_PASSWORD) {
      const res = await request({ method: 'POST', url: '/api/auth/login', body: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const raw = Array.isArray(setCookie) ? setCookie[0] : String(setCookie);
      return raw.split(';')[0] as string;
    },
    request,
    async close() {
      await aircare.close();
      fullMobiles.assertNone();
      await drop();
    },
  };
}
