// Work-order numbers WO-YYYYMMDD-NNNN: per day (China Standard Time), unique under concurrency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { createOrder, createStaff, orderBody, type Staff } from './intake-support';

let t: TestApp;
let s: Staff;

beforeAll(async () => {
  t = await buildTestApp();
  s = await createStaff(t);
});
afterAll(async () => {
  await t?.close();
});

describe('order numbers', () => {
  it('200 concurrent creations give 200 distinct numbers', async () => {
    t.clock.set('2026-08-01T03:00:00Z');
    await s.relogin();
    const agents = [s.cookies.agent, s.cookies.agent2] as string[];
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.request({
          method: 'POST',
          url: '/api/work-orders',
          cookie: agents[i % 2] as string,
          body: orderBody({ customer: { name: `客户${i}`, phone: `135${String(i).padStart(8, '0')}` } }),
        }),
      ),
    );
    const failures = results.filter((r) => r.statusCode !== 201).map((r) => `${r.statusCode} ${r.body}`);
    expect(failures).toEqual([]);
    const numbers = results.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(200);
    for (const n of numbers) expect(n).toMatch(/^WO-20260801-\d{4}$/);
    const seqs = numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b);
    expect(seqs[0]).toBe(1);
    expect(seqs.at(-1)).toBe(200);
  });

  it('restarts at 0001 on a new Shanghai day (midnight is 16:00 UTC)', async () => {
    t.clock.set('2026-08-02T15:59:00Z');
    await s.relogin();
    const late = await createOrder(t, s.cookies.agent as string);
    t.clock.set('2026-08-02T16:00:30Z');
    const early = await createOrder(t, s.cookies.agent as string);
    expect(late.number).toBe('WO-20260802-0001');
    expect(early.number).toBe('WO-20260803-0001');
  });
});
