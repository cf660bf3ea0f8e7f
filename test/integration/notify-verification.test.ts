// notify: SMS verification codes of the public pages — 6 digits, valid 10 minutes, one use, 5 tries, at most
// 5 codes per phone per (Asia/Shanghai) day and 20 per address per hour.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestVerificationCode, verifyCode } from '../../src/server/modules/notify';
import { withTransaction } from '../../src/server/platform/db/transaction';
import { buildTestApp, type TestApp } from '../build-test-app';
import { clearNotify, codeRows, lastCodeSentTo, messageRows } from './notify-support';
import { expectError, issuePaths } from './support';

let t: TestApp;
const PHONE = '13812345678';

beforeAll(async () => {
  t = await buildTestApp();
  await t.createUser('root', ['admin'], null);
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await clearNotify(t);
  t.clock.set('2026-07-15T02:00:00Z'); // 10:00 in Shanghai
});

function ask(body: unknown, remoteAddress = '203.0.113.10', headers: Record<string, string> = {}) {
  return t.request({ method: 'POST', url: '/api/public/verification-codes', body, remoteAddress, headers });
}

const verify = (code: string, phone = PHONE, purpose: 'repair' | 'track' = 'repair') =>
  verifyCode(t.systemCtx(), { phone, purpose, code });

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('requestVerificationCode (POST /api/public/verification-codes)', () => {
  it('sends a 6-digit code by SMS, valid 10 minutes; the admin message log shows it (log transport)', async () => {
    const res = await ask({ phone: PHONE, purpose: 'repair' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ expiresAt: '2026-07-15T02:10:00.000Z' });

    const [msg] = await messageRows(t);
    expect(msg).toMatchObject({
      channel: 'sms',
      template: 'verification_code',
      status: 'queued',
      recipientMasked: '138****5678',
    });
    await t.aircare.jobs.runDue();

    const log = await t.request({ method: 'GET', url: '/api/messages', cookie: await t.login('root') });
    const text: string = log.json().items[0].text;
    const code = /验证码为(\d{6})，/.exec(text)?.[1] as string;
    expect(code).toMatch(/^\d{6}$/);
    expect(code).toBe(await lastCodeSentTo(t, PHONE));

    // only an HMAC of the code is stored
    const [row] = await codeRows(t);
    expect(row).toMatchObject({ purpose: 'repair', ip: '203.0.113.10', attempts: 0, usedAt: null });
    expect(row?.codeHash).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(PHONE);

    expect(await verify(code)).toBe(true);
  });

  it('accepts +86 and spaces, and refuses a landline or garbage with a field error on phone, storing nothing', async () => {
    expect((await ask({ phone: '+86 138 1234 5678', purpose: 'track' })).statusCode).toBe(201);
    await clearNotify(t);
    for (const phone of ['020-38881234', '12812345678', 'abc', '1381234567']) {
      const res = await ask({ phone, purpose: 'repair' });
      const body = expectError(res, 400, 'VALIDATION_FAILED');
      expect(body.details.issues).toEqual([
        { path: 'phone', code: 'not_mobile', message: expect.stringContaining('手机号') },
      ]);
    }
    const en = await ask({ phone: '020-38881234', purpose: 'repair' }, undefined, { 'accept-language': 'en-US' });
    expect(en.json().details.issues[0].message).toMatch(/mainland China mobile/);
    expect(issuePaths(await ask({ phone: PHONE, purpose: 'login' }))).toEqual(['purpose']);
    expect(issuePaths(await ask({ phone: PHONE }))).toEqual(['purpose']);
    expect(issuePaths(await ask({ phone: PHONE, purpose: 'repair', code: '123456' }))).toEqual(['code']);
    expect(await codeRows(t)).toEqual([]);
    expect(await messageRows(t)).toEqual([]);
  });
});

