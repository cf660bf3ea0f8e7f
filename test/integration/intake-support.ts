// Helpers of the intake suites (intake*.test.ts, idempotency.test.ts).
import type { Role } from '@shared/domain/roles';
import { expect } from 'vitest';
import type { TestApp } from '../build-test-app';

let phoneSeq = 0;
/** A fresh mainland mobile per call ("13900000001" …), unique within a test file. */
export function nextMobile(): string {
  phoneSeq += 1;
  return `139${String(phoneSeq).padStart(8, '0')}`;
}

/** A complete createWorkOrder body for a new customer; override any part. */
export function orderBody(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    customer: { name: '王小明', phone: nextMobile() },
    address: { city: '广州', district: '天河区', detail: '体育西路 1 号 1201 室' },
    unit: { brand: '格力', model: 'KFR-35GW', type: 'split_wall' },
    faultCategory: 'no_cooling',
    description: '开机后不制冷，外机不转',
    priority: 'normal',
    channel: 'hotline',
    ...overrides,
  };
}

export interface Staff {
  cookies: Record<string, string>;
  ids: Record<string, string>;
  /** Logs everyone in again (after the FakeClock jumped past the session lifetime). */
  relogin(): Promise<void>;
}

/** Users of both branches, logged in: agent, agent2 (th), agentHz, dispatcher, dispatcherHz, manager, head, admin … */
export async function createStaff(t: TestApp): Promise<Staff> {
  const users: [string, Role[], 'th' | 'hz' | null][] = [
    ['agent', ['agent'], 'th'],
    ['agent2', ['agent'], 'th'],
    ['agenthz', ['agent'], 'hz'],
    ['dispatcher', ['dispatcher'], 'th'],
    ['dispatcherhz', ['dispatcher'], 'hz'],
    ['manager', ['manager'], 'th'],
    ['head', ['head'], 'th'],
    ['finance', ['finance'], 'th'],
    ['technician', ['technician'], 'th'],
    ['root', ['admin'], null],
  ];
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const [name, roles, branch] of users) {
    ids[name] = await t.createUser(name, roles, branch);
    cookies[name] = await t.login(name);
  }
  return {
    cookies,
    ids,
    async relogin() {
      for (const [name] of users) cookies[name] = await t.login(name);
    },
  };
}

export async function createOrder(
  t: TestApp,
  cookie: string,
  overrides: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Promise<any> {
  const res = await t.request({
    method: 'POST',
    url: '/api/work-orders',
    cookie,
    body: orderBody(overrides),
    ...(headers ? { headers } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export function post(t: TestApp, url: string, body: unknown, cookie: string) {
  return t.request({ method: 'POST', url, body, cookie });
}

export function get(t: TestApp, url: string, cookie: string) {
  return t.request({ method: 'GET', url, cookie });
}
