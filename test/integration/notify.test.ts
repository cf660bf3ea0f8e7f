// notify: the outbox (written in the business transaction), the sender job (once, retries, dead letter),
// the message log endpoint and its permission, the delivery status of an order's messages.

import { randomUUID } from 'node:crypto';
import { messageLogEntrySchema } from '@shared/contracts/notify.contract';
import { FULL_MOBILE_PATTERN } from '@shared/domain/phone';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  anonymiseMessages,
  enqueueMessage,
  listMessagesForWorkOrder,
  loadNotifyConfig,
  registerNotifyJobs,
} from '../../src/server/modules/notify';
import { listMessages } from '../../src/server/modules/notify/use-cases/list-messages';
import { withTransaction } from '../../src/server/platform/db/transaction';
import { buildTestApp, type TestApp } from '../build-test-app';
import { clearNotify, messageRow, messageRows, ScriptedTransport, sendJobs, transportsWith } from './notify-support';
import { expectError } from './support';

let t: TestApp;
const cookies: Record<string, string> = {};
const PHONE = '13812345678';
const config = loadNotifyConfig({});

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('root', ['admin'], null);
  await t.createUser('agent', ['agent'], 'th');
  await t.createUser('manager', ['manager'], 'th');
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await clearNotify(t);
  // back to the default (log) transports
  registerNotifyJobs(t.aircare.jobs, config);
  t.clock.advance(60_000);
  // tests move the clock by hours: fresh sessions each time
  cookies.admin = await t.login('root');
  cookies.agent = await t.login('agent');
  cookies.manager = await t.login('manager');
});

const received = (workOrderId?: string) => ({
  channel: 'sms' as const,
  template: 'order_received',
  variables: { orderNumber: 'WO-20260715-0001', trackingUrl: 'http://localhost:3000/track?t=abc' },
  recipient: PHONE,
  ...(workOrderId ? { workOrderId } : {}),
});

describe('outbox', () => {
  it('writes the message and its send job in the business transaction', async () => {
    const orderId = randomUUID();
    const id = await withTransaction(t.systemCtx(), async (tx) => enqueueMessage(tx, received(orderId)));
    const [row] = await messageRows(t);
    expect(row).toMatchObject({
      id,
      channel: 'sms',
      template: 'order_received',
      status: 'queued',
      attempts: 0,
      transport: null,
      recipientMasked: '138****5678',
      workOrderId: orderId,
    });
    // the phone is stored encrypted, never in clear
    expect(row?.recipientEnc).not.toContain(PHONE);
    expect(t.aircare.cipher.decrypt(row?.recipientEnc as string)).toBe(PHONE);
    const jobs = await sendJobs(t);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: 'pending', payload: { messageId: id }, dedupeKey: `notify.send:${id}` });
  });

  it('writes nothing when the business transaction rolls back', async () => {
    await expect(
      withTransaction(t.systemCtx(), async (tx) => {
        await enqueueMessage(tx, received());
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await messageRows(t)).toEqual([]);
    expect(await sendJobs(t)).toEqual([]);
    expect(await t.aircare.jobs.runDue()).toBe(0);
  });

  it('refuses unknown templates, unknown or missing variables and recipients that do not fit the channel', async () => {
    const ctx = t.systemCtx();
    await expect(enqueueMessage(ctx, { ...received(), template: 'order_lost' })).rejects.toThrow(
      /unknown message template/,
    );
    await expect(
      enqueueMessage(ctx, { ...received(), variables: { ...received().variables, extra: 'x' } }),
    ).rejects.toThrow(/unknown variable\(s\) extra/);
    await expect(
      enqueueMessage(ctx, { ...received(), variables: { orderNumber: 'WO-20260715-0001' } }),
    ).rejects.toThrow(/"trackingUrl" is missing/);
    await expect(enqueueMessage(ctx, { ...received(), recipient: '020-38881234' })).rejects.toThrow(/mainland mobile/);
    await expect(enqueueMessage(ctx, { ...received(), channel: 'wechat', recipient: 'x' })).rejects.toThrow(/openid/);
    expect(await messageRows(t)).toEqual([]);
  });
});

