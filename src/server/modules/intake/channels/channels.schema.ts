import { bigserial, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Call events from the call-centre system (CTI webhook): one row per call and event (ringing / answered / ended),
 * so a repeated delivery is stored once. The caller's number is personal data: encrypted, with a blind index and
 * a masked copy.
 */
export const telephonyCalls = pgTable(
  'telephony_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: text('call_id').notNull(),
    /** ringing | answered | ended */
    event: text('event').notNull(),
    /** The number as received (normalised when it parses), encrypted (ctx.cipher). */
    callerEnc: text('caller_enc').notNull(),
    /** Blind index of the normalised number; null when the exchange withheld it or it does not parse. */
    callerIndex: text('caller_index'),
    callerMasked: text('caller_masked').notNull(),
    /** The hotline number that was called (the company's, not personal). */
    callee: text('callee').notNull(),
    /** The agent's username (lower case) as the exchange names it. */
    agent: text('agent').notNull(),
    /** When the event happened, by the exchange's clock. */
    at: tz('at').notNull(),
    receivedAt: tz('received_at').notNull(),
  },
  (t) => [
    unique('telephony_calls_call_event_uq').on(t.callId, t.event),
    index('telephony_calls_agent_idx').on(t.agent, t.receivedAt),
  ],
);

/** Failed attempts on the public tracking page (wrong token, wrong code, not found), for the per-address limit. */
export const trackingFailures = pgTable(
  'tracking_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ip: text('ip').notNull(),
    /** token | session | code | number */
    kind: text('kind').notNull(),
    at: tz('at').notNull(),
  },
  (t) => [index('tracking_failures_ip_idx').on(t.ip, t.at)],
);
