// A whole visit through the API with fake time (policy ch. 4): accept → contacted → depart → arrive → show ID →
// safety → diagnosis → quote → consent → repair → tests → handover → site cleaned → signature → completed, the work
// order's status following in the same transactions; the order of steps, validation that changes nothing, who may
// read a visit, photos kept privately, and the one-page service record.
import { statSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitPhotos, visits } from '../../src/server/modules/field/field.schema';
import {
  assignedVisit,
  DAY,
  type FieldWorld,
  fieldWorld,
  get,
  gz,
  JPEG_BASE64,
  type Json,
  movementsOf,
  orderDetail,
  passingTests,
  signature,
  stockedPart,
  throughDiagnosis,
  vanBalance,
  visitClient,
} from './field-support';
import { expectError, issuePaths } from './support';

let w: FieldWorld;

beforeAll(async () => {
  w = await fieldWorld();
});
afterAll(async () => {
  await w?.t.close();
});

const dispatcher = () => w.staff.cookies.dispatcher as string;
const minutesFromNow = (m: number) => new Date(w.t.clock.now().getTime() + m * 60_000).toISOString();

describe('a whole visit', () => {
  it('runs every step in order; the order follows; parts leave the van; the record is complete', async () => {
    w.t.clock.set(gz(DAY, '09:00'));
    await w.relogin();
    const cap = await stockedPart(
      w,
      { name: '压缩机启动电容', category: 'capacitor', standardCostFen: 2000 },
      { locationId: w.van, quantity: 4, unitCostFen: 1800 },
    );
    const { order, assignment, visit } = await assignedVisit(w, {
      customer: { name: '王小明', phone: '13811112222' },
      faultCategory: 'no_cooling',
    });
    expect(visit).toMatchObject({ kind: 'first', status: 'open', visitNo: 1, next: 'accept', version: 1 });
    expect(visit.technician).toMatchObject({ id: w.tech.id, staffNo: 'TH-101' });

    // The technician's day: the visit with its window, the masked customer, the likely parts and the van's stock.
    const day = await get(w.t, `/api/field/my-jobs?date=${DAY}`, w.tech.cookie);
    expect(day.statusCode, day.body).toBe(200);
    const job = day.json().items.find((j: Json) => j.visit.id === visit.id);
    expect(job.assignment.id).toBe(assignment.id);
    expect(job.visit.workOrder).toMatchObject({ customerName: '王**', phoneMasked: '138****2222' });
    expect(job.likelyParts.find((p: Json) => p.name === '压缩机电容')).toMatchObject({
      inVan: true,
      vanStock: [{ partId: cap.id, quantity: 4 }],
    });
    expect(day.body).not.toContain('13811112222');

    const c = visitClient(w, visit.id);
    await c.ok({ step: 'accept' });
    expect((await orderDetail(w, order.id)).status).toBe('accepted');
    await c.ok({ step: 'contacted', addressConfirmed: true, timeConfirmed: true, note: '客户在家' });
    const departed = await c.ok({ step: 'depart', etaAt: minutesFromNow(40) });
    expect(departed.etaAt).toBe(minutesFromNow(40));
    const detail = await orderDetail(w, order.id);
    expect(detail.status).toBe('en_route');
    expect(detail.messages.map((m: Json) => m.template)).toContain('technician_on_the_way');

    w.t.clock.advanceMinutes(75); // 10:15, inside the window
    const arrived = await c.ok({ step: 'arrive', position: { lat: 23.135, lng: 113.327 } });
    expect(arrived).toMatchObject({ lateMinutes: 0, arrivedAt: w.t.clock.now().toISOString() });
    expect((await orderDetail(w, order.id)).status).toBe('on_site');
    await c.ok({ step: 'show_id' });
    await c.ok({
      step: 'safety',
      powerIsolated: true,
      workAtHeight: true,
      heightSecured: true,
      refrigerantWork: true,
      refrigerant: 'R32',
      refrigerantPrecautions: true,
    });
    const finish = minutesFromNow(180);
    const diagnosed = await c.ok({
      step: 'diagnosis',
      faultCategory: 'no_cooling',
      cause: '压缩机启动电容失效',
      expectedFinishAt: finish,
    });
    expect(diagnosed.diagnosis).toMatchObject({ complexity: 'complex', standardMinutes: 120, difficulty: 3 });
    expect(diagnosed.repairDueAt).toBe(finish);
    expect((await orderDetail(w, order.id)).status).toBe('diagnosed');

    const quoted = await c.ok({
      step: 'quote',
      parts: [{ partId: cap.id, quantity: 1, source: 'van' }],
      travelKm: 12,
    });
    // Labour 120 min × tier 3 (150 元/h) = 300 元; the part at average cost 18 元 + 20 % = 21.60 元; travel 10–20 km = 30 元.
    expect(quoted.quote).toMatchObject({
      version: 1,
      totalFen: 30000 + 2160 + 3000,
      customerPaysFen: 35160,
      warrantyFen: 0,
      unitInWarranty: false,
    });
    expect(quoted.quote.lines.map((l: Json) => [l.kind, l.amountFen])).toEqual([
      ['labour', 30000],
      ['part', 2160],
      ['travel', 3000],
    ]);

    const consent = await c.consent({
      method: 'signature',
      quoteVersion: 1,
      signerName: '王小明',
      signature,
      acceptedNonDesignated: [],
    });
    expect(consent.statusCode, consent.body).toBe(200);
    expect(consent.json().visit.consent).toMatchObject({ status: 'approved', method: 'signature', quoteVersion: 1 });
    expect((await orderDetail(w, order.id)).status).toBe('in_repair');

    const repaired = await c.ok({
      step: 'repair',
      workDone: '更换压缩机启动电容，补充检查管路',
      parts: [{ partId: cap.id, quantity: 1, source: 'van', oldPartReturn: true }],
    });
    expect(repaired.parts).toMatchObject([
      { partId: cap.id, quantity: 1, source: 'van', unitPriceFen: 2160, covered: false, oldPartReturn: true },
    ]);
    expect(await vanBalance(w, cap.id)).toBe(3);
    const moves = await movementsOf(w, order.id);
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ kind: 'issue', quantity: -1, locationId: w.van, workOrderNumber: order.number });

    await c.ok(passingTests);
    await c.ok({ step: 'handover', shownHowToUse: true, advice: ['室外机支架锈蚀，建议一年内更换'] });
    await c.ok({ step: 'site_cleaned', cleaned: true, oldPartsPacked: true });
    await c.ok({ step: 'signature', signerName: '王小明', signature });
    w.t.clock.advanceMinutes(60);
    const done = await c.complete();
    expect(done.statusCode, done.body).toBe(200);
    const completed = done.json().visit;
    expect(completed).toMatchObject({ status: 'completed', next: null, finishedAt: w.t.clock.now().toISOString() });
    expect(completed.steps.every((s: Json) => s.status === 'done')).toBe(true);
    expect(completed.advice).toEqual(['室外机支架锈蚀，建议一年内更换']);
    expect(completed.tests.readings).toHaveLength(4);
    expect(completed.signatures.map((s: Json) => s.purpose)).toEqual(['consent', 'completion']);
    expect((await orderDetail(w, order.id)).status).toBe('completed');

    await w.relogin();
    // The one-page record: order, masked customer, unit, fault and cause, parts, tests, times, technician, signatures.
    const record = await w.t.request({
      method: 'GET',
      url: `/api/field/visits/${visit.id}/record`,
      cookie: w.tech.cookie,
    });
    expect(record.statusCode).toBe(200);
    expect(String(record.headers['content-type'])).toContain('text/html');
    expect(record.headers['cache-control']).toBe('private, no-store');
    for (const text of [
      order.number,
      '王**',
      '138****2222',
      '压缩机启动电容失效',
      cap.code,
      'TH-101',
      '室外机支架锈蚀',
    ]) {
      expect(record.body).toContain(text);
    }
    expect(record.body.match(/<img /g)).toHaveLength(2);
    expect(record.body).not.toContain('13811112222');
    // Signers' names are masked like the customer's.
    expect(record.body).not.toContain('王小明');
    // The dispatcher reads the same record; an agent (no dispatch access) does not find it.
    expect((await get(w.t, `/api/field/visits/${visit.id}/record`, dispatcher())).statusCode).toBe(200);
    expectError(
      await get(w.t, `/api/field/visits/${visit.id}/record`, w.staff.cookies.agent as string),
      404,
      'NOT_FOUND',
    );
  });

  it('a retried step replays its answer; a key reused for another step is refused', async () => {
    w.t.clock.set(gz(DAY, '11:30'));
    await w.relogin();
    const { visit } = await assignedVisit(w, {}, { start: gz(DAY, '13:00'), end: gz(DAY, '14:00') });
    const body = { step: 'accept', version: 1, idempotencyKey: 'accept-key-0001' };
    const first = await w.t.request({
      method: 'POST',
      url: `/api/field/visits/${visit.id}/steps`,
      cookie: w.tech.cookie,
      body,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ replayed: false, visit: { version: 2 } });
    const again = await w.t.request({
      method: 'POST',
      url: `/api/field/visits/${visit.id}/steps`,
      cookie: w.tech.cookie,
      body,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, visit: { version: 2 } });
    const reused = await w.t.request({
      method: 'POST',
      url: `/api/field/visits/${visit.id}/steps`,
      cookie: w.tech.cookie,
      body: {
        step: 'contacted',
        version: 2,
        idempotencyKey: 'accept-key-0001',
        addressConfirmed: true,
        timeConfirmed: true,
      },
    });
    expect(expectError(reused, 422, 'BUSINESS_RULE').details.reason).toBe('idempotency_key_reused');
    expect((await visitClient(w, visit.id).get()).version).toBe(2);
  });
});

