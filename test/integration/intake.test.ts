import {
  faultCategorySchema,
  faultCodeSchema,
  workOrderDetailSchema,
  workOrderSummarySchema,
} from '@shared/contracts/intake.contract';
import { FULL_MOBILE_PATTERN } from '@shared/domain/phone';
import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../src/server/modules/customers/customers.schema';
import { auditEvents } from '../../src/server/modules/identity/identity.schema';
import {
  cancelOrder,
  changeWorkOrderStatus,
  createWorkOrder,
  findWorkOrderForTracking,
} from '../../src/server/modules/intake';
import { workOrderEvents, workOrders } from '../../src/server/modules/intake/intake.schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import { createOrder, createStaff, get, nextMobile, orderBody, post, type Staff } from './intake-support';
import { expectError, issuePaths } from './support';

let t: TestApp;
let s: Staff;
let agent: string;
let dispatcher: string;

beforeAll(async () => {
  t = await buildTestApp();
  s = await createStaff(t);
  agent = s.cookies.agent as string;
  dispatcher = s.cookies.dispatcher as string;
});
afterAll(async () => {
  await t?.close();
});

async function countOf(table: typeof workOrders | typeof customers | typeof workOrderEvents): Promise<number> {
  const rows = await t.database.db.select({ n: count() }).from(table);
  return rows[0]?.n ?? 0;
}

function expectNoFullMobile(body: string) {
  expect(body.match(FULL_MOBILE_PATTERN) ?? []).toEqual([]);
}

const review = (id: string, body: unknown, cookie = dispatcher) =>
  post(t, `/api/work-orders/${id}/review`, body, cookie);
const cancel = (id: string, body: unknown, cookie = agent) => post(t, `/api/work-orders/${id}/cancel`, body, cookie);
const resubmit = (id: string, body: unknown, cookie = agent) =>
  post(t, `/api/work-orders/${id}/resubmit`, body, cookie);
