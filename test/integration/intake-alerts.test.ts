// Work-order alerts of every kind (raiseWorkOrderAlert, the door of dispatch and the channels), the running clock's
// deadline on the list (slaDueAt) and the staff viewer of the customers' photos (getWorkOrderAttachment).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeWorkOrderStatus, raiseWorkOrderAlert } from '../../src/server/modules/intake';
import { insertAttachment } from '../../src/server/modules/intake/channels/channels.repository';
import { workOrderAlerts } from '../../src/server/modules/intake/intake.schema';
import { type Ctx, createSystemCtx } from '../../src/server/platform/context';
import { withTransaction } from '../../src/server/platform/db/transaction';
import { buildTestApp, type TestApp } from '../build-test-app';
import { createOrder, createStaff, get, post, type Staff } from './intake-support';
import { expectError } from './support';

let t: TestApp;
let s: Staff;
let agent: string;
let dispatcher: string;

beforeAll(async () => {
  t = await buildTestApp();
  s = await createStaff(t);
  agent = s.cookies.agent as string;
  dispatcher = s.cookies.dispatcher as string;
});
afterAll(async () => {
  await t?.close();
});

/** A system ctx on the app's own event bus (t.systemCtx() has a bus of its own), so the test hears the events. */
const appCtx = (): Ctx =>
  createSystemCtx({
    db: t.database.db,
    log: t.aircare.deps.log,
    bus: t.aircare.bus,
    cipher: t.aircare.cipher,
    now: t.clock.now(),
  });

/** Every event of these names delivered while `fn` runs. */
async function listen<T>(names: string[], fn: () => Promise<T>): Promise<{ result: T; heard: [string, unknown][] }> {
  const heard: [string, unknown][] = [];
  const offs = names.map((n) =>
    t.aircare.bus.on(n as 'intake.alertRaised', (p) => {
      heard.push([n, p]);
    }),
  );
  try {
    return { result: await fn(), heard };
  } finally {
    for (const off of offs) off();
  }
}

const timelineOf = async (id: string, cookie = dispatcher) =>
  (await get(t, `/api/work-orders/${id}`, cookie)).json().timeline as any[];
const listItem = async (number: string) => (await get(t, `/api/work-orders?q=${number}`, dispatcher)).json().items[0];

