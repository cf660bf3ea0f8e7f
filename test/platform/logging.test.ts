// Logs: one JSON line per request (reqId, status, ms, userId); never a password, a session token or a phone
// number — not in request lines, not in error lines, not in failed-query messages.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBranch } from '../../src/server/modules/identity';
import { FakeClock } from '../../src/server/platform/clock';
import { scheduleJob } from '../../src/server/platform/jobs/jobs';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../build-test-app';
import { captureLogger, newRunner } from './support';

const PHONE = '13800138000';
const PHONE2 = '13912345678';
const capture = captureLogger('info');
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ log: capture.log });
  // test-only routes (outside /api): a database error whose bound values include a phone number
  t.aircare.app.post('/__test/branch-without-city', async () => {
    await t.database.db.execute(
      sql`INSERT INTO branches (code, name, city, phone) VALUES (${'GZ-X'}, ${'新网点'}, ${null}, ${PHONE2})`,
    );
    return { ok: true };
  });
});
afterAll(async () => {
  await t?.close();
});

const requestLines = () => capture.lines.filter((l) => l.msg === 'request');

describe('request logs', () => {
  it('a login writes one line per request with reqId, status, ms and userId, and no secrets', async () => {
    await createBranch(t.systemCtx(), { code: 'GZ-PY', name: '番禺网点', city: '广州', phone: PHONE });
    const userId = await t.createUser('dispatcher1', ['dispatcher']);
    const before = capture.raw().length;
    const startLines = requestLines().length;

    const ok = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'dispatcher1', password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = String((ok.headers['set-cookie'] as string[] | string).toString()).split(';')[0] as string;
    const token = cookie.split('=')[1] as string;
    expect(token.length).toBeGreaterThan(20);

    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'dispatcher1', password: 'Wrong-Secret-77' },
    });
    expect(wrong.statusCode).toBe(401);
    // someone typing their mobile number as the username
    const phoneLogin = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: PHONE, password: 'Other-Secret-88' },
    });
    expect(phoneLogin.statusCode).toBe(401);
    const me = await t.request({ method: 'GET', url: `/api/auth/me?debug=${PHONE}`, cookie });
    expect(me.statusCode).toBe(200);
    const branches = await t.request({ method: 'GET', url: '/api/branches', cookie });
    expect([200, 403]).toContain(branches.statusCode);

    const lines = requestLines().slice(startLines);
    expect(lines.map((l) => [l.method, l.path, l.status])).toEqual([
      ['POST', '/api/auth/login', 200],
      ['POST', '/api/auth/login', 401],
      ['POST', '/api/auth/login', 401],
      ['GET', '/api/auth/me', 200],
      ['GET', '/api/branches', branches.statusCode],
    ]);
    for (const l of lines) {
      expect(l.reqId).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof l.ms).toBe('number');
      expect(l).toHaveProperty('userId');
      expect(l.level).toBe(30);
    }
    expect(new Set(lines.map((l) => l.reqId)).size).toBe(lines.length);
    expect(lines.map((l) => l.userId)).toEqual([null, null, null, userId, userId]);
    // the request id in the log is the one the client sees in error bodies
    expect(lines[1]?.reqId).toBe(wrong.json().requestId);

    const written = capture.raw().slice(before);
    for (const secret of [TEST_PASSWORD, 'Wrong-Secret-77', 'Other-Secret-88', token, PHONE]) {
      expect(written).not.toContain(secret);
    }
    expect(written).not.toMatch(/1[3-9]\d{9}/); // no mobile number at all
    expect(written.toLowerCase()).not.toContain('set-cookie');
    expect(written).not.toMatch(/"cookie"\s*:\s*"[^[]/);
  });

  it('a database error logged as a 500 names the failed query but not its values', async () => {
    const res = await t.request({ method: 'POST', url: '/__test/branch-without-city' });
    expect(res.statusCode).toBe(500);
    const line = capture.lines.find((l) => l.msg === 'unhandled error');
    expect(line).toBeDefined();
    expect(line?.reqId).toBe(res.json().requestId);
    const text = JSON.stringify(line);
    expect(text).toContain('INSERT INTO branches'); // enough to find the bug
    expect(text).not.toContain(PHONE2);
    expect(text).not.toContain('新网点');
    expect(text).toContain('[redacted]');
  });
});

describe('logs of database errors', () => {
  it('scrubs the bound values out of failed-query errors, as Error, as { message } and as a string', async () => {
    const c = captureLogger('info');
    let err: unknown;
    try {
      await t.database.db.execute(
        sql`INSERT INTO branches (code, name, city, phone) VALUES (${'GZ-TH'}, ${'重复'}, ${'广州'}, ${PHONE2})`,
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    c.log.error({ err }, 'as error');
    c.log.warn({ err: { message: (err as Error).message } }, 'as object');
    c.log.warn({ err: (err as Error).message }, 'as string');
    const text = c.raw();
    expect(text).not.toContain(PHONE2);
    expect(text).not.toContain('重复');
    expect(c.lines).toHaveLength(3);
    for (const l of c.lines) expect(JSON.stringify(l.err)).toContain('INSERT INTO branches');
    // the Error keeps its type and stack frames, and the cause's message
    expect(c.lines[0]?.err).toMatchObject({ type: 'DrizzleQueryError' });
    expect(String((c.lines[0]?.err as { stack: string } | undefined)?.stack)).toMatch(/\n {4}at /);
    expect(String((c.lines[0]?.err as { message: string } | undefined)?.message)).toMatch(/duplicate key|unique/);
  });

  it('a job failing on a database error logs the failure without the bound values', async () => {
    const c = captureLogger('info');
    const clock = new FakeClock();
    const { runner } = newRunner(t.database.db, clock, c.log);
    runner.register('test.fail', async (ctx) => {
      await ctx.db.execute(
        sql`INSERT INTO branches (code, name, city, phone) VALUES (${'GZ-TH'}, 'dup', 'x', ${PHONE})`,
      );
    });
    await scheduleJob(t.database.db, clock.now(), { kind: 'test.fail', payload: { n: 1 }, runAt: clock.now() });
    expect(await runner.runDue()).toBe(1);
    const line = c.lines.find((l) => l.msg === 'job failed, will retry');
    expect(line).toBeDefined();
    expect(c.raw()).not.toContain(PHONE);
  });
});
