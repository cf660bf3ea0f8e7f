// The public channels (issue 3): the repair page with its SMS code, and the tracking page with its self-service
// actions. Through the real app on a fresh database.
import { FULL_MOBILE_PATTERN } from '@shared/domain/phone';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { customerConsents, customers, privacyRequests } from '../../src/server/modules/customers/customers.schema';
import { changeWorkOrderStatus } from '../../src/server/modules/intake';
import { trackingFailures } from '../../src/server/modules/intake/channels/channels.schema';
import { attachments, workOrders } from '../../src/server/modules/intake/intake.schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import { clearNotify, lastCodeSentTo, messageRows } from './notify-support';
import { expectError, issuePaths } from './support';

let t: TestApp;
let agent: string;
let dispatcher: string;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('agent', ['agent'], 'th');
  await t.createUser('dispatcher', ['dispatcher'], 'th');
  agent = await t.login('agent');
  dispatcher = await t.login('dispatcher');
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  t.clock.set('2026-07-15T02:00:00Z'); // 10:00 in Shanghai
  await clearNotify(t);
  await t.database.db.delete(trackingFailures);
});

let seq = 0;
/** A fresh mobile and a fresh client address per call (the code limits are per phone and per address). */
function fresh(): { phone: string; ip: string } {
  seq += 1;
  return { phone: `137${String(seq).padStart(8, '0')}`, ip: `198.51.100.${seq}` };
}

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x11)]);

async function askCode(phone: string, purpose: 'repair' | 'track', ip: string): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: '/api/public/verification-codes',
    body: { phone, purpose },
    remoteAddress: ip,
  });
  expect(res.statusCode, res.body).toBe(201);
  return lastCodeSentTo(t, phone);
}

function repairBody(phone: string, code: string, overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    name: '王小明',
    phone,
    code,
    city: '广州',
    district: '天河区',
    detail: '体育西路 1 号 1201 室',
    unit: { brand: '格力', model: 'KFR-35GW', type: 'split_wall' },
    faultCategory: 'no_cooling',
    description: '开机后不制冷，外机不转',
    preferredWindow: { start: '2026-07-16T09:00:00+08:00', end: '2026-07-16T12:00:00+08:00' },
    channel: 'web',
    consent: true,
    ...overrides,
  };
}