describe('raiseWorkOrderAlert', () => {
  it('raises once per dedupe key: the alert, a timeline entry and intake.alertRaised after commit', async () => {
    const wo = await createOrder(t, agent);
    const input = {
      workOrderId: wo.id,
      kind: 'assignment_declined' as const,
      dedupeKey: `declined:${wo.id}:1`,
      details: { technician: '张师傅' },
      reason: '车辆故障',
    };
    const { result: first, heard } = await listen(['intake.alertRaised', 'intake.slaBreached'], () =>
      raiseWorkOrderAlert(appCtx(), input),
    );
    expect(first).toMatchObject({
      kind: 'assignment_declined',
      clock: null,
      workOrderId: wo.id,
      workOrderNumber: wo.number,
      workOrderStatus: 'new',
      branchId: t.branches.th,
      details: { technician: '张师傅' },
      acknowledgedAt: null,
      dueAt: t.clock.now().toISOString(),
      firedAt: t.clock.now().toISOString(),
    });
    expect(heard).toEqual([
      [
        'intake.alertRaised',
        {
          alertId: first?.id,
          workOrderId: wo.id,
          branchId: t.branches.th,
          kind: 'assignment_declined',
          clock: null,
        },
      ],
    ]);

    // the same key again: nothing, null, no event
    const again = await listen(['intake.alertRaised'], () =>
      raiseWorkOrderAlert(appCtx(), { ...input, details: { technician: '李师傅' } }),
    );
    expect(again.result).toBeNull();
    expect(again.heard).toEqual([]);
    const rows = await t.database.db.select().from(workOrderAlerts).where(eq(workOrderAlerts.workOrderId, wo.id));
    expect(rows).toHaveLength(1);

    const entries = (await timelineOf(wo.id)).filter((e) => e.kind === 'alert');
    expect(entries).toEqual([
      expect.objectContaining({
        event: 'assignment_declined',
        actorName: null,
        reason: '车辆故障',
        details: { technician: '张师傅', dueAt: first?.dueAt, alertId: first?.id },
      }),
    ]);

    // listed by kind on the dispatch screen; counted as open, but not overdue (not an SLA breach)
    const ofKind = (await get(t, '/api/work-order-alerts?kind=assignment_declined', dispatcher)).json().items;
    expect(ofKind.map((a: any) => a.id)).toContain(first?.id);
    const sla = (await get(t, '/api/work-order-alerts?kind=sla&status=all', dispatcher)).json().items;
    expect(sla.map((a: any) => a.id)).not.toContain(first?.id);
    expect(await listItem(wo.number)).toMatchObject({ openAlerts: 1, overdue: false });
    const overdue = (await get(t, `/api/work-orders?q=${wo.number}&overdue=true`, dispatcher)).json();
    expect(overdue.total).toBe(0);
    expect((await get(t, `/api/work-orders/${wo.id}`, dispatcher)).json()).toMatchObject({
      overdue: false,
      openAlerts: 1,
      alerts: [expect.objectContaining({ id: first?.id, kind: 'assignment_declined' })],
    });

    // acknowledged like any alert
    const ack = await post(t, `/api/work-order-alerts/${first?.id}/acknowledge`, undefined, dispatcher);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ kind: 'assignment_declined', acknowledgedByName: 'dispatcher' });
    expect(await listItem(wo.number)).toMatchObject({ openAlerts: 0 });
    const noted = (await timelineOf(wo.id)).find((e) => e.event === 'alert_acknowledged');
    expect(noted?.details).toEqual({ alertId: first?.id, kind: 'assignment_declined' });

    // a bad kind in the filter is a field error
    expectError(await get(t, '/api/work-order-alerts?kind=fire', dispatcher), 400, 'VALIDATION_FAILED');
  });

  it('an SLA alert of a later clock: once per job id, intake.slaBreached too, never overdue in intake', async () => {
    const wo = await createOrder(t, agent);
    await post(t, `/api/work-orders/${wo.id}/review`, { decision: 'approve', version: 1 }, dispatcher);
    await changeWorkOrderStatus(t.systemCtx(), { workOrderId: wo.id, version: 2, event: { type: 'assign' } });
    const dueAt = new Date(t.clock.now().getTime() - 60_000);
    const input = { workOrderId: wo.id, kind: 'sla' as const, clock: 'contact' as const, jobId: 880_001, dueAt };
    const { result, heard } = await listen(['intake.alertRaised', 'intake.slaBreached'], () =>
      raiseWorkOrderAlert(appCtx(), input),
    );
    expect(result).toMatchObject({ kind: 'sla', clock: 'contact', dueAt: dueAt.toISOString(), details: null });
    expect(heard.map(([n]) => n)).toEqual(['intake.alertRaised', 'intake.slaBreached']);
    expect(heard[1]?.[1]).toEqual({
      workOrderId: wo.id,
      branchId: t.branches.th,
      clock: 'contact',
      alertId: result?.id,
    });
    expect(await raiseWorkOrderAlert(t.systemCtx(), input)).toBeNull();
    const breaches = (await timelineOf(wo.id)).filter((e) => e.event === 'sla_breach');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]?.details).toEqual({ clock: 'contact', dueAt: dueAt.toISOString(), alertId: result?.id });

    const listed = (await get(t, '/api/work-order-alerts?kind=sla&clock=contact', dispatcher)).json().items;
    expect(listed.map((a: any) => a.id)).toEqual([result?.id]);
    // intake's overdue counts its own clocks only (review while new, dispatch while ready)
    expect(await listItem(wo.number)).toMatchObject({ status: 'assigned', openAlerts: 1, overdue: false });

    await expect(raiseWorkOrderAlert(t.systemCtx(), { workOrderId: wo.id, kind: 'sla' })).rejects.toThrow(/clock/);
  });

  it("joins the caller's transaction: rolled back with it, and its events dropped", async () => {
    const wo = await createOrder(t, agent);
    const key = `late:${wo.id}`;
    const { heard } = await listen(['intake.alertRaised'], async () => {
      await expect(
        withTransaction(appCtx(), async (tx) => {
          const raised = await raiseWorkOrderAlert(tx, { workOrderId: wo.id, kind: 'late_reported', dedupeKey: key });
          expect(raised?.kind).toBe('late_reported');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
    });
    expect(heard).toEqual([]);
    expect(await t.database.db.select().from(workOrderAlerts).where(eq(workOrderAlerts.dedupeKey, key))).toEqual([]);
    expect((await timelineOf(wo.id)).filter((e) => e.kind === 'alert')).toEqual([]);
    // the key is still free
    const later = await raiseWorkOrderAlert(t.systemCtx(), {
      workOrderId: wo.id,
      kind: 'late_predicted',
      dedupeKey: key,
      details: { minutesLate: 25 },
    });
    expect(later).toMatchObject({ kind: 'late_predicted', details: { minutesLate: 25 } });
  });

  it('a user of another branch gets NOT_FOUND, like for the order; an unknown order is NOT_FOUND', async () => {
    const wo = await createOrder(t, agent);
    const other: Ctx = {
      ...t.systemCtx(),
      actor: {
        userId: s.ids.dispatcherhz as string,
        username: 'dispatcherhz',
        displayName: 'dispatcherhz',
        roles: ['dispatcher'],
        branchId: t.branches.hz,
        companyWide: false,
        sessionId: null,
      },
    };
    await expect(raiseWorkOrderAlert(other, { workOrderId: wo.id, kind: 'late_reported' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      raiseWorkOrderAlert(t.systemCtx(), {
        workOrderId: '00000000-0000-4000-8000-000000000000',
        kind: 'late_reported',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('masks a mobile number typed into the details on every screen', async () => {
    const wo = await createOrder(t, agent);
    const alert = await raiseWorkOrderAlert(t.systemCtx(), {
      workOrderId: wo.id,
      kind: 'customer_new_time',
      details: { note: '请打 13912345678 联系', preferredWindow: null },
    });
    expect(alert?.details).toEqual({ note: '请打 139****5678 联系', preferredWindow: null });
    const detail = (await get(t, `/api/work-orders/${wo.id}`, dispatcher)).json();
    expect(JSON.stringify(detail)).not.toContain('13912345678');
  });
});

describe('slaDueAt: the running intake clock on the list and the detail', () => {
  it('review while new (also once fired), dispatch while ready, none after', async () => {
    const wo = await createOrder(t, agent);
    const created = new Date(wo.createdAt).getTime();
    const review = new Date(created + 15 * 60_000).toISOString();
    expect(await listItem(wo.number)).toMatchObject({ slaClock: 'review', slaDueAt: review });
    expect((await get(t, `/api/work-orders/${wo.id}`, dispatcher)).json()).toMatchObject({
      slaClock: 'review',
      slaDueAt: review,
    });
    // the review queue's query (status=new, oldest first) carries it too
    const queue = (
      await get(t, '/api/work-orders?status=new&sort=createdAt&order=asc&pageSize=200', dispatcher)
    ).json();
    expect(queue.items.find((i: any) => i.id === wo.id)).toMatchObject({ slaDueAt: review });

    // fired: still the same deadline (from the alert)
    t.clock.advanceMinutes(16);
    await t.aircare.jobs.runDue();
    expect(await listItem(wo.number)).toMatchObject({ slaClock: 'review', slaDueAt: review, overdue: true });
    expect((await get(t, `/api/work-orders/${wo.id}`, dispatcher)).json()).toMatchObject({ slaDueAt: review });

    await s.relogin();
    dispatcher = s.cookies.dispatcher as string;
    agent = s.cookies.agent as string;
    const approved = await post(t, `/api/work-orders/${wo.id}/review`, { decision: 'approve', version: 1 }, dispatcher);
    expect(approved.statusCode, approved.body).toBe(200);
    const dispatchDue = new Date(t.clock.now().getTime() + 30 * 60_000).toISOString();
    expect(approved.json()).toMatchObject({ slaClock: 'dispatch', slaDueAt: dispatchDue });
    expect(await listItem(wo.number)).toMatchObject({ slaClock: 'dispatch', slaDueAt: dispatchDue });

    await changeWorkOrderStatus(t.systemCtx(), { workOrderId: wo.id, version: 2, event: { type: 'assign' } });
    expect(await listItem(wo.number)).toMatchObject({ slaClock: null, slaDueAt: null });
  });

  it('a returned order has no running clock; resubmitted, a fresh review deadline', async () => {
    const wo = await createOrder(t, agent, { priority: 'urgent' });
    await post(
      t,
      `/api/work-orders/${wo.id}/review`,
      { decision: 'return', version: 1, missingItems: ['phone'] },
      dispatcher,
    );
    expect(await listItem(wo.number)).toMatchObject({ status: 'returned', slaClock: null, slaDueAt: null });
    t.clock.advanceMinutes(3);
    const back = await post(t, `/api/work-orders/${wo.id}/resubmit`, { version: 2 }, agent);
    expect(back.json()).toMatchObject({
      slaClock: 'review',
      slaDueAt: new Date(t.clock.now().getTime() + 15 * 60_000).toISOString(),
    });
  });
});

describe('getWorkOrderAttachment: the customer photos for staff', () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 7)]);

  async function withPhoto(cookie = agent) {
    const wo = await createOrder(t, cookie);
    const attachmentId = await insertAttachment(t.database.db, {
      workOrderId: wo.id,
      kind: 'nameplate',
      contentType: 'image/png',
      size: PNG.length,
      sha256: 'x'.repeat(64),
      data: PNG,
      createdAt: t.clock.now(),
    });
    return { wo, attachmentId };
  }
  const url = (workOrderId: string, attachmentId: string) =>
    `/api/work-orders/${workOrderId}/attachments/${attachmentId}`;

  it('the detail lists the photos; a reader of the branch gets the bytes, private and not sniffable', async () => {
    const { wo, attachmentId } = await withPhoto();
    const detail = (await get(t, `/api/work-orders/${wo.id}`, dispatcher)).json();
    expect(detail.attachments).toEqual([
      {
        id: attachmentId,
        kind: 'nameplate',
        contentType: 'image/png',
        size: PNG.length,
        createdAt: t.clock.now().toISOString(),
      },
    ]);
    for (const who of ['dispatcher', 'agent', 'finance', 'manager', 'head']) {
      const res = await t.aircare.app.inject({
        method: 'GET',
        url: url(wo.id, attachmentId),
        headers: { cookie: s.cookies[who] as string },
      });
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      expect(res.rawPayload.equals(PNG)).toBe(true);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(String(res.headers['content-disposition'])).toMatch(/^inline; filename="WO-\d{8}-\d{4}-nameplate\.png"$/);
    }
  });

  it('another branch, another order, an unknown photo: 404; no permission: 403; no session: 401', async () => {
    const { wo, attachmentId } = await withPhoto();
    const other = await createOrder(t, agent);
    expectError(await get(t, url(wo.id, attachmentId), s.cookies.dispatcherhz as string), 404, 'NOT_FOUND');
    expectError(await get(t, url(other.id, attachmentId), dispatcher), 404, 'NOT_FOUND');
    expectError(await get(t, url(wo.id, '00000000-0000-4000-8000-000000000000'), dispatcher), 404, 'NOT_FOUND');
    await t.createUser('keeper', ['warehouse'], 'th');
    const keeper = await t.login('keeper');
    expectError(await get(t, url(wo.id, attachmentId), keeper), 403, 'FORBIDDEN');
    expectError(await get(t, url(wo.id, attachmentId), s.cookies.technician as string), 403, 'FORBIDDEN');
    expectError(await get(t, url(wo.id, attachmentId), s.cookies.root as string), 403, 'FORBIDDEN');
    expectError(await t.request({ method: 'GET', url: url(wo.id, attachmentId) }), 401, 'UNAUTHENTICATED');
    expectError(await get(t, url(wo.id, 'not-a-uuid'), dispatcher), 400, 'VALIDATION_FAILED');
  });

  it('a GET with the cookie alone (an <img src>) passes the CSRF rule', async () => {
    const { wo, attachmentId } = await withPhoto();
    const res = await t.aircare.app.inject({
      method: 'GET',
      url: url(wo.id, attachmentId),
      headers: { cookie: dispatcher, 'sec-fetch-dest': 'image' },
    });
    expect(res.statusCode).toBe(200);
  });
});