const detail = async (id: string, cookie = agent) => {
  const res = await get(t, `/api/work-orders/${id}`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('fault catalog', () => {
  it('lists the ten categories in order, each with its brand codes', async () => {
    const res = await get(t, '/api/fault-categories', s.cookies.technician as string);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    for (const c of items) faultCategorySchema.strict().parse(c);
    expect(items.map((c: any) => c.code)).toEqual([
      'no_cooling',
      'no_heating',
      'leaking',
      'noise',
      'smell',
      'wont_start',
      'error_code',
      'remote',
      'move_install',
      'maintenance',
    ]);
    expect(items[0]).toMatchObject({ nameZh: '不制冷', complexity: 'complex', difficulty: 3, active: true });
    const codes = items.find((c: any) => c.code === 'error_code').codes;
    expect(codes.length).toBeGreaterThanOrEqual(36);
    expect(codes.find((c: any) => c.brand === '格力' && c.code === 'E1')).toMatchObject({
      meaningZh: '压缩机高压保护',
      complexity: 'complex',
    });
    const daikin = await get(t, `/api/fault-categories?brand=${encodeURIComponent('大金')}`, agent);
    const daikinCodes = daikin.json().items.flatMap((c: any) => c.codes);
    expect(daikinCodes.every((c: any) => c.brand === '大金')).toBe(true);
    expect(daikinCodes.map((c: any) => c.code)).toContain('U4');
  });

  it('an admin edits a category with version; stale is 409; inactive categories leave the list', async () => {
    const admin = s.cookies.root as string;
    const path = '/api/fault-categories/remote';
    const ok = await t.request({
      method: 'PATCH',
      url: path,
      cookie: admin,
      body: { version: 1, standardMinutes: 40 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ code: 'remote', standardMinutes: 40, version: 2 });
    const stale = await t.request({ method: 'PATCH', url: path, cookie: admin, body: { version: 1, sort: 5 } });
    expect(expectError(stale, 409, 'VERSION_CONFLICT').details).toEqual({ currentVersion: 2 });
    expectError(
      await t.request({ method: 'PATCH', url: path, cookie: agent, body: { version: 2, active: false } }),
      403,
      'FORBIDDEN',
    );
    const off = await t.request({ method: 'PATCH', url: path, cookie: admin, body: { version: 2, active: false } });
    expect(off.json()).toMatchObject({ active: false, version: 3 });
    const list = (await get(t, '/api/fault-categories', agent)).json().items.map((c: any) => c.code);
    expect(list).not.toContain('remote');
    const all = (await get(t, '/api/fault-categories?includeInactive=true', admin)).json().items;
    expect(all.map((c: any) => c.code)).toContain('remote');
    // an inactive category cannot be chosen for a new order
    const res = await post(t, '/api/work-orders', orderBody({ faultCategory: 'remote' }), agent);
    expect(issuePaths(res)).toEqual(['faultCategory']);
    await t.request({ method: 'PATCH', url: path, cookie: admin, body: { version: 3, active: true } });
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'fault.category.updated'));
    expect(audit.length).toBe(3);
  });

  it('an admin adds and edits a brand code; a duplicate is a 409 naming code', async () => {
    const admin = s.cookies.root as string;
    const body = {
      brand: '格兰仕',
      code: 'e1',
      categoryCode: 'error_code',
      meaningZh: '室内温度传感器故障',
      meaningEn: 'Indoor temperature sensor fault',
      complexity: 'simple',
      requiredSkills: ['electrical'],
      standardMinutes: 45,
      likelyParts: ['室内环境感温包'],
    };
    const res = await post(t, '/api/fault-codes', body, admin);
    expect(res.statusCode, res.body).toBe(201);
    const code = faultCodeSchema.strict().parse(res.json());
    expect(code).toMatchObject({ code: 'E1', version: 1 });
    const dup = await post(t, '/api/fault-codes', { ...body, code: 'E1' }, admin);
    expect(expectError(dup, 409, 'CONFLICT').details.issues[0].path).toBe('code');
    const upd = await t.request({
      method: 'PATCH',
      url: `/api/fault-codes/${code.id}`,
      cookie: admin,
      body: { version: 1, standardMinutes: 50 },
    });
    expect(upd.json()).toMatchObject({ standardMinutes: 50, version: 2 });
    const bad = await post(t, '/api/fault-codes', { ...body, code: 'E 1!', requiredSkills: ['magic'] }, admin);
    expect(issuePaths(bad).sort()).toEqual(['code', 'requiredSkills.0']);
  });
});

describe('createWorkOrder', () => {
  it('creates an order: number, status new, estimate, timeline, review clock, SMS; masked for the agent', async () => {
    const before = await countOf(workOrders);
    const res = await post(t, '/api/work-orders', orderBody({ priority: 'urgent' }), agent);
    expect(res.statusCode, res.body).toBe(201);
    const wo = workOrderDetailSchema.strict().parse(res.json());
    expect(wo.number).toMatch(/^WO-20260715-\d{4}$/);
    expect(wo).toMatchObject({
      status: 'new',
      channel: 'hotline',
      priority: 'urgent',
      branchId: t.branches.th,
      district: '天河区',
      version: 1,
      faultCategory: 'no_cooling',
      unit: { brand: '格力', model: 'KFR-35GW', type: 'split_wall', warrantyStatus: 'unknown' },
      createdBy: { id: s.ids.agent, name: 'agent' },
      customer: {
        name: '王小明',
        nameMasked: '王**',
        address: { city: '广州', district: '天河区', detail: '体育西路 1 号 1201 室', detailFull: true },
      },
      missingItems: [],
      allowedEvents: ['approve', 'return', 'cancel'],
      overdue: false,
      openAlerts: 0,
    });
    expect(wo.unit.id).not.toBeNull();
    expect(wo.customer.phone?.masked).toMatch(/^139\*{4}\d{4}$/);
    expect(new Date(wo.estimatedAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(wo.timeline.map((e) => [e.kind, e.event, e.fromStatus, e.toStatus])).toEqual([
      ['transition', 'created', null, 'new'],
      ['notice', 'sms_queued', null, null],
    ]);
    expect(wo.timeline[0]?.actorName).toBe('agent');
    expect(wo.messages).toHaveLength(1);
    expect(wo.messages[0]).toMatchObject({ channel: 'sms', template: 'order_received' });
    expectNoFullMobile(res.body);
    expect(await countOf(workOrders)).toBe(before + 1);
  });

  it('takes a known customer by id with one of their addresses and units; a model "unknown" is not registered', async () => {
    const first = await createOrder(t, agent);
    const again = await createOrder(t, agent, {
      customer: { id: first.customer.id },
      address: { id: first.customer.address.id },
      unit: { id: first.unit.id },
      faultCategory: 'noise',
      description: '室内机有异响',
    });
    expect(again.customer.id).toBe(first.customer.id);
    expect(again.customer.address.id).toBe(first.customer.address.id);
    expect(again.unit.id).toBe(first.unit.id);
    expect(again.number).not.toBe(first.number);

    const unknown = await createOrder(t, agent, {
      customer: { id: first.customer.id },
      address: { city: '广州', district: '海珠区', detail: '新港中路 1 号' },
      unit: { brand: '美的', model: 'unknown', type: 'cabinet' },
      channel: 'walk_in',
    });
    expect(unknown.unit).toMatchObject({ id: null, brand: '美的', model: 'unknown', type: 'cabinet' });
    expect(unknown.district).toBe('海珠区');
    expect(unknown.channel).toBe('walk_in');

    // the same phone typed again finds the same customer (dedupe by phone)
    const byPhone = await createOrder(t, agent, {
      customer: { name: '王小明', phone: '137 0000 0002' },
    });
    const phoneOwner = await createOrder(t, agent, { customer: { name: '别人', phone: '+86 137-0000-0002' } });
    expect(phoneOwner.customer.id).toBe(byPhone.customer.id);
  });

  it('refuses an id that is not the customer’s (field error), and another branch’s agent cannot see the order', async () => {
    const a = await createOrder(t, agent);
    const b = await createOrder(t, agent);
    const before = await countOf(workOrders);
    const res = await post(
      t,
      '/api/work-orders',
      orderBody({ customer: { id: a.customer.id }, address: { id: b.customer.address.id }, unit: { id: b.unit.id } }),
      agent,
    );
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(issuePaths(res).sort()).toEqual(['address.id', 'unit.id']);
    expect(await countOf(workOrders)).toBe(before);
    expectError(await get(t, `/api/work-orders/${a.id}`, s.cookies.agenthz as string), 404, 'NOT_FOUND');
  });
});

describe('createWorkOrder validation: field-level, in the caller’s language, nothing stored', () => {
  async function expectRefused(body: unknown, paths: string[], headers?: Record<string, string>) {
    const [orders, custs] = [await countOf(workOrders), await countOf(customers)];
    const res = await t.request({
      method: 'POST',
      url: '/api/work-orders',
      cookie: agent,
      body,
      ...(headers ? { headers } : {}),
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(issuePaths(res).sort(), res.body).toEqual([...paths].sort());
    expect(await countOf(workOrders)).toBe(orders);
    expect(await countOf(customers)).toBe(custs);
    return res.json();
  }

  it('every required top-level field', async () => {
    for (const field of ['customer', 'address', 'unit', 'faultCategory', 'description', 'priority', 'channel']) {
      const body = orderBody();
      delete body[field];
      const err = await expectRefused(body, [field]);
      // a missing choice lists the choices; a missing text or object says it is required
      if (!['faultCategory', 'priority', 'channel'].includes(field)) expect(err.details.issues[0].message).toBe('必填');
    }
  });

  it('every required part of a new customer, address and unit', async () => {
    await expectRefused(orderBody({ customer: { phone: nextMobile() } }), ['customer.name']);
    await expectRefused(orderBody({ customer: { name: '李四' } }), ['customer.phone']);
    await expectRefused(orderBody({ customer: {} }), ['customer.name', 'customer.phone']);
    await expectRefused(orderBody({ address: { city: '广州', detail: '某路 1 号' } }), ['address.district']);
    await expectRefused(orderBody({ address: { district: '天河区' } }), ['address.city', 'address.detail']);
    await expectRefused(orderBody({ unit: { brand: '格力', type: 'split_wall' } }), ['unit.model']);
    await expectRefused(orderBody({ unit: {} }), ['unit.brand', 'unit.model', 'unit.type']);
    await expectRefused(orderBody({ description: '   ' }), ['description']);
    await expectRefused(orderBody({ address: { city: '广州', district: '天河区', detail: 'x', lat: 23.1 } }), [
      'address.lng',
    ]);
  });

  it('bad phones: mobile 1[3-9] + 9 digits, or a landline with area code', async () => {
    for (const phone of ['12345', '12812345678', '1391234567', '139123456789', '+1 415 555 0100', '38881234', 'abc']) {
      const err = await expectRefused(orderBody({ customer: { name: '张三', phone } }), ['customer.phone']);
      expect(err.details.issues[0].code).toBe('invalid_phone');
    }
    // landlines with an area code are accepted
    const ok = await createOrder(t, agent, { customer: { name: '张三', phone: '020-38881234' } });
    expect(ok.customer.phone.kind).toBe('landline');
    // a landline gets no SMS: the timeline says so
    expect(ok.timeline.map((e: any) => e.event)).toContain('sms_skipped');
  });

  it('unknown fields, anywhere', async () => {
    await expectRefused({ ...orderBody(), status: 'ready' }, ['status']);
    await expectRefused(orderBody({ customer: { name: '张三', phone: nextMobile(), vip: true } }), ['customer.vip']);
    await expectRefused(orderBody({ unit: { brand: '格力', model: 'x', type: 'split_wall', colour: 'white' } }), [
      'unit.colour',
    ]);
  });

  it('wrong types and values; id and new fields mixed; a bad window', async () => {
    await expectRefused(orderBody({ priority: 'asap', channel: 'web', faultCategory: 'broken' }), [
      'priority',
      'channel',
      'faultCategory',
    ]);
    await expectRefused(orderBody({ description: 42 }), ['description']);
    await expectRefused(orderBody({ customer: { id: '3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c', name: 'x' } }), [
      'customer',
    ]);
    await expectRefused(
      orderBody({ preferredWindow: { start: '2026-07-16T10:00:00+08:00', end: '2026-07-16T09:00:00+08:00' } }),
      ['preferredWindow.end'],
    );
    await expectRefused(
      orderBody({ preferredWindow: { start: '2026-07-01T10:00:00+08:00', end: '2026-07-01T12:00:00+08:00' } }),
      ['preferredWindow.end'],
    );
    await expectRefused(orderBody({ faultCodeId: '3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c' }), ['faultCodeId']);
    await expectRefused(orderBody({ customer: { id: '3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c' } }), ['customer.id']);
  });

  it('answers in English for an English caller', async () => {
    const err = await expectRefused(orderBody({ customer: { name: 'Li', phone: '123' } }), ['customer.phone'], {
      'accept-language': 'en-US',
    });
    // the agent's session language decides (zh-CN by default) unless the user chose English
    expect(typeof err.details.issues[0].message).toBe('string');
    await t.request({ method: 'PATCH', url: '/api/auth/me', cookie: agent, body: { language: 'en-US' } });
    const en = await expectRefused(orderBody({ customer: { name: 'Li', phone: '123' } }), ['customer.phone']);
    expect(en.message).toBe('Some fields are invalid');
    expect(en.details.issues[0].message).toMatch(/mobile/);
    await t.request({ method: 'PATCH', url: '/api/auth/me', cookie: agent, body: { language: 'zh-CN' } });
  });
});

describe('life cycle through the API', () => {
  it('approve → ready; the same event again is 409 ILLEGAL_TRANSITION with from and event', async () => {
    const wo = await createOrder(t, agent);
    const res = await review(wo.id, { decision: 'approve', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', version: 2, allowedEvents: ['assign', 'cancel'] });
    const tl = res.json().timeline.filter((e: any) => e.kind === 'transition');
    expect(tl.at(-1)).toMatchObject({
      event: 'approve',
      fromStatus: 'new',
      toStatus: 'ready',
      actorName: 'dispatcher',
    });
    const again = await review(wo.id, { decision: 'approve', version: 2 });
    expect(expectError(again, 409, 'ILLEGAL_TRANSITION').details).toEqual({ from: 'ready', event: 'approve' });
    expect((await detail(wo.id)).version).toBe(2);
  });

  it('a stale version is 409 VERSION_CONFLICT and changes nothing (no timeline entry either)', async () => {
    const wo = await createOrder(t, agent);
    const events = await countOf(workOrderEvents);
    const stale = await review(wo.id, { decision: 'approve', version: 7 });
    expect(expectError(stale, 409, 'VERSION_CONFLICT').details).toEqual({ currentVersion: 1 });
    const staleCancel = await cancel(wo.id, { reason: '客户不需要了', version: 2 });
    expectError(staleCancel, 409, 'VERSION_CONFLICT');
    expect(await countOf(workOrderEvents)).toBe(events);
    expect(await detail(wo.id)).toMatchObject({ status: 'new', version: 1 });
  });

  it('two reviewers at once on the same version: one wins, the other gets 409', async () => {
    const wo = await createOrder(t, agent);
    const results = await Promise.all([
      review(wo.id, { decision: 'approve', version: 1 }),
      review(wo.id, { decision: 'return', version: 1, missingItems: ['address'] }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await detail(wo.id)).version).toBe(2);
  });

  it('return names the missing items (required), SMS to the customer; the agent completes it and it comes back', async () => {
    const wo = await createOrder(t, agent);
    const none = await review(wo.id, { decision: 'return', version: 1, missingItems: [] });
    expect(issuePaths(none)).toEqual(['missingItems']);
    const blank = await review(wo.id, { decision: 'return', version: 1, missingItems: ['  '] });
    expect(issuePaths(blank)).toEqual(['missingItems.0']);
    expectError(
      await review(wo.id, { decision: 'return', version: 1, missingItems: ['address'] }, agent),
      403,
      'FORBIDDEN',
    );

    const ret = await review(wo.id, {
      decision: 'return',
      version: 1,
      missingItems: ['address', 'unit_model'],
      note: '门牌号不完整',
    });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({
      status: 'returned',
      missingItems: ['address', 'unit_model'],
      reviewNote: '门牌号不完整',
      allowedEvents: ['resubmit', 'cancel'],
    });
    expect(
      ret
        .json()
        .messages.map((m: any) => m.template)
        .sort(),
    ).toEqual(['order_received', 'order_returned']);

    // resubmitting from the wrong state is illegal; from returned it goes back to review with the edits
    const wrong = await review(wo.id, { decision: 'approve', version: 2 });
    expect(expectError(wrong, 409, 'ILLEGAL_TRANSITION').details).toEqual({ from: 'returned', event: 'approve' });
    const back = await resubmit(wo.id, {
      version: 2,
      note: '已补充门牌号和型号',
      address: { city: '广州', district: '天河区', detail: '体育西路 1 号 B 栋 1201 室' },
      unit: { brand: '格力', model: 'KFR-35GW/(35592)FNhAa-B1', type: 'split_wall' },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({
      status: 'new',
      version: 3,
      missingItems: [],
      unit: { model: 'KFR-35GW/(35592)FNhAa-B1' },
      customer: { address: { detail: '体育西路 1 号 B 栋 1201 室' } },
    });
    const last = back
      .json()
      .timeline.filter((e: any) => e.kind === 'transition')
      .at(-1);
    expect(last).toMatchObject({
      event: 'resubmit',
      fromStatus: 'returned',
      toStatus: 'new',
      reason: '已补充门牌号和型号',
    });
    expect(last.details.fields).toEqual(expect.arrayContaining(['address', 'unit']));
    const again = await resubmit(wo.id, { version: 3 });
    expect(expectError(again, 409, 'ILLEGAL_TRANSITION').details).toEqual({ from: 'new', event: 'resubmit' });
    expect((await review(wo.id, { decision: 'approve', version: 3 })).json().status).toBe('ready');
  });

  it('cancel with a reason from any state before completed; not after', async () => {
    const wo = await createOrder(t, agent);
    const short = await cancel(wo.id, { reason: ' ', version: 1 });
    expect(issuePaths(short)).toEqual(['reason']);
    await review(wo.id, { decision: 'approve', version: 1 });
    const res = await cancel(wo.id, { reason: '客户已自行修好', version: 2 }, dispatcher);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: '客户已自行修好', allowedEvents: [] });
    expect(res.json().messages.map((m: any) => m.template)).toContain('order_cancelled');
    // the agent no longer sees the full street address of a closed order
    const after = await detail(wo.id);
    expect(after.customer.address).toMatchObject({ detail: '天河区****', detailFull: false });
    const twice = await cancel(wo.id, { reason: '再次取消', version: 3 });
    expect(expectError(twice, 409, 'ILLEGAL_TRANSITION').details).toEqual({ from: 'cancelled', event: 'cancel' });
    expectError(await cancel(wo.id, { reason: '经理取消', version: 3 }, s.cookies.manager as string), 403, 'FORBIDDEN');
  });

  it('every later event goes through the same pure life cycle (public door for dispatch and field)', async () => {
    const wo = await createOrder(t, agent);
    await review(wo.id, { decision: 'approve', version: 1 });
    const ctx = () => ({ ...t.systemCtx(), now: t.clock.now() });
    let version = 2;
    const steps = ['assign', 'accept', 'depart', 'arrive', 'diagnose', 'consent', 'complete'] as const;
    for (const type of steps) {
      const row = await changeWorkOrderStatus(ctx(), { workOrderId: wo.id, version, event: { type } });
      version = row.version;
    }
    const done = await detail(wo.id);
    expect(done).toMatchObject({ status: 'completed', allowedEvents: ['settle'] });
    expect(done.timeline.filter((e: any) => e.kind === 'transition').map((e: any) => e.toStatus)).toEqual([
      'new',
      'ready',
      'assigned',
      'accepted',
      'en_route',
      'on_site',
      'diagnosed',
      'in_repair',
      'completed',
    ]);
    const late = await cancel(wo.id, { reason: '想取消', version });
    expect(expectError(late, 409, 'ILLEGAL_TRANSITION').details).toEqual({ from: 'completed', event: 'cancel' });
    await expect(
      changeWorkOrderStatus(ctx(), { workOrderId: wo.id, version, event: { type: 'wait_parts', reason: '' } }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('updateWorkOrder edits a new order with version; not once it is ready', async () => {
    const wo = await createOrder(t, agent);
    const res = await t.request({
      method: 'PATCH',
      url: `/api/work-orders/${wo.id}`,
      cookie: agent,
      body: { version: 1, priority: 'urgent', description: '不制冷，有异味' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ priority: 'urgent', description: '不制冷，有异味', version: 2, status: 'new' });
    expect(res.json().timeline.at(-1)).toMatchObject({ kind: 'note', event: 'edited' });
    expect(res.json().timeline.at(-1).details.fields).toEqual(expect.arrayContaining(['priority', 'description']));
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/work-orders/${wo.id}`,
      cookie: agent,
      body: { version: 1, description: '旧的' },
    });
    expectError(stale, 409, 'VERSION_CONFLICT');
    await review(wo.id, { decision: 'approve', version: 2 });
    const late = await t.request({
      method: 'PATCH',
      url: `/api/work-orders/${wo.id}`,
      cookie: agent,
      body: { version: 3, description: '太晚了' },
    });
    expect(expectError(late, 409, 'ILLEGAL_TRANSITION').details).toEqual({ from: 'ready', event: 'edit' });
  });
});

describe('estimated repair time', () => {
  it('uses the district backlog: more open orders in the district → a later estimate', async () => {
    const q = (district: string, priority = 'normal') =>
      get(
        t,
        `/api/work-orders/estimate?faultCategory=leaking&district=${encodeURIComponent(district)}&priority=${priority}`,
        agent,
      );
    const empty = await q('番禺区');
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ backlog: 0, queueMinutes: 0, standardMinutes: 60 });
    expect(empty.json().basis).toMatch(/标准工时 60 分钟/);
    const address = { city: '广州', district: '番禺区', detail: '市桥街 8 号' };
    for (let i = 0; i < 3; i++) await createOrder(t, agent, { address, faultCategory: 'leaking' });
    const busy = await q('番禺区');
    expect(busy.json().backlog).toBe(3);
    expect(new Date(busy.json().estimatedAt).getTime()).toBeGreaterThan(new Date(empty.json().estimatedAt).getTime());
    // an urgent order queues behind urgent ones only
    expect((await q('番禺区', 'urgent')).json().backlog).toBe(0);
    // the order stores the estimate it promised
    const wo = await createOrder(t, agent, { address, faultCategory: 'leaking' });
    expect(wo.estimatedAt).toBe(busy.json().estimatedAt);
    expect(wo.timeline[0].details.backlog).toBe(3);
    // a brand code with its own standard time changes the estimate
    const cats = (await get(t, '/api/fault-categories', agent)).json().items;
    const c5 = cats.flatMap((c: any) => c.codes).find((c: any) => c.brand === '格力' && c.code === 'C5');
    const withCode = await get(
      t,
      `/api/work-orders/estimate?faultCategory=error_code&faultCodeId=${c5.id}&district=${encodeURIComponent('越秀区')}&priority=normal`,
      agent,
    );
    expect(withCode.json().standardMinutes).toBe(45);
    expect(withCode.json().basis).toContain('格力 C5');
    const missing = await get(t, '/api/work-orders/estimate?faultCategory=leaking&priority=normal', agent);
    expect(issuePaths(missing)).toEqual(['query.district']);
  });
});

describe('listWorkOrders', () => {
  let ids: Record<string, any> = {};
  beforeAll(async () => {
    t.clock.set('2026-07-16T02:00:00Z');
    await s.relogin();
    agent = s.cookies.agent as string;
    dispatcher = s.cookies.dispatcher as string;
    ids = {
      a: await createOrder(t, agent, {
        address: { city: '广州', district: '白云区', detail: '机场路 1 号' },
        faultCategory: 'noise',
        priority: 'urgent',
        customer: { name: '赵一', phone: '13800138000' },
      }),
    };
    t.clock.advanceMinutes(5);
    ids.b = await createOrder(t, agent, {
      address: { city: '广州', district: '白云区', detail: '机场路 2 号' },
      faultCategory: 'smell',
      channel: 'walk_in',
    });
    t.clock.advanceMinutes(5);
    ids.c = await createOrder(t, agent, {
      address: { city: '广州', district: '白云区', detail: '机场路 3 号' },
      faultCategory: 'noise',
    });
    await review(ids.c.id, { decision: 'approve', version: 1 });
    ids.hz = await createOrder(t, s.cookies.agenthz as string, {
      address: { city: '广州', district: '白云区', detail: '机场路 4 号' },
    });
  });

  const list = async (qs: string, cookie = agent) => {
    const res = await get(t, `/api/work-orders?${qs}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const numbers = async (qs: string, cookie = agent) => (await list(qs, cookie)).items.map((i: any) => i.number);

  it('filters by district, status (several), channel, priority, fault category, dates; only my branch', async () => {
    const d = `district=${encodeURIComponent('白云区')}`;
    expect(await numbers(`${d}&sort=number&order=asc`)).toEqual([ids.a.number, ids.b.number, ids.c.number]);
    expect(await numbers(`${d}&status=ready`)).toEqual([ids.c.number]);
    expect((await numbers(`${d}&status=new,ready&sort=number&order=asc`)).length).toBe(3);
    expect(await numbers(`${d}&channel=walk_in`)).toEqual([ids.b.number]);
    expect(await numbers(`${d}&priority=urgent`)).toEqual([ids.a.number]);
    expect(await numbers(`${d}&faultCategory=noise&sort=number&order=asc`)).toEqual([ids.a.number, ids.c.number]);
    expect(await numbers(`${d}&from=${encodeURIComponent('2026-07-16T02:04:00Z')}&sort=number&order=asc`)).toEqual([
      ids.b.number,
      ids.c.number,
    ]);
    expect(await numbers(`${d}&to=${encodeURIComponent('2026-07-16T02:04:00Z')}`)).toEqual([ids.a.number]);
    // branch scope: the other branch's agent sees only theirs
    expect(await numbers(d, s.cookies.agenthz as string)).toEqual([ids.hz.number]);
    const bad = await get(t, '/api/work-orders?status=new,flying&sort=colour', agent);
    expect(issuePaths(bad).sort()).toEqual(['query.sort', 'query.status.1']);
  });

  it('searches by order number (exact or prefix) and by phone', async () => {
    expect(await numbers(`q=${ids.b.number}`)).toEqual([ids.b.number]);
    expect(await numbers(`q=${ids.b.number.toLowerCase()}`)).toEqual([ids.b.number]);
    const prefix = await numbers('q=WO-20260716&pageSize=200');
    expect(prefix).toEqual(expect.arrayContaining([ids.a.number, ids.b.number, ids.c.number]));
    expect(prefix.every((n: string) => n.startsWith('WO-20260716'))).toBe(true);
    expect(await numbers(`q=${encodeURIComponent('138 0013 8000')}`)).toEqual([ids.a.number]);
    expect(await numbers('q=13600000000')).toEqual([]);
    expect(await numbers(`q=${ids.a.number.slice(-4)}&district=${encodeURIComponent('白云区')}`)).toContain(
      ids.a.number,
    );
  });

  it('paginates and sorts on the server', async () => {
    const all = await list('pageSize=200&sort=number&order=asc');
    const page1 = await list('pageSize=3&page=1&sort=number&order=asc');
    const page2 = await list('pageSize=3&page=2&sort=number&order=asc');
    expect(page1).toMatchObject({ total: all.total, page: 1, pageSize: 3 });
    expect([...page1.items, ...page2.items].map((i: any) => i.number)).toEqual(
      all.items.slice(0, 6).map((i: any) => i.number),
    );
    const desc = (await list('pageSize=200&sort=number&order=desc')).items.map((i: any) => i.number);
    expect(desc).toEqual([...all.items.map((i: any) => i.number)].reverse());
    const byPriority = (await list('pageSize=200&sort=priority&order=desc')).items.map((i: any) => i.priority);
    const firstNormal = byPriority.indexOf('normal');
    expect(byPriority.slice(firstNormal).includes('urgent')).toBe(false);
    const byEstimate = (await list('pageSize=200&sort=estimatedAt&order=asc')).items.map((i: any) => i.estimatedAt);
    expect(byEstimate).toEqual([...byEstimate].sort());
    for (const item of all.items) workOrderSummarySchema.strict().parse(item);
  });

  it('overdue: past the estimate while open, or an open alert', async () => {
    const d = `district=${encodeURIComponent('白云区')}`;
    expect(await numbers(`${d}&overdue=true`)).toEqual([]);
    t.clock.advanceMinutes(60 * 24 * 3);
    await s.relogin();
    agent = s.cookies.agent as string;
    const overdue = await numbers(`${d}&overdue=true&sort=number&order=asc`);
    expect(overdue).toEqual([ids.a.number, ids.b.number, ids.c.number]);
    await cancel(ids.b.id, { reason: '客户取消', version: 1 });
    expect(await numbers(`${d}&overdue=true&sort=number&order=asc`)).toEqual([ids.a.number, ids.c.number]);
    expect(await numbers(`${d}&overdue=false`)).toEqual([ids.b.number]);
    const item = (await list(`q=${ids.a.number}`)).items[0];
    expect(item.overdue).toBe(true);
  });

  it('shows customers masked per role; never a full mobile number', async () => {
    const forAgent = await get(t, `/api/work-orders?q=${ids.a.number}`, agent);
    expectNoFullMobile(forAgent.body);
    expect(forAgent.json().items[0].customer).toMatchObject({
      name: '赵一',
      phone: { masked: '138****8000' },
      address: { detail: '机场路 1 号', detailFull: true },
    });
    for (const who of ['dispatcher', 'manager', 'head', 'finance']) {
      const res = await get(t, `/api/work-orders?q=${ids.a.number}`, s.cookies[who] as string);
      expect(res.statusCode, who).toBe(200);
      expectNoFullMobile(res.body);
      expect(res.json().items[0].customer, who).toMatchObject({
        name: '赵*',
        phone: { masked: '138****8000' },
        address: { district: '白云区', detail: '白云区****', detailFull: false },
      });
      const one = await get(t, `/api/work-orders/${ids.a.id}`, s.cookies[who] as string);
      expectNoFullMobile(one.body);
      expect(one.json().customer.address.detail).toBe('白云区****');
    }
    expectError(await get(t, '/api/work-orders', s.cookies.technician as string), 403, 'FORBIDDEN');
  });
});

describe('exportWorkOrders', () => {
  it('managers get an xlsx of the filtered list, masked, and the export is audited', async () => {
    const res = await t.aircare.app.inject({
      method: 'GET',
      url: `/api/work-orders/export?district=${encodeURIComponent('白云区')}&sort=number&order=asc`,
      headers: { cookie: s.cookies.manager as string },
    });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="work-orders-\d{8}\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('工单号');
    const values: string[] = [];
    sheet?.eachRow((row) => values.push(JSON.stringify(row.values)));
    expect(values.length).toBe(4); // header + the three orders of the branch in 白云区
    expect(values.join('\n').match(FULL_MOBILE_PATTERN) ?? []).toEqual([]);
    expect(values[1]).toContain('138****8000');
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'workorders.exported'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: 'manager', details: { rows: 3, filters: { district: '白云区' } } });
  });

  it('is for managers only; a refusal is audited', async () => {
    for (const who of ['agent', 'dispatcher', 'head', 'root']) {
      expectError(await get(t, '/api/work-orders/export', s.cookies[who] as string), 403, 'FORBIDDEN');
    }
    const denied = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'access.denied'));
    expect(denied.filter((r) => r.objectId === 'exportWorkOrders').length).toBe(4);
  });
});

describe('the door for the public channels (no actor)', () => {
  it('creates a web order for a branch, finds it by token or number, lets the customer cancel it', async () => {
    await s.relogin();
    agent = s.cookies.agent as string;
    const ctx = t.systemCtx();
    const noBranch = createWorkOrder(ctx, { ...(orderBody({ channel: 'web' }) as any), actorName: '客户' });
    await expect(noBranch).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const created = await createWorkOrder(ctx, {
      ...(orderBody({ channel: 'web', customer: { name: '孙七', phone: '13912340000' } }) as any),
      branchId: t.branches.hz,
      actorName: '客户',
    });
    expect(created).toMatchObject({ status: 'new', customerCreated: true });
    expect(created.trackingUrl).toBe(`http://localhost:3000/track?t=${created.trackingToken}`);
    const byToken = await findWorkOrderForTracking(ctx, { token: created.trackingToken });
    expect(byToken).toMatchObject({ id: created.id, number: created.number, channel: 'web', branchId: t.branches.hz });
    expect(byToken?.timeline[0]).toMatchObject({ event: 'created', actorName: '客户', actorId: null });
    expect((await findWorkOrderForTracking(ctx, { number: created.number.toLowerCase() }))?.id).toBe(created.id);
    expect(await findWorkOrderForTracking(ctx, { token: 'not-a-token' })).toBeNull();
    // the branch's staff see it; the other branch does not
    expect((await get(t, `/api/work-orders/${created.id}`, s.cookies.agenthz as string)).statusCode).toBe(200);
    expectError(await get(t, `/api/work-orders/${created.id}`, agent), 404, 'NOT_FOUND');
    const cancelled = await cancelOrder(t.systemCtx(), created.id, {
      reason: '已自行修好',
      version: 1,
      actorName: '客户',
    });
    expect(cancelled.status).toBe('cancelled');
    const record = await findWorkOrderForTracking(ctx, { token: created.trackingToken });
    expect(record?.timeline.find((e) => e.event === 'cancel')).toMatchObject({
      actorName: '客户',
      reason: '已自行修好',
    });
  });
});

describe('privacy: a customer deleted at their request', () => {
  it('their orders keep the statistics but lose the free text', async () => {
    const wo = await createOrder(t, agent, { description: '我叫钱八，另一个电话 13912345678，住三楼' });
    // a mobile typed into the description is shown masked like every phone
    expect(wo.description).toBe('我叫钱八，另一个电话 139****5678，住三楼');
    const req = await post(
      t,
      `/api/customers/${wo.customer.id}/privacy-requests`,
      { kind: 'delete', channel: 'hotline' },
      agent,
    );
    expect(req.statusCode, req.body).toBe(201);
    const done = await post(
      t,
      `/api/privacy-requests/${req.json().id}/handle`,
      { action: 'complete', note: '', version: req.json().version },
      agent,
    );
    expect(done.statusCode, done.body).toBe(200);
    const after = await detail(wo.id);
    expect(after.description).toBe('（客户已注销，故障描述已删除）');
    expect(after).toMatchObject({ district: '天河区', faultCategory: 'no_cooling', status: 'new' });
    expectNoFullMobile(JSON.stringify(after));
  });
});