function submit(body: unknown, ip: string, key?: string) {
  return t.request({
    method: 'POST',
    url: '/api/public/repair-requests',
    body,
    remoteAddress: ip,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
}

async function counts() {
  const n = async (table: typeof workOrders | typeof customers | typeof attachments | typeof customerConsents) =>
    (await t.database.db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return { orders: await n(workOrders), customers: await n(customers), attachments: await n(attachments) };
}

/** Submits a complete request (fresh phone); returns the answer, the phone and the link token. */
async function newOrder(overrides: Record<string, unknown> = {}) {
  const { phone, ip } = fresh();
  const code = await askCode(phone, 'repair', ip);
  const res = await submit(repairBody(phone, code, overrides), ip);
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json();
  const token = new URL(body.trackingUrl).searchParams.get('t') as string;
  return { ...body, phone, ip, token };
}

async function orderRow(number: string) {
  const rows = await t.database.db.select().from(workOrders).where(eq(workOrders.number, number));
  return rows[0] as typeof workOrders.$inferSelect;
}

function track(body: unknown, ip = '192.0.2.50') {
  return t.request({ method: 'POST', url: '/api/public/track', body, remoteAddress: ip });
}

describe('listPublicFaultCategories', () => {
  it('gives the active categories with names only, without a login', async () => {
    const res = await t.request({ method: 'GET', url: '/api/public/fault-categories' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(10);
    expect(items[0]).toEqual({ code: expect.any(String), nameZh: expect.any(String), nameEn: expect.any(String) });
    expect(items.map((i: { code: string }) => i.code)).toContain('no_cooling');
  });
});

describe('submitRepairRequest', () => {
  it('creates the order with the SMS code: channel web, branch by district, actor 客户, photo, consent', async () => {
    const before = await counts();
    const { phone, ip } = fresh();
    const code = await askCode(phone, 'repair', ip);
    const photo = { kind: 'nameplate', contentType: 'image/jpeg', dataBase64: JPEG.toString('base64') };
    const res = await submit(repairBody(phone, code, { photo }), ip);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['estimatedAt', 'number', 'trackingUrl']);
    expect(body.number).toMatch(/^WO-20260715-\d{4}$/);
    expect(body.trackingUrl).toMatch(/\/track\?t=[\w-]{20,}$/);
    expect(new Date(body.estimatedAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(res.body.match(FULL_MOBILE_PATTERN)).toBeNull();

    const after = await counts();
    expect(after).toEqual({
      orders: before.orders + 1,
      customers: before.customers + 1,
      attachments: before.attachments + 1,
    });
    const order = await orderRow(body.number);
    expect(order).toMatchObject({ channel: 'web', status: 'new', branchId: t.branches.th, district: '天河区' });

    const [att] = await t.database.db.select().from(attachments).where(eq(attachments.workOrderId, order.id));
    expect(att).toMatchObject({ kind: 'nameplate', contentType: 'image/jpeg', size: JPEG.length });
    expect(Buffer.from(att?.data as Buffer).equals(JPEG)).toBe(true);

    const consents = await t.database.db
      .select()
      .from(customerConsents)
      .where(eq(customerConsents.customerId, order.customerId));
    expect(consents).toMatchObject([{ purpose: 'privacy_policy', granted: true, channel: 'web' }]);

    // dispatch sees it in the review queue with the customer as actor and the photo noted
    const detail = await t.request({ method: 'GET', url: `/api/work-orders/${order.id}`, cookie: dispatcher });
    expect(detail.statusCode).toBe(200);
    const timeline = detail.json().timeline as any[];
    expect(timeline[0]).toMatchObject({ event: 'created', actorName: '客户', actorId: null, toStatus: 'new' });
    const attached = timeline.find((e) => e.event === 'photo_attached');
    expect(attached?.details).toMatchObject({ kind: 'nameplate', attachmentId: att?.id });
    // … and can look at it: listed on the detail, the bytes with the session cookie
    expect(detail.json().attachments).toEqual([
      { id: att?.id, kind: 'nameplate', contentType: 'image/jpeg', size: JPEG.length, createdAt: expect.any(String) },
    ]);
    const image = await t.aircare.app.inject({
      method: 'GET',
      url: `/api/work-orders/${order.id}/attachments/${att?.id}`,
      headers: { cookie: dispatcher },
    });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.rawPayload.equals(JPEG)).toBe(true);
    // the order_received SMS went to the customer with the tracking link
    const received = (await messageRows(t)).filter((m) => m.template === 'order_received');
    expect(received).toHaveLength(1);
  });

  it('the WeChat page makes a wechat order; 海珠区 goes to the 海珠 branch', async () => {
    const o = await newOrder({ channel: 'wechat', district: '海珠区' });
    expect(await orderRow(o.number)).toMatchObject({ channel: 'wechat', branchId: t.branches.hz });
  });

  it('accepts a model the customer does not know', async () => {
    const o = await newOrder({ unit: { brand: '美的', model: '不清楚', type: 'cabinet' } });
    expect(await orderRow(o.number)).toMatchObject({ unitId: null, unitBrand: '美的', unitModel: '不清楚' });
  });

  it('a wrong code is a field error on code and stores nothing; the right code then still works', async () => {
    const before = await counts();
    const { phone, ip } = fresh();
    const code = await askCode(phone, 'repair', ip);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const res = await submit(repairBody(phone, wrong), ip);
    const err = expectError(res, 400, 'VALIDATION_FAILED');
    expect(err.details.issues).toEqual([
      { path: 'code', code: 'invalid_code', message: expect.stringContaining('验证码') },
    ]);
    expect(await counts()).toEqual(before);

    // a code for another purpose or another phone is wrong too
    const trackCode = await askCode(phone, 'track', ip);
    expect(issuePaths(await submit(repairBody(phone, trackCode), ip))).toEqual(['code']);
    expect(await counts()).toEqual(before);

    expect((await submit(repairBody(phone, code), ip)).statusCode).toBe(201);
    // one use: the same code again is refused
    expect(issuePaths(await submit(repairBody(phone, code), ip))).toEqual(['code']);
  });

  it('an expired code is refused', async () => {
    const { phone, ip } = fresh();
    const code = await askCode(phone, 'repair', ip);
    t.clock.advanceMinutes(11);
    expect(issuePaths(await submit(repairBody(phone, code), ip))).toEqual(['code']);
  });

  it('field errors come before the code check, which is not spent by a bad form', async () => {
    const before = await counts();
    const { phone, ip } = fresh();
    const code = await askCode(phone, 'repair', ip);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ consent: false }, ['consent']],
      [{ phone: '020-38881234' }, ['phone']],
      [{ district: '' }, ['district']],
      [{ name: undefined, detail: undefined }, ['name', 'detail']],
      [{ unit: { brand: '格力', type: 'split_wall' } }, ['unit.model']],
      [{ faultCategory: 'broken' }, ['faultCategory']],
      [
        { preferredWindow: { start: '2026-07-14T09:00:00+08:00', end: '2026-07-14T12:00:00+08:00' } },
        ['preferredWindow.end'],
      ],
      [{ channel: 'hotline' }, ['channel']],
      [{ priority: 'urgent' }, ['priority']],
    ];
    for (const [overrides, paths] of cases) {
      const res = await submit(repairBody(phone, code, overrides), ip);
      expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(issuePaths(res), JSON.stringify(overrides)).toEqual(paths);
    }
    expect(await counts()).toEqual(before);
    expect((await submit(repairBody(phone, code), ip)).statusCode).toBe(201);
  });

  it('an oversized photo: 413 beyond the body limit, a field error beyond 2 MB; nothing stored', async () => {
    const before = await counts();
    const { phone, ip } = fresh();
    const code = await askCode(phone, 'repair', ip);
    const big = (bytes: number) => ({
      kind: 'fault',
      contentType: 'image/jpeg',
      dataBase64: Buffer.concat([JPEG, Buffer.alloc(bytes - JPEG.length, 0x22)]).toString('base64'),
    });
    const tooBigBody = await submit(repairBody(phone, code, { photo: big(2_500_000) }), ip);
    // the route's own limit (3 MB), not the server's 1 MB
    const tooBig = expectError(tooBigBody, 413, 'PAYLOAD_TOO_LARGE');
    expect(tooBig.message).toBe('提交的内容过大（上限 3 MB）');
    expect(tooBig.details).toEqual({ limitBytes: 3 * 1024 * 1024 });

    const overTwoMb = await submit(repairBody(phone, code, { photo: big(2 * 1024 * 1024 + 1) }), ip);
    const err = expectError(overTwoMb, 400, 'VALIDATION_FAILED');
    expect(err.details.issues).toEqual([
      { path: 'photo.dataBase64', code: 'too_large', message: expect.stringContaining('2 MB') },
    ]);

    const png = await submit(repairBody(phone, code, { photo: { ...big(5000), contentType: 'image/png' } }), ip);
    expect(issuePaths(png)).toEqual(['photo.contentType']);
    const notImage = await submit(
      repairBody(phone, code, {
        photo: { kind: 'fault', contentType: 'image/jpeg', dataBase64: Buffer.from('hello').toString('base64') },
      }),
      ip,
    );
    expect(issuePaths(notImage)).toEqual(['photo.dataBase64']);
    expect(await counts()).toEqual(before);

    // exactly 2 MB is fine
    const ok = await submit(repairBody(phone, code, { photo: big(2 * 1024 * 1024) }), ip);
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await counts()).attachments).toBe(before.attachments + 1);
  });

  it('a double submit with the same Idempotency-Key makes one order (in a row and at once)', async () => {
    const before = await counts();
    const { phone, ip } = fresh();
    const code = await askCode(phone, 'repair', ip);
    const body = repairBody(phone, code);
    const first = await submit(body, ip, 'repair-form-0001');
    const second = await submit(body, ip, 'repair-form-0001');
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect((await counts()).orders).toBe(before.orders + 1);

    const other = fresh();
    const code2 = await askCode(other.phone, 'repair', other.ip);
    const body2 = repairBody(other.phone, code2);
    const [a, b] = await Promise.all([
      submit(body2, other.ip, 'repair-form-0002'),
      submit(body2, other.ip, 'repair-form-0002'),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().number).toBe(b.json().number);
    expect((await counts()).orders).toBe(before.orders + 2);

    // a wrong code under a key stores no key: the corrected form may reuse it
    const third = fresh();
    const code3 = await askCode(third.phone, 'repair', third.ip);
    const wrong = String((Number(code3) + 1) % 1_000_000).padStart(6, '0');
    expect(issuePaths(await submit(repairBody(third.phone, wrong), third.ip, 'repair-form-0003'))).toEqual(['code']);
    expect((await submit(repairBody(third.phone, code3), third.ip, 'repair-form-0003')).statusCode).toBe(201);
  });
});

describe('trackWorkOrder', () => {
  it('by the link token: status in plain words, ETA, masked summary, allowed actions', async () => {
    const o = await newOrder();
    const res = await track({ token: o.token });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      number: o.number,
      status: 'new',
      statusText: '我们已收到您的报修，正在核对信息',
      estimatedAt: o.estimatedAt,
      faultCategory: 'no_cooling',
      faultCategoryName: '不制冷',
      unit: { brand: '格力', model: 'KFR-35GW', type: 'split_wall' },
      customerNameMasked: '王**',
      addressMasked: '广州天河区****',
      technician: null,
      actions: { requestNewTime: true, cancel: true, requestMyData: true, requestDeletion: true },
      session: null,
    });
    expect(view.phoneMasked).toBe(`${o.phone.slice(0, 3)}****${o.phone.slice(-4)}`);
    expect(view.timeline).toEqual([
      { at: '2026-07-15T02:00:00.000Z', kind: 'status', status: 'new', text: expect.stringContaining('报修已提交') },
    ]);
    expect(res.body.match(FULL_MOBILE_PATTERN)).toBeNull();
    expect(res.body).not.toContain('体育西路');
    // English on request
    const en = await t.request({
      method: 'POST',
      url: '/api/public/track',
      body: { token: o.token },
      headers: { 'accept-language': 'en-US' },
    });
    expect(en.json().statusText).toBe('We have your request and are checking it');
  });

  it('by order number + phone + SMS code: the same view and a short-lived session for the actions', async () => {
    const o = await newOrder();
    const code = await askCode(o.phone, 'track', o.ip);
    const res = await track({ number: o.number.toLowerCase(), phone: o.phone, code }, o.ip);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.number).toBe(o.number);
    expect(view.session.token).toMatch(/\./);
    expect(view.session.expiresAt).toBe('2026-07-15T02:30:00.000Z');

    const again = await track({ session: view.session.token }, o.ip);
    expect(again.statusCode).toBe(200);
    expect(again.json().session).toBeNull();
    t.clock.advanceMinutes(31);
    expectError(await track({ session: view.session.token }, o.ip), 404, 'NOT_FOUND');
  });

  it("a wrong token, a wrong number, another person's order, a forged session: the same not-found", async () => {
    const mine = await newOrder();
    const theirs = await newOrder();
    const ip = '192.0.2.60';
    const answers = [];
    answers.push(await track({ token: `${mine.token}x` }, ip));
    answers.push(await track({ token: 'a'.repeat(32) }, ip));
    let code = await askCode(mine.phone, 'track', mine.ip);
    answers.push(await track({ number: 'WO-20260715-9999', phone: mine.phone, code }, ip));
    code = await askCode(mine.phone, 'track', mine.ip);
    answers.push(await track({ number: theirs.number, phone: mine.phone, code }, ip));
    code = await askCode(mine.phone, 'track', mine.ip);
    const ok = await track({ number: mine.number, phone: mine.phone, code }, ip);
    const session: string = ok.json().session.token;
    const [payload, mac] = session.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload as string, 'base64url').toString()),
        o: (await orderRow(theirs.number)).id,
      }),
    ).toString('base64url');
    answers.push(await track({ session: `${forged}.${mac}` }, ip));
    answers.push(await track({ session: 'garbage' }, ip));

    const shapes = answers.map((r) => {
      expect(r.statusCode, r.body).toBe(404);
      const { requestId, ...rest } = r.json();
      expect(typeof requestId).toBe('string');
      return rest;
    });
    expect(shapes[0]).toEqual({ code: 'NOT_FOUND', message: '未找到' });
    for (const s of shapes) expect(s).toEqual(shapes[0]);
    // the actions answer the same for another person's order
    const cancel = await t.request({
      method: 'POST',
      url: '/api/public/track/cancel',
      body: { session: `${forged}.${mac}`, reason: '不需要了' },
      remoteAddress: ip,
    });
    expect(cancel.statusCode).toBe(404);
    expect((await orderRow(theirs.number)).status).toBe('new');
  });

  it('a wrong SMS code is a field error on code (checked before the order is looked up)', async () => {
    const o = await newOrder();
    const code = await askCode(o.phone, 'track', o.ip);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const res = await track({ number: o.number, phone: o.phone, code: wrong }, o.ip);
    expect(issuePaths(res)).toEqual(['code']);
    const none = await track({ number: 'WO-20260715-9999', phone: o.phone, code: wrong }, o.ip);
    expect(issuePaths(none)).toEqual(['code']);
    expect(issuePaths(await track({ number: o.number }, o.ip))).toEqual(['phone', 'code']);
    expect(issuePaths(await track({}, o.ip))).toEqual(['number']);
    expect(issuePaths(await track({ token: o.token, number: o.number }, o.ip))).toEqual(['']);
  });

  it('rate-limits wrong attempts per address: 10 in 15 minutes, then 429 with Retry-After', async () => {
    const o = await newOrder();
    const ip = '192.0.2.70';
    for (let i = 0; i < 10; i++) expect((await track({ token: `nope-${i}` }, ip)).statusCode).toBe(404);
    const limited = await track({ token: o.token }, ip);
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBe(900);
    // another address is not affected; the limit lifts after the window
    expect((await track({ token: o.token }, '192.0.2.71')).statusCode).toBe(200);
    t.clock.advanceMinutes(15);
    expect((await track({ token: o.token }, ip)).statusCode).toBe(200);
  });
});

