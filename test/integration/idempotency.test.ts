// Idempotency-Key (platform/http/idempotency.ts): a double-submitted form acts once.
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { workOrders } from '../../src/server/modules/intake/intake.schema';
import { bindEndpoint } from '../../src/server/platform/http/server';
import { endpoint } from '../../src/shared/contracts/endpoint';
import { buildTestApp, type TestApp } from '../build-test-app';
import { createStaff, orderBody, type Staff } from './intake-support';
import { expectError, issuePaths } from './support';

let t: TestApp;
let s: Staff;
let calls = 0;

/** A test-only endpoint that uses the same flag: the mechanism is the platform's, not intake's. */
const echo = endpoint({
  operationId: 'testIdempotentEcho',
  method: 'POST',
  path: '/__test/idempotent-echo',
  access: 'authenticated',
  summary: 'test only',
  tags: ['test'],
  status: 201,
  idempotent: true,
  body: z.strictObject({ n: z.number().int(), fail: z.boolean().optional() }),
  response: z.object({ n: z.number().int(), call: z.number().int() }),
});

beforeAll(async () => {
  t = await buildTestApp();
  bindEndpoint(t.aircare.app, t.aircare.deps, echo, async ({ body }) => {
    calls += 1;
    if (body.fail) throw new Error('boom');
    return { n: body.n, call: calls };
  });
  s = await createStaff(t);
});
afterAll(async () => {
  await t?.close();
});

async function orders(): Promise<number> {
  const rows = await t.database.db.select({ n: count() }).from(workOrders);
  return rows[0]?.n ?? 0;
}
const create = (body: unknown, key?: string, cookie = s.cookies.agent as string) =>
  t.request({
    method: 'POST',
    url: '/api/work-orders',
    cookie,
    body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });

describe('Idempotency-Key on createWorkOrder', () => {
  it('same key and same body: one order, the same 201 response again (marked as replayed)', async () => {
    const before = await orders();
    const body = orderBody();
    const first = await create(body, 'form-0001-aaaa');
    const second = await create(body, 'form-0001-aaaa');
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await orders()).toBe(before + 1);
    // the same body with key order changed is the same request
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await create(reordered, 'form-0001-aaaa')).json().number).toBe(first.json().number);
  });

  it('a double click (two requests at once) makes one order', async () => {
    const before = await orders();
    const body = orderBody();
    const [a, b] = await Promise.all([create(body, 'double-click-1'), create(body, 'double-click-1')]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().number).toBe(b.json().number);
    expect(await orders()).toBe(before + 1);
  });

  it('same key with a different body: 422 with a clear reason, nothing created', async () => {
    await create(orderBody(), 'reused-key-01');
    const before = await orders();
    const res = await create(orderBody({ description: '另一个故障' }), 'reused-key-01');
    const err = expectError(res, 422, 'BUSINESS_RULE');
    expect(err.details).toMatchObject({ reason: 'idempotency_key_reused', header: 'Idempotency-Key' });
    expect(err.details.message).toMatch(/Idempotency-Key/);
    expect(await orders()).toBe(before);
  });

  it('keys are per user; without a key every request acts', async () => {
    const before = await orders();
    const body = orderBody();
    await create(body, 'shared-key-0001', s.cookies.agent as string);
    const other = await create(orderBody(), 'shared-key-0001', s.cookies.agent2 as string);
    expect(other.statusCode).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    await create(orderBody());
    await create(orderBody());
    expect(await orders()).toBe(before + 4);
  });

  it('a refused request is not remembered: the corrected form may reuse its key', async () => {
    const before = await orders();
    const bad = await create(orderBody({ address: { id: '3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c' } }), 'retry-after-fix');
    expect(bad.statusCode).toBe(400);
    const good = await create(orderBody(), 'retry-after-fix');
    expect(good.statusCode, good.body).toBe(201);
    expect(await orders()).toBe(before + 1);
  });

  it('a malformed key is a field error; keys expire after 24 hours', async () => {
    const bad = await create(orderBody(), 'short');
    expect(issuePaths(bad)).toEqual(['Idempotency-Key']);
    await create(orderBody(), 'expiring-key-01');
    t.clock.advanceMinutes(24 * 60 + 1);
    await s.relogin();
    const later = await create(orderBody({ description: '第二天的新报修' }), 'expiring-key-01');
    expect(later.statusCode, later.body).toBe(201);
  });
});

describe('the platform mechanism on any endpoint flagged idempotent', () => {
  const send = (body: unknown, key?: string) =>
    t.request({
      method: 'POST',
      url: '/__test/idempotent-echo',
      cookie: s.cookies.dispatcher as string,
      body,
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });

  it('runs the handler once per key; a failure is not stored', async () => {
    calls = 0;
    const a = await send({ n: 1 }, 'echo-key-0001');
    const b = await send({ n: 1 }, 'echo-key-0001');
    expect(a.statusCode).toBe(201);
    expect(b.json()).toEqual({ n: 1, call: 1 });
    expect(calls).toBe(1);
    expect((await send({ n: 2 }, 'echo-key-0001')).statusCode).toBe(422);
    const boom = await send({ n: 3, fail: true }, 'echo-key-0002');
    expect(boom.statusCode).toBe(500);
    expect((await send({ n: 3 }, 'echo-key-0002')).json()).toEqual({ n: 3, call: 3 });
    expect((await send({ n: 4 })).json().call).toBe(4);
    expect((await send({ n: 4 })).json().call).toBe(5);
  });
});
