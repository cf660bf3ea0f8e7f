import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Due jobs (timers and outbox). Workers claim with FOR UPDATE SKIP LOCKED and run the handler in the
 * claiming transaction, so a job's database effects and its completion commit together, exactly once.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    runAt: tz('run_at').notNull(),
    /** pending → done | dead; cancelled when the event that stops a clock happens first. 'running' exists only
     * inside the claiming transaction (never committed), so a handler may re-arm its own dedupe key. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lastError: text('last_error'),
    /** At most one pending job per key (e.g. "sla:review:<orderId>"). */
    dedupeKey: text('dedupe_key'),
    createdAt: tz('created_at').notNull(),
    finishedAt: tz('finished_at'),
  },
  (t) => [
    index('jobs_due_idx').on(t.runAt).where(sql`status = 'pending'`),
    uniqueIndex('jobs_dedupe_pending_uq').on(t.dedupeKey).where(sql`status = 'pending'`),
  ],
);
