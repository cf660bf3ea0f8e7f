import { meSchema } from '@shared/contracts/identity.contract';
import { permissionsOf } from '@shared/domain/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../build-test-app';
import { cookieFrom, expectError, meStatus, tryLogin } from './support';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('root', ['admin'], null);
});
afterAll(async () => {
  await t?.close();
});

/** Every test that fails logins on purpose uses its own address, so the per-address limit never spills over. */
let nextIp = 10;
const freshIp = () => `10.0.0.${nextIp++}`;

/** The tests move the fake clock by hours, so the administrator logs in afresh when needed. */
const admin = () => t.login('root');

async function userVersion(userId: string): Promise<number> {
  const res = await t.request({ method: 'GET', url: `/api/users/${userId}`, cookie: await admin() });
  expect(res.statusCode).toBe(200);
  return res.json().version;
}

async function mySessions(cookie: string) {
  const res = await t.request({ method: 'GET', url: '/api/auth/me/sessions', cookie });
  expect(res.statusCode).toBe(200);
  return res.json().items as { id: string; current: boolean; ip: string | null; userAgent: string | null }[];
}

describe('login', () => {
  it('answers 200 with an HttpOnly SameSite=Lax session cookie and the getMe shape', async () => {
    const id = await t.createUser('alice', ['agent', 'dispatcher'], 'th');
    const res = await tryLogin(t, 'alice');
    expect(res.statusCode).toBe(200);
    const setCookie = res.headers['set-cookie'];
    const raw = Array.isArray(setCookie) ? setCookie.join('\n') : String(setCookie);
    expect(raw).toMatch(/^aircare_sid=[A-Za-z0-9_-]{40,}/);
    expect(raw).toMatch(/; HttpOnly/);
    expect(raw).toMatch(/; SameSite=Lax/);
    expect(raw).toMatch(/; Path=\//);
    // Plain http in development: no Secure flag (it would stop the cookie on http://localhost).
    expect(raw).not.toMatch(/; Secure/);
    // The cookie lives as long as the absolute session limit.
    const expires = /Expires=([^;]+)/.exec(raw)?.[1];
    expect(new Date(String(expires)).getTime()).toBe(t.clock.now().getTime() + 12 * 3_600_000);

    const body = meSchema.strict().parse(res.json());
    expect(body).toMatchObject({
      id,
      username: 'alice',
      roles: ['agent', 'dispatcher'],
      permissions: [...permissionsOf(['agent', 'dispatcher'])].sort(),
      branch: { id: t.branches.th, code: 'GZ-TH', name: '广州天河服务网点' },
      companyWide: false,
      language: 'zh-CN',
      mustChangePassword: false,
    });
    const me = await t.request({ method: 'GET', url: '/api/auth/me', cookie: cookieFrom(res) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(body);
  });

  it('accepts the username with other case and spaces', async () => {
    await t.createUser('bob', ['agent'], 'th');
    const res = await tryLogin(t, '  BOB ');
    expect(res.statusCode).toBe(200);
    expect(res.json().username).toBe('bob');
  });

  it('answers 401 INVALID_CREDENTIALS to a wrong password, and the same body to an unknown user', async () => {
    await t.createUser('carol', ['agent'], 'th');
    const ip = freshIp();
    const wrong = await tryLogin(t, 'carol', { password: 'not-the-password-1', remoteAddress: ip });
    const unknown = await tryLogin(t, 'nobody-here', { password: 'not-the-password-1', remoteAddress: ip });
    const a = expectError(wrong, 401, 'INVALID_CREDENTIALS');
    const b = expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expect(a.message).toBe('用户名或密码错误');
    const { requestId: _ra, ...restA } = a;
    const { requestId: _rb, ...restB } = b;
    expect(restA).toEqual(restB);
    expect(Object.keys(a).sort()).toEqual(['code', 'message', 'requestId']);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('answers 401 to a disabled user, even with the right password', async () => {
    const id = await t.createUser('dave', ['agent'], 'th');
    const version = await userVersion(id);
    const off = await t.request({
      method: 'PATCH',
      url: `/api/users/${id}`,
      cookie: await admin(),
      body: { version, disabled: true },
    });
    expect(off.statusCode).toBe(200);
    const res = await tryLogin(t, 'dave', { remoteAddress: freshIp() });
    const body = expectError(res, 401, 'INVALID_CREDENTIALS');
    expect(body.details).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('answers in English when the browser asks for it', async () => {
    const res = await tryLogin(t, 'nobody-here', {
      remoteAddress: freshIp(),
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(expectError(res, 401, 'INVALID_CREDENTIALS').message).toBe('Wrong username or password');
  });
});

describe('lockout', () => {
  it('after 5 failures for an account, the 6th attempt (right password) answers 429 until the window passes', async () => {
    await t.createUser('erin', ['agent'], 'th');
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      expectError(
        await tryLogin(t, 'erin', { password: `wrong-password-${i}`, remoteAddress: ip }),
        401,
        'INVALID_CREDENTIALS',
      );
    }
    const locked = await tryLogin(t, 'erin', { remoteAddress: ip });
    const body = expectError(locked, 429, 'RATE_LIMITED');
    expect(body.details.retryAfterSeconds).toBe(15 * 60);
    expect(locked.headers['retry-after']).toBe(String(15 * 60));
    expect(locked.headers['set-cookie']).toBeUndefined();

    // The lock is on the account: another address is refused too, and refusals do not extend it.
    expect((await tryLogin(t, 'erin', { remoteAddress: freshIp() })).statusCode).toBe(429);
    expect((await tryLogin(t, 'ERIN', { remoteAddress: freshIp() })).statusCode).toBe(429);

    t.clock.advanceMinutes(14);
    const still = await tryLogin(t, 'erin', { remoteAddress: ip });
    expect(expectError(still, 429, 'RATE_LIMITED').details.retryAfterSeconds).toBe(60);
    expect(still.headers['retry-after']).toBe('60');

    t.clock.advanceMinutes(1);
    const ok = await tryLogin(t, 'erin', { remoteAddress: ip });
    expect(ok.statusCode).toBe(200);
    expect(await meStatus(t, cookieFrom(ok))).toBe(200);
  });

  it('counts only the failures since the last successful login', async () => {
    await t.createUser('frank', ['agent'], 'th');
    const ip = freshIp();
    const fail = async (n: number) => {
      for (let i = 0; i < n; i++) {
        expect((await tryLogin(t, 'frank', { password: 'wrong-password-1', remoteAddress: ip })).statusCode).toBe(401);
      }
    };
    await fail(4);
    t.clock.advanceMinutes(1);
    expect((await tryLogin(t, 'frank', { remoteAddress: ip })).statusCode).toBe(200);
    t.clock.advanceMinutes(1);
    // 8 failures within 15 minutes, but only 4 since the success: not locked.
    await fail(4);
    expect((await tryLogin(t, 'frank', { remoteAddress: ip })).statusCode).toBe(200);
    t.clock.advanceMinutes(1);
    await fail(5);
    expect((await tryLogin(t, 'frank', { remoteAddress: ip })).statusCode).toBe(429);
  });

  it('locks an unknown username the same way as a real one (no way to tell them apart)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++)
      expect((await tryLogin(t, 'ghost-user', { password: 'x', remoteAddress: ip })).statusCode).toBe(401);
    expectError(await tryLogin(t, 'ghost-user', { password: 'x', remoteAddress: ip }), 429, 'RATE_LIMITED');
  });

  it('after 20 failures from one address (different usernames), that address answers 429; others still log in', async () => {
    await t.createUser('grace', ['agent'], 'th');
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      expect((await tryLogin(t, `unknown-${i}`, { password: 'wrong-password-1', remoteAddress: ip })).statusCode).toBe(
        401,
      );
    }
    const locked = await tryLogin(t, 'grace', { remoteAddress: ip });
    const body = expectError(locked, 429, 'RATE_LIMITED');
    expect(body.details.retryAfterSeconds).toBe(15 * 60);
    expect(locked.headers['retry-after']).toBe(String(15 * 60));

    // The same account from another address is fine: the limit was on the address.
    expect((await tryLogin(t, 'grace', { remoteAddress: freshIp() })).statusCode).toBe(200);

    t.clock.advanceMinutes(15);
    expect((await tryLogin(t, 'grace', { remoteAddress: ip })).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('logging in while holding a session gives a new token and ends the old one', async () => {
    await t.createUser('heidi', ['agent'], 'th');
    const first = await t.login('heidi');
    const res = await tryLogin(t, 'heidi', { cookie: first });
    expect(res.statusCode).toBe(200);
    const second = cookieFrom(res);
    expect(second).not.toBe(first);
    expect(await meStatus(t, first)).toBe(401);
    expect(await meStatus(t, second)).toBe(200);
    expect(await mySessions(second)).toHaveLength(1);
  });

  it('ends a session after 120 idle minutes; activity keeps it alive', async () => {
    await t.createUser('ivan', ['agent'], 'th');
    const cookie = await t.login('ivan');
    t.clock.advanceMinutes(119);
    expect(await meStatus(t, cookie)).toBe(200);
    t.clock.advanceMinutes(119);
    expect(await meStatus(t, cookie)).toBe(200);
    t.clock.advanceMinutes(120);
    const res = await t.request({ method: 'GET', url: '/api/auth/me', cookie });
    expectError(res, 401, 'UNAUTHENTICATED');
    // Ended, not just refused: coming back "in time" later does not revive it.
    expect(await meStatus(t, cookie)).toBe(401);
  });

  it('ends a session 12 hours after login however active it is', async () => {
    await t.createUser('judy', ['agent'], 'th');
    const cookie = await t.login('judy');
    for (let i = 0; i < 7; i++) {
      t.clock.advanceMinutes(100);
      expect(await meStatus(t, cookie)).toBe(200);
    }
    t.clock.advanceMinutes(19); // 11 h 59 min
    expect(await meStatus(t, cookie)).toBe(200);
    t.clock.advanceMinutes(1); // 12 h
    expect(await meStatus(t, cookie)).toBe(401);
  });

  it('logout ends the session at once and clears the cookie; other sessions live on', async () => {
    await t.createUser('ken', ['agent'], 'th');
    const a = await t.login('ken');
    const b = await t.login('ken');
    const res = await t.request({ method: 'POST', url: '/api/auth/logout', cookie: a });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const cleared = String(res.headers['set-cookie']);
    expect(cleared).toMatch(/^aircare_sid=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(await meStatus(t, a)).toBe(401);
    expect(await meStatus(t, b)).toBe(200);
    // A second logout with the dead cookie is simply unauthenticated.
    expectError(await t.request({ method: 'POST', url: '/api/auth/logout', cookie: a }), 401, 'UNAUTHENTICATED');
  });

  it('disabling a user ends all their sessions at once; enabling does not revive them', async () => {
    const id = await t.createUser('liam', ['agent'], 'th');
    const a = await t.login('liam');
    const b = await t.login('liam');
    const version = await userVersion(id);
    const res = await t.request({
      method: 'PATCH',
      url: `/api/users/${id}`,
      cookie: await admin(),
      body: { version, disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect(await meStatus(t, a)).toBe(401);
    expect(await meStatus(t, b)).toBe(401);

    const on = await t.request({
      method: 'PATCH',
      url: `/api/users/${id}`,
      cookie: await admin(),
      body: { version: version + 1, disabled: false },
    });
    expect(on.statusCode).toBe(200);
    expect(await meStatus(t, a)).toBe(401);
    expect((await tryLogin(t, 'liam')).statusCode).toBe(200);
  });

  it('a password reset ends the sessions and makes the user change the password at next login', async () => {
    const id = await t.createUser('mia', ['agent'], 'th');
    const a = await t.login('mia');
    const b = await t.login('mia');
    const res = await t.request({
      method: 'POST',
      url: `/api/users/${id}/password`,
      cookie: await admin(),
      body: { newPassword: 'brand-new-pass-7' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await meStatus(t, a)).toBe(401);
    expect(await meStatus(t, b)).toBe(401);

    expect((await tryLogin(t, 'mia', { remoteAddress: freshIp() })).statusCode).toBe(401);
    const fresh = await tryLogin(t, 'mia', { password: 'brand-new-pass-7' });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().mustChangePassword).toBe(true);

    const cookie = cookieFrom(fresh);
    const change = await t.request({
      method: 'POST',
      url: '/api/auth/me/password',
      cookie,
      body: { currentPassword: 'brand-new-pass-7', newPassword: 'my-own-pass-99' },
    });
    expect(change.statusCode).toBe(200);
    const me = await t.request({ method: 'GET', url: '/api/auth/me', cookie });
    expect(me.json().mustChangePassword).toBe(false);
  });

  it('changing my password ends my other sessions but not the current one', async () => {
    await t.createUser('nina', ['agent'], 'th');
    const a = await t.login('nina');
    const b = await t.login('nina');
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/me/password',
      cookie: a,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'changed-pass-88' },
    });
    expect(res.statusCode).toBe(200);
    expect(await meStatus(t, a)).toBe(200);
    expect(await meStatus(t, b)).toBe(401);
    expect((await tryLogin(t, 'nina', { password: 'changed-pass-88' })).statusCode).toBe(200);
    expect((await tryLogin(t, 'nina', { remoteAddress: freshIp() })).statusCode).toBe(401);
  });

  it('refuses a password change with a wrong current password or an unchanged one, and changes nothing', async () => {
    await t.createUser('oscar', ['agent'], 'th');
    const a = await t.login('oscar');
    const b = await t.login('oscar');
    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/me/password',
      cookie: a,
      body: { currentPassword: 'not-my-password-1', newPassword: 'changed-pass-88' },
    });
    const body = expectError(wrong, 400, 'VALIDATION_FAILED');
    expect(body.details.issues).toEqual([
      { path: 'currentPassword', code: 'wrong_password', message: '当前密码不正确' },
    ]);
    const same = await t.request({
      method: 'POST',
      url: '/api/auth/me/password',
      cookie: a,
      body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD },
    });
    expect(expectError(same, 400, 'VALIDATION_FAILED').details.issues[0].path).toBe('newPassword');
    const weak = await t.request({
      method: 'POST',
      url: '/api/auth/me/password',
      cookie: a,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'short1' },
    });
    expect(expectError(weak, 400, 'VALIDATION_FAILED').details.issues[0].path).toBe('newPassword');
    expect(await meStatus(t, b)).toBe(200);
    expect((await tryLogin(t, 'oscar')).statusCode).toBe(200);
  });

  it('lists my sessions and ends one of them; another user’s session id answers 404', async () => {
    await t.createUser('paul', ['agent'], 'th');
    await t.createUser('quinn', ['agent'], 'hz');
    const a = await t.login('paul');
    const bRes = await tryLogin(t, 'paul', {
      headers: { 'user-agent': 'PhoneBrowser/1.0' },
      remoteAddress: '10.9.9.9',
    });
    const b = cookieFrom(bRes);
    const other = await t.login('quinn');

    const items = await mySessions(a);
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const bSession = items.find((s) => !s.current);
    expect(bSession).toMatchObject({ ip: '10.9.9.9', userAgent: 'PhoneBrowser/1.0' });
    const [quinnSession] = await mySessions(other);

    // Someone else's session: not found, and it stays live.
    expectError(
      await t.request({ method: 'DELETE', url: `/api/auth/me/sessions/${quinnSession?.id}`, cookie: a }),
      404,
      'NOT_FOUND',
    );
    expect(await meStatus(t, other)).toBe(200);
    expectError(
      await t.request({
        method: 'DELETE',
        url: '/api/auth/me/sessions/00000000-0000-4000-8000-000000000000',
        cookie: a,
      }),
      404,
      'NOT_FOUND',
    );

    const end = await t.request({ method: 'DELETE', url: `/api/auth/me/sessions/${bSession?.id}`, cookie: a });
    expect(end.statusCode).toBe(200);
    expect(end.json()).toEqual({ ok: true });
    expect(await meStatus(t, b)).toBe(401);
    expect(await meStatus(t, a)).toBe(200);
    expect((await mySessions(a)).map((s) => s.current)).toEqual([true]);
    // Ending it again: it is gone.
    expect(
      (await t.request({ method: 'DELETE', url: `/api/auth/me/sessions/${bSession?.id}`, cookie: a })).statusCode,
    ).toBe(404);
  });

  it('refuses tokens that were never issued', async () => {
    for (const cookie of ['aircare_sid=abc', `aircare_sid=${'x'.repeat(43)}`, `aircare_sid=${'y'.repeat(500)}`]) {
      expectError(await t.request({ method: 'GET', url: '/api/auth/me', cookie }), 401, 'UNAUTHENTICATED');
    }
  });

  it('remembers the language per user', async () => {
    await t.createUser('rita', ['agent'], 'th');
    const cookie = await t.login('rita');
    const res = await t.request({ method: 'PATCH', url: '/api/auth/me', cookie, body: { language: 'en-US' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().language).toBe('en-US');
    const again = await tryLogin(t, 'rita');
    expect(again.json().language).toBe('en-US');
    // Errors for this user now speak English even without Accept-Language.
    const denied = await t.request({ method: 'GET', url: '/api/users', cookie });
    expect(expectError(denied, 403, 'FORBIDDEN').message).toBe('You are not allowed to do this');
  });
});
