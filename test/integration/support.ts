import { asc, count } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditEvents, sessions, settings, users } from '../../src/server/modules/identity/identity.schema';
import { TEST_PASSWORD, type TestApp } from '../build-test-app';

type Res = Awaited<ReturnType<TestApp['request']>>;

/** The `name=value` part of the session cookie a response sets. */
export function cookieFrom(res: Res): string {
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? String(setCookie[0]) : String(setCookie);
  return raw.split(';')[0] as string;
}

/** POST /api/auth/login; returns the raw response (the caller checks the status). */
export function tryLogin(
  t: TestApp,
  username: string,
  opts: { password?: string; remoteAddress?: string; cookie?: string; headers?: Record<string, string> } = {},
): Promise<Res> {
  return t.request({
    method: 'POST',
    url: '/api/auth/login',
    body: { username, password: opts.password ?? TEST_PASSWORD },
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
    ...(opts.cookie ? { cookie: opts.cookie } : {}),
    ...(opts.headers ? { headers: opts.headers } : {}),
  });
}

/** GET /api/auth/me with this cookie; the status tells whether the session is live. */
export async function meStatus(t: TestApp, cookie: string): Promise<number> {
  return (await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode;
}

/** The error body every failure carries. */
export function expectError(res: Res, status: number, code: string): any {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(body.code).toBe(code);
  expect(typeof body.message).toBe('string');
  expect(body.message.length).toBeGreaterThan(0);
  expect(typeof body.requestId).toBe('string');
  return body;
}

/** Field paths of a VALIDATION_FAILED body. */
export function issuePaths(res: Res): string[] {
  return (res.json().details?.issues ?? []).map((i: { path: string }) => i.path);
}

/** Audit rows straight from the table, oldest first. */
export async function auditRows(t: TestApp) {
  return t.database.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
}

export async function countRows(
  t: TestApp,
  table: 'users' | 'sessions' | 'settings' | 'audit_events',
): Promise<number> {
  const target = { users, sessions, settings, audit_events: auditEvents }[table];
  const rows = await t.database.db.select({ n: count() }).from(target);
  return rows[0]?.n ?? 0;
}

/** A body with every field createUser needs. */
export function newUserBody(username: string, branchId: string | null, extra: Record<string, unknown> = {}) {
  return {
    username,
    displayName: `用户 ${username}`,
    password: 'another-pass-42',
    roles: ['agent'],
    branchId,
    ...extra,
  };
}
