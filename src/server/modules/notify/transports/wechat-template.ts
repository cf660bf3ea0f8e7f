import type { WechatApiConfig } from '../notify.config';
import { callProvider, httpStatusRetryable, requireJson } from './http';
import { type OutgoingMessage, permanent, retryable, type SendResult, type WechatTransport } from './transport';

/** errcodes meaning "the access token is no longer good": fetch a new one and try once more. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** errcodes worth another attempt later: system busy, frequency limits. */
const RETRYABLE_ERRORS = new Set([-1, 45009, 45011, 45047]);

/**
 * WeChat official account template messages: POST /cgi-bin/message/template/send?access_token=…, the access
 * token fetched from /cgi-bin/token (client_credential with appid and secret) and kept until shortly before
 * it expires (expires_in, 7200 s). A token refused as expired or invalid is fetched again once.
 */
export class WechatTemplateTransport implements WechatTransport {
  readonly name = 'wechat';
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly config: WechatApiConfig,
    private readonly timeoutMs: number,
  ) {}

  /** The cached token, or a new one when none is cached or it expires within 5 minutes of `at`. */
  async accessToken(at: Date, refresh = false): Promise<string> {
    if (!refresh && this.token && this.token.expiresAt - 300_000 > at.getTime()) return this.token.value;
    const q = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.config.appId,
      secret: this.config.secret,
    });
    const answer = await callProvider('wechat', `${this.config.apiBase}/cgi-bin/token?${q}`, {
      method: 'GET',
      timeoutMs: this.timeoutMs,
    });
    const body = requireJson('wechat', answer);
    if (typeof body.access_token === 'string' && body.access_token) {
      const seconds = typeof body.expires_in === 'number' ? body.expires_in : 7200;
      this.token = { value: body.access_token, expiresAt: at.getTime() + seconds * 1000 };
      return this.token.value;
    }
    this.token = null;
    const code = Number(body.errcode);
    const text = `wechat token: ${String(body.errcode ?? `HTTP ${answer.status}`)} ${String(body.errmsg ?? '')}`.trim();
    throw RETRYABLE_ERRORS.has(code) || httpStatusRetryable(answer.status)
      ? retryable(text, String(body.errcode))
      : permanent(text, String(body.errcode));
  }

  async send(message: OutgoingMessage, at: Date): Promise<SendResult> {
    const templateId = this.config.templates[message.template];
    if (!templateId) throw permanent(`wechat: no template_id configured for ${message.template} (WECHAT_TEMPLATES)`);
    const data: Record<string, { value: string }> = {};
    for (const [k, v] of Object.entries(message.variables)) data[k] = { value: v };
    const payload = JSON.stringify({
      touser: message.recipient,
      template_id: templateId,
      ...(message.variables.trackingUrl ? { url: message.variables.trackingUrl } : {}),
      data,
      // WeChat sends one message per openid + client_msg_id: a repeated attempt does not send twice.
      client_msg_id: message.id,
    });
    for (let round = 0; ; round++) {
      const token = await this.accessToken(at, round > 0);
      const answer = await callProvider(
        'wechat',
        `${this.config.apiBase}/cgi-bin/message/template/send?access_token=${encodeURIComponent(token)}`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload, timeoutMs: this.timeoutMs },
      );
      const body = requireJson('wechat', answer);
      const code = Number(body.errcode ?? 0);
      if (code === 0 && answer.status === 200) {
        return { providerMessageId: body.msgid === undefined ? null : String(body.msgid) };
      }
      if (TOKEN_ERRORS.has(code) && round === 0) continue;
      if (TOKEN_ERRORS.has(code)) this.token = null;
      const text = `wechat: ${code} ${String(body.errmsg ?? '')}`.trim();
      throw RETRYABLE_ERRORS.has(code) || TOKEN_ERRORS.has(code) || httpStatusRetryable(answer.status)
        ? retryable(text, String(code))
        : permanent(text, String(code));
    }
  }
}
