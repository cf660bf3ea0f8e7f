import { auditEventSchema } from '@shared/contracts/identity.contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/server/modules/identity/identity.schema';
import { sqlState } from '../../src/server/platform/http/db-errors';
import { buildTestApp, type TestApp } from '../build-test-app';
import { auditRows, cookieFrom, expectError, newUserBody, tryLogin } from './support';

let t: TestApp;
let rootId: string;
let auditor: string;

beforeAll(async () => {
  t = await buildTestApp();
  rootId = await t.createUser('root', ['admin'], null);
  await t.createUser('aud', ['auditor'], null);
  await t.createUser('agent1', ['agent'], 'th');
  auditor = await t.login('aud');
});
afterAll(async () => {
  await t?.close();
});

type Row = {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  ip: string | null;
  requestId: string | null;
  before: any;
  after: any;
  details: any;
};

async function list(query = ''): Promise<{ items: Row[]; total: number; page: number; pageSize: number }> {
  const res = await t.request({ method: 'GET', url: `/api/audit-events${query}`, cookie: auditor });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('audit rows', () => {
  let newbieId: string;
  let loginSessionId: string;
  let deniedRequestId: string;
  let at: string;

  beforeAll(async () => {
    at = t.clock.now().toISOString();
    const ok = await tryLogin(t, 'root', { remoteAddress: '10.1.1.1' });
    expect(ok.statusCode).toBe(200);
    const admin = cookieFrom(ok);
    expect((await tryLogin(t, 'root', { password: 'wrong-password-9', remoteAddress: '10.1.1.2' })).statusCode).toBe(
      401,
    );
    expect((await tryLogin(t, 'nobody', { password: 'wrong-password-9', remoteAddress: '10.1.1.2' })).statusCode).toBe(
      401,
    );

    const created = await t.request({
      method: 'POST',
      url: '/api/users',
      cookie: admin,
      body: newUserBody('newbie', t.branches.th, { password: 'secret-pass-123' }),
      remoteAddress: '10.1.1.1',
    });
    expect(created.statusCode).toBe(201);
    newbieId = created.json().id;
    await t.login('newbie', 'secret-pass-123');
    const patch = async (body: Record<string, unknown>) => {
      const res = await t.request({ method: 'PATCH', url: `/api/users/${newbieId}`, cookie: admin, body });
      expect(res.statusCode, res.body).toBe(200);
    };
    await patch({ version: 1, displayName: '新人' });
    await patch({ version: 2, roles: ['agent', 'dispatcher'] });
    await patch({ version: 3, disabled: true });

    const setting = await t.request({
      method: 'PUT',
      url: '/api/settings/sla.reviewMinutes',
      cookie: admin,
      body: { branchId: null, value: 20, version: 0 },
    });
    expect(setting.statusCode).toBe(200);

    const agent = await t.login('agent1');
    const denied = await t.request({ method: 'GET', url: '/api/users', cookie: agent, remoteAddress: '10.1.1.3' });
    deniedRequestId = expectError(denied, 403, 'FORBIDDEN').requestId;

    const sessions = await t.request({ method: 'GET', url: '/api/auth/me/sessions', cookie: admin });
    loginSessionId = sessions.json().items[0].id;
    expect((await t.request({ method: 'POST', url: '/api/auth/logout', cookie: admin })).statusCode).toBe(200);
  });

  const one = async (action: string, extra = '') => {
    const { items } = await list(`?action=${action}&pageSize=200${extra}`);
    const rows = items.filter((r) => r.action === action);
    expect(rows.length, action).toBeGreaterThan(0);
    return rows;
  };

  it('every row has the contract shape, a UTC ISO time and a request id', async () => {
    const { items } = await list('?pageSize=200');
    expect(items.length).toBeGreaterThan(10);
    for (const r of items) {
      auditEventSchema.strict().parse(r);
      expect(r.at).toMatch(ISO_UTC);
      expect(r.requestId).toBeTruthy();
    }
  });

  it('a successful login: actor, session, address', async () => {
    const [row] = (await one('auth.login.succeeded')).filter((r) => r.actorName === 'root' && r.ip === '10.1.1.1');
    expect(row).toMatchObject({
      at,
      actorId: rootId,
      actorName: 'root',
      objectType: 'session',
      objectId: loginSessionId,
      ip: '10.1.1.1',
      before: null,
      after: null,
    });
    expect(row?.requestId).toMatch(UUID);
  });

  it('failed logins: the name that was tried and why, with no actor id', async () => {
    const rows = await one('auth.login.failed');
    expect(rows.find((r) => r.actorName === 'root')).toMatchObject({
      actorId: null,
      objectType: 'user',
      objectId: rootId,
      ip: '10.1.1.2',
      details: { reason: 'wrong_password' },
    });
    expect(rows.find((r) => r.actorName === 'nobody')).toMatchObject({
      actorId: null,
      objectId: null,
      ip: '10.1.1.2',
      details: { reason: 'unknown_user' },
    });
  });

  it('user created, updated, roles changed, disabled: before and after, never the password', async () => {
    const created = (await one('user.created')).find((r) => r.objectId === newbieId);
    expect(created).toMatchObject({
      actorId: rootId,
      actorName: 'root',
      objectType: 'user',
      ip: '10.1.1.1',
      before: null,
      after: {
        username: 'newbie',
        displayName: '用户 newbie',
        roles: ['agent'],
        branchId: t.branches.th,
        disabled: false,
      },
    });
    const updated = (await one('user.updated')).find((r) => r.objectId === newbieId);
    expect(updated?.before.displayName).toBe('用户 newbie');
    expect(updated?.after.displayName).toBe('新人');
    const roles = (await one('user.roles.changed')).find((r) => r.objectId === newbieId);
    expect(roles?.before.roles).toEqual(['agent']);
    expect(roles?.after.roles).toEqual(['agent', 'dispatcher']);
    const disabled = (await one('user.disabled')).find((r) => r.objectId === newbieId);
    expect(disabled).toMatchObject({
      before: { disabled: false },
      after: { disabled: true },
      details: { endedSessions: 1 },
    });

    const everything = JSON.stringify((await list('?pageSize=200')).items);
    expect(everything).not.toMatch(/argon2|passwordHash|password_hash/);
    expect(everything).not.toContain('secret-pass-123');
    expect(everything).not.toContain('wrong-password-9');
    expect(everything).not.toContain('test-password-1');
  });

  it('a setting change: key, before and after', async () => {
    const [row] = await one('setting.changed');
    expect(row).toMatchObject({
      actorName: 'root',
      objectType: 'setting',
      objectId: 'sla.reviewMinutes',
      before: { value: null },
      after: { value: 20 },
    });
  });

  it('a permission denial: who, which endpoint, from where, same request id as the answer', async () => {
    const rows = await one('access.denied');
    const row = rows.find((r) => r.requestId === deniedRequestId);
    expect(row).toMatchObject({
      actorName: 'agent1',
      objectType: 'endpoint',
      objectId: 'listUsers',
      ip: '10.1.1.3',
      details: { permission: 'users.read', method: 'GET', path: '/api/users' },
    });
  });

  it('a logout: the session that ended', async () => {
    const [row] = await one('auth.logout');
    expect(row).toMatchObject({ actorId: rootId, actorName: 'root', objectType: 'session', objectId: loginSessionId });
  });

  it('a lockout refusal is audited too', async () => {
    // Failures count after the last successful login, which happened at this same fake instant.
    t.clock.advanceMinutes(1);
    for (let i = 0; i < 5; i++) await tryLogin(t, 'agent1', { password: 'nope-nope-1', remoteAddress: '10.1.1.9' });
    expect((await tryLogin(t, 'agent1', { remoteAddress: '10.1.1.9' })).statusCode).toBe(429);
    const [row] = await one('auth.login.throttled');
    expect(row).toMatchObject({
      actorName: 'agent1',
      details: { scope: 'account', retryAfterSeconds: 900 },
      ip: '10.1.1.9',
    });
    t.clock.advanceMinutes(15);
    auditor = await t.login('aud');
  });
});

describe('listAuditEvents', () => {
  it('only the auditor reads it', async () => {
    const admin = await t.login('root');
    expectError(await t.request({ method: 'GET', url: '/api/audit-events', cookie: admin }), 403, 'FORBIDDEN');
    const agent = await t.login('agent1');
    expectError(await t.request({ method: 'GET', url: '/api/audit-events', cookie: agent }), 403, 'FORBIDDEN');
    expectError(await t.request({ method: 'GET', url: '/api/audit-events' }), 401, 'UNAUTHENTICATED');
    // And it is read-only: there is no write endpoint for it.
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      expect((await t.request({ method, url: '/api/audit-events', cookie: auditor })).statusCode, method).toBe(404);
    }
  });

  it('lists newest first, with a default page of 50', async () => {
    const res = await list();
    expect(res.page).toBe(1);
    expect(res.pageSize).toBe(50);
    const keys = res.items.map((r) => [Date.parse(r.at), r.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1], keys[i]] as [readonly [number, number], readonly [number, number]];
      expect(a[0] > b[0] || (a[0] === b[0] && a[1] > b[1])).toBe(true);
    }
  });

  it('paginates without gaps or repeats', async () => {
    const all = await list('?pageSize=200');
    const pages: Row[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 4); page++) {
      const res = await list(`?pageSize=4&page=${page}`);
      expect(res.total).toBe(all.total);
      expect(res.items.length).toBeLessThanOrEqual(4);
      pages.push(...res.items);
    }
    expect(pages.map((r) => r.id)).toEqual(all.items.map((r) => r.id));
    const beyond = await list(`?pageSize=4&page=${Math.ceil(all.total / 4) + 1}`);
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(all.total);
  });

  it('filters by actor, action (exact or prefix), object type and id', async () => {
    const byActor = await list('?actor=root&pageSize=200');
    expect(byActor.total).toBeGreaterThan(0);
    expect(byActor.items.every((r) => r.actorName === 'root')).toBe(true);

    const prefix = await list('?action=auth.login&pageSize=200');
    const actions = new Set(prefix.items.map((r) => r.action));
    expect(actions).toEqual(new Set(['auth.login.succeeded', 'auth.login.failed', 'auth.login.throttled']));
    const exact = await list('?action=auth.login.failed&pageSize=200');
    expect(exact.items.every((r) => r.action === 'auth.login.failed')).toBe(true);
    expect(exact.total).toBeLessThan(prefix.total);
    // LIKE wildcards are taken literally.
    expect((await list('?action=%25')).total).toBe(0);
    expect((await list('?action=auth_login')).total).toBe(0);

    const newbie = (await list('?action=user.created&pageSize=200')).items.find((r) => r.after?.username === 'newbie');
    const byObject = await list(`?objectType=user&objectId=${newbie?.objectId}&pageSize=200`);
    expect(byObject.items.map((r) => r.action).sort()).toEqual(
      ['user.created', 'user.disabled', 'user.roles.changed', 'user.updated'].sort(),
    );
    const combined = await list(`?actor=root&action=user.disabled&objectId=${newbie?.objectId}`);
    expect(combined.total).toBe(1);
    expect((await list('?actor=somebody-else')).total).toBe(0);
  });

  it('filters by time (from/to inclusive, any offset)', async () => {
    const t1 = t.clock.now();
    t.clock.advanceMinutes(60);
    const t2 = t.clock.now();
    auditor = await t.login('aud');
    expect((await tryLogin(t, 'agent1')).statusCode).toBe(200);

    const later = await list(`?from=${encodeURIComponent(t2.toISOString())}&pageSize=200`);
    expect(later.items.map((r) => r.action).sort()).toEqual(['auth.login.succeeded', 'auth.login.succeeded']);
    expect(later.items.every((r) => r.at === t2.toISOString())).toBe(true);

    // The same instant written in China Standard Time.
    const cst = new Date(t2.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect((await list(`?from=${encodeURIComponent(cst)}&pageSize=200`)).total).toBe(later.total);

    const earlier = await list(`?to=${encodeURIComponent(t1.toISOString())}&pageSize=200`);
    const all = await list('?pageSize=200');
    expect(earlier.total + later.total).toBe(all.total);
    expect(earlier.items.every((r) => Date.parse(r.at) <= t1.getTime())).toBe(true);

    const window = await list(
      `?from=${encodeURIComponent(t1.toISOString())}&to=${encodeURIComponent(new Date(t2.getTime() - 1).toISOString())}`,
    );
    expect(window.items.every((r) => r.at === t1.toISOString())).toBe(true);

    const bad = await t.request({ method: 'GET', url: '/api/audit-events?from=yesterday', cookie: auditor });
    expect(expectError(bad, 400, 'VALIDATION_FAILED').details.issues[0].path).toBe('query.from');
    const naive = await t.request({ method: 'GET', url: '/api/audit-events?to=2026-07-15T10:00:00', cookie: auditor });
    expect(naive.statusCode).toBe(400);
  });
});

