// The offline queue (issue 6 "Offline"): steps queued on the phone without signal are replayed in order, each once
// by its idempotency key, with the phone's own times; a step that conflicts with an office edit (or a cancellation)
// is answered with both versions and nothing is overwritten; later items of that visit wait; other visits go on.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/server/modules/notify/notify.schema';
import {
  assignedVisit,
  DAY,
  type FieldWorld,
  fieldWorld,
  get,
  gz,
  type Json,
  orderDetail,
  post,
  visitClient,
} from './field-support';
import { expectError } from './support';

let w: FieldWorld;

beforeAll(async () => {
  w = await fieldWorld();
});
afterAll(async () => {
  await w?.t.close();
});

const dispatcher = () => w.staff.cookies.dispatcher as string;
const sync = (items: unknown[]) => post(w.t, '/api/field/sync', { items }, w.tech.cookie);
const step = (visitId: string, body: Record<string, unknown>) => ({ kind: 'step', visitId, body });

describe('replaying the offline queue', () => {
  it('applies the steps in order with the phone’s times, once: a second sync replays and sends nothing again', async () => {
    w.t.clock.set(gz(DAY, '08:40'));
    await w.relogin();
    const { order, visit } = await assignedVisit(w, {}, { start: gz(DAY, '09:00'), end: gz(DAY, '10:00') });
    const c = visitClient(w, visit.id);
    await c.ok({ step: 'accept' });
    // Offline from here: contact, departure, arrival (late, at 10:05 by the phone), ID shown.
    const items = [
      step(visit.id, {
        step: 'contacted',
        version: 2,
        idempotencyKey: 'off-contact-0001',
        occurredAt: gz(DAY, '08:45'),
        addressConfirmed: true,
        timeConfirmed: true,
      }),
      step(visit.id, {
        step: 'depart',
        idempotencyKey: 'off-depart-0001',
        occurredAt: gz(DAY, '09:30'),
        etaAt: gz(DAY, '10:00'),
      }),
      step(visit.id, {
        step: 'arrive',
        idempotencyKey: 'off-arrive-0001',
        occurredAt: gz(DAY, '10:05'),
        position: { lat: 23.13, lng: 113.33 },
      }),
      step(visit.id, { step: 'show_id', idempotencyKey: 'off-show-0001', occurredAt: gz(DAY, '10:06') }),
    ];
    w.t.clock.set(gz(DAY, '10:40')); // back in signal
    await w.relogin();
    const res = await sync(items);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results.map((r: Json) => [r.status, r.version])).toEqual([
      ['applied', 3],
      ['applied', 4],
      ['applied', 5],
      ['applied', 6],
    ]);
    const v = await c.get();
    expect(v).toMatchObject({ arrivedAt: gz(DAY, '10:05'), lateMinutes: 5, next: 'safety' });
    expect(v.log.slice(1).map((l: Json) => [l.step, l.source, l.occurredAt])).toEqual([
      ['contacted', 'offline', gz(DAY, '08:45')],
      ['depart', 'offline', gz(DAY, '09:30')],
      ['arrive', 'offline', gz(DAY, '10:05')],
      ['show_id', 'offline', gz(DAY, '10:06')],
    ]);
    expect((await orderDetail(w, order.id)).status).toBe('on_site');
    const smsBefore = (await w.t.database.db.select().from(messages).where(eq(messages.workOrderId, order.id))).length;
    // The answer was lost: the phone sends the same queue again.
    const again = await sync(items);
    expect(again.json().results.map((r: Json) => [r.status, r.version])).toEqual([
      ['replayed', 3],
      ['replayed', 4],
      ['replayed', 5],
      ['replayed', 6],
    ]);
    expect((await w.t.database.db.select().from(messages).where(eq(messages.workOrderId, order.id))).length).toBe(
      smsBefore,
    );
    expect((await c.get()).version).toBe(6);
  });

  it('a step conflicting with an office edit comes back with both versions; nothing is overwritten', async () => {
    w.t.clock.set(gz(DAY, '10:50'));
    await w.relogin();
    const { visit } = await assignedVisit(w, {}, { start: gz(DAY, '11:00'), end: gz(DAY, '12:00') });
    const c = visitClient(w, visit.id);
    await c.ok({ step: 'accept' });
    await c.ok({ step: 'contacted', addressConfirmed: true, timeConfirmed: true });
    await c.ok({ step: 'depart', etaAt: gz(DAY, '11:20') });
    const seen = c.state.version; // the phone goes offline with this copy
    // The office writes a note to the technician meanwhile.
    const edit = await w.t.request({
      method: 'PATCH',
      url: `/api/field/visits/${visit.id}`,
      cookie: dispatcher(),
      body: { version: seen, officeNote: '客户要求顺便检查客厅另一台空调' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    w.t.clock.set(gz(DAY, '11:30'));
    const queued = [
      step(visit.id, {
        step: 'arrive',
        version: seen,
        idempotencyKey: 'cf-arrive-0001',
        position: { lat: 23.13, lng: 113.33 },
      }),
      step(visit.id, { step: 'show_id', idempotencyKey: 'cf-show-0001' }),
    ];
    const res = await sync(queued);
    expect(res.statusCode, res.body).toBe(200);
    const [first, second] = res.json().results;
    expect(first).toMatchObject({ status: 'conflict', version: seen + 1 });
    expect(first.conflict.yours).toEqual(queued[0]);
    expect(first.conflict.theirs).toMatchObject({
      id: visit.id,
      version: seen + 1,
      officeNote: '客户要求顺便检查客厅另一台空调',
      next: 'arrive',
    });
    expect(first.conflict.changes).toEqual([
      expect.objectContaining({
        step: 'office_edit',
        source: 'office',
        actorName: 'dispatcher',
        data: { before: { officeNote: '' }, after: { officeNote: '客户要求顺便检查客厅另一台空调' } },
      }),
    ]);
    expect(second).toMatchObject({ status: 'blocked', version: null });
    // Nothing of the queue was applied; the technician resends on the office's version.
    const now = await c.get();
    expect(now.arrivedAt).toBeNull();
    const resent = await sync([
      { ...queued[0], body: { ...(queued[0]?.body as object), version: now.version } },
      queued[1],
    ]);
    expect(resent.json().results.map((r: Json) => r.status)).toEqual(['applied', 'applied']);
    expect((await c.get()).next).toBe('safety');
  });

  it('a visit cancelled in the office: the queued steps conflict, showing the cancellation', async () => {
    w.t.clock.set(gz(DAY, '12:10'));
    await w.relogin();
    const { order, visit } = await assignedVisit(w, {}, { start: gz(DAY, '12:30'), end: gz(DAY, '13:30') });
    const c = visitClient(w, visit.id);
    await c.ok({ step: 'accept' });
    const seen = c.state.version;
    const detail = await orderDetail(w, order.id);
    const cancel = await post(
      w.t,
      `/api/work-orders/${order.id}/cancel`,
      { version: detail.version, reason: '客户来电取消，已自行修好' },
      w.staff.cookies.agent as string,
    );
    expect(cancel.statusCode, cancel.body).toBe(200);
    const res = await sync([
      step(visit.id, {
        step: 'contacted',
        version: seen,
        idempotencyKey: 'cx-contact-0001',
        addressConfirmed: true,
        timeConfirmed: true,
      }),
    ]);
    const [r] = res.json().results;
    expect(r.status).toBe('conflict');
    expect(r.conflict.theirs).toMatchObject({ status: 'cancelled', next: null });
    expect(r.conflict.changes.map((x: Json) => [x.step, x.data.status])).toEqual([['closed', 'cancelled']]);
    // Online, the same step is simply refused on the closed visit.
    await c.get();
    expect(
      expectError(
        await c.step({ step: 'contacted', addressConfirmed: true, timeConfirmed: true }),
        409,
        'ILLEGAL_TRANSITION',
      ).details.reason,
    ).toBe('visit_closed');
  });

  it('a refused item blocks the rest of its visit only; a visit’s first item must carry its version', async () => {
    w.t.clock.set(gz(DAY, '13:40'));
    await w.relogin();
    const a = await assignedVisit(w, {}, { start: gz(DAY, '14:00'), end: gz(DAY, '15:00') });
    const b = await assignedVisit(w, {}, { start: gz(DAY, '15:30'), end: gz(DAY, '16:30') });
    const res = await sync([
      step(a.visit.id, { step: 'accept', version: 1, idempotencyKey: 'mix-a-accept-01' }),
      step(a.visit.id, { step: 'depart', idempotencyKey: 'mix-a-depart-01', etaAt: gz(DAY, '14:00') }), // contact first
      step(a.visit.id, {
        step: 'contacted',
        idempotencyKey: 'mix-a-contact-01',
        addressConfirmed: true,
        timeConfirmed: true,
      }),
      step(b.visit.id, { step: 'accept', idempotencyKey: 'mix-b-accept-01' }), // no version
      step(b.visit.id, {
        step: 'contacted',
        idempotencyKey: 'mix-b-contact-01',
        addressConfirmed: true,
        timeConfirmed: true,
      }),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results;
    expect(results.map((r: Json) => r.status)).toEqual(['applied', 'rejected', 'blocked', 'rejected', 'blocked']);
    expect(results[1].error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { reason: 'out_of_order', next: 'contacted' },
    });
    expect(results[3].error.code).toBe('VALIDATION_FAILED');
    expect((await visitClient(w, a.visit.id).get()).version).toBe(2);
    expect((await visitClient(w, b.visit.id).get()).version).toBe(1);
    // The whole body is validated first: an unknown step is a 400 for the request, nothing applied.
    const bad = await sync([step(b.visit.id, { step: 'fly', version: 1, idempotencyKey: 'mix-b-fly-0001' })]);
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect((await get(w.t, `/api/field/visits/${b.visit.id}`, w.tech.cookie)).json().visit.version).toBe(1);
  });
});
