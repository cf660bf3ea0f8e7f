// Every query of the public channels: their own tables (telephony_calls, tracking_failures) and the photos of a
// repair request (intake's attachments table, which the intake module keeps for the channels).
import type { Db } from '@server/platform/db/client';
import { and, desc, eq, gt, gte, inArray, min, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { attachments } from '../intake.schema';
import { telephonyCalls, trackingFailures } from './channels.schema';

export type CallRow = typeof telephonyCalls.$inferSelect;
export type NewCall = typeof telephonyCalls.$inferInsert;

// ---------- photos ----------

export async function insertAttachment(db: Db, values: typeof attachments.$inferInsert): Promise<string> {
  const rows = await db.insert(attachments).values(values).returning({ id: attachments.id });
  return (rows[0] as { id: string }).id;
}

// ---------- calls ----------

/** Stores one call event; null when this call already had this event (a repeated delivery). */
export async function insertCallEventOnce(db: Db, values: NewCall): Promise<CallRow | null> {
  const rows = await db.insert(telephonyCalls).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

/** The agent's newest ringing/answered event received since `since` whose call has not ended. */
export async function findLatestOpenCall(db: Db, agent: string, since: Date): Promise<CallRow | null> {
  const ended = alias(telephonyCalls, 'ended');
  const endedEvent = db
    .select({ one: sql`1` })
    .from(ended)
    .where(and(eq(ended.callId, telephonyCalls.callId), eq(ended.event, 'ended')));
  const rows = await db
    .select()
    .from(telephonyCalls)
    .where(
      and(
        eq(telephonyCalls.agent, agent),
        inArray(telephonyCalls.event, ['ringing', 'answered']),
        gte(telephonyCalls.receivedAt, since),
        notExists(endedEvent),
      ),
    )
    .orderBy(desc(telephonyCalls.receivedAt), desc(telephonyCalls.at))
    .limit(1);
  return rows[0] ?? null;
}

/** The newest event of a call addressed to the agent, received since `since`. */
export async function findAgentCall(db: Db, callId: string, agent: string, since: Date): Promise<CallRow | null> {
  const rows = await db
    .select()
    .from(telephonyCalls)
    .where(
      and(eq(telephonyCalls.callId, callId), eq(telephonyCalls.agent, agent), gte(telephonyCalls.receivedAt, since)),
    )
    .orderBy(desc(telephonyCalls.receivedAt), desc(telephonyCalls.at))
    .limit(1);
  return rows[0] ?? null;
}

// ---------- tracking failures ----------

export async function insertTrackingFailure(db: Db, values: { ip: string; kind: string; at: Date }): Promise<void> {
  await db.insert(trackingFailures).values(values);
}

/** Failures strictly after `since`. */
export async function trackingFailuresSince(
  db: Db,
  ip: string,
  since: Date,
): Promise<{ n: number; oldest: Date | null }> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int`, oldest: min(trackingFailures.at) })
    .from(trackingFailures)
    .where(and(eq(trackingFailures.ip, ip), gt(trackingFailures.at, since)));
  return { n: rows[0]?.n ?? 0, oldest: rows[0]?.oldest ?? null };
}
