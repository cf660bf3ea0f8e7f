// Helpers of the field suites (field-*.test.ts): a technician with a van, parts in the van, an order assigned to
// them, and a small client for the visit's steps that keeps the version and makes idempotency keys.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acUnits } from '@server/modules/customers/customers.schema';
import type { Reply } from '@shared/contracts/endpoint';
import type { MyFieldJob, syncOfflineQueue, Visit } from '@shared/contracts/field.contract';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { seedStockLocations } from '../../src/server/modules/parts';
import { buildTestApp, type TestApp } from '../build-test-app';
import { addTechnician, assignTo, gz, readyOrder } from './dispatch-support';
import { createStaff, get, post, type Staff } from './intake-support';
import { newPart } from './parts-support';

export const DAY = '2026-07-15';

export type { MyFieldJob, Visit };
/** A JSON body of the API as the tests read it (the contracts validate the real shapes). */
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies read loosely by the tests
export type Json = any;
export type QueueResult = Reply<typeof syncOfflineQueue>['results'][number];

/** A 1×1 PNG (a signature drawn on the screen, as far as the server can tell). */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/** Bytes that start like a JPEG (the server sniffs the type from the first bytes). */
export const JPEG_BASE64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 60 }, (_, i) => i)]).toString(
  'base64',
);
export const signature = { contentType: 'image/png', dataBase64: PNG_BASE64 };

export interface FieldWorld {
  t: TestApp;
  staff: Staff;
  dataDir: string;
  tech: { id: string; cookie: string };
  tech2: { id: string; cookie: string };
  wh: string;
  van: string;
  central: string;
  /** Logs everyone in again (sessions expire after 2 idle hours of fake time). */
  relogin(): Promise<void>;
}

/** An app on a fresh database with a photo directory of its own, staff, two technicians with vans, a warehouse. */
export async function fieldWorld(): Promise<FieldWorld> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aircare-field-'));
  const t = await buildTestApp({ config: { dataDir } });
  t.clock.set(gz(DAY, '08:30'));
  const staff = await createStaff(t);
  const techId = await addTechnician(t, { username: 'fieldtech', staffNo: 'TH-101', workPhone: '' });
  const tech2Id = await addTechnician(t, { username: 'fieldtech2', staffNo: 'TH-102' });
  await t.createUser('fieldwh', ['warehouse'], 'th');
  const wh = await t.login('fieldwh');
  await seedStockLocations(t.systemCtx(), {
    central: { code: 'WH-CENTRAL', name: '中心仓' },
    stores: [{ code: 'ST-GZ-TH', name: '天河网点仓', branchId: t.branches.th }],
    vans: [
      { code: 'VAN-TH-101', name: '车载库 TH-101', branchId: t.branches.th, technicianId: techId },
      { code: 'VAN-TH-102', name: '车载库 TH-102', branchId: t.branches.th, technicianId: tech2Id },
    ],
  });
  const locations = (await get(t, '/api/stock-locations?pageSize=200', wh)).json().items;
  const id = (code: string) => locations.find((l: Json) => l.code === code)?.id as string;
  const world: FieldWorld = {
    t,
    staff,
    dataDir,
    tech: { id: techId, cookie: await t.login('fieldtech') },
    tech2: { id: tech2Id, cookie: await t.login('fieldtech2') },
    wh,
    van: id('VAN-TH-101'),
    central: id('WH-CENTRAL'),
    async relogin() {
      await staff.relogin();
      world.tech.cookie = await t.login('fieldtech');
      world.tech2.cookie = await t.login('fieldtech2');
      world.wh = await t.login('fieldwh');
    },
  };
  return world;
}

/** A part received into a location at a unit cost (its average cost then equals that cost). */
export async function stockedPart(
  w: FieldWorld,
  extra: Record<string, unknown>,
  stock: { locationId: string; quantity?: number; serials?: string[]; unitCostFen: number; lot?: string },
) {
  const part = await newPart(w.t, w.wh, extra);
  const res = await post(
    w.t,
    '/api/stock-movements',
    {
      requestId: `req-${randomUUID()}`,
      kind: 'receipt',
      partId: part.id,
      locationId: stock.locationId,
      unitCostFen: stock.unitCostFen,
      ...(stock.serials ? { serials: stock.serials } : { quantity: stock.quantity ?? 5 }),
      ...(stock.lot ? { lot: stock.lot, expiryDate: '2030-01-01' } : {}),
    },
    w.wh,
  );
  expect(res.statusCode, res.body).toBe(201);
  return part;
}

export async function vanBalance(w: FieldWorld, partId: string): Promise<number> {
  const res = await get(w.t, `/api/stock-balances?partId=${partId}&locationId=${w.van}&pageSize=200`, w.wh);
  return (res.json().items as { quantity: number }[]).reduce((s, i) => s + i.quantity, 0);
}

