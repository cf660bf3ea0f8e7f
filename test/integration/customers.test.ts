import {
  acUnitSchema,
  customerAddressSchema,
  customerCardSchema,
  customerPhoneSchema,
  customerSummarySchema,
  revealedContactSchema,
} from '@shared/contracts/customers.contract';
import { FULL_MOBILE_PATTERN } from '@shared/domain/phone';
import type { Role } from '@shared/domain/roles';
import { asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addAddress,
  addUnit,
  customerSummaries,
  findCustomerByPhone,
  findOrCreateCustomer,
  getContact,
  maskedContact,
  recordConsent,
  resolveCustomerRefs,
  unitInfo,
} from '../../src/server/modules/customers';
import { customerPhones, customers } from '../../src/server/modules/customers/customers.schema';
import { auditEvents } from '../../src/server/modules/identity/identity.schema';
import type { Ctx } from '../../src/server/platform/context';
import { withTransaction } from '../../src/server/platform/db/transaction';
import { buildTestApp, type TestApp } from '../build-test-app';
import { expectError, issuePaths } from './support';

let t: TestApp;
const cookies: Record<string, string> = {};
const userIds: Record<string, string> = {};
const ROLE_USERS: [string, Role][] = [
  ['agent', 'agent'],
  ['dispatcher', 'dispatcher'],
  ['finance', 'finance'],
  ['head', 'head'],
  ['manager', 'manager'],
  ['warehouse', 'warehouse'],
  ['technician', 'technician'],
];

beforeAll(async () => {
  t = await buildTestApp();
  for (const [name, role] of ROLE_USERS) {
    userIds[name] = await t.createUser(name, [role], 'th');
    cookies[name] = await t.login(name);
  }
  userIds.admin = await t.createUser('root', ['admin'], null);
  cookies.admin = await t.login('root');
});
afterAll(async () => {
  await t?.close();
});
// Time moves between tests (rows of one customer are listed oldest first).
beforeEach(() => {
  t.clock.advance(1000);
});

/** Every response of this file, for the masking scan at the end (reveal responses are the allowed cell). */
const seen: { op: string; body: string }[] = [];
type Method = 'GET' | 'POST' | 'PATCH';
async function call(method: Method, url: string, who: string, body?: unknown) {
  const res = await t.request({ method, url, cookie: cookies[who], ...(body !== undefined ? { body } : {}) });
  seen.push({ op: `${method} ${url}`, body: res.body });
  return res;
}

const PHONE = '13812345678';
const NAME = '王小明';
const DETAIL = '体育西路 101 号 1203 室';

async function countCustomers(): Promise<number> {
  const rows = await t.database.db.select({ n: count() }).from(customers);
  return rows[0]?.n ?? 0;
}

function actorCtx(roles: Role[]): Ctx {
  return {
    ...t.systemCtx(),
    actor: {
      userId: userIds.agent as string,
      username: 'x',
      displayName: 'x',
      roles,
      branchId: t.branches.th,
      companyWide: false,
      sessionId: null,
    },
  };
}

async function auditOf(action: string) {
  return t.database.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(asc(auditEvents.id));
}

let customerId: string;
let phoneId: string;
let addressId: string;

