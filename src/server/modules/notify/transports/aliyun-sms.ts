import { createHmac, randomUUID } from 'node:crypto';
import type { AliyunSmsConfig } from '../notify.config';
import { callProvider, httpStatusRetryable, requireJson } from './http';
import { type OutgoingMessage, permanent, retryable, type SendResult, type SmsTransport } from './transport';

/**
 * Aliyun's percent-encoding for RPC signatures: RFC 3986 — A–Z a–z 0–9 - _ . ~ stay, every other byte is %XY
 * (upper-case hex), a space is %20 (not +), and * is %2A.
 */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The RPC signature (SignatureVersion 1.0, HMAC-SHA1): sort the parameters (without Signature) by name, encode
 * names and values, join with & and =, then StringToSign = METHOD + "&" + encode("/") + "&" + encode(that);
 * Signature = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 */
export function aliyunRpcSignature(method: 'GET' | 'POST', params: Record<string, string>, secret: string): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k] as string)}`)
    .join('&');
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** yyyy-MM-ddTHH:mm:ssZ (UTC, no milliseconds), as the RPC Timestamp parameter wants. */
function rpcTimestamp(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

/** Codes worth another attempt later (flow control, provider trouble). */
const RETRYABLE_CODES = new Set([
  'isv.BUSINESS_LIMIT_CONTROL',
  'Throttling',
  'Throttling.User',
  'Throttling.Api',
  'ServiceUnavailable',
  'InternalError',
  'isp.SYSTEM_ERROR',
]);

/** Aliyun SMS (dysmsapi 2017-05-25, SendSms), RPC style over GET with an HMAC-SHA1 signature. */
export class AliyunSmsTransport implements SmsTransport {
  readonly name = 'aliyun';
  constructor(
    private readonly config: AliyunSmsConfig,
    private readonly timeoutMs: number,
  ) {}

  /** The full request URL for a message (exported for tests through the transport). */
  buildUrl(message: OutgoingMessage, at: Date, nonce: string = randomUUID()): string {
    const params: Record<string, string> = {
      AccessKeyId: this.config.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      RegionId: this.config.regionId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: nonce,
      SignatureVersion: '1.0',
      Timestamp: rpcTimestamp(at),
      Version: '2017-05-25',
      PhoneNumbers: message.recipient,
      SignName: this.config.signName,
      TemplateCode: this.config.templates[message.template],
      TemplateParam: JSON.stringify(message.variables),
      // Our outbox id comes back in delivery receipts; it identifies a repeated send of the same message.
      OutId: message.id,
    };
    const signature = aliyunRpcSignature('GET', params, this.config.accessKeySecret);
    const query = Object.entries({ ...params, Signature: signature })
      .map(([k, v]) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(v)}`)
      .join('&');
    return `${this.config.endpoint}/?${query}`;
  }

  async send(message: OutgoingMessage, at: Date): Promise<SendResult> {
    if (!/^1[3-9]\d{9}$/.test(message.recipient)) throw permanent('aliyun: the recipient is not a mainland mobile');
    const answer = await callProvider('aliyun', this.buildUrl(message, at), {
      method: 'GET',
      headers: { accept: 'application/json' },
      timeoutMs: this.timeoutMs,
    });
    const body = requireJson('aliyun', answer);
    const code = String(body.Code ?? '');
    if (answer.status === 200 && code === 'OK') {
      return { providerMessageId: typeof body.BizId === 'string' ? body.BizId : null };
    }
    const text = `aliyun: ${code || `HTTP ${answer.status}`} ${String(body.Message ?? '')}`.trim();
    if (RETRYABLE_CODES.has(code) || httpStatusRetryable(answer.status)) throw retryable(text, code);
    throw permanent(text, code);
  }
}