/** Ledger movements of an order (the warehouse reads the ledger). */
export async function movementsOf(w: FieldWorld, workOrderId: string) {
  const res = await get(w.t, `/api/stock-movements?workOrderId=${workOrderId}&pageSize=200`, w.wh);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

/** A ready order assigned to the technician for a window of DAY; returns the order and its visit (as the tech sees it). */
export async function assignedVisit(
  w: FieldWorld,
  overrides: Record<string, unknown> = {},
  window = { start: gz(DAY, '10:00'), end: gz(DAY, '12:00') },
  tech: { id: string; cookie: string } = w.tech,
) {
  const order = await readyOrder(w.t, w.staff.cookies.agent as string, w.staff.cookies.dispatcher as string, overrides);
  const assigned = await assignTo(w.t, w.staff.cookies.dispatcher as string, order, tech.id, window);
  const visits = await get(w.t, `/api/work-orders/${order.id}/visits`, w.staff.cookies.dispatcher as string);
  expect(visits.statusCode, visits.body).toBe(200);
  const visit = visits.json().items.find((v: Json) => v.status === 'open');
  expect(visit).toBeDefined();
  return { order, assignment: assigned.assignment, visit };
}

/** The registered unit of an order gets a warranty end date (the warranty is kept on the customer's unit). */
export async function setUnitWarranty(w: FieldWorld, workOrderId: string, warrantyEnd: string | null) {
  const detail = (await get(w.t, `/api/work-orders/${workOrderId}`, w.staff.cookies.dispatcher as string)).json();
  const unitId = detail.unit.id as string;
  expect(unitId).toBeTruthy();
  await w.t.database.db.update(acUnits).set({ warrantyEnd }).where(eq(acUnits.id, unitId));
  return unitId;
}

/**
 * A client for one visit: sends steps with a fresh idempotency key and the version it last saw, keeps the new
 * version from each answer. `raw` leaves version and key to the caller.
 */
export function visitClient(w: FieldWorld, visitId: string, as?: string, version = 1) {
  const state = { version };
  // The technician's cookie is read at each call: a relogin (fake time moved) gives a new one.
  const who = () => as ?? w.tech.cookie;
  const send = async (url: string, body: Record<string, unknown>, headers?: Record<string, string>) => {
    const res = await w.t.request({
      method: 'POST',
      url,
      cookie: who(),
      body: { version: state.version, idempotencyKey: `k-${randomUUID()}`, ...body },
      ...(headers ? { headers } : {}),
    });
    if (res.statusCode === 200) state.version = res.json().visit.version;
    return res;
  };
  return {
    state,
    step: (body: Record<string, unknown>, headers?: Record<string, string>) =>
      send(`/api/field/visits/${visitId}/steps`, body, headers),
    consent: (body: Record<string, unknown>) => send(`/api/field/visits/${visitId}/consent`, body),
    complete: (body: Record<string, unknown> = {}) => send(`/api/field/visits/${visitId}/complete`, body),
    async ok(body: Record<string, unknown>): Promise<Json> {
      const res = await send(`/api/field/visits/${visitId}/steps`, body);
      expect(res.statusCode, `${String(body.step)}: ${res.body}`).toBe(200);
      return res.json().visit;
    },
    async get(): Promise<Json> {
      const res = await w.t.request({ method: 'GET', url: `/api/field/visits/${visitId}`, cookie: who() });
      expect(res.statusCode, res.body).toBe(200);
      state.version = res.json().visit.version;
      return res.json().visit;
    },
  };
}

/** The steps from accept to the quote's start (arrived, ID shown, safety checked, diagnosed). */
export async function throughDiagnosis(
  w: FieldWorld,
  c: ReturnType<typeof visitClient>,
  diagnosis: Record<string, unknown> = {
    faultCategory: 'leaking',
    cause: '排水管堵塞，接水盘溢水',
  },
) {
  await c.ok({ step: 'accept' });
  await c.ok({ step: 'contacted', addressConfirmed: true, timeConfirmed: true });
  await c.ok({ step: 'depart', etaAt: new Date(w.t.clock.now().getTime() + 30 * 60_000).toISOString() });
  w.t.clock.advanceMinutes(30);
  await c.ok({ step: 'arrive', position: { lat: 23.135, lng: 113.327 } });
  await c.ok({ step: 'show_id' });
  await c.ok({ step: 'safety', powerIsolated: true, workAtHeight: false, refrigerantWork: false });
  return c.ok({ step: 'diagnosis', ...diagnosis });
}

export const passingTests = {
  step: 'tests',
  mode: 'cooling',
  readings: { inletTemp: 27, outletTemp: 13, pressureMpa: 0.95, currentA: 5.1 },
  noLeaks: true,
  remoteOk: true,
  noiseOk: true,
};

/** From the repair's end to completion: tests, handover, site cleaned, signature, complete. */
export async function finishVisit(c: ReturnType<typeof visitClient>): Promise<Json> {
  await c.ok(passingTests);
  await c.ok({ step: 'handover', shownHowToUse: true, advice: [] });
  await c.ok({ step: 'site_cleaned', cleaned: true, oldPartsPacked: true });
  await c.ok({ step: 'signature', signerName: '王先生', signature });
  const res = await c.complete();
  expect(res.statusCode, res.body).toBe(200);
  return res.json().visit;
}

export async function orderDetail(w: FieldWorld, workOrderId: string) {
  const res = await get(w.t, `/api/work-orders/${workOrderId}`, w.staff.cookies.dispatcher as string);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export { buildTestApp, get, gz, post };
