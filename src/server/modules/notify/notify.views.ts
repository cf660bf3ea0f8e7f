import type { DataCipher } from '@server/platform/crypto';
import type { MessageChannel, MessageLogEntry, MessageStatus } from '@shared/contracts/notify.contract';
import type { Locale } from '@shared/errors';
import { openSecrets, renderTemplate, templateLabel } from './domain/templates';
import type { MessageRow } from './notify.repository';

/** The text of a stored message; a stored message that no longer renders shows its raw variables. */
function safeRender(row: MessageRow, lang: 'zh' | 'en', open: ((sealed: string) => string) | null): string {
  const stored = row.variables as Record<string, unknown>;
  try {
    if (!open) return renderTemplate(row.template, stored, { lang, maskSecrets: true });
    return renderTemplate(row.template, openSecrets(row.template, stored, open), { lang });
  } catch {
    return row.template;
  }
}

/**
 * A message-log row. Secret variables (the verification code) are shown only for messages that went through
 * the `log` transport (a demo without an SMS provider), and only when `logShowsCodes` (not in production by
 * default); anything else shows ******.
 */
export function toMessageLogEntry(
  row: MessageRow,
  locale: Locale,
  cipher: DataCipher,
  logShowsCodes: boolean,
): MessageLogEntry {
  const open = logShowsCodes && row.transport === 'log' ? (sealed: string) => cipher.decrypt(sealed) : null;
  return {
    id: row.id,
    channel: row.channel as MessageChannel,
    template: row.template,
    templateLabel: templateLabel(row.template, locale),
    text: safeRender(row, 'zh', open),
    textEn: safeRender(row, 'en', open),
    recipientMasked: row.recipientMasked,
    status: row.status as MessageStatus,
    transport: row.transport,
    providerMessageId: row.providerMessageId,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
    workOrderId: row.workOrderId,
  };
}

/** Delivery status of a message about a work order (the order detail page), never its text or recipient. */
export interface WorkOrderMessageStatus {
  id: string;
  channel: string;
  template: string;
  recipientMasked: string;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export function toWorkOrderMessage(row: MessageRow): WorkOrderMessageStatus {
  return {
    id: row.id,
    channel: row.channel,
    template: row.template,
    recipientMasked: row.recipientMasked,
    status: row.status as MessageStatus,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
  };
}