describe('the customer actions on /track', () => {
  it('asks for a new time: a customer note in both timelines and an event for dispatch; no status change', async () => {
    const o = await newOrder();
    const heard: unknown[] = [];
    const off = t.aircare.bus.on('intake.customerRequestedNewTime', (p) => {
      heard.push(p);
    });
    const res = await t.request({
      method: 'POST',
      url: '/api/public/track/new-time',
      body: {
        token: o.token,
        preferredWindow: { start: '2026-07-17T14:00:00+08:00', end: '2026-07-17T18:00:00+08:00' },
        note: '下午家里有人',
      },
    });
    off();
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.status).toBe('new');
    expect(view.timeline.at(-1)).toMatchObject({
      kind: 'customer',
      text: '您申请改约到 2026-07-17 14:00–18:00：下午家里有人，调度将与您确认',
    });
    const order = await orderRow(o.number);
    expect(heard).toEqual([
      {
        workOrderId: order.id,
        branchId: t.branches.th,
        preferredWindow: { start: '2026-07-17T06:00:00.000Z', end: '2026-07-17T10:00:00.000Z' },
      },
    ]);
    const detail = (await t.request({ method: 'GET', url: `/api/work-orders/${order.id}`, cookie: dispatcher })).json();
    expect(detail.status).toBe('new');
    expect(detail.version).toBe(order.version);
    expect(detail.timeline.at(-2)).toMatchObject({
      kind: 'note',
      event: 'customer_new_time',
      actorName: '客户',
      reason: '下午家里有人',
    });
    // … and an alert for the dispatch screens, with the window and the note, acknowledged like any alert
    const window = { start: '2026-07-17T06:00:00.000Z', end: '2026-07-17T10:00:00.000Z' };
    expect(detail.alerts).toEqual([
      expect.objectContaining({
        kind: 'customer_new_time',
        clock: null,
        details: { preferredWindow: window, note: '下午家里有人' },
        acknowledgedAt: null,
      }),
    ]);
    const alertId = detail.alerts[0].id;
    expect(detail.timeline.at(-1)).toMatchObject({
      kind: 'alert',
      event: 'customer_new_time',
      details: { preferredWindow: window, note: '下午家里有人', alertId },
    });
    expect(detail).toMatchObject({ openAlerts: 1, overdue: false });
    const listed = await t.request({
      method: 'GET',
      url: '/api/work-order-alerts?kind=customer_new_time',
      cookie: dispatcher,
    });
    expect(listed.json().items.map((a: any) => a.id)).toContain(alertId);
    const ack = await t.request({
      method: 'POST',
      url: `/api/work-order-alerts/${alertId}/acknowledge`,
      cookie: dispatcher,
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ kind: 'customer_new_time', acknowledgedByName: 'dispatcher' });
    const open = await t.request({
      method: 'GET',
      url: '/api/work-order-alerts?kind=customer_new_time',
      cookie: dispatcher,
    });
    expect(open.json().items.map((a: any) => a.id)).not.toContain(alertId);
    // a second request is a second alert (no dedupe); the tracking page never shows alerts
    const second = await t.request({
      method: 'POST',
      url: '/api/public/track/new-time',
      body: {
        token: o.token,
        preferredWindow: { start: '2026-07-18T09:00:00+08:00', end: '2026-07-18T12:00:00+08:00' },
      },
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().timeline.filter((e: any) => e.kind === 'customer')).toHaveLength(2);
    const after = (await t.request({ method: 'GET', url: `/api/work-orders/${order.id}`, cookie: dispatcher })).json();
    expect(after.alerts.map((a: any) => a.details.note)).toEqual(['下午家里有人', null]);
    // at most 5 requests a day (the alerts' timeline entries do not count against the customer)
    const again = (day: number) =>
      t.request({
        method: 'POST',
        url: '/api/public/track/new-time',
        body: {
          token: o.token,
          preferredWindow: { start: `2026-07-${day}T09:00:00+08:00`, end: `2026-07-${day}T12:00:00+08:00` },
        },
      });
    for (const day of [19, 20, 21]) expect((await again(day)).statusCode).toBe(200);
    expectError(await again(22), 429, 'RATE_LIMITED');
    // a past window is a field error
    const past = await t.request({
      method: 'POST',
      url: '/api/public/track/new-time',
      body: {
        token: o.token,
        preferredWindow: { start: '2026-07-14T09:00:00+08:00', end: '2026-07-14T12:00:00+08:00' },
      },
    });
    expect(issuePaths(past)).toEqual(['preferredWindow.end']);
  });

  it('cancels with a reason (session after number + code): status cancelled, SMS, actor 客户; once only', async () => {
    const o = await newOrder();
    const code = await askCode(o.phone, 'track', o.ip);
    const session = (await track({ number: o.number, phone: o.phone, code }, o.ip)).json().session.token;
    const res = await t.request({
      method: 'POST',
      url: '/api/public/track/cancel',
      body: { session, reason: '空调自己好了' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ status: 'cancelled', statusText: '报修已取消', estimatedAt: null });
    expect(view.actions).toMatchObject({ cancel: false, requestNewTime: false });
    expect(view.timeline.at(-1)).toMatchObject({
      kind: 'status',
      status: 'cancelled',
      text: '报修已取消（原因：空调自己好了）',
    });

    const order = await orderRow(o.number);
    expect(order.cancelReason).toBe('空调自己好了');
    const detail = (await t.request({ method: 'GET', url: `/api/work-orders/${order.id}`, cookie: agent })).json();
    expect(detail.timeline.find((e: any) => e.event === 'cancel')).toMatchObject({
      actorName: '客户',
      actorId: null,
      fromStatus: 'new',
      toStatus: 'cancelled',
      reason: '空调自己好了',
    });
    expect((await messageRows(t)).some((m) => m.template === 'order_cancelled')).toBe(true);

    const again = await t.request({
      method: 'POST',
      url: '/api/public/track/cancel',
      body: { session, reason: '再取消' },
    });
    expectError(again, 409, 'ILLEGAL_TRANSITION');
    expect(
      issuePaths(await t.request({ method: 'POST', url: '/api/public/track/cancel', body: { token: o.token } })),
    ).toEqual(['reason']);
  });

  it('once the technician is on the way: no self-service cancel or new time; internal notes never shown', async () => {
    const o = await newOrder();
    const order = await orderRow(o.number);
    const review = await t.request({
      method: 'POST',
      url: `/api/work-orders/${order.id}/review`,
      cookie: dispatcher,
      body: {
        decision: 'return',
        version: order.version,
        missingItems: ['unit_model'],
        note: '内部备注：客户上次投诉过',
      },
    });
    expect(review.statusCode, review.body).toBe(200);
    let view = (await track({ token: o.token })).json();
    expect(view).toMatchObject({ status: 'returned', statusText: '客服将联系您补充信息' });
    expect(JSON.stringify(view)).not.toContain('内部备注');
    expect(JSON.stringify(view)).not.toContain('dispatcher');

    let version = review.json().version;
    for (const event of [
      { type: 'resubmit' },
      { type: 'approve' },
      { type: 'assign' },
      { type: 'accept' },
      { type: 'depart' },
    ] as const) {
      const row = await changeWorkOrderStatus(t.systemCtx(), { workOrderId: order.id, version, event });
      version = row.version;
    }
    view = (await track({ token: o.token })).json();
    expect(view).toMatchObject({ status: 'en_route', statusText: '工程师正在上门途中', technician: null });
    expect(view.actions).toEqual({ requestNewTime: false, cancel: false, requestMyData: true, requestDeletion: true });
    expect(view.timeline.map((e: any) => e.status)).toEqual([
      'new',
      'returned',
      'new',
      'ready',
      'assigned',
      'accepted',
      'en_route',
    ]);
    const cancel = await t.request({
      method: 'POST',
      url: '/api/public/track/cancel',
      body: { token: o.token, reason: '不修了' },
    });
    expectError(cancel, 409, 'ILLEGAL_TRANSITION');
    const newTime = await t.request({
      method: 'POST',
      url: '/api/public/track/new-time',
      body: {
        token: o.token,
        preferredWindow: { start: '2026-07-17T14:00:00+08:00', end: '2026-07-17T18:00:00+08:00' },
      },
    });
    expectError(newTime, 409, 'ILLEGAL_TRANSITION');
    expect((await orderRow(o.number)).status).toBe('en_route');
  });

  it('asks for a copy or the deletion of my data: privacy requests (channel web), not duplicated', async () => {
    const o = await newOrder();
    const order = await orderRow(o.number);
    const mine = async () =>
      t.database.db.select().from(privacyRequests).where(eq(privacyRequests.customerId, order.customerId));

    const post = (url: string, body: unknown) => t.request({ method: 'POST', url, body });
    let res = await post('/api/public/track/my-data', { token: o.token });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'export', created: true });
    res = await post('/api/public/track/my-data', { token: o.token });
    expect(res.json()).toEqual({ kind: 'export', created: false });
    res = await post('/api/public/track/deletion', { token: o.token });
    expect(res.json()).toEqual({ kind: 'delete', created: true });

    const rows = await mine();
    expect(rows.map((r) => [r.kind, r.status, r.channel]).sort()).toEqual([
      ['delete', 'open', 'web'],
      ['export', 'open', 'web'],
    ]);
    // staff see them in their queue
    const list = await t.request({
      method: 'GET',
      url: `/api/privacy-requests?customerId=${order.customerId}`,
      cookie: agent,
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toHaveLength(2);

    expectError(await post('/api/public/track/deletion', { token: 'wrong-token-value' }), 404, 'NOT_FOUND');
    expect(issuePaths(await post('/api/public/track/deletion', { token: o.token, kind: 'export' }))).toEqual(['kind']);
  });
});
