import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { countRows, expectError, issuePaths, meStatus, newUserBody } from './support';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('root', ['admin'], null);
  admin = await t.login('root');
});
afterAll(async () => {
  await t?.close();
});

/** Each test checks that a refused request stored nothing: no user, no audit row. */
let usersBefore = 0;
let auditBefore = 0;
beforeEach(async () => {
  usersBefore = await countRows(t, 'users');
  auditBefore = await countRows(t, 'audit_events');
});
async function expectNothingStored() {
  expect(await countRows(t, 'users')).toBe(usersBefore);
  expect(await countRows(t, 'audit_events')).toBe(auditBefore);
}

const createUser = (body: unknown, headers?: Record<string, string>) =>
  t.request({ method: 'POST', url: '/api/users', cookie: admin, body, ...(headers ? { headers } : {}) });

describe('strict body validation', () => {
  it('refuses a wrong type (roles as a string) with the field path, in Chinese', async () => {
    const res = await createUser(newUserBody('wrongtype', t.branches.th, { roles: 'admin' }));
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(body.message).toBe('输入有误，请检查标出的字段');
    expect(body.details.issues).toEqual([{ path: 'roles', code: 'invalid_type', message: '应为列表' }]);
    await expectNothingStored();
  });

  it('does not coerce: a number as a string, a boolean as a string, a string as a number', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ mustChangePassword: 'true' }, 'mustChangePassword'],
      [{ displayName: 42 }, 'displayName'],
      [{ branchId: 0 }, 'branchId'],
      [{ password: 1234567890123 }, 'password'],
      [{ roles: [1] }, 'roles.0'],
    ];
    for (const [extra, path] of cases) {
      const res = await createUser(newUserBody('nocoerce', t.branches.th, extra));
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(issuePaths(res), JSON.stringify(extra)).toEqual([path]);
    }
    await expectNothingStored();
  });

  it('refuses an unknown field, naming it', async () => {
    const res = await createUser(newUserBody('unknownfield', t.branches.th, { isRoot: true, demo: true }));
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(body.details.issues).toEqual([
      { path: 'isRoot', code: 'unrecognized_keys', message: '不允许的字段：isRoot' },
      { path: 'demo', code: 'unrecognized_keys', message: '不允许的字段：demo' },
    ]);
    await expectNothingStored();
  });

  it('refuses a missing required field', async () => {
    const { username: _u, ...rest } = newUserBody('missing', t.branches.th);
    const res = await createUser(rest);
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(body.details.issues).toEqual([{ path: 'username', code: 'invalid_type', message: '必填' }]);
    await expectNothingStored();
  });

  it('reports every problem at once, with nested paths', async () => {
    const res = await createUser({
      username: 'X',
      displayName: '',
      password: 'short',
      roles: ['agent', 'wizard'],
      branchId: 'not-a-uuid',
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(new Set(issuePaths(res))).toEqual(new Set(['username', 'displayName', 'password', 'roles.1', 'branchId']));
    await expectNothingStored();
  });

  it('refuses a body that is not an object, malformed JSON, or an empty JSON body', async () => {
    for (const payload of ['[]', '"text"', '42', 'null']) {
      const res = await createUser(payload);
      expectError(res, 400, 'VALIDATION_FAILED');
    }
    for (const payload of ['{"username": ', '{username: 1}']) {
      const res = await createUser(payload);
      const body = expectError(res, 400, 'VALIDATION_FAILED');
      expect(body.details.issues[0].message).toBe('请求体不是有效的 JSON');
      expect(res.body).not.toMatch(/Unexpected|position|SyntaxError/);
    }
    const empty = await t.aircare.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin, 'x-requested-with': 'aircare', 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('VALIDATION_FAILED');
    await expectNothingStored();
  });

  it('refuses a body on an endpoint that takes none, and does not act', async () => {
    const cookie = await t.login('root');
    const res = await t.request({ method: 'POST', url: '/api/auth/logout', cookie, body: { everywhere: true } });
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(body.details.issues).toEqual([
      { path: 'everywhere', code: 'unrecognized_keys', message: '不允许的字段：everywhere' },
    ]);
    expect(await meStatus(t, cookie)).toBe(200);
  });

  it('refuses a content type it has no parser for with 415, and a text body as not an object; stores nothing', async () => {
    const form = await t.request({
      method: 'POST',
      url: '/api/users',
      cookie: admin,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=formuser&password=another-pass-42',
    });
    expect(expectError(form, 415, 'UNSUPPORTED_MEDIA_TYPE').message).toBe('不支持的内容类型');
    const text = await t.request({
      method: 'POST',
      url: '/api/users',
      cookie: admin,
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(newUserBody('plaintext', t.branches.th)),
    });
    expect(expectError(text, 400, 'VALIDATION_FAILED').details.issues).toEqual([
      { path: '', code: 'invalid_type', message: '应为对象' },
    ]);
    await expectNothingStored();
  });

  it('refuses an oversized body (> 1 MiB) with 413 and stores nothing', async () => {
    const res = await createUser(newUserBody('toolarge', t.branches.th, { displayName: 'x'.repeat(1024 * 1024 + 10) }));
    const body = expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(body.message).toBe('提交的内容过大（上限 1 MB）');
    expect(body.details).toEqual({ limitBytes: 1024 * 1024 });
    await expectNothingStored();
  });

  it('accepts a body just under the limit up to validation (which then refuses the long name)', async () => {
    const res = await createUser(newUserBody('nearlimit', t.branches.th, { displayName: 'x'.repeat(1000 * 1000) }));
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.json().details.issues).toEqual([{ path: 'displayName', code: 'too_big', message: '最多 64 个字符' }]);
    await expectNothingStored();
  });

  it('refuses a PATCH whose version is a string, and changes nothing', async () => {
    const id = await t.createUser('patchme', ['agent'], 'th');
    const before = await t.request({ method: 'GET', url: `/api/users/${id}`, cookie: admin });
    const res = await t.request({
      method: 'PATCH',
      url: `/api/users/${id}`,
      cookie: admin,
      body: { version: '1', displayName: '改名' },
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(issuePaths(res)).toEqual(['version']);
    const after = await t.request({ method: 'GET', url: `/api/users/${id}`, cookie: admin });
    expect(after.json()).toEqual(before.json());
  });

  it('a rule checked in the use case (branch-bound role needs a branch) is a 400 with a path too', async () => {
    const res = await createUser(newUserBody('nobranch', null));
    expect(expectError(res, 400, 'VALIDATION_FAILED').details.issues).toEqual([
      { path: 'branchId', code: 'required', message: '该角色需要所属网点' },
    ]);
    const unknownBranch = await createUser(newUserBody('ghostbranch', '3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c'));
    expect(issuePaths(unknownBranch)).toEqual(['branchId']);
    await expectNothingStored();
  });
});

describe('params and query strings', () => {
  it('refuses a malformed uuid in the path', async () => {
    const res = await t.request({ method: 'GET', url: '/api/users/not-a-uuid', cookie: admin });
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(body.details.issues).toEqual([
      { path: 'params.userId', code: 'invalid_format', message: '格式不正确（uuid）' },
    ]);
    const patch = await t.request({ method: 'PATCH', url: '/api/users/123', cookie: admin, body: { version: 1 } });
    expect(issuePaths(patch)).toEqual(['params.userId']);
    await expectNothingStored();
  });

  it('refuses query integers that are not whole numbers in range', async () => {
    for (const [qs, path] of [
      ['page=1.5', 'query.page'],
      ['page=abc', 'query.page'],
      ['page=-1', 'query.page'],
      ['page=01', 'query.page'],
      ['page=0', 'query.page'],
      ['page=', 'query.page'],
      ['pageSize=201', 'query.pageSize'],
      ['pageSize=1e2', 'query.pageSize'],
    ] as const) {
      const res = await t.request({ method: 'GET', url: `/api/users?${qs}`, cookie: admin });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(issuePaths(res), qs).toEqual([path]);
    }
    const ok = await t.request({ method: 'GET', url: '/api/users?page=1&pageSize=200', cookie: admin });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ page: 1, pageSize: 200 });
  });

  it('refuses unknown, repeated and out-of-list query parameters', async () => {
    const unknown = await t.request({ method: 'GET', url: '/api/users?sort=name', cookie: admin });
    expect(expectError(unknown, 400, 'VALIDATION_FAILED').details.issues).toEqual([
      { path: 'query.sort', code: 'unrecognized_keys', message: '不允许的字段：sort' },
    ]);
    const repeated = await t.request({ method: 'GET', url: '/api/users?page=1&page=2', cookie: admin });
    expect(issuePaths(repeated)).toEqual(['query.page']);
    const role = await t.request({ method: 'GET', url: '/api/users?role=wizard', cookie: admin });
    expect(expectError(role, 400, 'VALIDATION_FAILED').details.issues[0]).toMatchObject({
      path: 'query.role',
      code: 'invalid_value',
    });
    const status = await t.request({ method: 'GET', url: '/api/users?status=deleted', cookie: admin });
    expect(issuePaths(status)).toEqual(['query.status']);
  });

  it('takes the query string literally (no SQL wildcards leak through q)', async () => {
    await t.createUser('percent_user', ['agent'], 'th');
    const all = await t.request({ method: 'GET', url: '/api/users?q=%25', cookie: admin });
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(0);
    const under = await t.request({ method: 'GET', url: '/api/users?q=t_u', cookie: admin });
    expect(under.json().items.map((u: { username: string }) => u.username)).toEqual(['percent_user']);
  });
});