describe('the order of steps and what each needs', () => {
  it('refuses a step out of order, a step twice, a stale version, bad data — and changes nothing', async () => {
    w.t.clock.set(gz(DAY, '11:40'));
    await w.relogin();
    const { order, visit } = await assignedVisit(w, {}, { start: gz(DAY, '15:00'), end: gz(DAY, '16:00') });
    const c = visitClient(w, visit.id);
    const early = await c.step({ step: 'arrive', position: { lat: 23.13, lng: 113.33 } });
    expect(expectError(early, 409, 'ILLEGAL_TRANSITION').details).toMatchObject({
      reason: 'out_of_order',
      next: 'accept',
    });
    await c.ok({ step: 'accept' });
    expect(expectError(await c.step({ step: 'accept' }), 409, 'ILLEGAL_TRANSITION').details.reason).toBe(
      'already_done',
    );
    const stale = await w.t.request({
      method: 'POST',
      url: `/api/field/visits/${visit.id}/steps`,
      cookie: w.tech.cookie,
      body: {
        step: 'contacted',
        version: 1,
        idempotencyKey: 'stale-key-0001',
        addressConfirmed: true,
        timeConfirmed: true,
      },
    });
    expect(expectError(stale, 409, 'VERSION_CONFLICT').details).toEqual({ currentVersion: 2 });
    // Strict bodies: unknown fields, a missing position, a made-up step.
    expect(issuePaths(await c.step({ step: 'show_id', extra: 1 }))).toContain('extra');
    expectError(await c.step({ step: 'teleport' }), 400, 'VALIDATION_FAILED');
    await c.ok({ step: 'contacted', addressConfirmed: true, timeConfirmed: true });
    expect(issuePaths(await c.step({ step: 'depart', etaAt: minutesFromNow(-5) }))).toEqual(['etaAt']);
    await c.ok({ step: 'depart', etaAt: minutesFromNow(30) });
    expect(issuePaths(await c.step({ step: 'arrive' }))).toContain('position');
    await c.ok({ step: 'arrive', position: { lat: 23.13, lng: 113.33 } });
    // A skip with its reason; the safety checklist's musts; a skip of a required step.
    expect(issuePaths(await c.step({ step: 'skip', target: 'show_id', reason: '不在' }))).toEqual(['reason']);
    await c.ok({ step: 'skip', target: 'show_id', reason: '客户由物业人员陪同，本人不在' });
    const unsafe = await c.step({ step: 'safety', powerIsolated: false, workAtHeight: true, refrigerantWork: false });
    expect(issuePaths(unsafe)).toEqual(['powerIsolated', 'heightSecured']);
    const skipSafety = await c.step({ step: 'skip', target: 'safety', reason: '赶时间了' });
    expect(skipSafety.statusCode).toBe(400); // not a skippable step (contract)
    await c.ok({ step: 'safety', powerIsolated: true, workAtHeight: false, refrigerantWork: false });
    const noCause = await c.step({ step: 'diagnosis', faultCategory: 'no_cooling', cause: '坏' });
    expect(issuePaths(noCause)).toEqual(['cause', 'expectedFinishAt']);
    const before = await c.get();
    expect(before.steps.find((s: Json) => s.step === 'show_id')).toMatchObject({
      status: 'skipped',
      skipReason: '客户由物业人员陪同，本人不在',
    });
    expect((await orderDetail(w, order.id)).status).toBe('on_site');
    // Refused requests stored nothing: the version moved only with the accepted steps.
    expect(before.version).toBe(7);
    expect(before.log.map((l: Json) => l.step)).toEqual(['accept', 'contacted', 'depart', 'arrive', 'skip', 'safety']);
  });

  it('the skip is an alert on the dispatch screens with its reason', async () => {
    const alerts = await get(w.t, '/api/work-order-alerts?kind=step_skipped&pageSize=50', dispatcher());
    expect(alerts.statusCode, alerts.body).toBe(200);
    expect(alerts.json().items.some((a: Json) => a.details?.step === 'show_id')).toBe(true);
  });
});

