// notify: the real adapters — Aliyun SMS, Tencent Cloud SMS, WeChat template messages — against local fake
// servers that check the signature and the payload as the providers do, and answer like them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueMessage, loadNotifyConfig, registerNotifyJobs, verifyCode } from '../../src/server/modules/notify';
import { buildTestApp, type TestApp } from '../build-test-app';
import { type FakeAliyunSms, startFakeAliyunSms } from '../fakes/aliyun-sms';
import { type FakeTencentSms, startFakeTencentSms } from '../fakes/tencent-sms';
import { type FakeWechatApi, startFakeWechatApi } from '../fakes/wechat-api';
import { clearNotify, messageRow, sendJobs } from './notify-support';

let t: TestApp;
let aliyun: FakeAliyunSms;
let tencent: FakeTencentSms;
let wechat: FakeWechatApi;
const PHONE = '13812345678';
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

const ALIYUN = {
  accessKeyId: 'LTAI5tAircareTest01',
  accessKeySecret: 'aLiYuNsEcReT+/=with*specials~',
  signName: 'Aircare空调售后',
  templateCodes: ['SMS_460101', 'SMS_460102', 'SMS_460103', 'SMS_460104'],
};
const TENCENT = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3Aircare',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3AircareKey',
  sdkAppId: '1400787878',
  signName: 'Aircare空调售后',
  templates: { '1801001': 1, '1801002': 2, '1801003': 1, '1801004': 2 },
};
const WECHAT = {
  appId: 'wx8a7b6c5d4e3f2a1b',
  secret: 'c0ffee0ddba11c0ffee0ddba11c0ffee',
  templateIds: ['TPL-received', 'TPL-cancelled'],
};

beforeAll(async () => {
  t = await buildTestApp();
  aliyun = await startFakeAliyunSms(ALIYUN);
  tencent = await startFakeTencentSms(TENCENT);
  wechat = await startFakeWechatApi(WECHAT);
});
afterAll(async () => {
  await Promise.all([aliyun?.close(), tencent?.close(), wechat?.close()]);
  await t?.close();
});
beforeEach(async () => {
  await clearNotify(t);
  for (const f of [aliyun, tencent, wechat]) {
    f.requests.length = 0;
    f.accepted.length = 0;
    f.refused.length = 0;
    f.failures.clear();
  }
  t.clock.advanceMinutes(1);
});

function aliyunEnv(extra: Record<string, string> = {}) {
  return {
    NOTIFY_SMS_TRANSPORT: 'aliyun',
    ALIYUN_ACCESS_KEY_ID: ALIYUN.accessKeyId,
    ALIYUN_ACCESS_KEY_SECRET: ALIYUN.accessKeySecret,
    ALIYUN_SMS_SIGN_NAME: ALIYUN.signName,
    ALIYUN_SMS_TEMPLATES:
      'verification_code=SMS_460101,order_received=SMS_460102,order_returned=SMS_460103,order_cancelled=SMS_460104,' +
      'technician_assigned=SMS_460105,eta_changed=SMS_460106,job_assigned=SMS_460107,job_unassigned=SMS_460108,' +
      'technician_on_the_way=SMS_460109,repair_delayed=SMS_460110,quote_approval=SMS_460111',
    ALIYUN_SMS_ENDPOINT: aliyun.url,
    ...extra,
  };
}

function tencentEnv(extra: Record<string, string> = {}) {
  return {
    NOTIFY_SMS_TRANSPORT: 'tencent',
    TENCENT_SECRET_ID: TENCENT.secretId,
    TENCENT_SECRET_KEY: TENCENT.secretKey,
    TENCENT_SMS_SDK_APP_ID: TENCENT.sdkAppId,
    TENCENT_SMS_SIGN_NAME: TENCENT.signName,
    TENCENT_SMS_TEMPLATES:
      'verification_code=1801001,order_received=1801002,order_returned=1801003,order_cancelled=1801004,' +
      'technician_assigned=1801005,eta_changed=1801006,job_assigned=1801007,job_unassigned=1801008,' +
      'technician_on_the_way=1801009,repair_delayed=1801010,quote_approval=1801011',
    TENCENT_SMS_ENDPOINT: tencent.url,
    ...extra,
  };
}