describe('messages in the caller’s language', () => {
  it('speaks Chinese by default and English with Accept-Language: en-US (before login)', async () => {
    const zh = await t.request({ method: 'POST', url: '/api/auth/login', body: { username: 'root', password: 1 } });
    expect(expectError(zh, 400, 'VALIDATION_FAILED')).toMatchObject({
      message: '输入有误，请检查标出的字段',
      details: { issues: [{ path: 'password', code: 'invalid_type', message: '应为文本' }] },
    });
    const en = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'root', password: 1, remember: true },
      headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' },
    });
    expect(expectError(en, 400, 'VALIDATION_FAILED')).toMatchObject({
      message: 'Some fields are invalid',
      details: {
        issues: [
          { path: 'password', code: 'invalid_type', message: 'must be text' },
          { path: 'remember', code: 'unrecognized_keys', message: 'unknown field(s): remember' },
        ],
      },
    });
    const missing = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'root' },
      headers: { 'accept-language': 'en' },
    });
    expect(missing.json().details.issues).toEqual([{ path: 'password', code: 'invalid_type', message: 'is required' }]);
  });

  it('speaks the logged-in user’s own language', async () => {
    await t.createUser('english', ['admin'], null);
    const cookie = await t.login('english');
    expect(
      (await t.request({ method: 'PATCH', url: '/api/auth/me', cookie, body: { language: 'en-US' } })).statusCode,
    ).toBe(200);
    const before = await countRows(t, 'users');
    const res = await t.request({ method: 'POST', url: '/api/users', cookie, body: newUserBody('x', t.branches.th) });
    expect(expectError(res, 400, 'VALIDATION_FAILED')).toMatchObject({
      message: 'Some fields are invalid',
      details: { issues: [{ path: 'username', code: 'invalid_format' }] },
    });
    const big = await t.request({
      method: 'POST',
      url: '/api/users',
      cookie,
      body: newUserBody('biggy', t.branches.th, { displayName: 'y'.repeat(1024 * 1024 + 1) }),
    });
    expect(expectError(big, 413, 'PAYLOAD_TOO_LARGE').message).toBe('The request body is too large (limit 1 MB)');
    expect(await countRows(t, 'users')).toBe(before);
  });
});
