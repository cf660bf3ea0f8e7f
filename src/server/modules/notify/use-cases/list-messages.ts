import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import type { MessageChannel, MessageStatus, MessageTemplate } from '@shared/contracts/notify.contract';
import { listMessageRows } from '../notify.repository';
import { toMessageLogEntry } from '../notify.views';

export interface ListMessagesInput {
  page?: number;
  pageSize?: number;
  channel?: MessageChannel;
  status?: MessageStatus;
  template?: MessageTemplate;
  workOrderId?: string;
  /** NotifyConfig.logShowsCodes */
  logShowsCodes: boolean;
}

/** The message log (admin, company-wide), newest first. */
export async function listMessages(ctx: Ctx, input: ListMessagesInput) {
  requireActor(ctx.actor);
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const { items, total } = await listMessageRows(
    ctx.db,
    { channel: input.channel, status: input.status, template: input.template, workOrderId: input.workOrderId },
    page,
    pageSize,
  );
  return {
    items: items.map((r) => toMessageLogEntry(r, ctx.request.locale, ctx.cipher, input.logShowsCodes)),
    total,
    page,
    pageSize,
  };
}