describe('createCustomer', () => {
  it('answers 201 with the card: full name and address for the agent, the phone masked, audited', async () => {
    const res = await call('POST', '/api/customers', 'agent', {
      name: ` ${NAME} `,
      phone: '138 1234 5678',
      channel: 'hotline',
      address: { city: '广州市', district: '天河区', detail: DETAIL, lat: 23.135, lng: 113.327, label: '家' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const card = customerCardSchema.strict().parse(res.json());
    customerId = card.id;
    phoneId = card.phones[0]?.id as string;
    addressId = card.addresses[0]?.id as string;
    expect(card).toMatchObject({
      name: NAME,
      nameMasked: '王**',
      nameFull: true,
      firstChannel: 'hotline',
      anonymised: false,
      anonymisedAt: null,
      phones: [{ masked: '138****5678', kind: 'mobile', isPrimary: true }],
      addresses: [
        {
          city: '广州市',
          district: '天河区',
          detail: DETAIL,
          detailFull: true,
          lat: 23.135,
          lng: 113.327,
          label: '家',
        },
      ],
      units: [],
      consents: [],
      privacyRequests: [],
      createdAt: t.clock.now().toISOString(),
      version: 1,
    });
    const audit = await auditOf('customer.created');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: userIds.agent, objectType: 'customer', objectId: customerId });
    expect(JSON.stringify(audit)).not.toContain(PHONE);
    expect(JSON.stringify(audit)).not.toContain(NAME);
  });

  it('a landline with area code is accepted and normalised', async () => {
    const res = await call('POST', '/api/customers', 'agent', {
      name: '李女士',
      phone: '020 3888 1234',
      channel: 'walk_in',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: '李女士',
      nameMasked: '李女士',
      phones: [{ masked: '020-****1234', kind: 'landline' }],
      addresses: [],
    });
  });

  it('a phone already on file (in any spelling) is a 409 CONFLICT naming its customer; nothing stored', async () => {
    const before = await countCustomers();
    for (const phone of ['13812345678', '+86 138-1234-5678', '0086 13812345678']) {
      const res = await call('POST', '/api/customers', 'agent', { name: '另一个人', phone, channel: 'web' });
      const body = expectError(res, 409, 'CONFLICT');
      expect(body.details.customerId).toBe(customerId);
      expect(body.details.issues).toEqual([{ path: 'phone', code: 'phone_taken', message: '该号码已属于一位客户' }]);
    }
    expect(await countCustomers()).toBe(before);
  });

  it('bad phones are a 400 field error on `phone` in the caller language, and nothing is stored', async () => {
    const before = await countCustomers();
    const auditBefore = (await t.database.db.select({ n: count() }).from(auditEvents))[0]?.n;
    for (const phone of ['12345678901', '1381234567', '138123456789', '2381234', 'abc', '010-1234', '00000000000']) {
      const res = await call('POST', '/api/customers', 'agent', { name: '张三', phone, channel: 'hotline' });
      const body = expectError(res, 400, 'VALIDATION_FAILED');
      expect(body.details.issues).toHaveLength(1);
      expect(body.details.issues[0]).toMatchObject({ path: 'phone', code: 'invalid_phone' });
      expect(body.details.issues[0].message).toContain('手机号');
    }
    expect(await countCustomers()).toBe(before);
    expect((await t.database.db.select({ n: count() }).from(auditEvents))[0]?.n).toBe(auditBefore);
  });

  it('missing, empty, unknown and wrongly typed fields are field errors', async () => {
    const before = await countCustomers();
    const missing = await call('POST', '/api/customers', 'agent', { phone: '13900001111' });
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(issuePaths(missing).sort()).toEqual(['channel', 'name']);
    const empty = await call('POST', '/api/customers', 'agent', { name: '  ', phone: '', channel: 'hotline' });
    expect(issuePaths(empty).sort()).toEqual(['name', 'phone']);
    const unknown = await call('POST', '/api/customers', 'agent', {
      name: '张三',
      phone: '13900001111',
      channel: 'fax',
      idCard: '4401',
      address: { city: '广州市', district: '天河区', detail: 'x', lat: '23' },
    });
    expect(issuePaths(unknown).sort()).toEqual(['address.lat', 'channel', 'idCard']);
    const halfPoint = await call('POST', '/api/customers', 'agent', {
      name: '张三',
      phone: '13900001111',
      channel: 'hotline',
      address: { city: '广州市', district: '天河区', detail: 'x', lat: 23.1 },
    });
    expect(issuePaths(halfPoint)).toEqual(['address.lng']);
    expect(await countCustomers()).toBe(before);
  });

  it('only customers.manage may create (dispatcher 403)', async () => {
    const res = await call('POST', '/api/customers', 'dispatcher', {
      name: '张三',
      phone: '13900001111',
      channel: 'web',
    });
    expectError(res, 403, 'FORBIDDEN');
  });
});

describe('searchCustomers', () => {
  it('by a full phone in any spelling (blind index)', async () => {
    for (const q of ['13812345678', '138 1234 5678', '+8613812345678']) {
      const res = await call('GET', `/api/customers?q=${encodeURIComponent(q)}`, 'agent');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.total).toBe(1);
      const item = customerSummarySchema.strict().parse(body.items[0]);
      expect(item).toMatchObject({
        id: customerId,
        name: NAME,
        nameMasked: '王**',
        phones: [{ id: phoneId, masked: '138****5678', kind: 'mobile', isPrimary: true }],
        addresses: [{ id: addressId, district: '天河区', detail: DETAIL }],
        unitsCount: 0,
        anonymised: false,
      });
    }
  });

  it('by an exact full name; partial names and partial numbers find nothing (encrypted)', async () => {
    const byName = await call('GET', `/api/customers?q=${encodeURIComponent(NAME)}`, 'agent');
    expect(byName.json().items.map((i: { id: string }) => i.id)).toEqual([customerId]);
    for (const q of ['王', '小明', '5678', '1381234', '王小']) {
      const res = await call('GET', `/api/customers?q=${encodeURIComponent(q)}`, 'agent');
      expect(res.json(), q).toMatchObject({ items: [], total: 0 });
    }
  });

  it('without q: the newest customers, paginated', async () => {
    const res = await call('GET', '/api/customers?pageSize=1&page=1', 'agent');
    expect(res.json()).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(res.json().items).toHaveLength(1);
    const bad = await call('GET', '/api/customers?pageSize=0', 'agent');
    expectError(bad, 400, 'VALIDATION_FAILED');
    const unknown = await call('GET', '/api/customers?phone=1', 'agent');
    expectError(unknown, 400, 'VALIDATION_FAILED');
  });

  it('masks per role: dispatcher sees the masked name and the district only', async () => {
    const res = await call('GET', `/api/customers?q=${PHONE}`, 'dispatcher');
    expect(res.json().items[0]).toMatchObject({
      name: '王**',
      nameMasked: '王**',
      phones: [{ masked: '138****5678' }],
      addresses: [{ district: '天河区', detail: '天河区****', detailFull: false, lat: 23.135, lng: 113.327 }],
    });
    expect(res.body).not.toContain('体育西路');
    expect(res.body).not.toContain(NAME);
  });
});

