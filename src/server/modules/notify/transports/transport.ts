import type { MessageChannel } from '@shared/contracts/notify.contract';
import type { TemplateName } from '../domain/templates';

/** What a transport is given: the message, already checked and rendered, and its plain recipient. */
export interface OutgoingMessage {
  /** The outbox id: sent to providers as their idempotency / correlation id (OutId, SessionContext, client_msg_id). */
  id: string;
  channel: MessageChannel;
  template: TemplateName;
  /** Exactly the template's variables, as strings. */
  variables: Record<string, string>;
  /** The Chinese text (for transports that send free text, and the log). */
  text: string;
  /** A normalised mainland mobile (13812345678), an openid, or a user id. */
  recipient: string;
}

export interface SendResult {
  providerMessageId: string | null;
}

/** One way of delivering messages of a channel. `at` is the job's clock (request timestamps, token expiry). */
export interface Transport {
  /** Stored on the message: log | aliyun | tencent | wechat | inapp. */
  readonly name: string;
  send(message: OutgoingMessage, at: Date): Promise<SendResult>;
}
export type SmsTransport = Transport;
export type WechatTransport = Transport;

/**
 * A failed delivery. `retryable`: a later attempt may succeed (network, timeout, 5xx, throttling);
 * otherwise permanent (bad number, wrong credentials, unknown template): the message is dead at once.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly providerCode?: string,
  ) {
    super(message);
  }
}

export const retryable = (message: string, code?: string) => new TransportError(message, true, code);
export const permanent = (message: string, code?: string) => new TransportError(message, false, code);
