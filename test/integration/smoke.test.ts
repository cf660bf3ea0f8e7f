import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('smoke', () => {
  it('answers health and logs in', async () => {
    const h = await t.request({ method: 'GET', url: '/api/health' });
    expect(h.statusCode).toBe(200);
    expect(h.json().status).toBe('ok');
    await t.createUser('boss', ['admin'], null);
    const cookie = await t.login('boss');
    const me = await t.request({ method: 'GET', url: '/api/auth/me', cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('boss');
  });
});