describe('getCustomer: masking per role', () => {
  it('agent: full name and address, masked phone', async () => {
    const res = await call('GET', `/api/customers/${customerId}`, 'agent');
    expect(res.json()).toMatchObject({ name: NAME, nameFull: true, addresses: [{ detail: DETAIL, detailFull: true }] });
    expect(res.body).not.toContain(PHONE);
  });

  for (const who of ['dispatcher', 'finance', 'head', 'manager']) {
    it(`${who}: masked name, masked phone, district and map point`, async () => {
      const res = await call('GET', `/api/customers/${customerId}`, who);
      expect(res.statusCode, res.body).toBe(200);
      const card = customerCardSchema.strict().parse(res.json());
      expect(card).toMatchObject({
        name: '王**',
        nameFull: false,
        phones: [{ masked: '138****5678' }],
        addresses: [{ city: '广州市', district: '天河区', detail: '天河区****', detailFull: false, lat: 23.135 }],
      });
      expect(res.body).not.toContain(PHONE);
      expect(res.body).not.toContain('体育西路');
      expect(res.body).not.toContain(NAME);
    });
  }

  for (const who of ['warehouse', 'technician', 'admin']) {
    it(`${who}: 403 (no customers.read), audited as access.denied`, async () => {
      const res = await call('GET', `/api/customers/${customerId}`, who);
      expectError(res, 403, 'FORBIDDEN');
      const list = await call('GET', `/api/customers?q=${PHONE}`, who);
      expectError(list, 403, 'FORBIDDEN');
    });
  }

  it('an unknown customer is 404; a malformed id 400', async () => {
    expectError(await call('GET', '/api/customers/00000000-0000-4000-8000-000000000000', 'agent'), 404, 'NOT_FOUND');
    expectError(await call('GET', '/api/customers/not-a-uuid', 'agent'), 400, 'VALIDATION_FAILED');
  });
});