describe('who sees a visit', () => {
  it('its technician and the branch’s dispatchers; another technician or branch does not find it', async () => {
    w.t.clock.set(gz(DAY, '12:00'));
    await w.relogin();
    const { visit } = await assignedVisit(w, {}, { start: gz(DAY, '17:00'), end: gz(DAY, '18:00') });
    expect((await get(w.t, `/api/field/visits/${visit.id}`, w.tech.cookie)).statusCode).toBe(200);
    expect((await get(w.t, `/api/field/visits/${visit.id}`, dispatcher())).statusCode).toBe(200);
    expectError(await get(w.t, `/api/field/visits/${visit.id}`, w.tech2.cookie), 404, 'NOT_FOUND');
    expectError(
      await get(w.t, `/api/field/visits/${visit.id}`, w.staff.cookies.dispatcherhz as string),
      404,
      'NOT_FOUND',
    );
    expectError(await get(w.t, `/api/field/visits/${visit.id}`, w.staff.cookies.agent as string), 404, 'NOT_FOUND');
    // Acting on it is the technician's own: another technician's step is as if it did not exist.
    const other = visitClient(w, visit.id, w.tech2.cookie);
    expectError(await other.step({ step: 'accept' }), 404, 'NOT_FOUND');
    // The dispatcher reads, but does not act as the technician (403 at the door).
    expectError(await visitClient(w, visit.id, dispatcher()).step({ step: 'accept' }), 403, 'FORBIDDEN');
  });

  it('photos are stored privately under the data directory and served only to those who see the visit', async () => {
    w.t.clock.set(gz(DAY, '12:10'));
    await w.relogin();
    const { visit } = await assignedVisit(w, {}, { start: gz(DAY, '18:00'), end: gz(DAY, '19:00') });
    const upload = (body: Record<string, unknown>, cookie = w.tech.cookie) =>
      w.t.request({ method: 'POST', url: `/api/field/visits/${visit.id}/photos`, cookie, body });
    const body = {
      idempotencyKey: 'photo-key-0001',
      step: 'diagnosis',
      kind: 'fault',
      contentType: 'image/jpeg',
      dataBase64: JPEG_BASE64,
    };
    const res = await upload(body);
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json().photo;
    expect(res.json().replayed).toBe(false);
    const again = await upload(body);
    expect(again.json()).toMatchObject({ replayed: true, photo: { id: photo.id } });
    const rows = await w.t.database.db.select().from(visitPhotos);
    const row = rows.find((r) => r.id === photo.id);
    expect(row?.storage).toBe('disk');
    const file = path.join(w.dataDir, 'field-photos', row?.storageKey as string);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    // A PNG declared as JPEG, or not an image at all, is refused.
    expect(issuePaths(await upload({ ...body, idempotencyKey: 'photo-key-0002', contentType: 'image/png' }))).toEqual([
      'contentType',
    ]);
    const bytes = await get(w.t, `/api/field/photos/${photo.id}`, dispatcher());
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/jpeg');
    expect(bytes.headers['cache-control']).toBe('private, no-store');
    expectError(await get(w.t, `/api/field/photos/${photo.id}`, w.tech2.cookie), 404, 'NOT_FOUND');
    expectError(await get(w.t, `/api/field/photos/${photo.id}`, w.staff.cookies.agent as string), 404, 'NOT_FOUND');
    // Only the visit's technician uploads.
    expectError(await upload({ ...body, idempotencyKey: 'photo-key-0003' }, w.tech2.cookie), 404, 'NOT_FOUND');
  });
});

