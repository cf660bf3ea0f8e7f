import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Idempotency-Key records: the first request with a key stores its response; a retry with the same key
 * and the same body gets that response again instead of acting twice.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** The caller: user id, or "ip:<address>" on public endpoints. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    operationId: text('operation_id').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