describe('sender job', () => {
  it('sends a message once (log transport), and never again', async () => {
    const id = await enqueueMessage(t.systemCtx(), received());
    expect(await t.aircare.jobs.runDue()).toBe(1);
    const row = await messageRow(t, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, transport: 'log', lastError: null });
    expect(row?.sentAt?.toISOString()).toBe(t.clock.now().toISOString());
    expect(await t.aircare.jobs.runDue()).toBe(0);
    t.clock.advanceMinutes(120);
    expect(await t.aircare.jobs.runDue()).toBe(0);
    expect((await sendJobs(t)).map((j) => j.status)).toEqual(['done']);
  });

  it('gives the transport the decrypted recipient, the variables and the Chinese text, exactly once', async () => {
    const sms = new ScriptedTransport();
    registerNotifyJobs(t.aircare.jobs, config, transportsWith(sms));
    const id = await enqueueMessage(t.systemCtx(), received());
    await t.aircare.jobs.runDue();
    await t.aircare.jobs.runDue();
    expect(sms.calls).toHaveLength(1);
    expect(sms.sent[0]?.message).toEqual({
      id,
      channel: 'sms',
      template: 'order_received',
      variables: { orderNumber: 'WO-20260715-0001', trackingUrl: 'http://localhost:3000/track?t=abc' },
      text: '【Aircare空调售后】您的报修已受理，工单号WO-20260715-0001，我们将尽快安排工程师。查看进度：http://localhost:3000/track?t=abc',
      recipient: PHONE,
    });
    expect(await messageRow(t, id)).toMatchObject({ status: 'sent', transport: 'scripted', providerMessageId: 'p-1' });
  });

  it('retries a retryable failure with backoff, showing failed, then sends', async () => {
    const sms = new ScriptedTransport();
    sms.script.push('retry', 'retry');
    registerNotifyJobs(t.aircare.jobs, config, transportsWith(sms));
    const id = await enqueueMessage(t.systemCtx(), received());

    expect(await t.aircare.jobs.runDue()).toBe(1);
    let row = await messageRow(t, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, transport: 'scripted' });
    // the provider's text is kept, without the full number
    expect(row?.lastError).toBe('provider busy for 138****5678 (try 1)');

    // next attempt after 5 s, not before
    expect(await t.aircare.jobs.runDue()).toBe(0);
    t.clock.advance(4_999);
    expect(await t.aircare.jobs.runDue()).toBe(0);
    t.clock.advance(1);
    expect(await t.aircare.jobs.runDue()).toBe(1);
    expect(await messageRow(t, id)).toMatchObject({ status: 'failed', attempts: 2 });

    // then 10 s
    t.clock.advance(9_999);
    expect(await t.aircare.jobs.runDue()).toBe(0);
    t.clock.advance(1);
    expect(await t.aircare.jobs.runDue()).toBe(1);
    row = await messageRow(t, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null, providerMessageId: 'p-1' });
    expect(row?.sentAt?.toISOString()).toBe(t.clock.now().toISOString());
    expect(sms.sent).toHaveLength(1);
    expect(sms.calls).toHaveLength(3);
    // one job per attempt, all finished
    expect((await sendJobs(t)).map((j) => j.status)).toEqual(['done', 'done', 'done']);
  });

  it('is dead after the last attempt, with the error visible in the message log', async () => {
    const sms = new ScriptedTransport();
    sms.script.push('retry', 'retry', 'retry', 'retry', 'retry', 'retry', 'retry');
    registerNotifyJobs(t.aircare.jobs, { ...config, maxAttempts: 5 }, transportsWith(sms));
    const id = await enqueueMessage(t.systemCtx(), received());
    for (let i = 0; i < 10; i++) {
      await t.aircare.jobs.runDue();
      t.clock.advanceMinutes(61);
    }
    expect(sms.calls).toHaveLength(5);
    const row = await messageRow(t, id);
    expect(row).toMatchObject({ status: 'dead', attempts: 5, lastError: 'provider busy for 138****5678 (try 5)' });
    expect((await sendJobs(t)).every((j) => j.status === 'done')).toBe(true);

    const res = await t.request({ method: 'GET', url: '/api/messages?status=dead', cookie: await t.login('root') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ id, status: 'dead', attempts: 5, lastError: 'provider busy for 138****5678 (try 5)' }),
    ]);
  });

  it('gives up at once on a permanent failure', async () => {
    const sms = new ScriptedTransport();
    sms.script.push('permanent');
    registerNotifyJobs(t.aircare.jobs, config, transportsWith(sms));
    const id = await enqueueMessage(t.systemCtx(), received());
    await t.aircare.jobs.runDue();
    t.clock.advanceMinutes(120);
    await t.aircare.jobs.runDue();
    expect(sms.calls).toHaveLength(1);
    expect(await messageRow(t, id)).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: 'number is not in service',
    });
  });
});

