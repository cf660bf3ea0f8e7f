// Helpers shared by the platform tests (test/platform/*.test.ts). Each test file still opens its own database.
import { randomBytes } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Clock } from '../../src/server/platform/clock';
import { type Ctx, createSystemCtx } from '../../src/server/platform/context';
import { DataCipher } from '../../src/server/platform/crypto';
import type { Db } from '../../src/server/platform/db/client';
import { EventBus } from '../../src/server/platform/events/events';
import { JobRunner } from '../../src/server/platform/jobs/jobs';
import { createLogger, type Logger } from '../../src/server/platform/log';

/** Job kinds used only by the platform tests. */
declare module '../../src/server/platform/jobs/jobs' {
  interface JobKinds {
    'test.effect': { n: number };
    'test.flaky': { n: number };
    'test.fail': { n: number };
    'test.sql-error': Record<string, never>;
    'test.emit': { n: number };
    'test.rearm': { round: number };
    'test.slow': { n: number };
  }
}

/** Event names used only by the platform tests. */
declare module '../../src/server/platform/events/events' {
  interface AppEvents {
    'test.happened': { n: number };
    'test.other': { n: number };
  }
}

export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** A pino logger whose JSON lines are kept in memory (`raw` is exactly what would reach stdout). */
export function captureLogger(level = 'info'): { log: Logger; lines: LogLine[]; raw: () => string } {
  const chunks: string[] = [];
  const lines: LogLine[] = [];
  const stream = {
    write(chunk: string) {
      chunks.push(chunk);
      for (const l of chunk.split('\n')) if (l.trim()) lines.push(JSON.parse(l) as LogLine);
    },
  };
  return { log: createLogger({ logLevel: level }, stream), lines, raw: () => chunks.join('') };
}

export function systemCtx(db: Db, clock: Clock, bus: EventBus, log: Logger): Ctx {
  return createSystemCtx({ db, log, bus, cipher: TEST_CIPHER, now: clock.now(), requestId: 'test' });
}

export const TEST_CIPHER = new DataCipher(randomBytes(32));

/** A scratch table the test handlers write to, to observe effects made inside a job's transaction. */
export async function createEffectsTable(db: Db): Promise<void> {
  await db.execute(
    sql`CREATE TABLE IF NOT EXISTS test_effects (id bigserial PRIMARY KEY, tag text NOT NULL, n integer NOT NULL, worker text)`,
  );
}

/** Rows of a raw query: both drivers answer `{ rows }`, which the shared Db type leaves untyped. */
export async function query<T = Record<string, unknown>>(db: Db, q: SQL): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

export async function effects(db: Db, tag?: string): Promise<{ tag: string; n: number; worker: string | null }[]> {
  const rows = await query<{ tag: string; n: number; worker: string | null }>(
    db,
    tag === undefined
      ? sql`SELECT tag, n, worker FROM test_effects ORDER BY id`
      : sql`SELECT tag, n, worker FROM test_effects WHERE tag = ${tag} ORDER BY id`,
  );
  return rows.map((r) => ({ tag: r.tag, n: Number(r.n), worker: r.worker }));
}

export async function insertEffect(db: Db, tag: string, n: number, worker: string | null = null): Promise<void> {
  await db.execute(sql`INSERT INTO test_effects (tag, n, worker) VALUES (${tag}, ${n}, ${worker})`);
}

export interface JobRow {
  id: number;
  kind: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: Date;
  finishedAt: Date | null;
  dedupeKey: string | null;
  payload: unknown;
}

export async function jobRows(db: Db): Promise<JobRow[]> {
  const { jobs } = await import('../../src/server/platform/jobs/jobs.schema');
  const rows = await db.select().from(jobs).orderBy(jobs.id);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    lastError: r.lastError,
    runAt: r.runAt,
    finishedAt: r.finishedAt,
    dedupeKey: r.dedupeKey,
    payload: r.payload,
  }));
}

export function newRunner(db: Db, clock: Clock, log: Logger, workerId = 'w1'): { runner: JobRunner; bus: EventBus } {
  const bus = new EventBus(log);
  return { runner: new JobRunner({ db, clock, log, bus, cipher: TEST_CIPHER, workerId }), bus };
}

/** A promise with its resolve function exposed. */
export function gate<T = void>(): { promise: Promise<T>; open: (v: T) => void } {
  let open!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    open = r;
  });
  return { promise, open };
}
