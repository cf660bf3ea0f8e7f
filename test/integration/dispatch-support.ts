// Helpers of the dispatch suites: technicians inserted directly (profiles are another suite's subject) and ready orders.
import {
  technicianCalendar,
  technicianCertificates,
  technicianSkills,
  technicians,
} from '@server/modules/dispatch/dispatch.schema';
import { expect } from 'vitest';
import type { TestApp } from '../build-test-app';
import { createOrder, post } from './intake-support';

export interface TechSpec {
  username: string;
  branch?: 'th' | 'hz';
  staffNo?: string;
  home?: { lat: number; lng: number };
  skills?: Record<string, 1 | 2 | 3>;
  /** type → expiry day (issued 2020-01-01). */
  certificates?: Record<string, string>;
  workDays?: number[];
  shiftStart?: string;
  shiftEnd?: string;
  maxJobsPerDay?: number;
  maxMinutesPerDay?: number;
  workPhone?: string;
}

let staffSeq = 0;

/** A user with the technician role and a profile; returns the user id (= technician id). */
export async function addTechnician(t: TestApp, spec: TechSpec): Promise<string> {
  const id = await t.createUser(spec.username, ['technician'], spec.branch ?? 'th');
  staffSeq += 1;
  const now = t.clock.now();
  const db = t.database.db;
  await db.insert(technicians).values({
    userId: id,
    branchId: t.branches[spec.branch ?? 'th'],
    staffNo: spec.staffNo ?? `T${String(staffSeq).padStart(3, '0')}`,
    name: spec.username,
    workPhone: spec.workPhone ?? '',
    homeLat: spec.home?.lat ?? 23.13,
    homeLng: spec.home?.lng ?? 113.33,
    homeLabel: '',
    workDays: spec.workDays ?? [1, 2, 3, 4, 5, 6, 7],
    shiftStart: spec.shiftStart ?? '08:00',
    shiftEnd: spec.shiftEnd ?? '20:00',
    maxJobsPerDay: spec.maxJobsPerDay ?? 8,
    maxMinutesPerDay: spec.maxMinutesPerDay ?? 600,
    createdAt: now,
    updatedAt: now,
  });
  const skills = spec.skills ?? { split_wall: 2, refrigerant: 2, electrical: 2 };
  for (const [skill, level] of Object.entries(skills)) {
    await db.insert(technicianSkills).values({ technicianId: id, skill, level });
  }
  const certs = spec.certificates ?? { refrigeration: '2030-01-01', electrician: '2030-01-01' };
  for (const [type, expiresOn] of Object.entries(certs)) {
    await db.insert(technicianCertificates).values({
      technicianId: id,
      type,
      number: `NO-${type}-${staffSeq}`,
      issuer: '广州市应急管理局',
      issuedOn: '2020-01-01',
      expiresOn,
      createdAt: now,
      updatedAt: now,
    });
  }
  return id;
}

export async function addLeave(t: TestApp, technicianId: string, day: string, branch: 'th' | 'hz' = 'th') {
  await t.database.db.insert(technicianCalendar).values({
    technicianId,
    branchId: t.branches[branch],
    day,
    kind: 'leave',
    status: 'approved',
    reason: '事假',
    requestedAt: t.clock.now(),
  });
}

/** A new order approved by the dispatcher (status ready); returns { id, number, version }. */
export async function readyOrder(
  t: TestApp,
  agentCookie: string,
  dispatcherCookie: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; number: string; version: number }> {
  const created = await createOrder(t, agentCookie, overrides);
  const res = await post(
    t,
    `/api/work-orders/${created.id}/review`,
    { decision: 'approve', version: created.version },
    dispatcherCookie,
  );
  expect(res.statusCode, res.body).toBe(200);
  const o = res.json();
  return { id: o.id, number: o.number, version: o.version };
}

export function hoursAfter(base: string, hours: number): string {
  return new Date(new Date(base).getTime() + hours * 3_600_000).toISOString();
}

/** The instant of a Guangzhou wall-clock time (UTC+8) on a day, as ISO: gz('2026-07-15', '10:30'). */
export function gz(day: string, hhmm: string): string {
  return new Date(`${day}T${hhmm}:00+08:00`).toISOString();
}

/**
 * Assigns an order to a technician for a window through the API, as the dispatcher; the override reason is always
 * given (the test chooses the technician, not the ranking). Expects 200; returns { assignment, workOrderVersion }.
 */
export async function assignTo(
  t: TestApp,
  dispatcherCookie: string,
  order: { id: string; version: number },
  technicianId: string,
  window: { start: string; end: string },
): Promise<{ assignment: any; workOrderVersion: number; workOrderStatus: string }> {
  const res = await post(
    t,
    `/api/work-orders/${order.id}/assignment`,
    { technicianId, window, version: order.version, overrideReason: '测试指定' },
    dispatcherCookie,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
