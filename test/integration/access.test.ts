import type { EndpointDef } from '@shared/contracts/endpoint';
import { allEndpoints } from '@shared/contracts/index';
import { hasPermission, PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Role } from '@shared/domain/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { countRows, expectError, meStatus, newUserBody } from './support';

let t: TestApp;
/** One logged-in user per role (branch TH for branch-bound roles). */
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  t = await buildTestApp();
  for (const role of ROLES) {
    await t.createUser(`${role}-th`, [role], role === 'admin' || role === 'auditor' ? null : 'th');
    cookies[role] = await t.login(`${role}-th`);
  }
});
afterAll(async () => {
  await t?.close();
});

const SOME_UUID = '3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c';

/** A concrete URL for a contract path: every `:param` filled with a well-formed value. */
function concrete(path: string): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => (name === 'key' ? 'sla.reviewMinutes' : SOME_UUID));
}

type RouteRecord = { method: string; url: string; access: string | undefined };

function raw(opts: { method: string; url: string; headers?: Record<string, string>; body?: unknown }) {
  return t.aircare.app.inject({
    method: opts.method as 'POST',
    url: opts.url,
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
  });
}

async function auditOf(action: string) {
  const res = await t.request({
    method: 'GET',
    url: `/api/audit-events?action=${action}&pageSize=200`,
    cookie: cookies.auditor,
  });
  expect(res.statusCode).toBe(200);
  return res.json().items as any[];
}