describe('message log (listMessages)', () => {
  it('shows an admin every message, newest first, with the rendered text; the code only for the log transport', async () => {
    const orderId = randomUUID();
    await enqueueMessage(t.systemCtx(), received(orderId));
    t.clock.advance(1000);
    await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'verification_code',
      variables: { code: '042137' },
      recipient: '13900001111',
    });
    t.clock.advance(1000);
    await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_cancelled',
      variables: { orderNumber: 'WO-20260715-0002', reason: '客户已自行修好' },
      recipient: PHONE,
      workOrderId: randomUUID(),
    });

    // queued: nothing has gone through the log transport yet, so the code is masked
    let res = await t.request({ method: 'GET', url: '/api/messages', cookie: cookies.admin });
    expect(res.statusCode, res.body).toBe(200);
    let body = res.json();
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(body.items.map((m: { template: string }) => m.template)).toEqual([
      'order_cancelled',
      'verification_code',
      'order_received',
    ]);
    expect(body.items[1].text).toBe('【Aircare空调售后】您的验证码为******，10分钟内有效。如非本人操作请忽略。');
    expect(body.items[1].status).toBe('queued');

    await t.aircare.jobs.runDue();
    res = await t.request({ method: 'GET', url: '/api/messages', cookie: cookies.admin });
    body = res.json();
    for (const item of body.items) expect(messageLogEntrySchema.safeParse(item).success).toBe(true);
    const [cancelled, code, orderReceived] = body.items;
    expect(code).toMatchObject({
      channel: 'sms',
      template: 'verification_code',
      templateLabel: '验证码',
      text: '【Aircare空调售后】您的验证码为042137，10分钟内有效。如非本人操作请忽略。',
      textEn:
        '[Aircare] Your verification code is 042137, valid for 10 minutes. If you did not ask for it, ignore this message.',
      recipientMasked: '139****1111',
      status: 'sent',
      transport: 'log',
      attempts: 1,
      lastError: null,
      workOrderId: null,
    });
    expect(cancelled.text).toBe(
      '【Aircare空调售后】您的报修单WO-20260715-0002已取消，原因：客户已自行修好。如有疑问请致电客服热线。',
    );
    expect(orderReceived.workOrderId).toBe(orderId);
    expect(orderReceived.sentAt).toBe(t.clock.now().toISOString());
    // never a full mobile number
    expect(res.body.match(FULL_MOBILE_PATTERN)).toBeNull();

    // English labels for an admin who reads English
    const en = await t.request({
      method: 'PATCH',
      url: '/api/auth/me',
      cookie: cookies.admin,
      body: { language: 'en-US' },
    });
    expect(en.statusCode, en.body).toBe(200);
    res = await t.request({ method: 'GET', url: '/api/messages?template=verification_code', cookie: cookies.admin });
    expect(res.json().items.map((m: { templateLabel: string }) => m.templateLabel)).toEqual(['Verification code']);
    await t.request({ method: 'PATCH', url: '/api/auth/me', cookie: cookies.admin, body: { language: 'zh-CN' } });

    // filters and pages
    res = await t.request({ method: 'GET', url: `/api/messages?workOrderId=${orderId}`, cookie: cookies.admin });
    expect(res.json()).toMatchObject({ total: 1, items: [{ template: 'order_received' }] });
    res = await t.request({ method: 'GET', url: '/api/messages?channel=wechat', cookie: cookies.admin });
    expect(res.json()).toMatchObject({ total: 0, items: [] });
    res = await t.request({ method: 'GET', url: '/api/messages?page=2&pageSize=2', cookie: cookies.admin });
    expect(res.json()).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [{ template: 'order_received' }] });
    res = await t.request({ method: 'GET', url: '/api/messages?status=lost', cookie: cookies.admin });
    expectError(res, 400, 'VALIDATION_FAILED');
    res = await t.request({ method: 'GET', url: '/api/messages?foo=1', cookie: cookies.admin });
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('masks the code of a message sent through a real transport', async () => {
    registerNotifyJobs(t.aircare.jobs, config, transportsWith(new ScriptedTransport('aliyun')));
    await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'verification_code',
      variables: { code: '777123' },
      recipient: PHONE,
    });
    await t.aircare.jobs.runDue();
    const res = await t.request({ method: 'GET', url: '/api/messages', cookie: cookies.admin });
    expect(res.json().items[0]).toMatchObject({
      transport: 'aliyun',
      status: 'sent',
      text: '【Aircare空调售后】您的验证码为******，10分钟内有效。如非本人操作请忽略。',
    });
    expect(res.body).not.toContain('777123');
    // and the code is not stored in clear either
    const [row] = await messageRows(t);
    expect(JSON.stringify(row?.variables)).not.toContain('777123');
  });

  it('masks codes of the log transport too when NOTIFY_LOG_SHOWS_CODES is off (the production default)', async () => {
    expect(loadNotifyConfig({ NODE_ENV: 'production' }).logShowsCodes).toBe(false);
    expect(loadNotifyConfig({ NODE_ENV: 'production', NOTIFY_LOG_SHOWS_CODES: 'true' }).logShowsCodes).toBe(true);
    expect(config.logShowsCodes).toBe(true);
    await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'verification_code',
      variables: { code: '565656' },
      recipient: PHONE,
    });
    await t.aircare.jobs.runDue();
    const ctx = {
      ...t.systemCtx(),
      actor: {
        userId: randomUUID(),
        username: 'root',
        displayName: 'root',
        roles: ['admin' as const],
        branchId: null,
        companyWide: true,
        sessionId: null,
      },
    };
    const hidden = await listMessages(ctx, { logShowsCodes: false });
    expect(hidden.items[0]?.text).toContain('验证码为******');
    const shown = await listMessages(ctx, { logShowsCodes: true });
    expect(shown.items[0]?.text).toContain('验证码为565656');
  });

  it('is for admins only: an agent or a manager gets 403, nobody without a session', async () => {
    expectError(await t.request({ method: 'GET', url: '/api/messages', cookie: cookies.agent }), 403, 'FORBIDDEN');
    expectError(await t.request({ method: 'GET', url: '/api/messages', cookie: cookies.manager }), 403, 'FORBIDDEN');
    expectError(await t.request({ method: 'GET', url: '/api/messages' }), 401, 'UNAUTHENTICATED');
  });
});

