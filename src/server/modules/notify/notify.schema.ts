import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The outbox of messages (SMS, WeChat template message, in-app). A message is written in the same
 * transaction as the business change; a `notify.send` job delivers it through the configured transport.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** sms | wechat | inapp */
    channel: text('channel').notNull(),
    template: text('template').notNull(),
    variables: jsonb('variables').notNull(),
    /** Encrypted phone number / openid / user id. */
    recipientEnc: text('recipient_enc').notNull(),
    recipientMasked: text('recipient_masked').notNull(),
    workOrderId: uuid('work_order_id'),
    /** queued | sent | failed (will retry) | dead */
    status: text('status').notNull(),
    transport: text('transport'),
    providerMessageId: text('provider_message_id'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: tz('created_at').notNull(),
    sentAt: tz('sent_at'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [index('messages_order_idx').on(t.workOrderId), index('messages_created_idx').on(t.createdAt)],
);

/** One-time SMS codes (6 digits, 10 minutes, one use, 5 tries); only a hash of the code is kept. */
export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phoneIndex: text('phone_index').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    ip: text('ip').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: tz('expires_at').notNull(),
    usedAt: tz('used_at'),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [
    index('verification_codes_phone_idx').on(t.phoneIndex, t.createdAt),
    index('verification_codes_ip_idx').on(t.ip, t.createdAt),
  ],
);
