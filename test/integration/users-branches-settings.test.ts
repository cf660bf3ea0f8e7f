import { branchSchema, settingSchema, userSchema } from '@shared/contracts/identity.contract';
import { permissionsOf } from '@shared/domain/roles';
import { SETTING_DEFS, SETTING_KEYS } from '@shared/domain/settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSetting } from '../../src/server/modules/identity';
import { buildTestApp, type TestApp } from '../build-test-app';
import { auditRows, countRows, expectError, issuePaths, newUserBody, tryLogin } from './support';

let t: TestApp;
let admin: string;
let rootId: string;

beforeAll(async () => {
  t = await buildTestApp();
  rootId = await t.createUser('root', ['admin'], null);
  admin = await t.login('root');
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, cookie = admin) => t.request({ method: 'GET', url, cookie });
const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, body: unknown, cookie = admin) =>
  t.request({ method, url, cookie, body });

describe('users', () => {
  it('createUser answers 201 with the user (stable shape), and the user can log in', async () => {
    const res = await send('POST', '/api/users', {
      username: 'zhang.wei',
      displayName: ' 张伟 ',
      password: 'first-pass-123',
      roles: ['agent', 'agent', 'head'],
      branchId: t.branches.hz,
      language: 'en-US',
      mustChangePassword: true,
    });
    expect(res.statusCode).toBe(201);
    const user = userSchema.strict().parse(res.json());
    expect(user).toMatchObject({
      username: 'zhang.wei',
      displayName: '张伟',
      roles: ['agent', 'head'],
      branch: { id: t.branches.hz, code: 'GZ-HZ', name: '广州海珠服务网点' },
      language: 'en-US',
      disabled: false,
      mustChangePassword: true,
      lastLoginAt: null,
      createdAt: t.clock.now().toISOString(),
      version: 1,
    });
    const login = await tryLogin(t, 'zhang.wei', { password: 'first-pass-123' });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({
      mustChangePassword: true,
      language: 'en-US',
      permissions: [...permissionsOf(['agent', 'head'])].sort(),
    });
    const again = await get(`/api/users/${user.id}`);
    expect(again.json().lastLoginAt).toBe(t.clock.now().toISOString());
    // A login is not an edit: the version an editor holds stays valid.
    expect(again.json().version).toBe(1);
  });

  it('company-wide roles need no branch; a taken username is a 409 CONFLICT naming the field', async () => {
    const res = await send('POST', '/api/users', newUserBody('auditor.li', null, { roles: ['auditor'] }));
    expect(res.statusCode).toBe(201);
    expect(res.json().branch).toBeNull();
    const before = await countRows(t, 'users');
    const dup = await send('POST', '/api/users', newUserBody('auditor.li', null, { roles: ['auditor'] }));
    expect(expectError(dup, 409, 'CONFLICT').details.issues).toEqual([
      { path: 'username', code: 'taken', message: '用户名已存在' },
    ]);
    expect(await countRows(t, 'users')).toBe(before);
  });

  it('listUsers filters by q, role, branch and status, and paginates', async () => {
    for (const [name, roles, branch] of [
      ['tech.a', ['technician'], 'th'],
      ['tech.b', ['technician'], 'th'],
      ['tech.c', ['technician'], 'hz'],
      ['wh.a', ['warehouse'], 'hz'],
    ] as const) {
      await t.createUser(name, [...roles], branch);
    }
    const names = async (qs: string) =>
      ((await get(`/api/users?${qs}`)).json().items as { username: string }[]).map((u) => u.username);
    expect(await names('q=tech.')).toEqual(['tech.a', 'tech.b', 'tech.c']);
    expect(await names('q=TECH')).toEqual(['tech.a', 'tech.b', 'tech.c']);
    expect(await names('role=technician')).toEqual(['tech.a', 'tech.b', 'tech.c']);
    expect(await names(`role=technician&branchId=${t.branches.th}`)).toEqual(['tech.a', 'tech.b']);
    expect(await names('role=warehouse&status=active')).toEqual(['wh.a']);
    expect(await names('role=warehouse&status=disabled')).toEqual([]);

    const page1 = (await get('/api/users?role=technician&pageSize=2&page=1')).json();
    const page2 = (await get('/api/users?role=technician&pageSize=2&page=2')).json();
    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page1.items.map((u: { username: string }) => u.username)).toEqual(['tech.a', 'tech.b']);
    expect(page2.items.map((u: { username: string }) => u.username)).toEqual(['tech.c']);
  });

  it('getUser answers 404 for an unknown id', async () => {
    expectError(await get('/api/users/3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c'), 404, 'NOT_FOUND');
  });

  it('updateUser with a stale version answers 409 VERSION_CONFLICT and changes nothing', async () => {
    const id = await t.createUser('editme', ['agent'], 'th');
    const first = await send('PATCH', `/api/users/${id}`, { version: 1, displayName: '第一次' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ displayName: '第一次', version: 2 });

    const auditBefore = await countRows(t, 'audit_events');
    const stale = await send('PATCH', `/api/users/${id}`, { version: 1, displayName: '过期的修改', roles: ['head'] });
    expect(expectError(stale, 409, 'VERSION_CONFLICT')).toMatchObject({
      message: '数据已被他人修改，请刷新后重试',
      details: { currentVersion: 2 },
    });
    const now = await get(`/api/users/${id}`);
    expect(now.json()).toMatchObject({ displayName: '第一次', roles: ['agent'], version: 2 });
    expect(await countRows(t, 'audit_events')).toBe(auditBefore);
    // A future version is just as stale.
    expect((await send('PATCH', `/api/users/${id}`, { version: 9, displayName: 'x' })).statusCode).toBe(409);
  });

  it('two editors saving the same version at once: exactly one wins, the other gets 409', async () => {
    const id = await t.createUser('racer', ['agent'], 'th');
    const results = await Promise.all(
      ['甲', '乙', '丙'].map((name) => send('PATCH', `/api/users/${id}`, { version: 1, displayName: name })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json().displayName;
    expect((await get(`/api/users/${id}`)).json()).toMatchObject({ displayName: winner, version: 2 });
  });

  it('updateUser changes roles and branch; a branch-bound role cannot lose its branch', async () => {
    const id = await t.createUser('mover', ['agent'], 'th');
    const res = await send('PATCH', `/api/users/${id}`, { version: 1, roles: ['dispatcher'], branchId: t.branches.hz });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['dispatcher'], branch: { id: t.branches.hz }, version: 2 });
    const noBranch = await send('PATCH', `/api/users/${id}`, { version: 2, branchId: null });
    expect(issuePaths(noBranch)).toEqual(['branchId']);
    const bad = await send('PATCH', `/api/users/${id}`, {
      version: 2,
      branchId: '3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c',
    });
    expect(issuePaths(bad)).toEqual(['branchId']);
    expect((await get(`/api/users/${id}`)).json()).toMatchObject({ version: 2, branch: { id: t.branches.hz } });
    expectError(
      await send('PATCH', '/api/users/3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c', { version: 1, displayName: 'x' }),
      404,
      'NOT_FOUND',
    );
  });

  it('an administrator cannot disable themselves or drop their own admin role', async () => {
    const me = (await get(`/api/users/${rootId}`)).json();
    for (const body of [{ disabled: true }, { roles: ['auditor'] }]) {
      const res = await send('PATCH', `/api/users/${rootId}`, { version: me.version, ...body });
      expectError(res, 422, 'BUSINESS_RULE');
    }
    expect((await get(`/api/users/${rootId}`)).json()).toMatchObject({
      disabled: false,
      roles: ['admin'],
      version: me.version,
    });
  });

  it('a password reset of an unknown user is a 404; a weak new password is a 400', async () => {
    const id = await t.createUser('resetme', ['agent'], 'th');
    expectError(
      await send('POST', '/api/users/3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c/password', { newPassword: 'good-pass-123' }),
      404,
      'NOT_FOUND',
    );
    const weak = await send('POST', `/api/users/${id}/password`, { newPassword: 'onlyletters' });
    expect(issuePaths(weak)).toEqual(['newPassword']);
  });
});

