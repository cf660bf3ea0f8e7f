// Helpers of the notify tests (test/integration/notify*.test.ts).
import { asc, eq } from 'drizzle-orm';
import { messages, verificationCodes } from '../../src/server/modules/notify/notify.schema';
import type { Transports } from '../../src/server/modules/notify/transports';
import { LogTransport } from '../../src/server/modules/notify/transports/log';
import {
  type OutgoingMessage,
  type Transport,
  TransportError,
} from '../../src/server/modules/notify/transports/transport';
import { jobs } from '../../src/server/platform/jobs/jobs.schema';
import type { TestApp } from '../build-test-app';

export type Step = 'ok' | 'retry' | 'permanent';

/** A transport that follows a script of outcomes (then succeeds), and keeps what it delivered. */
export class ScriptedTransport implements Transport {
  readonly sent: { message: OutgoingMessage; at: Date }[] = [];
  readonly calls: OutgoingMessage[] = [];
  readonly script: Step[] = [];
  constructor(readonly name = 'scripted') {}
  async send(message: OutgoingMessage, at: Date) {
    this.calls.push(message);
    const step = this.script.shift() ?? 'ok';
    if (step === 'retry') throw new TransportError(`provider busy for 13812345678 (try ${this.calls.length})`, true);
    if (step === 'permanent') throw new TransportError('number is not in service', false);
    this.sent.push({ message, at });
    return { providerMessageId: `p-${this.sent.length}` };
  }
}

export function transportsWith(sms: Transport, wechat: Transport = new LogTransport()): Transports {
  return { sms, wechat, inapp: new LogTransport() };
}

export async function messageRows(t: TestApp) {
  return t.database.db.select().from(messages).orderBy(asc(messages.createdAt), asc(messages.id));
}

export async function messageRow(t: TestApp, id: string) {
  const rows = await t.database.db.select().from(messages).where(eq(messages.id, id));
  return rows[0];
}

export async function sendJobs(t: TestApp) {
  return t.database.db.select().from(jobs).where(eq(jobs.kind, 'notify.send')).orderBy(asc(jobs.id));
}

export async function codeRows(t: TestApp) {
  return t.database.db.select().from(verificationCodes).orderBy(asc(verificationCodes.createdAt));
}

/** Deletes every message, code and send job (tests of one file share a database). */
export async function clearNotify(t: TestApp): Promise<void> {
  await t.database.db.delete(messages);
  await t.database.db.delete(verificationCodes);
  await t.database.db.delete(jobs).where(eq(jobs.kind, 'notify.send'));
}

/**
 * The code of the newest verification SMS to this phone (decrypted from the outbox, as the sender would).
 * "Newest" by the serial id of its send job: two codes asked for at the same clock time tie on created_at.
 */
export async function lastCodeSentTo(t: TestApp, phone: string): Promise<string> {
  const byId = new Map((await messageRows(t)).map((m) => [m.id, m]));
  for (const job of (await sendJobs(t)).reverse()) {
    const row = byId.get((job.payload as { messageId: string }).messageId);
    if (row?.template === 'verification_code' && t.aircare.cipher.decrypt(row.recipientEnc) === phone) {
      return t.aircare.cipher.decrypt((row.variables as { code: string }).code);
    }
  }
  throw new Error(`no code sent to ${phone}`);
}
