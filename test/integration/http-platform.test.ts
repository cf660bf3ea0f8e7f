import { allEndpoints, endpoint } from '@shared/contracts/index';
import { getHealth } from '@shared/contracts/platform.contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bindEndpoint } from '../../src/server/platform/http/server';
import { createLogger } from '../../src/server/platform/log';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../build-test-app';
import { cookieFrom, expectError, tryLogin } from './support';

/** Every log line the app writes, parsed. */
const lines: Record<string, any>[] = [];
const SECRET = 'SECRET-internal-detail-/work/main/src/x.ts:42';

let t: TestApp;
beforeAll(async () => {
  const log = createLogger({ logLevel: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  t = await buildTestApp({ log, config: { trustProxy: true } });
  await t.createUser('root', ['admin'], null);

  // Test-only routes, added before the app is ready (outside /api, so no contract is involved).
  const app = t.aircare.app;
  app.get('/__test/boom', async () => {
    throw new Error(SECRET);
  });
  app.get('/__test/db-error', async () => {
    await t.database.db.execute(sql`SELECT secret_column FROM no_such_table_xyz`);
    return { ok: true };
  });
  app.get('/__test/unique', async () => {
    await t.database.db.execute(sql`INSERT INTO branches (code, name, city) VALUES ('GZ-TH', 'dup', 'dup')`);
    return { ok: true };
  });
  const typed = endpoint({
    operationId: 'testTyped',
    method: 'GET',
    path: '/__test/typed/:mode',
    access: 'public',
    summary: 'test only',
    tags: ['test'],
    params: z.strictObject({ mode: z.enum(['extra', 'wrong']) }),
    response: z.object({ ok: z.literal(true) }),
  });
  bindEndpoint(
    app,
    t.aircare.deps,
    typed,
    async ({ params }) =>
      (params.mode === 'extra' ? { ok: true, passwordHash: '$argon2id$leak' } : { ok: false }) as unknown as {
        ok: true;
      },
  );
});
afterAll(async () => {
  await t?.close();
});

describe('health', () => {
  it('GET /api/health answers 200 { status: "ok" } when the database answers', async () => {
    const res = await t.request({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(getHealth.response.strict().parse(res.json())).toEqual({
      status: 'ok',
      database: 'ok',
      driver: process.env.DATABASE_URL ? 'pg' : 'pglite',
    });
    // Trailing slashes are the same route.
    expect((await t.request({ method: 'GET', url: '/api/health/' })).statusCode).toBe(200);
  });
});

describe('security headers', () => {
  const responses = () =>
    Promise.all([
      t.request({ method: 'GET', url: '/api/health' }),
      t.request({ method: 'GET', url: '/api/auth/me' }),
      t.request({ method: 'GET', url: '/api/no-such-thing' }),
      t.request({ method: 'POST', url: '/api/auth/login', body: { username: 1 } }),
      t.request({ method: 'GET', url: '/api/openapi.json' }),
      t.request({ method: 'GET', url: '/__test/boom' }),
    ]);

  it('every response carries CSP (with frame-ancestors), nosniff, Referrer-Policy, X-Frame-Options', async () => {
    for (const res of await responses()) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-frame-options']).toBe('DENY');
      // HSTS only in production (see production-mode.test.ts).
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('images are allowed only from our own origin when no map tile server is configured', async () => {
    const res = await t.request({ method: 'GET', url: '/api/health' });
    expect(String(res.headers['content-security-policy'])).toContain("img-src 'self' data: blob:;");
  });

  it('a configured map tile server is allowed for images, and for nothing else', async () => {
    const tiles = await buildTestApp({ config: { mapTileUrl: 'https://tiles.example.cn/{z}/{x}/{y}.png' } });
    try {
      const csp = String(
        (await tiles.request({ method: 'GET', url: '/api/health' })).headers['content-security-policy'],
      );
      expect(csp).toContain("img-src 'self' data: blob: https://tiles.example.cn;");
      expect(csp).toContain("connect-src 'self';");
      expect(csp).toContain("script-src 'self';");
    } finally {
      await tiles.close();
    }
  });

  it('API responses (success or error) are never cached', async () => {
    for (const res of (await responses()).slice(0, 5)) {
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const cookie = await t.login('root');
    const me = await t.request({ method: 'GET', url: '/api/users', cookie });
    expect(me.headers['cache-control']).toBe('no-store');
  });
});

describe('errors', () => {
  it('an unknown /api path answers 404 with the error body shape', async () => {
    for (const req of [
      { method: 'GET' as const, url: '/api/no-such-thing' },
      { method: 'POST' as const, url: '/api/no-such-thing', body: {} },
      { method: 'DELETE' as const, url: '/api/health' },
      { method: 'GET' as const, url: '/api/users/x/y/z' },
    ]) {
      const res = await t.request(req);
      expect(res.statusCode, req.url).toBe(404);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId']);
      expect(body).toMatchObject({ code: 'NOT_FOUND', message: '未找到' });
      expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const en = await t.request({ method: 'GET', url: '/api/nope', headers: { 'accept-language': 'en-GB' } });
    expect(en.json().message).toBe('Not found');
    const other = await t.request({
      method: 'GET',
      url: '/api/nope',
      headers: { 'accept-language': 'fr-FR, en;q=0.5' },
    });
    expect(other.json().message).toBe('Not found');
    const unknownLang = await t.request({ method: 'GET', url: '/api/nope', headers: { 'accept-language': 'fr-FR' } });
    expect(unknownLang.json().message).toBe('未找到');
  });

  it('every request gets its own request id', async () => {
    const a = await t.request({ method: 'GET', url: '/api/nope' });
    const b = await t.request({ method: 'GET', url: '/api/nope' });
    expect(a.json().requestId).not.toBe(b.json().requestId);
  });

  it('a 500 never leaks internals, and the cause is logged with the request id', async () => {
    const res = await t.request({ method: 'GET', url: '/__test/boom' });
    const body = expectError(res, 500, 'INTERNAL');
    expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId']);
    expect(body.message).toBe('系统内部错误，请联系管理员');
    expect(res.body).not.toContain('SECRET');
    expect(res.body).not.toMatch(/stack|\.ts:|at /);

    const logged = lines.find((l) => l.msg === 'unhandled error' && l.reqId === body.requestId);
    expect(logged, 'the error line carries the request id').toBeDefined();
    expect(JSON.stringify(logged)).toContain(SECRET);
    expect(logged?.level).toBe(50);

    const en = await t.request({ method: 'GET', url: '/__test/boom', headers: { 'accept-language': 'en-US' } });
    expect(en.json().message).toBe('Internal error; please contact the administrator');
  });

  it('a database error is a 500 without SQL, table or column names', async () => {
    const res = await t.request({ method: 'GET', url: '/__test/db-error' });
    expectError(res, 500, 'INTERNAL');
    expect(res.body).not.toMatch(/no_such_table|secret_column|SELECT|relation/i);
    const logged = lines.find((l) => l.msg === 'unhandled error' && l.reqId === res.json().requestId);
    expect(JSON.stringify(logged)).toContain('no_such_table_xyz');
  });

  it('a unique violation that slipped past the use case is a 409 CONFLICT, not a 500', async () => {
    const res = await t.request({ method: 'GET', url: '/__test/unique' });
    const body = expectError(res, 409, 'CONFLICT');
    expect(res.body).not.toMatch(/branches_code|duplicate key|GZ-TH/);
    expect(body.details).toBeUndefined();
  });

  it('responses are encoded through the contract: extra fields are dropped, a wrong shape is a 500', async () => {
    const extra = await t.request({ method: 'GET', url: '/__test/typed/extra' });
    expect(extra.statusCode).toBe(200);
    expect(extra.json()).toEqual({ ok: true });
    expect(extra.body).not.toContain('argon2');
    const wrong = await t.request({ method: 'GET', url: '/__test/typed/wrong' });
    expectError(wrong, 500, 'INTERNAL');
    expect(wrong.body).not.toMatch(/expected|literal|invalid/i);
  });
});

describe('OpenAPI', () => {
  it('/api/openapi.json is public and lists every contract operationId once', async () => {
    const res = await t.request({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.session).toEqual({ type: 'apiKey', in: 'cookie', name: 'aircare_sid' });
    const ops: { id: string; method: string; path: string; op: any }[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      // The test-only routes of this file are not part of the API.
      if (path.startsWith('/__test/')) continue;
      for (const [method, op] of Object.entries<any>(item)) ops.push({ id: op.operationId, method, path, op });
    }
    const ids = ops.map((o) => o.id);
    expect(ids.sort()).toEqual(allEndpoints.map((e) => e.operationId).sort());
    for (const e of allEndpoints) {
      const found = ops.find((o) => o.id === e.operationId);
      expect(found?.method, e.operationId).toBe(e.method.toLowerCase());
      expect(found?.path, e.operationId).toBe(e.path.replace(/:(\w+)/g, '{$1}'));
      if (e.access === 'public') expect(found?.op.security, e.operationId).toBeUndefined();
      else expect(found?.op.security, e.operationId).toEqual([{ session: [] }]);
    }
    // Strict bodies are documented as such.
    const createUser = ops.find((o) => o.id === 'createUser')?.op;
    const schema = createUser.requestBody.content['application/json'].schema;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['username', 'password', 'roles', 'branchId']));
  });

  it('the docs page is served', async () => {
    const res = await t.aircare.app.inject({ method: 'GET', url: '/api/docs/' });
    expect([200, 302]).toContain(res.statusCode);
  });
});

describe('behind a reverse proxy (trustProxy)', () => {
  it('sets Secure on the cookie for HTTPS and takes the client address from X-Forwarded-For', async () => {
    const https = await tryLogin(t, 'root', {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
    });
    expect(https.statusCode).toBe(200);
    expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
    const sessions = await t.request({ method: 'GET', url: '/api/auth/me/sessions', cookie: cookieFrom(https) });
    expect(sessions.json().items.map((s: { ip: string }) => s.ip)).toContain('203.0.113.7');

    const http = await tryLogin(t, 'root');
    expect(String(http.headers['set-cookie'])).not.toMatch(/; Secure/);
  });

  it('checks the origin against the forwarded scheme and host', async () => {
    const cookie = await t.login('root');
    const post = (headers: Record<string, string>) =>
      t.aircare.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, ...headers } });
    const foreign = await post({
      origin: 'http://aircare.example.com',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'aircare.example.com',
    });
    expect(foreign.statusCode).toBe(403);
    const own = await post({
      origin: 'https://aircare.example.com',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'aircare.example.com',
    });
    expect(own.statusCode).toBe(200);
  });
});

describe('request logs', () => {
  it('one line per request: request id, method, path without query, status, user; never passwords or tokens', async () => {
    lines.length = 0;
    const login = await tryLogin(t, 'root');
    const cookie = cookieFrom(login);
    const token = cookie.split('=')[1] as string;
    await t.request({ method: 'GET', url: '/api/users?q=13800138000', cookie });
    await tryLogin(t, 'root', { password: 'wrong-password-x1' });
    await t.request({
      method: 'POST',
      url: '/api/auth/me/password',
      cookie,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'new-secret-pass-5' },
    });

    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.map((l) => [l.method, l.path, l.status])).toEqual([
      ['POST', '/api/auth/login', 200],
      ['GET', '/api/users', 200],
      ['POST', '/api/auth/login', 401],
      ['POST', '/api/auth/me/password', 200],
    ]);
    for (const l of requests) {
      expect(l.reqId).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof l.ms).toBe('number');
    }
    expect(requests[1]?.userId).toMatch(/^[0-9a-f-]{36}$/);
    const all = JSON.stringify(lines);
    for (const secret of [TEST_PASSWORD, 'wrong-password-x1', 'new-secret-pass-5', token, '13800138000']) {
      expect(all).not.toContain(secret);
    }
  });
});