describe('branches', () => {
  it('createBranch answers 201; listBranches shows it; a taken code is a 409', async () => {
    const res = await send('POST', '/api/branches', {
      code: 'GZ-BY',
      name: '广州白云服务网点',
      city: '广州',
      address: '白云区机场路 1 号',
      phone: '020-12345678',
    });
    expect(res.statusCode).toBe(201);
    const branch = branchSchema.strict().parse(res.json());
    expect(branch).toMatchObject({ code: 'GZ-BY', timeZone: 'Asia/Shanghai', active: true, version: 1 });
    const list = await get('/api/branches');
    expect(list.json().items.map((b: { code: string }) => b.code)).toEqual(['GZ-BY', 'GZ-HZ', 'GZ-TH']);
    const dup = await send('POST', '/api/branches', { code: 'GZ-BY', name: 'x', city: 'y' });
    expect(expectError(dup, 409, 'CONFLICT').details.issues[0].path).toBe('code');
    const badZone = await send('POST', '/api/branches', {
      code: 'GZ-XX',
      name: 'x',
      city: 'y',
      timeZone: 'Mars/Olympus',
    });
    expect(issuePaths(badZone)).toEqual(['timeZone']);
    const badCode = await send('POST', '/api/branches', { code: 'gz by', name: 'x', city: 'y' });
    expect(issuePaths(badCode)).toEqual(['code']);
  });

  it('updateBranch with a stale version answers 409 and changes nothing; an inactive branch takes no new users', async () => {
    const created = (
      await send('POST', '/api/branches', { code: 'FS-NH', name: '佛山南海服务网点', city: '佛山' })
    ).json();
    const ok = await send('PATCH', `/api/branches/${created.id}`, { version: 1, phone: '0757-1234567' });
    expect(ok.json()).toMatchObject({ phone: '0757-1234567', version: 2 });
    const stale = await send('PATCH', `/api/branches/${created.id}`, { version: 1, name: '过期' });
    expect(expectError(stale, 409, 'VERSION_CONFLICT').details).toEqual({ currentVersion: 2 });
    const after = (await get('/api/branches')).json().items.find((b: { id: string }) => b.id === created.id);
    expect(after).toMatchObject({ name: '佛山南海服务网点', version: 2 });

    expect((await send('PATCH', `/api/branches/${created.id}`, { version: 2, active: false })).statusCode).toBe(200);
    const refused = await send('POST', '/api/users', newUserBody('to.inactive', created.id));
    expect(issuePaths(refused)).toEqual(['branchId']);
    expectError(
      await send('PATCH', '/api/branches/3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c', { version: 1, name: 'x' }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('settings', () => {
  const settingsOf = async (qs = '', cookie = admin) => {
    const res = await get(`/api/settings${qs}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return new Map((res.json().items as any[]).map((s) => [s.key, s]));
  };
  const put = (key: string, body: unknown, cookie = admin) => send('PUT', `/api/settings/${key}`, body, cookie);

  it('lists every typed setting with the defaults of DOMAIN.md', async () => {
    const res = await get('/api/settings');
    const items = res.json().items as unknown[];
    expect(items).toHaveLength(SETTING_KEYS.length);
    for (const s of items) settingSchema.strict().parse(s);
    const map = await settingsOf();
    const expected: Record<string, unknown> = {
      'sla.reviewMinutes': 15,
      'sla.dispatchMinutes': 30,
      'sla.dispatchUrgentMinutes': 10,
      'sla.contactMinutes': 30,
      'sla.simpleRepairMinutes': 120,
      'sla.callbackHours': 48,
      'sla.complaintReplyHours': 24,
      'sla.complaintInvestigationHours': 48,
      'sla.suggestionReplyDays': 7,
      'sla.clockMode': 'calendar',
      'privacy.technicianWindowHours': 72,
      'rework.windowDays': 30,
      'branch.timeZone': 'Asia/Shanghai',
    };
    for (const [key, value] of Object.entries(expected)) {
      expect(map.get(key), key).toMatchObject({
        defaultValue: value,
        effectiveValue: value,
        globalValue: null,
        branchValue: null,
        version: 0,
        updatedAt: null,
        updatedBy: null,
      });
    }
    expect(map.get('sla.reviewMinutes')).toMatchObject({
      label: '审核时限（分钟）',
      unit: 'minutes',
      branchOverride: true,
    });
    expect(map.get('rework.windowDays')?.branchOverride).toBe(false);
  });

  it('labels follow the user’s language', async () => {
    await t.createUser('en.admin', ['admin'], null);
    const cookie = await t.login('en.admin');
    await send('PATCH', '/api/auth/me', { language: 'en-US' }, cookie);
    expect((await settingsOf('', cookie)).get('sla.reviewMinutes')?.label).toBe('Review deadline (minutes)');
  });

  it('an administrator sets a company value and a branch override; the branch sees its own, others the company one', async () => {
    const company = await put('sla.dispatchMinutes', { branchId: null, value: 20, version: 0 });
    expect(company.statusCode, company.body).toBe(200);
    expect(company.json()).toMatchObject({
      key: 'sla.dispatchMinutes',
      globalValue: 20,
      branchValue: null,
      effectiveValue: 20,
      version: 1,
      updatedAt: t.clock.now().toISOString(),
      updatedBy: 'root',
    });
    const branch = await put('sla.dispatchMinutes', { branchId: t.branches.th, value: 25, version: 0 });
    expect(branch.json()).toMatchObject({ globalValue: 20, branchValue: 25, effectiveValue: 25, version: 1 });

    expect((await settingsOf()).get('sla.dispatchMinutes')).toMatchObject({
      effectiveValue: 20,
      version: 1,
      updatedBy: 'root',
    });
    expect((await settingsOf(`?branchId=${t.branches.th}`)).get('sla.dispatchMinutes')).toMatchObject({
      globalValue: 20,
      branchValue: 25,
      effectiveValue: 25,
    });
    expect((await settingsOf(`?branchId=${t.branches.hz}`)).get('sla.dispatchMinutes')).toMatchObject({
      globalValue: 20,
      branchValue: null,
      effectiveValue: 20,
      version: 0,
    });
    // What other modules read.
    expect(await getSetting(t.database.db, 'sla.dispatchMinutes', t.branches.th)).toBe(25);
    expect(await getSetting(t.database.db, 'sla.dispatchMinutes', t.branches.hz)).toBe(20);
    expect(await getSetting(t.database.db, 'sla.dispatchMinutes', null)).toBe(20);

    // Object values and enums are typed too.
    const hours = await put('sla.workingHours', {
      branchId: null,
      value: { start: '09:00', end: '18:00' },
      version: 0,
    });
    expect(hours.json().effectiveValue).toEqual({ start: '09:00', end: '18:00' });
    const mode = await put('sla.clockMode', { branchId: t.branches.hz, value: 'working', version: 0 });
    expect(mode.json().effectiveValue).toBe('working');

    // null clears: the branch falls back to the company value, then the company to the default.
    const cleared = await put('sla.dispatchMinutes', { branchId: t.branches.th, value: null, version: 1 });
    expect(cleared.json()).toMatchObject({ branchValue: null, effectiveValue: 20, version: 0 });
    expect((await put('sla.dispatchMinutes', { branchId: null, value: null, version: 1 })).json()).toMatchObject({
      effectiveValue: 30,
      version: 0,
    });
  });

  it('every change writes a setting.changed audit row with before and after', async () => {
    const before = (await auditRows(t)).length;
    expect((await put('sla.callbackHours', { branchId: null, value: 24, version: 0 })).statusCode).toBe(200);
    expect((await put('sla.callbackHours', { branchId: null, value: 36, version: 1 })).statusCode).toBe(200);
    expect((await put('sla.callbackHours', { branchId: t.branches.hz, value: 12, version: 0 })).statusCode).toBe(200);
    const rows = (await auditRows(t)).slice(before);
    expect(rows.map((r) => [r.action, r.objectId, r.before, r.after, r.actorName])).toEqual([
      ['setting.changed', 'sla.callbackHours', { value: null }, { value: 24 }, 'root'],
      ['setting.changed', 'sla.callbackHours', { value: 24 }, { value: 36 }, 'root'],
      ['setting.changed', `sla.callbackHours@${t.branches.hz}`, { value: null }, { value: 12 }, 'root'],
    ]);
    expect(rows.every((r) => r.objectType === 'setting' && r.ip === '127.0.0.1')).toBe(true);
  });

  it('a stale version answers 409 VERSION_CONFLICT and keeps the value', async () => {
    expect((await put('sla.contactMinutes', { branchId: null, value: 40, version: 0 })).statusCode).toBe(200);
    const auditBefore = await countRows(t, 'audit_events');
    const stale = await put('sla.contactMinutes', { branchId: null, value: 45, version: 0 });
    expect(expectError(stale, 409, 'VERSION_CONFLICT').details).toEqual({ currentVersion: 1 });
    expect((await put('sla.contactMinutes', { branchId: null, value: null, version: 5 })).statusCode).toBe(409);
    expect((await settingsOf()).get('sla.contactMinutes')).toMatchObject({ effectiveValue: 40, version: 1 });
    expect(await countRows(t, 'audit_events')).toBe(auditBefore);
  });

  it('two first writes of the same setting at once: exactly one wins, the other gets 409', async () => {
    const results = await Promise.all(
      [31, 32, 33].map((value) => put('sla.simpleRepairMinutes', { branchId: t.branches.hz, value, version: 0 })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.statusCode === 200)?.json().effectiveValue;
    expect((await settingsOf(`?branchId=${t.branches.hz}`)).get('sla.simpleRepairMinutes')).toMatchObject({
      effectiveValue: winner,
      version: 1,
    });
    const audit = (await auditRows(t)).filter((r) => r.objectId === `sla.simpleRepairMinutes@${t.branches.hz}`);
    expect(audit).toHaveLength(1);
  });

  it('refuses invalid values (0, "15", 1.5, too big, wrong shape) and unknown keys; stores nothing', async () => {
    const settingsBefore = await countRows(t, 'settings');
    const auditBefore = await countRows(t, 'audit_events');
    for (const value of [0, -1, '15', 1.5, 60 * 24 * 30 + 1, true, [15], { minutes: 15 }]) {
      const res = await put('sla.reviewMinutes', { branchId: null, value, version: 0 });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(issuePaths(res), JSON.stringify(value)).toEqual(['value']);
    }
    const zero = await put('sla.reviewMinutes', { branchId: null, value: 0, version: 0 });
    expect(zero.json().details.issues[0].message).toBe('不能小于 1');
    const text = await put('sla.reviewMinutes', { branchId: null, value: '15', version: 0 });
    expect(text.json().details.issues[0].message).toBe('应为数字');
    const missing = await put('sla.reviewMinutes', { branchId: null, version: 0 });
    expect(missing.json().details.issues[0]).toMatchObject({ path: 'value', message: '必填' });
    const enumBad = await put('sla.clockMode', { branchId: null, value: 'lunar', version: 0 });
    expect(issuePaths(enumBad)).toEqual(['value']);
    const hoursBad = await put('sla.workingHours', {
      branchId: null,
      value: { start: '20:00', end: '08:00' },
      version: 0,
    });
    expect(issuePaths(hoursBad)).toEqual(['value']);
    const hoursExtra = await put('sla.workingHours', {
      branchId: null,
      value: { start: '08:00', end: '20:00', lunch: '12:00' },
      version: 0,
    });
    expect(hoursExtra.json().details.issues).toEqual([
      { path: 'value', code: 'unrecognized_keys', message: '不允许的字段：lunch' },
    ]);

    expectError(await put('sla.unknownMinutes', { branchId: null, value: 15, version: 0 }), 404, 'NOT_FOUND');
    expectError(await put('__proto__', { branchId: null, value: 15, version: 0 }), 404, 'NOT_FOUND');
    expectError(await put('constructor', { branchId: null, value: 15, version: 0 }), 404, 'NOT_FOUND');
    const overridden = await put('rework.windowDays', { branchId: t.branches.th, value: 10, version: 0 });
    expect(issuePaths(overridden)).toEqual(['branchId']);
    expectError(
      await put('sla.reviewMinutes', { branchId: '3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c', value: 15, version: 0 }),
      404,
      'NOT_FOUND',
    );
    const strict = await put('sla.reviewMinutes', { branchId: null, value: 15, version: 0, note: 'x' });
    expect(issuePaths(strict)).toEqual(['note']);

    expect(await countRows(t, 'settings')).toBe(settingsBefore);
    expect(await countRows(t, 'audit_events')).toBe(auditBefore);
    expect((await settingsOf()).get('sla.reviewMinutes')).toMatchObject({ effectiveValue: 15, version: 0 });
  });

  it('a manager changes their own branch override, but not the company value (403) nor another branch (404)', async () => {
    await t.createUser('mgr.th', ['manager'], 'th');
    const mgr = await t.login('mgr.th');
    const own = await put('sla.reviewMinutes', { branchId: t.branches.th, value: 12, version: 0 }, mgr);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ branchValue: 12, effectiveValue: 12, updatedBy: 'mgr.th' });

    const settingsBefore = await countRows(t, 'settings');
    const company = await put('sla.reviewMinutes', { branchId: null, value: 12, version: 0 }, mgr);
    expect(expectError(company, 403, 'FORBIDDEN').details.reason).toBe('只有系统管理员可修改全公司设置');
    const other = await put('sla.reviewMinutes', { branchId: t.branches.hz, value: 12, version: 0 }, mgr);
    expectError(other, 404, 'NOT_FOUND');
    expect(await countRows(t, 'settings')).toBe(settingsBefore);
    expectError(await get(`/api/settings?branchId=${t.branches.hz}`, mgr), 404, 'NOT_FOUND');
    expect((await settingsOf(`?branchId=${t.branches.th}`, mgr)).get('sla.reviewMinutes')?.effectiveValue).toBe(12);
    expect((await settingsOf(`?branchId=${t.branches.hz}`)).get('sla.reviewMinutes')?.effectiveValue).toBe(15);

    // Roles without settings.manage are refused at the door.
    await t.createUser('agent.th', ['agent'], 'th');
    const agent = await t.login('agent.th');
    expectError(
      await put('sla.reviewMinutes', { branchId: t.branches.th, value: 12, version: 1 }, agent),
      403,
      'FORBIDDEN',
    );
  });

  it('every setting definition has a valid default under its own schema', () => {
    for (const key of SETTING_KEYS) {
      const def = SETTING_DEFS[key];
      expect(def.schema.safeParse(def.default).success, key).toBe(true);
    }
  });
});
