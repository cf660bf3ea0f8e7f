import { createHash, createHmac } from 'node:crypto';
import { orderedValues } from '../domain/templates';
import type { TencentSmsConfig } from '../notify.config';
import { callProvider, httpStatusRetryable, requireJson } from './http';
import { type OutgoingMessage, permanent, retryable, type SendResult, type SmsTransport } from './transport';

const SERVICE = 'sms';
const VERSION = '2021-01-11';
const ACTION = 'SendSms';
const CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/** UTC date of a Unix timestamp (seconds): the Date of the credential scope. */
function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/**
 * TC3-HMAC-SHA256 (Tencent Cloud API signature v3) for a POST with a JSON body:
 * CanonicalRequest = POST \n / \n (empty query) \n canonical headers \n signed headers \n hex(sha256(body));
 * StringToSign = TC3-HMAC-SHA256 \n timestamp \n date/service/tc3_request \n hex(sha256(CanonicalRequest));
 * the key is derived HMAC("TC3"+SecretKey, date) → service → "tc3_request".
 * Signed headers: content-type, host and x-tc-action (lower-case names, trimmed lower-case values).
 */
export function tc3Authorization(input: {
  secretId: string;
  secretKey: string;
  host: string;
  action: string;
  timestamp: number;
  payload: string;
  service?: string;
}): string {
  const service = input.service ?? SERVICE;
  const headers: [string, string][] = [
    ['content-type', CONTENT_TYPE],
    ['host', input.host],
    ['x-tc-action', input.action.toLowerCase()],
  ];
  const canonicalHeaders = headers.map(([k, v]) => `${k}:${v.trim().toLowerCase()}\n`).join('');
  const signedHeaders = headers.map(([k]) => k).join(';');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(input.payload)].join('\n');
  const date = utcDate(input.timestamp);
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac(`TC3${input.secretKey}`, date);
  const kService = hmac(kDate, service);
  const kSigning = hmac(kService, 'tc3_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

function retryableCode(code: string): boolean {
  return code.startsWith('InternalError') || code.startsWith('RequestLimitExceeded') || code === 'ResourceUnavailable';
}

/** Tencent Cloud SMS (SendSms, API 2021-01-11), a POST of JSON signed with TC3-HMAC-SHA256. */
export class TencentSmsTransport implements SmsTransport {
  readonly name = 'tencent';
  constructor(
    private readonly config: TencentSmsConfig,
    private readonly timeoutMs: number,
  ) {}

  async send(message: OutgoingMessage, at: Date): Promise<SendResult> {
    if (!/^1[3-9]\d{9}$/.test(message.recipient)) throw permanent('tencent: the recipient is not a mainland mobile');
    const payload = JSON.stringify({
      PhoneNumberSet: [`+86${message.recipient}`],
      SmsSdkAppId: this.config.sdkAppId,
      SignName: this.config.signName,
      TemplateId: this.config.templates[message.template],
      TemplateParamSet: orderedValues(message.template, message.variables),
      // Our outbox id comes back in the answer and in delivery receipts.
      SessionContext: message.id,
    });
    const url = new URL(this.config.endpoint);
    const timestamp = Math.floor(at.getTime() / 1000);
    const authorization = tc3Authorization({
      secretId: this.config.secretId,
      secretKey: this.config.secretKey,
      host: url.host,
      action: ACTION,
      timestamp,
      payload,
    });
    const answer = await callProvider('tencent', `${this.config.endpoint}/`, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': CONTENT_TYPE,
        'x-tc-action': ACTION,
        'x-tc-timestamp': String(timestamp),
        'x-tc-version': VERSION,
        'x-tc-region': this.config.region,
      },
      body: payload,
      timeoutMs: this.timeoutMs,
    });
    const body = requireJson('tencent', answer);
    const response = (body.Response ?? {}) as {
      Error?: { Code?: string; Message?: string };
      SendStatusSet?: { Code?: string; Message?: string; SerialNo?: string }[];
    };
    if (response.Error) {
      const code = String(response.Error.Code ?? '');
      const text = `tencent: ${code} ${String(response.Error.Message ?? '')}`.trim();
      throw retryableCode(code) || httpStatusRetryable(answer.status) ? retryable(text, code) : permanent(text, code);
    }
    if (answer.status !== 200) {
      const text = `tencent: HTTP ${answer.status}`;
      throw httpStatusRetryable(answer.status) ? retryable(text) : permanent(text);
    }
    const status = response.SendStatusSet?.[0];
    if (!status) throw retryable('tencent: no SendStatusSet in the answer');
    const code = String(status.Code ?? '');
    if (code === 'Ok') return { providerMessageId: status.SerialNo ?? null };
    const text = `tencent: ${code} ${String(status.Message ?? '')}`.trim();
    throw retryableCode(code) ? retryable(text, code) : permanent(text, code);
  }
}