describe('append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on audit_events, and the rows stay as they were', async () => {
    const before = await auditRows(t);
    expect(before.length).toBeGreaterThan(10);
    const attempts = [
      () => t.database.db.execute(sql`UPDATE audit_events SET action = 'tampered'`),
      () => t.database.db.execute(sql`UPDATE audit_events SET actor_name = 'x' WHERE id = ${before[0]?.id}`),
      () => t.database.db.execute(sql`DELETE FROM audit_events`),
      () => t.database.db.execute(sql`DELETE FROM audit_events WHERE id = ${before[0]?.id}`),
      () => t.database.db.execute(sql`TRUNCATE audit_events`),
      () => t.database.db.update(auditEvents).set({ action: 'tampered' }),
      () => t.database.db.delete(auditEvents),
    ];
    for (const attempt of attempts) {
      let error: unknown = null;
      try {
        await attempt();
      } catch (e) {
        error = e;
      }
      expect(error).not.toBeNull();
      expect(sqlState(error)).toBe('42501');
    }
    // Inside a transaction too: the refusal rolls the whole transaction back.
    await expect(
      t.database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO audit_events (at, action) VALUES (now(), 'inside.tx')`);
        await tx.execute(sql`DELETE FROM audit_events`);
      }),
    ).rejects.toThrow();
    expect(await auditRows(t)).toEqual(before);
  });

  it('still accepts new rows', async () => {
    const before = (await auditRows(t)).length;
    await t.login('aud');
    expect((await auditRows(t)).length).toBe(before + 1);
  });
});
