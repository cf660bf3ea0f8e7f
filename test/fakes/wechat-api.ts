import { randomBytes } from 'node:crypto';
import { FailureQueue, type FakeRequest, type FakeServer, startFakeServer } from './server';

/**
 * A stand-in for the WeChat official account API: GET /cgi-bin/token (client_credential with appid and secret →
 * access_token, expires_in 7200) and POST /cgi-bin/message/template/send?access_token=… (touser, template_id,
 * url, data {key: {value}}, client_msg_id). Tokens can be revoked to test the refresh path. Answers like WeChat:
 * {errcode: 0, errmsg: "ok", msgid} or {errcode, errmsg}.
 */
export interface WechatAccepted {
  touser: string;
  templateId: string;
  url: string | undefined;
  data: Record<string, { value: string }>;
  clientMsgId: string | undefined;
  msgid: number;
}

export type WechatFailure = 'busy' | 'not_subscribed';

export interface FakeWechatApi extends FakeServer {
  accepted: WechatAccepted[];
  refused: { errcode: number; errmsg: string }[];
  failures: FailureQueue<WechatFailure>;
  /** How many tokens were handed out. */
  tokensIssued(): number;
  /** Every token handed out so far stops working (as after a refresh elsewhere, or expiry). */
  revokeTokens(): void;
}

export async function startFakeWechatApi(opts: {
  appId: string;
  secret: string;
  templateIds: string[];
}): Promise<FakeWechatApi> {
  const accepted: WechatAccepted[] = [];
  const refused: { errcode: number; errmsg: string }[] = [];
  const failures = new FailureQueue<WechatFailure>();
  const valid = new Set<string>();
  let issued = 0;
  const err = (errcode: number, errmsg: string) => {
    refused.push({ errcode, errmsg });
    return { status: 200, body: { errcode, errmsg: `${errmsg} rid: fake` } };
  };

  const handle = (req: FakeRequest) => {
    const u = new URL(req.url, 'http://fake');
    if (req.method === 'GET' && u.pathname === '/cgi-bin/token') {
      if (u.searchParams.get('grant_type') !== 'client_credential') return err(40002, 'invalid grant_type');
      if (u.searchParams.get('appid') !== opts.appId) return err(40013, 'invalid appid');
      if (u.searchParams.get('secret') !== opts.secret) return err(40125, 'invalid appsecret');
      const token = randomBytes(24).toString('base64url');
      valid.add(token);
      issued++;
      return { status: 200, body: { access_token: token, expires_in: 7200 } };
    }
    if (req.method === 'POST' && u.pathname === '/cgi-bin/message/template/send') {
      const token = u.searchParams.get('access_token') ?? '';
      if (!token) return err(41001, 'access_token missing');
      if (!valid.has(token)) return err(40001, 'invalid credential, access_token is invalid or not latest');
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(req.body);
      } catch {
        return err(47001, 'data format error');
      }
      const templateId = String(body.template_id ?? '');
      if (!opts.templateIds.includes(templateId)) return err(40037, 'invalid template_id');
      const touser = String(body.touser ?? '');
      if (!/^[A-Za-z0-9_-]{10,64}$/.test(touser)) return err(40003, 'invalid openid');
      const data = body.data as Record<string, { value: unknown }> | undefined;
      if (!data || typeof data !== 'object' || !Object.values(data).every((d) => typeof d?.value === 'string')) {
        return err(47001, 'data format error');
      }
      const forced = failures.next();
      if (forced === 'busy') return err(-1, 'system error');
      if (forced === 'not_subscribed') return err(43004, 'require subscribe');
      const clientMsgId = typeof body.client_msg_id === 'string' ? body.client_msg_id : undefined;
      const again = clientMsgId && accepted.find((a) => a.touser === touser && a.clientMsgId === clientMsgId);
      if (again) return { status: 200, body: { errcode: 0, errmsg: 'ok', msgid: again.msgid } };
      const msgid = 200228332 + accepted.length;
      accepted.push({
        touser,
        templateId,
        url: typeof body.url === 'string' ? body.url : undefined,
        data: data as Record<string, { value: string }>,
        clientMsgId,
        msgid,
      });
      return { status: 200, body: { errcode: 0, errmsg: 'ok', msgid } };
    }
    return { status: 404, body: { errcode: 404, errmsg: 'not found' } };
  };

  const server = await startFakeServer(handle);
  return Object.assign(server, {
    accepted,
    refused,
    failures,
    tokensIssued: () => issued,
    revokeTokens: () => valid.clear(),
  });
}