function wechatEnv(extra: Record<string, string> = {}) {
  return {
    NOTIFY_WECHAT_TRANSPORT: 'wechat',
    WECHAT_APPID: WECHAT.appId,
    WECHAT_SECRET: WECHAT.secret,
    WECHAT_API_BASE: wechat.url,
    WECHAT_TEMPLATES: 'order_received=TPL-received,order_cancelled=TPL-cancelled,order_returned=TPL-missing',
    ...extra,
  };
}

const use = (env: Record<string, string>) => registerNotifyJobs(t.aircare.jobs, loadNotifyConfig(env));

/** Runs the sender until nothing is due, moving the clock past each backoff (at most `rounds` times). */
async function drain(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await t.aircare.jobs.runDue();
    t.clock.advanceMinutes(61);
  }
}

const TRACKING = 'https://aircare.example.cn/track?t=Zx9_a-b*c~d e&lang=zh-CN';

describe('Aliyun SMS (dysmsapi SendSms, RPC signature)', () => {
  it('sends a verification code: signed request accepted, the code reaches the provider and verifies', async () => {
    use(aliyunEnv());
    const res = await t.request({
      method: 'POST',
      url: '/api/public/verification-codes',
      body: { phone: PHONE, purpose: 'repair' },
    });
    expect(res.statusCode, res.body).toBe(201);
    await t.aircare.jobs.runDue();
    expect(aliyun.refused).toEqual([]);
    expect(aliyun.accepted).toHaveLength(1);
    const sent = aliyun.accepted[0]!;
    expect(sent).toMatchObject({ phone: PHONE, signName: 'Aircare空调售后', templateCode: 'SMS_460101' });
    expect(Object.keys(sent.templateParam)).toEqual(['code']);
    const [job] = await sendJobs(t);
    const messageId = (job!.payload as { messageId: string }).messageId;
    expect(sent.outId).toBe(messageId);
    expect(await messageRow(t, messageId)).toMatchObject({
      status: 'sent',
      transport: 'aliyun',
      providerMessageId: sent.bizId,
      attempts: 1,
    });
    expect(await verifyCode(t.systemCtx(), { phone: PHONE, purpose: 'repair', code: sent.templateParam.code! })).toBe(
      true,
    );
  });

  it('signs Chinese text, URLs and reserved characters exactly (RFC 3986 encoding)', async () => {
    use(aliyunEnv());
    const id = await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_cancelled',
      variables: { orderNumber: 'WO-20260715-0042', reason: "客户取消 (重复报修) 100% *急* ~!'" },
      recipient: PHONE,
      workOrderId: randomUUID(),
    });
    await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_received',
      variables: { orderNumber: 'WO-20260715-0043', trackingUrl: TRACKING },
      recipient: '+86 139 0000 1111',
    });
    await t.aircare.jobs.runDue();
    expect(aliyun.refused).toEqual([]);
    expect(aliyun.accepted.map((a) => a.templateParam)).toEqual([
      { orderNumber: 'WO-20260715-0042', reason: "客户取消 (重复报修) 100% *急* ~!'" },
      { orderNumber: 'WO-20260715-0043', trackingUrl: TRACKING },
    ]);
    expect(aliyun.accepted[1]?.phone).toBe('13900001111');
    expect((await messageRow(t, id))?.status).toBe('sent');
    // the wire format: GET with the signature in the query, no "+" for spaces
    const url = aliyun.requests[0]!.url;
    expect(url).toMatch(/^\/\?/);
    expect(url).toContain('Signature=');
    expect(url).not.toContain('+');
  });

  it('is refused with a wrong secret (SignatureDoesNotMatch): dead at once, the error in the log', async () => {
    use(aliyunEnv({ ALIYUN_ACCESS_KEY_SECRET: 'not-the-secret' }));
    const id = await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_returned',
      variables: { orderNumber: 'WO-20260715-0007' },
      recipient: PHONE,
    });
    await drain();
    expect(aliyun.refused.map((r) => r.code)).toEqual(['SignatureDoesNotMatch']);
    const row = await messageRow(t, id);
    expect(row).toMatchObject({ status: 'dead', attempts: 1, transport: 'aliyun' });
    expect(row?.lastError).toMatch(/^aliyun: SignatureDoesNotMatch/);
  });

  it('retries flow control and a 503, then sends; a fresh nonce each time', async () => {
    use(aliyunEnv());
    aliyun.failures.push('throttled');
    aliyun.failures.push('unavailable');
    const id = await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_returned',
      variables: { orderNumber: 'WO-20260715-0008' },
      recipient: PHONE,
    });
    await t.aircare.jobs.runDue();
    expect(await messageRow(t, id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await messageRow(t, id))?.lastError).toMatch(/isv\.BUSINESS_LIMIT_CONTROL/);
    t.clock.advance(5_000);
    await t.aircare.jobs.runDue();
    expect(await messageRow(t, id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect((await messageRow(t, id))?.lastError).toMatch(/ServiceUnavailable/);
    t.clock.advance(10_000);
    await t.aircare.jobs.runDue();
    expect(await messageRow(t, id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(aliyun.accepted).toHaveLength(1);
    expect(aliyun.refused.map((r) => r.code)).toEqual(['isv.BUSINESS_LIMIT_CONTROL', 'ServiceUnavailable']);
  });

  it('gives up at once when the account has no balance (permanent)', async () => {
    use(aliyunEnv());
    aliyun.failures.push('no_balance');
    const id = await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_returned',
      variables: { orderNumber: 'WO-20260715-0009' },
      recipient: PHONE,
    });
    await drain();
    expect(await messageRow(t, id)).toMatchObject({ status: 'dead', attempts: 1 });
    expect(aliyun.requests).toHaveLength(1);
  });

  it('is dead after 5 attempts when the provider stays unavailable', async () => {
    use(aliyunEnv());
    aliyun.failures.push('unavailable', 10);
    const id = await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_returned',
      variables: { orderNumber: 'WO-20260715-0010' },
      recipient: PHONE,
    });
    await drain(10);
    expect(aliyun.requests).toHaveLength(5);
    const row = await messageRow(t, id);
    expect(row).toMatchObject({ status: 'dead', attempts: 5 });
    expect(row?.lastError).toMatch(/ServiceUnavailable/);
  });

  it('treats an unreachable endpoint as retryable', async () => {
    const dead = await startFakeAliyunSms(ALIYUN);
    const url = dead.url;
    await dead.close();
    use(aliyunEnv({ ALIYUN_SMS_ENDPOINT: url, NOTIFY_HTTP_TIMEOUT_MS: '2000' }));
    const id = await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_returned',
      variables: { orderNumber: 'WO-20260715-0011' },
      recipient: PHONE,
    });
    await t.aircare.jobs.runDue();
    const row = await messageRow(t, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.lastError).toMatch(/^aliyun: unreachable/);
  });
});

