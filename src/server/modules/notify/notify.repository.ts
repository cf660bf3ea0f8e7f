import type { Db } from '@server/platform/db/client';
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, min, type SQL, sql } from 'drizzle-orm';
import { messages, verificationCodes } from './notify.schema';

export type MessageRow = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
export type VerificationCodeRow = typeof verificationCodes.$inferSelect;

// ---------- messages (outbox) ----------

export async function insertMessage(db: Db, values: NewMessage): Promise<MessageRow> {
  const rows = await db.insert(messages).values(values).returning();
  return rows[0] as MessageRow;
}

/** The message, locked for the sender (a second worker waits; the job claim already serialises sends). */
export async function lockMessage(db: Db, id: string): Promise<MessageRow | null> {
  const rows = await db.select().from(messages).where(eq(messages.id, id)).limit(1).for('update');
  return rows[0] ?? null;
}

export async function updateMessage(db: Db, id: string, patch: Partial<NewMessage>): Promise<void> {
  await db.update(messages).set(patch).where(eq(messages.id, id));
}

export interface MessageFilter {
  channel?: string;
  status?: string;
  template?: string;
  workOrderId?: string;
}

export async function listMessageRows(db: Db, f: MessageFilter, page: number, pageSize: number) {
  const conds: SQL[] = [];
  if (f.channel) conds.push(eq(messages.channel, f.channel));
  if (f.status) conds.push(eq(messages.status, f.status));
  if (f.template) conds.push(eq(messages.template, f.template));
  if (f.workOrderId) conds.push(eq(messages.workOrderId, f.workOrderId));
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select()
    .from(messages)
    .where(where)
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const totals = await db.select({ n: count() }).from(messages).where(where);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function listMessageRowsForWorkOrder(db: Db, workOrderId: string): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(eq(messages.workOrderId, workOrderId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
}

// ---------- verification codes ----------

/**
 * Serialises the callers that share a key until the end of the transaction (rate-limit checks that count rows,
 * then insert). Works the same on PostgreSQL and PGlite.
 */
export async function lockKey(db: Db, key: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`);
}

export async function countCodesForPhoneSince(db: Db, phoneIndex: string, since: Date): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(verificationCodes)
    .where(and(eq(verificationCodes.phoneIndex, phoneIndex), gte(verificationCodes.createdAt, since)));
  return rows[0]?.n ?? 0;
}

/** How many codes an address asked for since `since`, and when the oldest of them was asked for. */
export async function codesForIpSince(db: Db, ip: string, since: Date): Promise<{ n: number; oldest: Date | null }> {
  const rows = await db
    .select({ n: count(), oldest: min(verificationCodes.createdAt) })
    .from(verificationCodes)
    .where(and(eq(verificationCodes.ip, ip), gt(verificationCodes.createdAt, since)));
  const row = rows[0];
  return { n: row?.n ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

export async function insertCode(db: Db, values: typeof verificationCodes.$inferInsert): Promise<VerificationCodeRow> {
  const rows = await db.insert(verificationCodes).values(values).returning();
  return rows[0] as VerificationCodeRow;
}

/** Ends the codes still open for this phone and purpose (a new code replaces them). */
export async function expireOpenCodes(db: Db, phoneIndex: string, purpose: string, now: Date): Promise<void> {
  await db
    .update(verificationCodes)
    .set({ expiresAt: now })
    .where(
      and(
        eq(verificationCodes.phoneIndex, phoneIndex),
        eq(verificationCodes.purpose, purpose),
        isNull(verificationCodes.usedAt),
        gt(verificationCodes.expiresAt, now),
      ),
    );
}

/** The newest open code (unused, unexpired, tries left) for this phone and purpose, locked. */
export async function lockOpenCode(
  db: Db,
  phoneIndex: string,
  purpose: string,
  now: Date,
  maxTries: number,
): Promise<VerificationCodeRow | null> {
  const rows = await db
    .select()
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.phoneIndex, phoneIndex),
        eq(verificationCodes.purpose, purpose),
        isNull(verificationCodes.usedAt),
        gt(verificationCodes.expiresAt, now),
        lt(verificationCodes.attempts, maxTries),
      ),
    )
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1)
    .for('update');
  return rows[0] ?? null;
}

export async function updateCode(
  db: Db,
  id: string,
  patch: Partial<typeof verificationCodes.$inferInsert>,
): Promise<void> {
  await db.update(verificationCodes).set(patch).where(eq(verificationCodes.id, id));
}

/** Personal data of the messages about these orders replaced (privacy deletion); returns how many rows. */
export async function anonymiseMessagesOfWorkOrders(
  db: Db,
  workOrderIds: string[],
  values: { recipientEnc: string; recipientMasked: string; now: Date },
): Promise<number> {
  if (workOrderIds.length === 0) return 0;
  const rows = await db
    .update(messages)
    .set({
      recipientEnc: values.recipientEnc,
      recipientMasked: values.recipientMasked,
      variables: {},
      // a message not yet delivered is not sent any more
      status: sql`CASE WHEN ${messages.status} = 'sent' THEN 'sent' ELSE 'dead' END`,
      lastError: sql`CASE WHEN ${messages.status} = 'sent' THEN ${messages.lastError} ELSE 'anonymised before delivery' END`,
      updatedAt: values.now,
    })
    .where(inArray(messages.workOrderId, workOrderIds))
    .returning({ id: messages.id });
  return rows.length;
}
