// The technician's view of their customers (DOMAIN.md "Privacy": full phone and address only for their own jobs,
// from `assigned` on; every reveal audited). Every response of this file is also scanned for full mobiles by the
// test kit: only revealJobContact may carry one.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/server/modules/identity/identity.schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import { addTechnician, assignTo, gz, readyOrder } from './dispatch-support';
import { createStaff, get, post, type Staff } from './intake-support';

let t: TestApp;
let staff: Staff;
let techA: string;
let techB: string;
let cookieA: string;
let cookieB: string;
const DAY = '2026-07-15';
const PHONE = '13812345678';

beforeAll(async () => {
  t = await buildTestApp();
  staff = await createStaff(t);
  techA = await addTechnician(t, { username: 'privacya' });
  techB = await addTechnician(t, { username: 'privacyb' });
  cookieA = await t.login('privacya');
  cookieB = await t.login('privacyb');
});
afterAll(async () => {
  await t?.close();
});

const dispatcher = () => staff.cookies.dispatcher as string;
const reveal = (assignmentId: string, cookie: string) =>
  post(t, `/api/assignments/${assignmentId}/contact-details`, {}, cookie);

async function reveals(workOrderId: string) {
  const rows = await t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'customer.contact.revealed'), eq(auditEvents.objectType, 'customer')));
  return rows.filter((r) => (r.details as { workOrderId?: string } | null)?.workOrderId === workOrderId);
}

describe('the technician and the customer’s contact', () => {
  it('own active job: the full contact, audited; another technician’s job: 404; not a technician: 403', async () => {
    const order = await readyOrder(t, staff.cookies.agent as string, dispatcher(), {
      customer: { name: '陈大文', phone: PHONE },
      address: { city: '广州', district: '天河区', detail: '天河路 100 号 2305 室' },
    });
    const { assignment } = await assignTo(t, dispatcher(), order, techA, {
      start: gz(DAY, '14:00'),
      end: gz(DAY, '15:00'),
    });

    const res = await reveal(assignment.id, cookieA);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      name: '陈大文',
      phone: PHONE,
      address: expect.stringContaining('天河路 100 号 2305 室'),
      district: '天河区',
    });
    const audited = await reveals(order.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorId: techA, objectType: 'customer' });
    expect(audited[0]?.details).toMatchObject({
      workOrderId: order.id,
      assignmentId: assignment.id,
      reason: 'own_job',
    });
    // The audit records that a reveal happened, never the number itself.
    expect(JSON.stringify(audited[0])).not.toContain(PHONE);

    // Another technician: as if the job did not exist (no hint that it does).
    const other = await reveal(assignment.id, cookieB);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain(PHONE);
    // A dispatcher has no technician's reveal at all.
    expect((await reveal(assignment.id, dispatcher())).statusCode).toBe(403);
    expect(await reveals(order.id)).toHaveLength(1);
  });

  it('listMyAppointments shows masked phones only', async () => {
    const order = await readyOrder(t, staff.cookies.agent as string, dispatcher(), {
      customer: { name: '林小红', phone: '13987654321' },
    });
    await assignTo(t, dispatcher(), order, techA, { start: gz(DAY, '16:00'), end: gz(DAY, '17:00') });
    const res = await get(t, `/api/me/jobs?date=${DAY}`, cookieA);
    expect(res.statusCode, res.body).toBe(200);
    const job = (res.json().items as any[]).find((j) => j.workOrder.id === order.id);
    expect(job.workOrder.phoneMasked).toBe('139****4321');
    expect(job.workOrder.customerName).not.toBe('林小红');
    expect(res.body).not.toContain('13987654321');
    expect(res.body).not.toContain(PHONE);
    expect(res.body).not.toMatch(/1[3-9]\d{9}/);
  });

  it('after a reassignment the previous technician’s reveal is closed; the new one’s is open', async () => {
    const order = await readyOrder(t, staff.cookies.agent as string, dispatcher());
    const first = await assignTo(t, dispatcher(), order, techA, { start: gz(DAY, '18:00'), end: gz(DAY, '19:00') });
    const moved = await post(
      t,
      `/api/work-orders/${order.id}/reassignment`,
      {
        technicianId: techB,
        window: { start: gz(DAY, '18:00'), end: gz(DAY, '19:00') },
        version: first.workOrderVersion,
        reason: '调整',
        overrideReason: '调整',
      },
      dispatcher(),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await reveal(first.assignment.id, cookieA)).statusCode).toBe(403);
    expect((await reveal(moved.json().assignment.id, cookieB)).statusCode).toBe(200);
  });

  it('once the order is cancelled the reveal is refused (403) and nothing is audited', async () => {
    const order = await readyOrder(t, staff.cookies.agent as string, dispatcher());
    const { assignment, workOrderVersion } = await assignTo(t, dispatcher(), order, techB, {
      start: gz(DAY, '12:00'),
      end: gz(DAY, '13:00'),
    });
    expect((await reveal(assignment.id, cookieB)).statusCode).toBe(200);
    const cancelled = await post(
      t,
      `/api/work-orders/${order.id}/cancel`,
      { version: workOrderVersion, reason: '客户取消' },
      dispatcher(),
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const refused = await reveal(assignment.id, cookieB);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN');
    expect(await reveals(order.id)).toHaveLength(1);
  });
});