describe('Tencent Cloud SMS (SendSms 2021-01-11, TC3-HMAC-SHA256)', () => {
  it('sends with a valid signature, the parameters in template order and our id as SessionContext', async () => {
    use(tencentEnv());
    const id = await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_cancelled',
      variables: { reason: '客户已自行修好', orderNumber: 'WO-20260715-0012' },
      recipient: PHONE,
    });
    await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_received',
      variables: { orderNumber: 'WO-20260715-0013', trackingUrl: TRACKING },
      recipient: PHONE,
    });
    await t.aircare.jobs.runDue();
    expect(tencent.refused).toEqual([]);
    expect(tencent.accepted).toHaveLength(2);
    expect(tencent.accepted[0]).toMatchObject({
      phone: '+8613812345678',
      sdkAppId: '1400787878',
      signName: 'Aircare空调售后',
      templateId: '1801004',
      params: ['WO-20260715-0012', '客户已自行修好'],
      sessionContext: id,
      region: 'ap-guangzhou',
    });
    expect(tencent.accepted[1]?.params).toEqual(['WO-20260715-0013', TRACKING]);
    expect(await messageRow(t, id)).toMatchObject({
      status: 'sent',
      transport: 'tencent',
      providerMessageId: tencent.accepted[0]?.serialNo,
    });
    const headers = tencent.requests[0]!.headers;
    expect(headers.authorization).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3Aircare\/\d{4}-\d\d-\d\d\/sms\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/,
    );
    expect(headers['x-tc-timestamp']).toBe(String(Math.floor(t.clock.now().getTime() / 1000)));
  });

  it('is refused with a wrong secret key (AuthFailure.SignatureFailure): dead at once', async () => {
    use(tencentEnv({ TENCENT_SECRET_KEY: 'wrong-key' }));
    const id = await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_returned',
      variables: { orderNumber: 'WO-20260715-0014' },
      recipient: PHONE,
    });
    await drain();
    expect(tencent.refused.map((r) => r.code)).toEqual(['AuthFailure.SignatureFailure']);
    expect(await messageRow(t, id)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await messageRow(t, id))?.lastError).toMatch(/^tencent: AuthFailure\.SignatureFailure/);
  });

  it('retries an internal error, then sends; a daily limit on the number is permanent', async () => {
    use(tencentEnv());
    tencent.failures.push('internal');
    const first = await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_returned',
      variables: { orderNumber: 'WO-20260715-0015' },
      recipient: PHONE,
    });
    await t.aircare.jobs.runDue();
    expect(await messageRow(t, first)).toMatchObject({ status: 'failed', attempts: 1 });
    t.clock.advance(5_000);
    await t.aircare.jobs.runDue();
    expect(await messageRow(t, first)).toMatchObject({ status: 'sent', attempts: 2 });

    tencent.failures.push('daily_limit');
    const second = await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_returned',
      variables: { orderNumber: 'WO-20260715-0016' },
      recipient: PHONE,
    });
    await drain();
    const row = await messageRow(t, second);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row?.lastError).toMatch(/LimitExceeded\.PhoneNumberDailyLimit/);
  });
});