describe('verifyCode', () => {
  it('is valid for 10 minutes and no longer', async () => {
    await ask({ phone: PHONE, purpose: 'repair' });
    let code = await lastCodeSentTo(t, PHONE);
    t.clock.advance(10 * 60_000 - 1000);
    expect(await verify(code)).toBe(true);

    await ask({ phone: PHONE, purpose: 'repair' });
    code = await lastCodeSentTo(t, PHONE);
    t.clock.advance(10 * 60_000);
    expect(await verify(code)).toBe(false);
  });

  it('is good for one use only', async () => {
    await ask({ phone: PHONE, purpose: 'repair' });
    const code = await lastCodeSentTo(t, PHONE);
    expect(await verify(code)).toBe(true);
    expect(await verify(code)).toBe(false);
    expect((await codeRows(t))[0]?.usedAt?.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('allows 5 tries: after 4 wrong codes the right one passes; after 5 wrong ones the code is dead', async () => {
    await ask({ phone: PHONE, purpose: 'repair' });
    let code = await lastCodeSentTo(t, PHONE);
    for (let i = 0; i < 4; i++) expect(await verify(wrong(code))).toBe(false);
    expect(await verify(code)).toBe(true);

    await ask({ phone: PHONE, purpose: 'repair' });
    code = await lastCodeSentTo(t, PHONE);
    for (let i = 0; i < 5; i++) expect(await verify(wrong(code))).toBe(false);
    expect(await verify(code)).toBe(false);
    const rows = await codeRows(t);
    expect(rows.at(-1)).toMatchObject({ attempts: 5, usedAt: null });
  });

  it('answers false for another phone, another purpose, a malformed code; a new code replaces the old one', async () => {
    await ask({ phone: PHONE, purpose: 'repair' });
    const first = await lastCodeSentTo(t, PHONE);
    expect(await verify(first, '13900001111')).toBe(false);
    expect(await verify(first, PHONE, 'track')).toBe(false);
    expect(await verify(first, '020-38881234')).toBe(false);
    expect(await verify('12345')).toBe(false);
    await ask({ phone: PHONE, purpose: 'repair' });
    const second = await lastCodeSentTo(t, PHONE);
    if (second !== first) expect(await verify(first)).toBe(false);
    expect(await verify(second)).toBe(true);
  });

  it('keeps a wrong try counted even when the caller then fails; refuses to run inside a transaction', async () => {
    await ask({ phone: PHONE, purpose: 'track' });
    const code = await lastCodeSentTo(t, PHONE);
    // the caller's usual shape: verify first, then refuse the request by throwing
    const caller = async () => {
      if (!(await verifyCode(t.systemCtx(), { phone: PHONE, purpose: 'track', code: wrong(code) }))) {
        throw new Error('wrong code');
      }
    };
    await expect(caller()).rejects.toThrow('wrong code');
    expect((await codeRows(t))[0]?.attempts).toBe(1);

    // inside a transaction its counted try would be rolled back with the caller's: refused loudly
    await expect(
      withTransaction(t.systemCtx(), async (tx) => verifyCode(tx, { phone: PHONE, purpose: 'track', code })),
    ).rejects.toThrow(/own transaction/);
    expect(await verify(code, PHONE, 'track')).toBe(true);
  });

  it('can be called directly with requestVerificationCode (the public door)', async () => {
    const ctx = { ...t.systemCtx(), request: { ...t.systemCtx().request, ip: '198.51.100.1' } };
    const { expiresAt } = await requestVerificationCode(ctx, { phone: PHONE, purpose: 'track', ip: '198.51.100.1' });
    expect(expiresAt.toISOString()).toBe('2026-07-15T02:10:00.000Z');
    expect(await verify(await lastCodeSentTo(t, PHONE), PHONE, 'track')).toBe(true);
  });
});

describe('rate limits', () => {
  it('gives at most 5 codes per phone per Shanghai calendar day', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await ask({ phone: PHONE, purpose: i % 2 ? 'track' : 'repair' })).statusCode).toBe(201);
      t.clock.advanceMinutes(1);
    }
    const res = await ask({ phone: PHONE, purpose: 'repair' });
    const body = expectError(res, 429, 'RATE_LIMITED');
    // now 10:05 in Shanghai: the next day starts in 13 h 55 min
    expect(body.details).toEqual({ limit: 'phone_per_day', max: 5, retryAfterSeconds: 13 * 3600 + 55 * 60 });
    expect(res.headers['retry-after']).toBe(String(13 * 3600 + 55 * 60));
    expect(await codeRows(t)).toHaveLength(5);
    expect(await messageRows(t)).toHaveLength(5);
    // another phone is not affected
    expect((await ask({ phone: '13900001111', purpose: 'repair' })).statusCode).toBe(201);

    // 23:59 in Shanghai (15:59 UTC): still the same day
    t.clock.set('2026-07-15T15:59:00Z');
    expect((await ask({ phone: PHONE, purpose: 'repair' })).statusCode).toBe(429);
    // 00:00 in Shanghai (16:00 UTC, the same UTC day): a new day
    t.clock.set('2026-07-15T16:00:00Z');
    expect((await ask({ phone: PHONE, purpose: 'repair' })).statusCode).toBe(201);
  });

  it('gives at most 20 codes per address per rolling hour', async () => {
    const ip = '198.51.100.77';
    for (let i = 0; i < 20; i++) {
      const res = await ask({ phone: `1390000${String(i).padStart(4, '0')}`, purpose: 'repair' }, ip);
      expect(res.statusCode, res.body).toBe(201);
      t.clock.advanceMinutes(1);
    }
    // 10:20: the oldest code (10:00) leaves the window at 11:00
    const res = await ask({ phone: PHONE, purpose: 'repair' }, ip);
    expect(expectError(res, 429, 'RATE_LIMITED').details).toEqual({
      limit: 'ip_per_hour',
      max: 20,
      retryAfterSeconds: 40 * 60,
    });
    expect((await ask({ phone: PHONE, purpose: 'repair' }, '198.51.100.78')).statusCode).toBe(201);
    t.clock.set('2026-07-15T03:00:00Z');
    expect((await ask({ phone: '13700001111', purpose: 'repair' }, ip)).statusCode).toBe(201);
  });

  it('does not overshoot the daily limit under concurrent requests', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ask({ phone: PHONE, purpose: 'repair' }, `192.0.2.${i + 1}`)),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    expect(await codeRows(t)).toHaveLength(5);
  });
});
