import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { scheduleJob } from '@server/platform/jobs/jobs';
import type { MessageChannel } from '@shared/contracts/notify.contract';
import { normaliseRecipient } from '../domain/recipients';
import { checkVariables, sealSecrets, type TemplateName } from '../domain/templates';
import { SEND_JOB, sendJobKey } from '../notify.job-kinds';
import { insertMessage } from '../notify.repository';

export interface EnqueueMessageInput {
  channel: MessageChannel;
  /** A template of domain/templates.ts; its variables exactly (unknown or missing ones are an error). */
  template: string;
  variables: Record<string, string>;
  /** A plain mobile number (sms), an openid (wechat) or a user id (inapp); stored encrypted. */
  recipient: string;
  workOrderId?: string | null;
}

/**
 * Writes a message to the outbox and schedules its delivery, in the caller's transaction (or a new one):
 * if the business change rolls back, nothing is sent. Returns the message id.
 * Wrong template variables or a recipient that does not fit the channel throw (a programming error).
 */
export async function enqueueMessage(ctx: Ctx, input: EnqueueMessageInput): Promise<string> {
  const variables = checkVariables(input.template, input.variables);
  const recipient = normaliseRecipient(input.channel, input.recipient);
  return withTransaction(ctx, async (tx) => {
    const row = await insertMessage(tx.db, {
      channel: input.channel,
      template: input.template,
      // The verification code is stored encrypted (only the sender and the demo log read it).
      variables: sealSecrets(input.template as TemplateName, variables, (p) => tx.cipher.encrypt(p)),
      recipientEnc: tx.cipher.encrypt(recipient.value),
      recipientMasked: recipient.masked,
      workOrderId: input.workOrderId ?? null,
      status: 'queued',
      attempts: 0,
      createdAt: tx.now,
      updatedAt: tx.now,
    });
    await scheduleJob(tx.db, tx.now, {
      kind: SEND_JOB,
      payload: { messageId: row.id },
      runAt: tx.now,
      dedupeKey: sendJobKey(row.id),
    });
    return row.id;
  });
}