describe('WeChat template messages', () => {
  it('fetches an access token once, keeps it, and sends template messages with data and link', async () => {
    use(wechatEnv());
    const tokens = wechat.tokensIssued();
    const id = await enqueueMessage(t.systemCtx(), {
      channel: 'wechat',
      template: 'order_received',
      variables: { orderNumber: 'WO-20260715-0020', trackingUrl: TRACKING },
      recipient: OPENID,
    });
    await enqueueMessage(t.systemCtx(), {
      channel: 'wechat',
      template: 'order_cancelled',
      variables: { orderNumber: 'WO-20260715-0020', reason: '重复报修' },
      recipient: OPENID,
    });
    await t.aircare.jobs.runDue();
    expect(wechat.refused).toEqual([]);
    expect(wechat.tokensIssued() - tokens).toBe(1);
    expect(wechat.accepted).toHaveLength(2);
    expect(wechat.accepted[0]).toEqual({
      touser: OPENID,
      templateId: 'TPL-received',
      url: TRACKING,
      data: { orderNumber: { value: 'WO-20260715-0020' }, trackingUrl: { value: TRACKING } },
      clientMsgId: id,
      msgid: expect.any(Number),
    });
    expect(await messageRow(t, id)).toMatchObject({
      status: 'sent',
      transport: 'wechat',
      providerMessageId: String(wechat.accepted[0]?.msgid),
      recipientMasked: 'oUpF…eS6o',
    });
  });

  it('fetches a new token when the cached one expires, and when WeChat says it is no longer valid', async () => {
    const transports = use(wechatEnv());
    const tokens = wechat.tokensIssued();
    const send = (n: number) =>
      enqueueMessage(t.systemCtx(), {
        channel: 'wechat',
        template: 'order_cancelled',
        variables: { orderNumber: `WO-20260715-00${30 + n}`, reason: '客户取消' },
        recipient: OPENID,
      });
    await send(1);
    await t.aircare.jobs.runDue();
    expect(wechat.tokensIssued() - tokens).toBe(1);
    t.clock.advanceMinutes(60);
    await send(2);
    await t.aircare.jobs.runDue();
    expect(wechat.tokensIssued() - tokens).toBe(1);
    // 7200 s minus a 5-minute margin
    t.clock.advanceMinutes(56);
    await send(3);
    await t.aircare.jobs.runDue();
    expect(wechat.tokensIssued() - tokens).toBe(2);

    // refreshed elsewhere: 40001, a new token, the same attempt succeeds
    wechat.revokeTokens();
    const id = await send(4);
    await t.aircare.jobs.runDue();
    expect(wechat.tokensIssued() - tokens).toBe(3);
    expect(wechat.refused.map((r) => r.errcode)).toEqual([40001]);
    expect(await messageRow(t, id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(wechat.accepted).toHaveLength(4);
    expect(transports.wechat.name).toBe('wechat');
  });

  it('retries "system busy", and gives up on a user who has not subscribed or a missing template', async () => {
    use(wechatEnv());
    wechat.failures.push('busy');
    const busy = await enqueueMessage(t.systemCtx(), {
      channel: 'wechat',
      template: 'order_cancelled',
      variables: { orderNumber: 'WO-20260715-0040', reason: '客户取消' },
      recipient: OPENID,
    });
    await t.aircare.jobs.runDue();
    expect(await messageRow(t, busy)).toMatchObject({ status: 'failed', attempts: 1 });
    t.clock.advance(5_000);
    await t.aircare.jobs.runDue();
    expect(await messageRow(t, busy)).toMatchObject({ status: 'sent', attempts: 2 });

    wechat.failures.push('not_subscribed');
    const unsubscribed = await enqueueMessage(t.systemCtx(), {
      channel: 'wechat',
      template: 'order_cancelled',
      variables: { orderNumber: 'WO-20260715-0041', reason: '客户取消' },
      recipient: OPENID,
    });
    const missing = await enqueueMessage(t.systemCtx(), {
      channel: 'wechat',
      template: 'verification_code',
      variables: { code: '123456' },
      recipient: OPENID,
    });
    await drain();
    expect(await messageRow(t, unsubscribed)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await messageRow(t, unsubscribed))?.lastError).toMatch(/^wechat: 43004/);
    expect(await messageRow(t, missing)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await messageRow(t, missing))?.lastError).toMatch(/no template_id configured for verification_code/);
  });

  it('gives up when the app secret is wrong', async () => {
    use(wechatEnv({ WECHAT_SECRET: 'wrong' }));
    const id = await enqueueMessage(t.systemCtx(), {
      channel: 'wechat',
      template: 'order_received',
      variables: { orderNumber: 'WO-20260715-0050', trackingUrl: TRACKING },
      recipient: OPENID,
    });
    await drain();
    expect(wechat.refused.map((r) => r.errcode)).toEqual([40125]);
    expect(await messageRow(t, id)).toMatchObject({ status: 'dead', attempts: 1 });
  });
});

