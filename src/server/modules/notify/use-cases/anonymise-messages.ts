import type { Ctx } from '@server/platform/context';
import { anonymiseMessagesOfWorkOrders } from '../notify.repository';

export const ANONYMISED_RECIPIENT = '已删除';

/**
 * Privacy deletion: the messages about these work orders lose their recipient and variables (order number,
 * link, reason); their channel, template, status and times stay for the statistics. Undelivered ones are not sent.
 * Runs in the caller's transaction. Returns how many messages were changed.
 */
export async function anonymiseMessages(ctx: Ctx, input: { workOrderIds: string[] }): Promise<number> {
  return anonymiseMessagesOfWorkOrders(ctx.db, input.workOrderIds, {
    recipientEnc: ctx.cipher.encrypt(ANONYMISED_RECIPIENT),
    recipientMasked: ANONYMISED_RECIPIENT,
    now: ctx.now,
  });
}