describe('the unguarded-route test', () => {
  const allowed = new Set<string>([...PERMISSIONS, 'public', 'authenticated']);

  it('every contract endpoint declares a known access and a unique camelCase operationId', () => {
    const ids = allEndpoints.map((e) => e.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of allEndpoints) {
      expect(allowed.has(e.access), `${e.operationId}: access ${e.access}`).toBe(true);
      expect(e.operationId, e.operationId).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(e.path, e.operationId).toMatch(/^\/api\//);
      expect(e.summary.length, e.operationId).toBeGreaterThan(0);
    }
    const routes = allEndpoints.map((e) => `${e.method} ${e.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('every /api route of the app comes from a contract endpoint with the same access', async () => {
    await t.aircare.app.ready();
    const apiRoutes = (t.aircare.app as unknown as { apiRoutes: RouteRecord[] }).apiRoutes;
    expect(apiRoutes.length).toBeGreaterThan(0);
    const byRoute = new Map(allEndpoints.map((e) => [`${e.method} ${e.path}`, e]));
    const seen = new Set<string>();
    for (const r of apiRoutes) {
      const key = `${r.method} ${r.url}`;
      expect(allowed.has(String(r.access)), `${key} has no declared access`).toBe(true);
      if (key === 'GET /api/openapi.json') {
        expect(r.access).toBe('public');
        continue;
      }
      const e = byRoute.get(key);
      expect(e, `${key} is not a contract endpoint`).toBeDefined();
      expect(r.access, key).toBe(e?.access);
      seen.add(key);
    }
    // And the other way round: every contract endpoint is bound.
    expect([...seen].sort()).toEqual([...byRoute.keys()].sort());
  });

  it('every non-public endpoint answers 401 without a session, before looking at the input', async () => {
    const guarded = allEndpoints.filter((e) => e.access !== 'public');
    expect(guarded.length).toBeGreaterThan(10);
    const usersBefore = await countRows(t, 'users');
    for (const e of guarded) {
      for (const cookie of [undefined, 'aircare_sid=not-a-real-session-token-at-all']) {
        const res = await t.request({
          method: e.method,
          url: concrete(e.path),
          ...(cookie ? { cookie } : {}),
          ...('body' in e ? { body: { anything: 'goes' } } : {}),
        });
        expect(res.statusCode, `${e.operationId} ${cookie ?? 'no cookie'}: ${res.body}`).toBe(401);
        expect(res.json().code).toBe('UNAUTHENTICATED');
      }
    }
    // The HEAD routes Fastify adds for every GET are guarded the same way.
    for (const e of guarded.filter((x) => x.method === 'GET')) {
      const res = await t.aircare.app.inject({ method: 'HEAD', url: concrete(e.path) });
      expect(res.statusCode, `HEAD ${e.path}`).toBe(401);
    }
    // Bad input on a guarded endpoint: still 401 (no validation details leak to strangers).
    const bad = await t.request({ method: 'GET', url: '/api/users/not-a-uuid?page=abc' });
    expectError(bad, 401, 'UNAUTHENTICATED');
    expect(await countRows(t, 'users')).toBe(usersBefore);
  });

  it('public endpoints answer without a session', async () => {
    for (const e of allEndpoints.filter((x) => x.access === 'public' && x.method === 'GET')) {
      const res = await t.request({ method: 'GET', url: concrete(e.path) });
      // Public endpoints that need a signed or otherwise required query refuse a bare call, but never with 401.
      const query = (e as EndpointDef).query;
      const needsQuery = query !== undefined && !query.safeParse({}).success;
      // A path parameter names a thing (a photo token …): an unknown one is simply not found.
      if (needsQuery || e.path.includes(':')) expect([400, 403, 404], e.operationId).toContain(res.statusCode);
      else expect(res.statusCode, e.operationId).toBe(200);
    }
    expect((await t.request({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
  });
});

describe('role-based access', () => {
  it('agent calling listUsers gets 403 FORBIDDEN and the denial is audited', async () => {
    const res = await t.request({ method: 'GET', url: '/api/users?page=1', cookie: cookies.agent });
    const body = expectError(res, 403, 'FORBIDDEN');
    expect(body.details).toEqual({ permission: 'users.read' });
    expect(body.message).toBe('您没有执行此操作的权限');

    const rows = (await auditOf('access.denied')).filter(
      (r) => r.actorName === 'agent-th' && r.objectId === 'listUsers',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      objectType: 'endpoint',
      ip: '127.0.0.1',
      details: { permission: 'users.read', method: 'GET', path: '/api/users' },
    });
    expect(rows[0].actorId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the role matrix of every permission-guarded endpoint follows ROLE_PERMISSIONS', async () => {
    // Event streams never end: their access is checked in dispatch-stream.test.ts.
    const guarded = allEndpoints.filter(
      (e) => e.access !== 'public' && e.access !== 'authenticated' && !e.path.endsWith('/stream'),
    );
    const usersBefore = await countRows(t, 'users');
    for (const role of ROLES) {
      for (const e of guarded) {
        // No body: a permitted caller gets a validation error (or a read), never a change.
        const res = await t.request({ method: e.method, url: concrete(e.path), cookie: cookies[role] });
        const label = `${role} → ${e.operationId}: ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (hasPermission([role], e.access)) {
          expect([200, 400, 404], label).toContain(res.statusCode);
        } else {
          expect(res.statusCode, label).toBe(403);
          expect(res.json()).toMatchObject({ code: 'FORBIDDEN', details: { permission: e.access } });
        }
      }
    }
    expect(await countRows(t, 'users')).toBe(usersBefore);
    // Sanity: the matrix is not trivially all-allowed or all-denied.
    expect(ROLE_PERMISSIONS.admin).not.toContain('audit.read');
    expect(ROLE_PERMISSIONS.auditor).toEqual(['audit.read']);
  }, 300_000); // every role × every endpoint: grows with the API, and CI machines are shared

  it('the administrator is not an auditor, and the auditor manages nothing', async () => {
    expectError(await t.request({ method: 'GET', url: '/api/audit-events', cookie: cookies.admin }), 403, 'FORBIDDEN');
    expectError(await t.request({ method: 'GET', url: '/api/users', cookie: cookies.auditor }), 403, 'FORBIDDEN');
    expectError(
      await t.request({
        method: 'POST',
        url: '/api/users',
        cookie: cookies.auditor,
        body: newUserBody('sneaky', t.branches.th),
      }),
      403,
      'FORBIDDEN',
    );
    expect((await t.request({ method: 'GET', url: '/api/audit-events', cookie: cookies.auditor })).statusCode).toBe(
      200,
    );
  });

  it('a permission denial comes before validation and stores nothing', async () => {
    const before = await countRows(t, 'users');
    const res = await t.request({
      method: 'POST',
      url: '/api/users',
      cookie: cookies.manager,
      body: { ...newUserBody('by-manager', t.branches.th), roles: 'admin' },
    });
    expectError(res, 403, 'FORBIDDEN');
    expect(await countRows(t, 'users')).toBe(before);
  });

  it('branch scope: a head reads only users of their own branch; another branch’s user is not found', async () => {
    const hzUser = await t.createUser('hz-agent', ['agent'], 'hz');
    const list = await t.request({ method: 'GET', url: '/api/users?pageSize=200', cookie: cookies.head });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { username: string; branch: { id: string } | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((u) => u.branch?.id === t.branches.th)).toBe(true);
    expect(items.map((u) => u.username)).not.toContain('hz-agent');
    expectError(
      await t.request({ method: 'GET', url: `/api/users/${hzUser}`, cookie: cookies.head }),
      404,
      'NOT_FOUND',
    );
    // The administrator is company-wide.
    expect((await t.request({ method: 'GET', url: `/api/users/${hzUser}`, cookie: cookies.admin })).statusCode).toBe(
      200,
    );
    const all = await t.request({ method: 'GET', url: '/api/users?pageSize=200', cookie: cookies.admin });
    expect(all.json().items.map((u: { username: string }) => u.username)).toContain('hz-agent');
  });

  it('a manager reads the settings of their own branch, not of another', async () => {
    expect(
      (await t.request({ method: 'GET', url: `/api/settings?branchId=${t.branches.th}`, cookie: cookies.manager }))
        .statusCode,
    ).toBe(200);
    expectError(
      await t.request({ method: 'GET', url: `/api/settings?branchId=${t.branches.hz}`, cookie: cookies.manager }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('CSRF', () => {
  it('refuses a POST with a session cookie and no Origin, Referer or X-Requested-With, and changes nothing', async () => {
    const before = await countRows(t, 'users');
    const res = await raw({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: cookies.admin },
      body: newUserBody('csrf-victim', t.branches.th),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF_REJECTED', message: '请求来源无法验证，请刷新页面后重试' });
    expect(await countRows(t, 'users')).toBe(before);
  });

  it('refuses a foreign Origin or Referer, even with X-Requested-With, and changes nothing', async () => {
    const before = await countRows(t, 'users');
    const foreign: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'http://localhost.evil.example' },
      { origin: 'https://localhost:80' },
      { referer: 'http://evil.example/page' },
      { referer: 'not a url' },
    ];
    for (const headers of foreign) {
      const res = await raw({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: cookies.admin, 'x-requested-with': 'aircare', ...headers },
        body: newUserBody('csrf-victim', t.branches.th),
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().code).toBe('CSRF_REJECTED');
    }
    expect(await countRows(t, 'users')).toBe(before);
  });

  it('refuses Origin "null" without the X-Requested-With header', async () => {
    const res = await raw({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: cookies.agent, origin: 'null' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_REJECTED');
    expect(await meStatus(t, cookies.agent)).toBe(200);
  });

  it('refuses DELETE and PATCH too, and the session survives', async () => {
    const sessions = await t.request({ method: 'GET', url: '/api/auth/me/sessions', cookie: cookies.dispatcher });
    const id = sessions.json().items[0].id;
    const del = await raw({
      method: 'DELETE',
      url: `/api/auth/me/sessions/${id}`,
      headers: { cookie: cookies.dispatcher },
    });
    expect(del.statusCode).toBe(403);
    expect(del.json().code).toBe('CSRF_REJECTED');
    expect(await meStatus(t, cookies.dispatcher)).toBe(200);
    const patch = await raw({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie: cookies.dispatcher, origin: 'https://evil.example' },
      body: { language: 'en-US' },
    });
    expect(patch.statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: cookies.dispatcher })).json().language).toBe(
      'zh-CN',
    );
  });

  it('accepts the own origin (Origin or Referer), with or without the default port', async () => {
    // Under app.inject the Host header is "localhost:80"; a browser omits the default port in Origin.
    const variants: Record<string, string>[] = [
      { origin: 'http://localhost:80' },
      { origin: 'http://localhost' },
      { referer: 'http://localhost/admin/users' },
      { referer: 'http://localhost:80/admin/users?x=1' },
    ];
    let n = 0;
    for (const headers of variants) {
      const res = await raw({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: cookies.admin, ...headers },
        body: newUserBody(`same-origin-${n++}`, t.branches.th),
      });
      expect(res.statusCode, `${JSON.stringify(headers)}: ${res.body}`).toBe(201);
    }
  });

  it('accepts X-Requested-With: aircare without Origin (the web client’s header)', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/users',
      cookie: cookies.admin,
      body: newUserBody('with-xrw', t.branches.th),
    });
    expect(res.statusCode).toBe(201);
  });

  it('does not check safe methods, nor cookie-less requests without Origin (scripts)', async () => {
    const get = await raw({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: cookies.agent, origin: 'https://evil.example' },
    });
    expect(get.statusCode).toBe(200);
    const login = await raw({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'agent-th', password: 'test-password-1' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('refuses a login posted from a foreign origin (login CSRF)', async () => {
    const res = await raw({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      body: { username: 'agent-th', password: 'test-password-1' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_REJECTED');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('answers in English when asked', async () => {
    const res = await raw({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: cookies.agent, origin: 'https://evil.example', 'accept-language': 'en-US' },
    });
    expect(res.json().message).toBe('The request origin could not be verified; reload the page and try again');
  });
});

describe('configured extra origins', () => {
  let t2: TestApp;
  beforeAll(async () => {
    t2 = await buildTestApp({ config: { allowedOrigins: ['https://aircare.example.com'] } });
    await t2.createUser('boss', ['admin'], null);
  });
  afterAll(async () => {
    await t2?.close();
  });

  it('accepts an allowed origin and still refuses others', async () => {
    const cookie = await t2.login('boss');
    const send = (origin: string, username: string) =>
      t2.aircare.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie, origin, 'content-type': 'application/json' },
        payload: JSON.stringify(newUserBody(username, t2.branches.th)),
      });
    expect((await send('https://aircare.example.com', 'from-allowed')).statusCode).toBe(201);
    expect((await send('https://evil.example.com', 'from-evil')).statusCode).toBe(403);
    expect((await send('http://aircare.example.com', 'from-http')).statusCode).toBe(403);
  });
});