describe('configuration', () => {
  it('refuses an incomplete provider configuration at start', () => {
    expect(() => loadNotifyConfig({ NOTIFY_SMS_TRANSPORT: 'aliyun' })).toThrow(/ALIYUN_ACCESS_KEY_ID is required/);
    expect(() => loadNotifyConfig(aliyunEnv({ ALIYUN_SMS_TEMPLATES: 'verification_code=SMS_1' }))).toThrow(
      /missing: order_received, order_returned, order_cancelled/,
    );
    expect(() => loadNotifyConfig(aliyunEnv({ ALIYUN_SMS_TEMPLATES: 'welcome=SMS_1' }))).toThrow(
      /unknown template "welcome"/,
    );
    expect(() => loadNotifyConfig({ NOTIFY_SMS_TRANSPORT: 'twilio' })).toThrow(/log, aliyun or tencent/);
    expect(() => loadNotifyConfig({ NOTIFY_WECHAT_TRANSPORT: 'wechat' })).toThrow(/WECHAT_APPID is required/);
    expect(() => loadNotifyConfig({ WECHAT_TOKEN: 'has spaces' })).toThrow(/WECHAT_TOKEN/);
    expect(() => loadNotifyConfig({ AIRCARE_PUBLIC_URL: 'ftp://x' })).toThrow(/AIRCARE_PUBLIC_URL/);
    expect(loadNotifyConfig({})).toMatchObject({
      publicBaseUrl: 'http://localhost:3000',
      sms: { transport: 'log' },
      wechat: { token: null, transport: { name: 'log' } },
      maxAttempts: 5,
    });
  });
});