describe('appointments made before the field module existed', () => {
  it('get their visit when they appear on the technician’s day', async () => {
    w.t.clock.set(gz(DAY, '12:30'));
    await w.relogin();
    const { order, visit } = await assignedVisit(w, {}, { start: gz(DAY, '14:00'), end: gz(DAY, '15:00') });
    // As if the order had been assigned before migration 0013: no visit row.
    await w.t.database.db.delete(visits).where(eq(visits.id, visit.id));
    expect((await get(w.t, `/api/work-orders/${order.id}/visits`, dispatcher())).json().items).toEqual([]);
    const day = await get(w.t, `/api/field/my-jobs?date=${DAY}`, w.tech.cookie);
    expect(day.statusCode, day.body).toBe(200);
    const job = (day.json().items as Json[]).find((j) => j.visit.workOrderId === order.id);
    expect(job.visit).toMatchObject({ status: 'open', visitNo: 1, next: 'accept', technician: { id: w.tech.id } });
    // Listing again opens nothing more.
    await get(w.t, `/api/field/my-jobs?date=${DAY}`, w.tech.cookie);
    expect((await get(w.t, `/api/work-orders/${order.id}/visits`, dispatcher())).json().items).toHaveLength(1);
  });
});

describe('the completion needs every step', () => {
  it('cannot complete before the customer signs or the signature is skipped with a reason', async () => {
    w.t.clock.set(gz(DAY, '12:20'));
    await w.relogin();
    const { order, visit } = await assignedVisit(w, {}, { start: gz(DAY, '19:00'), end: gz(DAY, '20:00') });
    const c = visitClient(w, visit.id);
    await throughDiagnosis(w, c);
    await c.ok({ step: 'quote', parts: [], travelKm: 3 });
    const consent = await c.consent({
      method: 'signature',
      quoteVersion: 1,
      signerName: '李女士',
      signature,
      acceptedNonDesignated: [],
    });
    expect(consent.statusCode, consent.body).toBe(200);
    c.state.version = consent.json().visit.version;
    await c.ok({ step: 'repair', workDone: '疏通排水管，清洗接水盘', parts: [] });
    await c.ok(passingTests);
    await c.ok({ step: 'handover', shownHowToUse: true, advice: [] });
    await c.ok({ step: 'site_cleaned', cleaned: true, oldPartsPacked: true });
    expect(expectError(await c.complete(), 409, 'ILLEGAL_TRANSITION').details).toMatchObject({ next: 'signature' });
    await c.ok({ step: 'skip', target: 'signature', reason: '客户临时外出，由家人确认完工' });
    const done = await c.complete();
    expect(done.statusCode, done.body).toBe(200);
    expect((await orderDetail(w, order.id)).status).toBe('completed');
    expect(await finishVisitRefused(visit.id)).toBe(409);
  });
});

async function finishVisitRefused(visitId: string): Promise<number> {
  const c = visitClient(w, visitId);
  await c.get();
  return (await c.step({ step: 'signature', signerName: 'x', signature })).statusCode;
}
