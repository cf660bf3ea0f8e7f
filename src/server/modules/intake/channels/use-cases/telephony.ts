import { customerSummaries, findCustomerByPhone } from '@server/modules/customers';
import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { CallEvent, IncomingCall, receiveCallBody } from '@shared/contracts/channels.contract';
import { maskPhone, parsePhone } from '@shared/domain/phone';
import type { z } from 'zod';
import type { ChannelsConfig } from '../channels.config';
import { type CallRow, findAgentCall, findLatestOpenCall, insertCallEventOnce } from '../channels.repository';
import { verifySignature } from '../domain/cti-signature';

/** The screen pop shows a call for 2 minutes after its last ringing / answered event. */
export const SCREEN_POP_WINDOW_MS = 2 * 60_000;
/** The hotline form may read the caller's number for an hour after the call. */
export const HOTLINE_PREFILL_WINDOW_MS = 60 * 60_000;
const CALLER_INDEX_PURPOSE = 'intake.telephony.caller';

/**
 * Authenticates a webhook call by its X-CTI-Signature over the raw body (before the body is even validated):
 * missing, malformed, stale (> 5 minutes) or wrong → UNAUTHENTICATED, nothing stored.
 */
export function authenticateCall(
  ctx: Pick<Ctx, 'now' | 'log'>,
  config: ChannelsConfig,
  header: string | undefined,
  rawBody: string,
): void {
  const check = verifySignature({ secrets: config.ctiSecrets, header, rawBody, nowMs: ctx.now.getTime() });
  if (!check.ok) {
    ctx.log.warn({ reason: check.reason, configured: config.ctiSecrets.length > 0 }, 'CTI webhook refused');
    throw new AppError('UNAUTHENTICATED', { reason: `signature_${check.reason}` });
  }
}

/** Stores one call event (caller encrypted, blind-indexed, masked); the same callId + event again is ignored. */
export async function receiveCall(
  ctx: Ctx,
  body: z.output<typeof receiveCallBody>,
): Promise<{ ok: true; duplicate: boolean }> {
  const parsed = parsePhone(body.caller);
  const row = await insertCallEventOnce(ctx.db, {
    callId: body.callId,
    event: body.event,
    callerEnc: ctx.cipher.encrypt(parsed?.normalised ?? body.caller),
    callerIndex: parsed ? ctx.cipher.blindIndex(CALLER_INDEX_PURPOSE, parsed.normalised) : null,
    callerMasked: parsed ? maskPhone(parsed.normalised) : '****',
    callee: body.callee,
    agent: body.agent.toLowerCase(),
    at: new Date(body.at),
    receivedAt: ctx.now,
  });
  if (row) ctx.events.emit('intake.callReceived', { callId: row.callId, event: row.event, agent: row.agent });
  return { ok: true, duplicate: row === null };
}

function callerOf(ctx: Ctx, row: CallRow): string | null {
  return row.callerIndex ? ctx.cipher.decrypt(row.callerEnc) : null;
}

/** The customer of the caller's number, masked for the agent; null for a new caller or a withheld number. */
async function knownCustomer(ctx: Ctx, caller: string | null): Promise<{ id: string; nameMasked: string } | null> {
  if (!caller) return null;
  const found = await findCustomerByPhone(ctx, caller);
  if (!found) return null;
  const summary = (await customerSummaries(ctx, [found.customerId])).get(found.customerId);
  return summary ? { id: summary.id, nameMasked: summary.nameMasked } : null;
}

export function hotlineUrl(callId: string): string {
  return `/intake/hotline?call=${encodeURIComponent(callId)}`;
}

/** The screen pop: my newest ringing / answered call of the last 2 minutes that has not ended. */
export async function getMyIncomingCall(ctx: Ctx): Promise<{ call: IncomingCall | null }> {
  const actor = requireActor(ctx.actor);
  const since = new Date(ctx.now.getTime() - SCREEN_POP_WINDOW_MS);
  const row = await findLatestOpenCall(ctx.db, actor.username.toLowerCase(), since);
  if (!row) return { call: null };
  return {
    call: {
      callId: row.callId,
      state: row.event as 'ringing' | 'answered',
      at: row.at.toISOString(),
      callerMasked: row.callerMasked,
      customer: await knownCustomer(ctx, callerOf(ctx, row)),
      hotlineUrl: hotlineUrl(row.callId),
    },
  };
}

/**
 * A call of mine (the last hour) with the caller's full number, to prefill the hotline form: the agent is on the
 * phone with that number. Audited as a reveal (`customer.contact.revealed`, reason "incoming call"), never the value.
 */
export async function getCallForHotline(ctx: Ctx, callId: string) {
  const actor = requireActor(ctx.actor);
  const since = new Date(ctx.now.getTime() - HOTLINE_PREFILL_WINDOW_MS);
  const row = await findAgentCall(ctx.db, callId, actor.username.toLowerCase(), since);
  if (!row) throw new AppError('NOT_FOUND');
  const caller = callerOf(ctx, row);
  const customer = await knownCustomer(ctx, caller);
  if (caller) {
    await writeAudit(ctx, {
      action: 'customer.contact.revealed',
      objectType: customer ? 'customer' : 'telephony_call',
      objectId: customer ? customer.id : row.callId,
      details: { reason: 'incoming call', fields: ['phone'], callId: row.callId, source: 'telephony' },
    });
  }
  return {
    callId: row.callId,
    state: row.event as CallEvent,
    at: row.at.toISOString(),
    caller,
    callerMasked: row.callerMasked,
    customer,
  };
}