describe('revealCustomerContact', () => {
  it('the agent sees the full primary phone with a reason; the audit row has the reason, never the value', async () => {
    const res = await call('POST', `/api/customers/${customerId}/reveal`, 'agent', { reason: '客户来电要求回拨' });
    expect(res.statusCode, res.body).toBe(200);
    const body = revealedContactSchema.strict().parse(res.json());
    expect(body).toEqual({
      customerId,
      name: NAME,
      phone: { id: phoneId, number: PHONE, kind: 'mobile' },
      address: null,
    });
    const audit = await auditOf('customer.contact.revealed');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: userIds.agent,
      objectType: 'customer',
      objectId: customerId,
      details: { reason: '客户来电要求回拨', fields: ['phone'], phoneId, addressId: null },
    });
    const raw = JSON.stringify(audit[0]);
    expect(raw).not.toContain(PHONE);
    expect(raw).not.toContain('5678');
    expect(raw).not.toContain(NAME);
  });

  it('an address on request, both at once', async () => {
    const res = await call('POST', `/api/customers/${customerId}/reveal`, 'agent', {
      reason: '核对上门地址',
      phoneId,
      addressId,
    });
    expect(res.json()).toMatchObject({
      phone: { number: PHONE },
      address: { id: addressId, district: '天河区', detail: DETAIL, text: `广州市天河区${DETAIL}` },
    });
    const audit = await auditOf('customer.contact.revealed');
    expect(audit.at(-1)?.details).toMatchObject({ fields: ['phone', 'address'], phoneId, addressId });
    expect(JSON.stringify(audit.at(-1))).not.toContain('体育西路');
  });

  it('no reason or a one-character reason is a 400 on `reason`, and nothing is revealed or audited', async () => {
    const before = (await auditOf('customer.contact.revealed')).length;
    for (const body of [{}, { reason: '' }, { reason: ' x ' }, { reason: 12 }]) {
      const res = await call('POST', `/api/customers/${customerId}/reveal`, 'agent', body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(issuePaths(res)).toEqual(['reason']);
      expect(res.body).not.toContain(PHONE);
    }
    expect(await auditOf('customer.contact.revealed')).toHaveLength(before);
  });

  it("another customer's phone id is a field error; dispatcher and finance may not reveal (403)", async () => {
    const other = await findCustomerByPhone(t.systemCtx(), '020-38881234');
    const res = await call('POST', `/api/customers/${customerId}/reveal`, 'agent', {
      reason: '测试',
      phoneId: other?.phoneId,
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(issuePaths(res)).toEqual(['phoneId']);
    for (const who of ['dispatcher', 'finance', 'manager']) {
      const denied = await call('POST', `/api/customers/${customerId}/reveal`, who, { reason: '想看看' });
      expectError(denied, 403, 'FORBIDDEN');
    }
  });
});

describe('encryption at rest', () => {
  it('no plain phone, name or street address in the customer tables', async () => {
    const dump: unknown[] = [];
    for (const table of ['customers', 'customer_phones', 'customer_addresses']) {
      const res = (await t.database.db.execute(sql.raw(`SELECT * FROM ${table}`))) as unknown as { rows: unknown[] };
      expect(res.rows.length).toBeGreaterThan(0);
      dump.push(...res.rows);
    }
    const text = JSON.stringify(dump);
    for (const secret of [PHONE, '38881234', NAME, '小明', '体育西路', '1203']) expect(text).not.toContain(secret);
    expect(text).toContain('v1:');
    expect(text).toContain('天河区');
    const phoneRow = (await t.database.db.select().from(customerPhones).where(eq(customerPhones.id, phoneId)))[0];
    expect(phoneRow?.phoneEnc).toMatch(/^v1:/);
    expect(phoneRow?.phoneMasked).toBe('138****5678');
    expect(t.aircare.cipher.decrypt(phoneRow?.phoneEnc as string)).toBe(PHONE);
  });
});

describe('updateCustomer', () => {
  it('edits under optimistic locking; a stale version is a 409 that changes nothing', async () => {
    const ok = await call('PATCH', `/api/customers/${customerId}`, 'agent', {
      version: 1,
      name: '王大明',
      note: '老客户',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: '王大明', nameMasked: '王**', note: '老客户', version: 2 });
    const stale = await call('PATCH', `/api/customers/${customerId}`, 'agent', { version: 1, name: '王中明' });
    expect(expectError(stale, 409, 'VERSION_CONFLICT').details).toEqual({ currentVersion: 2 });
    const now = await call('GET', `/api/customers/${customerId}`, 'agent');
    expect(now.json()).toMatchObject({ name: '王大明', version: 2 });
    // The name index follows the name.
    expect((await call('GET', `/api/customers?q=${encodeURIComponent('王大明')}`, 'agent')).json().total).toBe(1);
    expect((await call('GET', `/api/customers?q=${encodeURIComponent(NAME)}`, 'agent')).json().total).toBe(0);
    const audit = await auditOf('customer.updated');
    expect(audit.at(-1)?.details).toEqual({ fields: ['name', 'note'] });
    expect(JSON.stringify(audit)).not.toContain('王大明');
  });

  it('needs a version; unknown fields refused; dispatcher 403', async () => {
    expect(issuePaths(await call('PATCH', `/api/customers/${customerId}`, 'agent', { name: '王' }))).toEqual([
      'version',
    ]);
    expect(
      issuePaths(await call('PATCH', `/api/customers/${customerId}`, 'agent', { version: 2, firstChannel: 'web' })),
    ).toEqual(['firstChannel']);
    expectError(
      await call('PATCH', `/api/customers/${customerId}`, 'dispatcher', { version: 2, note: 'x' }),
      403,
      'FORBIDDEN',
    );
  });
});

describe('phones, addresses, AC units, consents', () => {
  it('addCustomerPhone: a second phone, made primary on request; a taken number is 409 with its customer', async () => {
    const res = await call('POST', `/api/customers/${customerId}/phones`, 'agent', {
      phone: '139-0000-2222',
      isPrimary: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const phone = customerPhoneSchema.strict().parse(res.json());
    expect(phone).toMatchObject({ masked: '139****2222', kind: 'mobile', isPrimary: true });
    const card = (await call('GET', `/api/customers/${customerId}`, 'agent')).json();
    expect(card.phones.map((p: { masked: string; isPrimary: boolean }) => [p.masked, p.isPrimary])).toEqual([
      ['139****2222', true],
      ['138****5678', false],
    ]);
    const again = await call('POST', `/api/customers/${customerId}/phones`, 'agent', { phone: '13900002222' });
    expect(expectError(again, 409, 'CONFLICT').details.customerId).toBe(customerId);
    const other = await findCustomerByPhone(t.systemCtx(), '02038881234');
    const taken = await call('POST', `/api/customers/${customerId}/phones`, 'agent', { phone: '020-3888-1234' });
    expect(expectError(taken, 409, 'CONFLICT').details.customerId).toBe(other?.customerId);
    const bad = await call('POST', `/api/customers/${customerId}/phones`, 'agent', { phone: '123' });
    expect(issuePaths(bad)).toEqual(['phone']);
  });

  it('addCustomerAddress: full for the agent', async () => {
    const res = await call('POST', `/api/customers/${customerId}/addresses`, 'agent', {
      city: '广州市',
      district: '海珠区',
      detail: '新港中路 8 号',
      label: '公司',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(customerAddressSchema.strict().parse(res.json())).toMatchObject({
      district: '海珠区',
      detail: '新港中路 8 号',
      detailFull: true,
      lat: null,
      lng: null,
      label: '公司',
    });
    expectError(
      await call('POST', '/api/customers/00000000-0000-4000-8000-000000000000/addresses', 'agent', {
        city: '广州市',
        district: '海珠区',
        detail: 'x',
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('addAcUnit: warranty status from ctx.now (in warranty, expired, unknown)', async () => {
    // The test clock stands at 2026-07-15.
    const cases = [
      { warrantyEnd: '2027-07-01', installDate: '2024-07-01', status: 'in_warranty' },
      { warrantyEnd: '2026-07-15', status: 'in_warranty' },
      { warrantyEnd: '2025-12-31', installDate: '2019-05-20', status: 'expired' },
      { status: 'unknown' },
    ];
    for (const c of cases) {
      t.clock.advance(1000);
      const res = await call('POST', `/api/customers/${customerId}/units`, 'agent', {
        addressId,
        brand: '格力',
        model: 'KFR-35GW/(35592)FNhAa-B1',
        serial: 'SN-001',
        type: 'split_wall',
        refrigerant: 'R32',
        ...(c.installDate ? { installDate: c.installDate } : {}),
        ...(c.warrantyEnd ? { warrantyEnd: c.warrantyEnd } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(acUnitSchema.strict().parse(res.json()).warrantyStatus).toBe(c.status);
    }
    const card = (await call('GET', `/api/customers/${customerId}`, 'dispatcher')).json();
    expect(card.units.map((u: { warrantyStatus: string }) => u.warrantyStatus)).toEqual([
      'in_warranty',
      'in_warranty',
      'expired',
      'unknown',
    ]);
    const list = (await call('GET', `/api/customers?q=${PHONE}`, 'agent')).json();
    expect(list.items[0].unitsCount).toBe(4);
  });

  it('addAcUnit: unknown type, an address of another customer, a warranty ending before install are field errors', async () => {
    const other = await findCustomerByPhone(t.systemCtx(), '020-38881234');
    const otherAddress = await addAddress(t.systemCtx(), other?.customerId as string, {
      city: '广州市',
      district: '越秀区',
      detail: '北京路 1 号',
    });
    const bad = await call('POST', `/api/customers/${customerId}/units`, 'agent', {
      brand: '美的',
      model: 'unknown',
      type: 'portable',
    });
    expect(issuePaths(bad)).toEqual(['type']);
    const foreign = await call('POST', `/api/customers/${customerId}/units`, 'agent', {
      brand: '美的',
      model: 'unknown',
      type: 'cabinet',
      addressId: otherAddress,
    });
    expect(issuePaths(foreign)).toEqual(['addressId']);
    const backwards = await call('POST', `/api/customers/${customerId}/units`, 'agent', {
      brand: '美的',
      model: 'unknown',
      type: 'cabinet',
      installDate: '2024-01-01',
      warrantyEnd: '2023-01-01',
    });
    expect(issuePaths(backwards)).toEqual(['warrantyEnd']);
    const badDate = await call('POST', `/api/customers/${customerId}/units`, 'agent', {
      brand: '美的',
      model: 'unknown',
      type: 'cabinet',
      installDate: '2024-13-01',
    });
    expect(issuePaths(badDate)).toEqual(['installDate']);
  });

  it('recordCustomerConsent: appended with channel and time, shown on the card', async () => {
    const res = await call('POST', `/api/customers/${customerId}/consents`, 'agent', {
      purpose: 'sms_notifications',
      granted: true,
      channel: 'hotline',
    });
    expect(res.statusCode, res.body).toBe(201);
    await recordConsent(t.systemCtx(), { customerId, purpose: 'sms_notifications', granted: false, channel: 'web' });
    const card = (await call('GET', `/api/customers/${customerId}`, 'agent')).json();
    expect(card.consents.map((c: { granted: boolean; channel: string }) => [c.granted, c.channel]).sort()).toEqual([
      [false, 'web'],
      [true, 'hotline'],
    ]);
    expect(await auditOf('customer.consent.withdrawn')).toHaveLength(1);
  });
});

describe('public door', () => {
  it('findOrCreateCustomer: dedupes by phone, joins an outer transaction, rolls back with it', async () => {
    const a = await findOrCreateCustomer(t.systemCtx(), { name: '赵六', phone: '13700001111', channel: 'web' });
    expect(a.created).toBe(true);
    const b = await findOrCreateCustomer(t.systemCtx(), { name: '别人', phone: '137 0000 1111', channel: 'wechat' });
    expect(b).toEqual({ customerId: a.customerId, phoneId: a.phoneId, created: false });
    const before = await countCustomers();
    await expect(
      withTransaction(t.systemCtx(), async (tx) => {
        const c = await findOrCreateCustomer(tx, { name: '钱七', phone: '13700002222', channel: 'web' });
        await addAddress(tx, c.customerId, { city: '广州市', district: '白云区', detail: '机场路 1 号' });
        throw new Error('the order failed');
      }),
    ).rejects.toThrow('the order failed');
    expect(await countCustomers()).toBe(before);
    expect(await findCustomerByPhone(t.systemCtx(), '13700002222')).toBeNull();
    await expect(
      findOrCreateCustomer(t.systemCtx(), { name: '钱七', phone: '1370000', channel: 'web' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'phone' }] } });
  });

  it('20 concurrent findOrCreateCustomer calls for one new phone give one customer', async () => {
    const before = await countCustomers();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        findOrCreateCustomer(t.systemCtx(), { name: `并发${i}`, phone: '13655556666', channel: 'web' }),
      ),
    );
    expect(new Set(results.map((r) => r.customerId)).size).toBe(1);
    expect(new Set(results.map((r) => r.phoneId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await countCustomers()).toBe(before + 1);
    expect(await auditOf('customer.created')).toHaveLength(before + 1);
  });

  it('getContact decrypts for the system; maskedContact and customerSummaries mask per actor', async () => {
    const full = await getContact(t.systemCtx(), { customerId, phoneId, addressId });
    expect(full).toMatchObject({
      customerId,
      name: '王大明',
      phone: PHONE,
      phoneKind: 'mobile',
      phoneMasked: '138****5678',
      city: '广州市',
      district: '天河区',
      detail: DETAIL,
      addressText: `广州市天河区${DETAIL}`,
      lat: 23.135,
      anonymised: false,
    });
    // Without ids: the primary phone (now 139…) and the first address.
    expect(await getContact(t.systemCtx(), { customerId })).toMatchObject({ phone: '13900002222', addressId });

    const agent = await maskedContact(actorCtx(['agent']), { customerId, phoneId, addressId });
    expect(agent).toMatchObject({ name: '王大明', phone: '138****5678', addressText: `广州市天河区${DETAIL}` });
    const dispatcher = await maskedContact(actorCtx(['dispatcher']), { customerId, phoneId, addressId });
    expect(dispatcher).toMatchObject({
      name: '王**',
      phone: '138****5678',
      district: '天河区',
      addressText: '广州市天河区****',
      lat: 23.135,
    });
    const warehouse = await maskedContact(actorCtx(['warehouse']), { customerId, phoneId, addressId });
    expect(warehouse).toMatchObject({ name: '***', phone: null, district: null, addressText: null, lat: null });
    const system = await maskedContact(t.systemCtx(), { customerId });
    expect(system.phone).toBeNull();

    const map = await customerSummaries(actorCtx(['finance']), [
      customerId,
      customerId,
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect([...map.keys()]).toEqual([customerId]);
    expect(map.get(customerId)).toMatchObject({ name: '王**', unitsCount: 4 });
    expect(JSON.stringify([...map.values()])).not.toContain('体育西路');

    const otherPhone = await findCustomerByPhone(t.systemCtx(), '020-38881234');
    await expect(getContact(t.systemCtx(), { customerId, phoneId: otherPhone?.phoneId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('addUnit, unitInfo and resolveCustomerRefs', async () => {
    const unitId = await addUnit(t.systemCtx(), customerId, {
      addressId,
      brand: '大金',
      model: 'FTXR236WC',
      type: 'split_wall',
      warrantyEnd: '2028-01-01',
    });
    expect(await unitInfo(t.systemCtx(), unitId)).toMatchObject({
      id: unitId,
      customerId,
      brand: '大金',
      refrigerant: 'unknown',
      serial: '',
      warrantyStatus: 'in_warranty',
    });
    expect(await unitInfo(t.systemCtx(), '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await resolveCustomerRefs(t.systemCtx(), { customerId, addressId, unitId })).toEqual({
      customerId,
      phoneId: expect.any(String),
      addressId,
      unitId,
      city: '广州市',
      district: '天河区',
      anonymised: false,
    });
    const other = await findCustomerByPhone(t.systemCtx(), '020-38881234');
    await expect(
      resolveCustomerRefs(t.systemCtx(), { customerId, phoneId: other?.phoneId, unitId: other?.phoneId }, 'customer.'),
    ).rejects.toMatchObject({
      details: { issues: [{ path: 'customer.phoneId' }, { path: 'customer.unitId' }] },
    });
  });
});

describe('masking scan', () => {
  it('no response outside reveal carries a full mobile number', async () => {
    expect(seen.length).toBeGreaterThan(50);
    const leaks = seen
      .filter((s) => !/\/reveal$/.test(s.op))
      .flatMap((s) => [...s.body.matchAll(FULL_MOBILE_PATTERN)].map((m) => `${s.op}: ${m[0]}`));
    expect(leaks).toEqual([]);
    // The reveal responses are the allowed cell, and they did carry the number.
    expect(seen.some((s) => /\/reveal$/.test(s.op) && s.body.includes(PHONE))).toBe(true);
  });
});
