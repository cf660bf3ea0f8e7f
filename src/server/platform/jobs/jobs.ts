import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Ctx } from '../context';
import type { DataCipher } from '../crypto';
import type { Db } from '../db/client';
import type { EventBus } from '../events/events';
import { BufferedSink } from '../events/events';
import { jobs } from './jobs.schema';

/** Later modules augment this with their job kinds and payloads. */
export interface JobKinds {
  'platform.noop': Record<string, never>;
}
export type JobKind = keyof JobKinds;

export type JobHandler<K extends JobKind> = (
  ctx: Ctx,
  payload: JobKinds[K],
  job: { id: number; attempts: number },
) => Promise<void>;

export interface ScheduleInput<K extends JobKind> {
  kind: K;
  payload: JobKinds[K];
  runAt: Date;
  /** At most one pending job per key; scheduling again with the same key keeps the existing one. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Delay before attempt n+1 after n failures: 5 s, 10 s, 20 s … capped at 1 h. */
export function backoffMs(failures: number, baseMs = 5_000): number {
  return Math.min(baseMs * 2 ** Math.max(0, failures - 1), 3_600_000);
}

/** Schedules a job in the caller's transaction: it exists only if the business change commits. */
export async function scheduleJob<K extends JobKind>(
  db: Db,
  now: Date,
  input: ScheduleInput<K>,
): Promise<number | null> {
  const rows = await db
    .insert(jobs)
    .values({
      kind: input.kind,
      payload: input.payload as unknown as Record<string, unknown>,
      runAt: input.runAt,
      dedupeKey: input.dedupeKey ?? null,
      maxAttempts: input.maxAttempts ?? 5,
      createdAt: now,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey, where: sql`status = 'pending'` })
    .returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

/** Cancels the pending job with this key (the event that stops a clock). Returns whether one was cancelled. */
export async function cancelJob(db: Db, now: Date, dedupeKey: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: now })
    .where(and(eq(jobs.dedupeKey, dedupeKey), eq(jobs.status, 'pending')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * The pending jobs with these dedupe keys, by key (the partial unique index on pending keys serves it): e.g. when
 * the running clocks of a page of orders run out, in one query instead of one per order.
 */
export async function pendingJobsByKey(
  db: Db,
  dedupeKeys: readonly string[],
): Promise<Map<string, { id: number; kind: string; runAt: Date; payload: unknown }>> {
  const out = new Map<string, { id: number; kind: string; runAt: Date; payload: unknown }>();
  const keys = [...new Set(dedupeKeys)];
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await db
      .select({ id: jobs.id, kind: jobs.kind, runAt: jobs.runAt, payload: jobs.payload, dedupeKey: jobs.dedupeKey })
      .from(jobs)
      .where(and(eq(jobs.status, 'pending'), inArray(jobs.dedupeKey, keys.slice(i, i + 1000))));
    for (const { dedupeKey, ...job } of rows) if (dedupeKey) out.set(dedupeKey, job);
  }
  return out;
}

interface Registered {
  handler: JobHandler<JobKind>;
}

export interface JobRunnerDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  bus: EventBus;
  cipher: DataCipher;
  /** Identifies this process in logs. */
  workerId?: string;
}

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED and runs each handler inside the claiming transaction:
 * two processes never run the same job, a crash mid-run rolls the claim back so the job runs again,
 * and a job that came due while the server was down runs at the next poll after start.
 * A failing handler is rolled back to a savepoint; the failure is recorded with a backoff, and after
 * maxAttempts the job is dead-lettered with its last error.
 */
export class JobRunner {
  private readonly handlers = new Map<string, Registered>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  readonly workerId: string;

  constructor(private readonly deps: JobRunnerDeps) {
    this.workerId = deps.workerId ?? `w${process.pid}`;
  }

  register<K extends JobKind>(kind: K, handler: JobHandler<K>): void {
    this.handlers.set(kind, { handler: handler as unknown as JobHandler<JobKind> });
  }

  /** Runs every job due now, one at a time; returns how many were attempted. */
  async runDue(max = 100): Promise<number> {
    let count = 0;
    while (count < max) {
      const ran = await this.runOne();
      if (!ran) break;
      count++;
    }
    return count;
  }

  private async runOne(): Promise<boolean> {
    const { db, clock, log, bus } = this.deps;
    const now = clock.now();
    const sink = new BufferedSink();
    // A process claims only the kinds it can run: during a rolling upgrade an older process leaves a newer
    // kind for the processes that know it, instead of burning its attempts.
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return false;
    const ran = await db.transaction(async (tx) => {
      const claimed = await tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.status, 'pending'), sql`${jobs.runAt} <= ${now}`, inArray(jobs.kind, kinds)))
        .orderBy(jobs.runAt, jobs.id)
        .limit(1)
        .for('update', { skipLocked: true });
      const job = claimed[0];
      if (!job) return false;
      const reg = this.handlers.get(job.kind);
      const attempts = job.attempts + 1;
      // While its handler runs the claimed job is no longer "pending" (only inside this transaction; others
      // still see it pending and locked), so the handler can re-arm the same dedupe key for a later run.
      await tx.update(jobs).set({ status: 'running' }).where(eq(jobs.id, job.id));
      try {
        if (!reg) throw new Error(`no handler registered for job kind "${job.kind}"`);
        await tx.transaction(async (sp) => {
          const ctx: Ctx = {
            db: sp,
            actor: null,
            now,
            log: log.child({ job: job.id, kind: job.kind }),
            events: sink,
            bus,
            cipher: this.deps.cipher,
            request: { ip: null, requestId: `job-${job.id}`, userAgent: null, locale: 'zh-CN' },
            inTransaction: true,
          };
          await reg.handler(ctx, job.payload as never, { id: job.id, attempts });
        });
        await tx
          .update(jobs)
          .set({ status: 'done', attempts, finishedAt: now, lastError: null })
          .where(eq(jobs.id, job.id));
      } catch (err) {
        sink.pending.length = 0;
        const message = err instanceof Error ? err.message : String(err);
        const dead = attempts >= job.maxAttempts;
        await tx
          .update(jobs)
          .set(
            dead
              ? { status: 'dead', attempts, lastError: message.slice(0, 2000), finishedAt: now }
              : {
                  status: 'pending',
                  attempts,
                  lastError: message.slice(0, 2000),
                  runAt: new Date(now.getTime() + backoffMs(attempts)),
                },
          )
          .where(eq(jobs.id, job.id));
        log[dead ? 'error' : 'warn'](
          { job: job.id, kind: job.kind, attempts, err: message },
          dead ? 'job dead-lettered' : 'job failed, will retry',
        );
      }
      return true;
    });
    if (sink.pending.length) await bus.deliver(sink.pending);
    return ran;
  }

  start(pollMs: number): void {
    if (pollMs <= 0 || !this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.runDue().catch((err) =>
        this.deps.log.warn({ err: (err as Error).message }, 'jobs poll failed'),
      );
      await this.running;
      this.running = null;
      if (!this.stopped) this.timer = setTimeout(tick, pollMs);
    };
    this.timer = setTimeout(tick, pollMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }
}
