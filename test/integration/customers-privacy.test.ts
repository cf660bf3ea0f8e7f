import { privacyRequestDetailSchema, privacyRequestSchema } from '@shared/contracts/customers.contract';
import type { Role } from '@shared/domain/roles';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addAddress,
  addUnit,
  findCustomerByPhone,
  findOrCreateCustomer,
  getContact,
  recordPrivacyRequest,
} from '../../src/server/modules/customers';
import { auditEvents } from '../../src/server/modules/identity/identity.schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import { expectError, issuePaths } from './support';

let t: TestApp;
const cookies: Record<string, string> = {};
const anonymisedEvents: string[] = [];

const PHONE = '15912345678';
const PHONE2 = '0755-26661234';
const NAME = '陈美丽';
const DETAIL = '南山区科技园 88 号 2 栋 501';

let customerId: string;
let addressId: string;

beforeAll(async () => {
  t = await buildTestApp();
  for (const [name, role] of [
    ['agent', 'agent'],
    ['head', 'head'],
    ['manager', 'manager'],
    ['dispatcher', 'dispatcher'],
    ['finance', 'finance'],
  ] as [string, Role][]) {
    await t.createUser(name, [role], 'th');
    cookies[name] = await t.login(name);
  }
  t.aircare.bus.on('customers.customerAnonymised', ({ customerId }) => {
    anonymisedEvents.push(customerId);
  });
  const c = await findOrCreateCustomer(t.systemCtx(), { name: NAME, phone: PHONE, channel: 'web' });
  customerId = c.customerId;
  addressId = await addAddress(t.systemCtx(), customerId, {
    city: '深圳市',
    district: '南山区',
    detail: DETAIL,
    lat: 22.54,
    lng: 113.95,
    label: '家',
  });
  await addUnit(t.systemCtx(), customerId, {
    addressId,
    brand: '美的',
    model: 'KFR-26GW',
    serial: 'MD-SERIAL-9',
    type: 'split_wall',
    refrigerant: 'R32',
    installDate: '2024-05-01',
    warrantyEnd: '2030-05-01',
  });
  const res = await t.request({
    method: 'POST',
    url: `/api/customers/${customerId}/phones`,
    cookie: cookies.agent,
    body: { phone: PHONE2 },
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.clock.advance(60_000);
});

const get = (url: string, who = 'agent') => t.request({ method: 'GET', url, cookie: cookies[who] });
const post = (url: string, body: unknown, who = 'agent') =>
  t.request({ method: 'POST', url, cookie: cookies[who], body });

async function auditOf(action: string) {
  return t.database.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(asc(auditEvents.id));
}

async function rawDump(tables: string[]): Promise<string> {
  const out: unknown[] = [];
  for (const table of tables) {
    const res = (await t.database.db.execute(sql.raw(`SELECT * FROM ${table}`))) as unknown as { rows: unknown[] };
    out.push(...res.rows);
  }
  return JSON.stringify(out);
}

let exportId: string;

describe('recording requests', () => {
  it('recordPrivacyRequest (public door, from the tracking page) records once per open kind', async () => {
    const a = await recordPrivacyRequest(t.systemCtx(), { customerId, kind: 'export', channel: 'web' });
    expect(a.created).toBe(true);
    const b = await recordPrivacyRequest(t.systemCtx(), { customerId, kind: 'export', channel: 'wechat' });
    expect(b).toEqual({ requestId: a.requestId, created: false });
    exportId = a.requestId;
    const audit = await auditOf('privacy.request.recorded');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, objectId: exportId, details: { customerId, kind: 'export' } });
    await expect(
      recordPrivacyRequest(t.systemCtx(), {
        customerId: '00000000-0000-4000-8000-000000000000',
        kind: 'delete',
        channel: 'web',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('staff record one taken on the hotline (privacy.manage)', async () => {
    const res = await post(`/api/customers/${customerId}/privacy-requests`, { kind: 'delete', channel: 'hotline' });
    expect(res.statusCode, res.body).toBe(201);
    expect(privacyRequestSchema.strict().parse(res.json())).toMatchObject({
      customerId,
      customerNameMasked: '陈**',
      kind: 'delete',
      status: 'open',
      channel: 'hotline',
      handledAt: null,
      handledByName: null,
      hasResult: false,
      version: 1,
    });
    expectError(
      await post(`/api/customers/${customerId}/privacy-requests`, { kind: 'delete', channel: 'hotline' }, 'dispatcher'),
      403,
      'FORBIDDEN',
    );
    expect(issuePaths(await post(`/api/customers/${customerId}/privacy-requests`, { kind: 'forget' }))).toEqual([
      'kind',
      'channel',
    ]);
  });

  it('listPrivacyRequests: open first, oldest first, filtered; head and manager too; dispatcher and finance 403', async () => {
    for (const who of ['agent', 'head', 'manager']) {
      const res = await get('/api/privacy-requests', who);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((i: { kind: string }) => i.kind)).toEqual(['export', 'delete']);
      expect(res.body).not.toContain(PHONE);
      expect(res.body).not.toContain(NAME);
    }
    expect((await get('/api/privacy-requests?kind=delete')).json().total).toBe(1);
    expect((await get('/api/privacy-requests?status=done')).json().total).toBe(0);
    expect((await get(`/api/privacy-requests?customerId=${customerId}`)).json().total).toBe(2);
    for (const who of ['dispatcher', 'finance']) expectError(await get('/api/privacy-requests', who), 403, 'FORBIDDEN');
    // The card lists them too.
    expect((await get(`/api/customers/${customerId}`)).json().privacyRequests).toHaveLength(2);
  });
});

describe('export', () => {
  it('a stale version is a 409 and changes nothing; a reject without a note is a 400', async () => {
    const stale = await post(`/api/privacy-requests/${exportId}/handle`, { action: 'complete', note: '', version: 7 });
    expect(expectError(stale, 409, 'VERSION_CONFLICT').details).toEqual({ currentVersion: 1 });
    const noNote = await post(`/api/privacy-requests/${exportId}/handle`, { action: 'reject', note: ' ', version: 1 });
    expect(issuePaths(noNote)).toEqual(['note']);
    expect((await get(`/api/privacy-requests/${exportId}`)).json()).toMatchObject({ status: 'open', version: 1 });
  });

  it('completing an export gives the data decrypted in `result`, stored encrypted, audited without values', async () => {
    const res = await post(
      `/api/privacy-requests/${exportId}/handle`,
      { action: 'complete', note: '已通过短信链接发送', version: 1 },
      'head',
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = privacyRequestDetailSchema.strict().parse(res.json());
    expect(body).toMatchObject({
      status: 'done',
      note: '已通过短信链接发送',
      handledAt: t.clock.now().toISOString(),
      handledByName: 'head',
      hasResult: true,
      version: 2,
    });
    expect(body.result).toMatchObject({
      format: 'aircare.customer-export/v1',
      customer: { id: customerId, name: NAME, firstChannel: 'web' },
      phones: [
        { number: PHONE, kind: 'mobile', isPrimary: true },
        { number: '0755-26661234', kind: 'landline', isPrimary: false },
      ],
      addresses: [{ city: '深圳市', district: '南山区', detail: DETAIL, lat: 22.54, lng: 113.95, label: '家' }],
      units: [{ brand: '美的', model: 'KFR-26GW', serial: 'MD-SERIAL-9', warrantyStatus: 'in_warranty' }],
    });
    // At rest the export is encrypted like every personal field.
    const stored = await rawDump(['privacy_requests']);
    expect(stored).not.toContain(PHONE);
    expect(stored).not.toContain(NAME);
    expect(stored).toContain('exportEnc');
    const audit = await auditOf('privacy.export.completed');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ objectType: 'privacy_request', objectId: exportId, details: { customerId } });
    expect(JSON.stringify(audit)).not.toContain(PHONE);
    // The list says there is a result but does not carry it.
    const list = await get('/api/privacy-requests?kind=export');
    expect(list.json().items[0]).toMatchObject({ status: 'done', hasResult: true });
    expect(list.body).not.toContain(PHONE);
  });

  it('downloading it again is audited; handling it twice is an illegal transition', async () => {
    const again = await get(`/api/privacy-requests/${exportId}`, 'manager');
    expect(again.json().result.phones[0].number).toBe(PHONE);
    expect(await auditOf('privacy.export.downloaded')).toHaveLength(1);
    const twice = await post(`/api/privacy-requests/${exportId}/handle`, {
      action: 'reject',
      note: '重复',
      version: 2,
    });
    expectError(twice, 409, 'ILLEGAL_TRANSITION');
  });
});

describe('delete', () => {
  let deleteId: string;

  it('a reject with a note closes the request and keeps the data', async () => {
    const list = (await get('/api/privacy-requests?kind=delete&status=open')).json();
    deleteId = list.items[0].id;
    const res = await post(`/api/privacy-requests/${deleteId}/handle`, {
      action: 'reject',
      note: '身份核验未通过',
      version: 1,
    });
    expect(res.json()).toMatchObject({ status: 'rejected', result: null, hasResult: false });
    expect(await auditOf('privacy.request.rejected')).toHaveLength(1);
    expect((await getContact(t.systemCtx(), { customerId })).phone).toBe(PHONE);
  });

  it('completing a deletion anonymises: personal data gone, statistics kept, the phone no longer findable', async () => {
    const { requestId } = await recordPrivacyRequest(t.systemCtx(), { customerId, kind: 'delete', channel: 'web' });
    const res = await post(`/api/privacy-requests/${requestId}/handle`, {
      action: 'complete',
      note: '已核验身份',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'done', customerNameMasked: '已注销客户', result: null });
    expect(anonymisedEvents).toEqual([customerId]);

    const card = (await get(`/api/customers/${customerId}`)).json();
    expect(card).toMatchObject({
      name: '已注销客户',
      nameMasked: '已注销客户',
      anonymised: true,
      anonymisedAt: t.clock.now().toISOString(),
      note: '',
      phones: [
        { masked: '***', kind: 'mobile' },
        { masked: '***', kind: 'landline' },
      ],
      addresses: [
        { id: addressId, city: '深圳市', district: '南山区', detail: '已删除', lat: null, lng: null, label: '' },
      ],
      units: [{ brand: '美的', model: 'KFR-26GW', type: 'split_wall', serial: '', warrantyEnd: '2030-05-01' }],
    });

    // Not findable by phone or name any more; the phone is free for a new customer.
    for (const q of [PHONE, PHONE2, NAME]) {
      expect((await get(`/api/customers?q=${encodeURIComponent(q)}`)).json().total, q).toBe(0);
    }
    expect(await findCustomerByPhone(t.systemCtx(), PHONE)).toBeNull();
    const fresh = await findOrCreateCustomer(t.systemCtx(), { name: '新客户', phone: PHONE, channel: 'hotline' });
    expect(fresh.created).toBe(true);
    expect(fresh.customerId).not.toBe(customerId);

    // The earlier export is wiped; nothing of the person is left in any table (audit log included).
    const exp = (await get(`/api/privacy-requests/${exportId}`)).json();
    expect(exp).toMatchObject({ hasResult: false, result: null });
    const dump = await rawDump([
      'customers',
      'customer_phones',
      'customer_addresses',
      'ac_units',
      'privacy_requests',
      'audit_events',
    ]);
    for (const secret of [NAME, '美丽', DETAIL, '科技园', 'MD-SERIAL-9', '26661234'])
      expect(dump).not.toContain(secret);
    const decrypted = await getContact(t.systemCtx(), { customerId });
    expect(decrypted).toMatchObject({ name: '已注销客户', phone: '***', detail: '已删除', anonymised: true });

    const audit = await auditOf('privacy.delete.completed');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ customerId, phones: 2, addresses: 1, exportsWiped: 1 });
  });

  it('an anonymised customer takes no new personal data (422)', async () => {
    const card = (await get(`/api/customers/${customerId}`)).json();
    expectError(
      await t.request({
        method: 'PATCH',
        url: `/api/customers/${customerId}`,
        cookie: cookies.agent,
        body: { version: card.version, name: '陈美丽' },
      }),
      422,
      'BUSINESS_RULE',
    );
    expectError(await post(`/api/customers/${customerId}/phones`, { phone: '15900000000' }), 422, 'BUSINESS_RULE');
    expectError(
      await post(`/api/customers/${customerId}/addresses`, { city: '深圳市', district: '南山区', detail: 'x' }),
      422,
      'BUSINESS_RULE',
    );
  });
});
