import type { Ctx } from '@server/platform/context';
import { backoffMs, scheduleJob } from '@server/platform/jobs/jobs';
import type { MessageChannel } from '@shared/contracts/notify.contract';
import { FULL_MOBILE_PATTERN, maskPhone } from '@shared/domain/phone';
import { checkVariables, openSecrets, renderTemplate, type TemplateName } from '../domain/templates';
import { SEND_JOB, sendJobKey } from '../notify.job-kinds';
import { lockMessage, updateMessage } from '../notify.repository';
import type { Transports } from '../transports';
import { TransportError } from '../transports/transport';

export interface SendMessageInput {
  messageId: string;
  transports: Transports;
  /** Attempts before the message is dead. */
  maxAttempts: number;
}

/** Provider texts may quote the number: never store a full mobile in last_error. */
function cleanError(message: string): string {
  return message.replace(FULL_MOBILE_PATTERN, (m) => maskPhone(m)).slice(0, 1000);
}

/**
 * One delivery attempt of an outbox message (the `notify.send` job): decrypt the recipient, render, send through
 * the channel's transport, then record the outcome on the message.
 *
 * A failed attempt does not throw: the job runner would roll the handler's writes back to its savepoint, and the
 * message could not show `failed` and the provider's error. Instead the attempt is recorded here and, when the
 * failure is retryable and attempts are left, the next attempt is scheduled with the runner's backoff
 * (5 s, 10 s, 20 s …) under the same dedupe key; a permanent failure or the last attempt makes the message `dead`.
 * Database errors still throw (nothing is recorded; the runner retries the job).
 * Delivery is at least once: if the commit fails after the provider accepted, the next attempt sends again; the
 * message id goes to the provider as its idempotency / correlation id (Aliyun OutId, Tencent SessionContext,
 * WeChat client_msg_id).
 */
export async function sendMessage(ctx: Ctx, input: SendMessageInput): Promise<void> {
  const msg = await lockMessage(ctx.db, input.messageId);
  // Gone (anonymised away), already delivered, or given up: nothing to do (a stray duplicate job is harmless).
  if (!msg || msg.status === 'sent' || msg.status === 'dead') return;
  const attempts = msg.attempts + 1;
  const transport = input.transports[msg.channel as MessageChannel];
  try {
    if (!transport) throw new TransportError(`no transport for channel "${msg.channel}"`, false);
    const stored = msg.variables as Record<string, unknown>;
    const variables = checkVariables(
      msg.template,
      openSecrets(msg.template, stored, (s) => ctx.cipher.decrypt(s)),
    );
    const text = renderTemplate(msg.template, variables);
    const recipient = ctx.cipher.decrypt(msg.recipientEnc);
    const result = await transport.send(
      {
        id: msg.id,
        channel: msg.channel as MessageChannel,
        template: msg.template as TemplateName,
        variables,
        text,
        recipient,
      },
      ctx.now,
    );
    await updateMessage(ctx.db, msg.id, {
      status: 'sent',
      attempts,
      transport: transport.name,
      providerMessageId: result.providerMessageId,
      lastError: null,
      sentAt: ctx.now,
      updatedAt: ctx.now,
    });
    ctx.log.info({ messageId: msg.id, transport: transport.name, attempts }, 'message sent');
  } catch (err) {
    // Not a transport failure (bad template data, undecryptable recipient): retrying cannot help.
    const retry = err instanceof TransportError && err.retryable;
    const dead = !retry || attempts >= input.maxAttempts;
    const lastError = cleanError(err instanceof Error ? err.message : String(err));
    await updateMessage(ctx.db, msg.id, {
      status: dead ? 'dead' : 'failed',
      attempts,
      transport: transport?.name ?? null,
      lastError,
      updatedAt: ctx.now,
    });
    if (!dead) {
      await scheduleJob(ctx.db, ctx.now, {
        kind: SEND_JOB,
        payload: { messageId: msg.id },
        runAt: new Date(ctx.now.getTime() + backoffMs(attempts)),
        dedupeKey: sendJobKey(msg.id),
      });
    }
    ctx.log[dead ? 'error' : 'warn'](
      { messageId: msg.id, transport: transport?.name, attempts, err: lastError },
      dead ? 'message dead: delivery given up' : 'message delivery failed, will retry',
    );
  }
}