describe('delivery status of an order (listMessagesForWorkOrder)', () => {
  it('lists the messages of one order, oldest first, with their status and no text', async () => {
    const orderId = randomUUID();
    const first = await enqueueMessage(t.systemCtx(), received(orderId));
    await t.aircare.jobs.runDue();
    t.clock.advance(1000);
    const second = await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_returned',
      variables: { orderNumber: 'WO-20260715-0001' },
      recipient: PHONE,
      workOrderId: orderId,
    });
    await enqueueMessage(t.systemCtx(), received(randomUUID()));
    const list = await listMessagesForWorkOrder(t.systemCtx(), orderId);
    expect(list).toEqual([
      expect.objectContaining({
        id: first,
        template: 'order_received',
        status: 'sent',
        recipientMasked: '138****5678',
      }),
      expect.objectContaining({ id: second, template: 'order_returned', status: 'queued', sentAt: null }),
    ]);
    expect(JSON.stringify(list)).not.toContain(PHONE);
    expect(await listMessagesForWorkOrder(t.systemCtx(), randomUUID())).toEqual([]);
  });
});

describe('privacy deletion (anonymiseMessages)', () => {
  it("removes recipient and variables of an order's messages, keeps the statistics, and stops undelivered ones", async () => {
    const orderId = randomUUID();
    const sent = await enqueueMessage(t.systemCtx(), received(orderId));
    await t.aircare.jobs.runDue();
    const queued = await enqueueMessage(t.systemCtx(), {
      channel: 'sms',
      template: 'order_cancelled',
      variables: { orderNumber: 'WO-20260715-0001', reason: '王先生已搬家' },
      recipient: PHONE,
      workOrderId: orderId,
    });
    const other = await enqueueMessage(t.systemCtx(), received(randomUUID()));
    expect(await anonymiseMessages(t.systemCtx(), { workOrderIds: [orderId] })).toBe(2);
    expect(await anonymiseMessages(t.systemCtx(), { workOrderIds: [] })).toBe(0);
    expect(await messageRow(t, sent)).toMatchObject({ status: 'sent', recipientMasked: '已删除', variables: {} });
    expect(await messageRow(t, queued)).toMatchObject({ status: 'dead', recipientMasked: '已删除', variables: {} });
    expect(await messageRow(t, other)).toMatchObject({ status: 'queued', recipientMasked: '138****5678' });
    const anonymised = (await messageRows(t)).filter((m) => m.workOrderId === orderId);
    for (const m of anonymised) expect(t.aircare.cipher.decrypt(m.recipientEnc)).toBe('已删除');
    // the queued one is not sent any more; the message log still lists them
    await t.aircare.jobs.runDue();
    expect((await messageRow(t, queued))?.status).toBe('dead');
    const res = await t.request({ method: 'GET', url: `/api/messages?workOrderId=${orderId}`, cookie: cookies.admin });
    // Both were queued at the same (fake) instant: compare as a set.
    expect(
      res
        .json()
        .items.map((m: { text: string }) => m.text)
        .sort(),
    ).toEqual(['order_cancelled', 'order_received']);
    expect(res.body).not.toContain('王先生');
  });
});
