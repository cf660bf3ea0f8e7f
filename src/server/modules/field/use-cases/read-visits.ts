import { listMyAppointments } from '@server/modules/dispatch';
import { getSetting } from '@server/modules/identity';
import { dispatchOrder, dispatchOrders } from '@server/modules/intake';
import { findVanOf, getStockBalances } from '@server/modules/parts';
import { assertBranchAccess, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { MyFieldJob, Visit } from '@shared/contracts/field.contract';
import { vanHolds } from '../domain/likely-parts';
import {
  lockCurrentVisitOfOrder,
  partsOfVisits,
  type VisitRow,
  visitsOfCustomer,
  visitsOfOrder,
  visitsOfTechnician,
} from '../field.repository';
import { openVisitForOrder } from './visit-lifecycle';
import { branchTimeZone, readableVisit } from './visit-support';
import { visitView } from './visit-view';

/** GET /api/field/visits/:visitId — the technician's own visit; the branch's dispatchers read it too. */
export async function getVisit(ctx: Ctx, visitId: string): Promise<{ visit: Visit; serverTime: string }> {
  const visit = await readableVisit(ctx, visitId);
  return { visit: await visitView(ctx, visit), serverTime: ctx.now.toISOString() };
}

/** GET /api/work-orders/:workOrderId/visits — every visit of an order (dispatch), oldest first. */
export async function listWorkOrderVisits(ctx: Ctx, workOrderId: string): Promise<{ items: Visit[] }> {
  const actor = requireActor(ctx.actor);
  const order = await dispatchOrder(ctx, workOrderId);
  if (!order) throw new AppError('NOT_FOUND');
  assertBranchAccess(actor, order.branchId);
  const items: Visit[] = [];
  for (const v of await visitsOfOrder(ctx.db, workOrderId)) items.push(await visitView(ctx, v));
  return { items };
}

/**
 * The appointments of the day whose order has no visit yet get one (orders assigned before the field module
 * existed; every new assignment opens its visit in the same transaction).
 */
async function ensureVisits(ctx: Ctx, jobs: Awaited<ReturnType<typeof listMyAppointments>>['items']): Promise<void> {
  const active = jobs.filter((j) => j.assignment.state === 'assigned' || j.assignment.state === 'accepted');
  if (!active.length) return;
  const orders = await dispatchOrders(
    ctx,
    active.map((j) => j.workOrder.id),
  );
  for (const o of orders) {
    if (!['assigned', 'accepted', 'en_route', 'on_site', 'diagnosed', 'in_repair'].includes(o.status)) continue;
    const job = active.find((j) => j.workOrder.id === o.id);
    if (!job) continue;
    await withTransaction(ctx, async (tx) => {
      if (await lockCurrentVisitOfOrder(tx.db, o.id)) return;
      if ((await visitsOfOrder(tx.db, o.id)).some((v) => v.status === 'completed')) return;
      await openVisitForOrder(tx, {
        id: o.id,
        number: o.number,
        branchId: o.branchId,
        customerId: o.customerId,
        unitId: o.unitId,
        assigneeId: job.assignment.technician.id,
        assigneeName: job.assignment.technician.name,
        appointmentStart: new Date(job.assignment.window.start),
        appointmentEnd: new Date(job.assignment.window.end),
      });
    });
  }
}

function navigationUrl(point: { lat: number; lng: number } | null): string | null {
  return point ? `https://uri.amap.com/marker?position=${point.lng},${point.lat}` : null;
}

/**
 * GET /api/field/my-jobs — the technician app's day: dispatch's appointments of the day (listMyAppointments) as visits, in
 * route (window) order, each with the likely parts of the fault and whether the van holds them, the customer's
 * earlier visits, and a navigation link. Follow-up visits proposed or scheduled that day are included.
 */
export async function listMyJobs(
  ctx: Ctx,
  query: { date?: string | undefined },
): Promise<{ date: string; serverTime: string; items: MyFieldJob[] }> {
  const actor = requireActor(ctx.actor);
  const day = await listMyAppointments(ctx, query);
  await ensureVisits(ctx, day.items);
  const timeZone = await branchTimeZone(ctx, actor.branchId ?? '');
  const midnight = new Date(`${day.date}T00:00:00Z`).getTime();
  const visits = await visitsOfTechnician(
    ctx.db,
    actor.userId,
    new Date(midnight - 24 * 3_600_000),
    new Date(midnight + 48 * 3_600_000),
  );
  const byOrder = new Map(day.items.map((j) => [j.workOrder.id, j]));
  const inDay = visits.filter((v) => sameDay(v, day.date, byOrder.has(v.workOrderId), timeZone));
  const van = await findVanOf(ctx.db, actor.userId);
  const stock = van ? (await getStockBalances(ctx, { locationId: van.id, pageSize: 200 })).items : [];
  const relay = (await getSetting(ctx.db, 'field.callRelayNumber', actor.branchId ?? null)) as string;
  const items: MyFieldJob[] = [];
  for (const v of inDay) {
    const view = await visitView(ctx, v);
    const job = byOrder.get(v.workOrderId);
    const order = await dispatchOrder(ctx, v.workOrderId);
    items.push({
      visit: view,
      assignment: job && view.kind === 'first' && view.status !== 'withdrawn' ? job.assignment : null,
      likelyParts: (order?.likelyParts ?? []).map((name) => {
        const held = stock.filter((b) => b.quantity > 0 && vanHolds(name, b.partName));
        return {
          name,
          inVan: held.length > 0,
          vanStock: held.map((b) => ({ partId: b.partId, code: b.partCode, name: b.partName, quantity: b.quantity })),
        };
      }),
      history: await history(ctx, v),
      navigationUrl: navigationUrl(view.workOrder.point),
      callUrl: relayCallUrl(relay, view.workOrderNumber),
    });
  }
  return { date: day.date, serverTime: ctx.now.toISOString(), items };
}

/**
 * The company's relay (隐私号 / call-centre number) with the order's digits as the extension, dialled after a pause
 * (`,,`): the relay's IVR connects the technician to the customer without showing either number.
 */
export function relayCallUrl(relay: string, orderNumber: string): string | null {
  if (!relay) return null;
  return `tel:${relay.replace(/-/g, '')},,${orderNumber.replace(/\D/g, '')}#`;
}

/** A visit belongs to the day when its appointment is on dispatch's day list, or its window starts that day. */
function sameDay(v: VisitRow, date: string, onDayList: boolean, timeZone: string): boolean {
  if (v.status === 'withdrawn' || v.status === 'cancelled') return false;
  // A first visit that ended waiting for parts keeps its own day; the order's next appointment is its follow-up's.
  if (onDayList && v.kind === 'first' && v.status !== 'waiting_parts') return true;
  if (!v.windowStart) return false;
  const local = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return local.format(v.windowStart) === date;
}

async function history(ctx: Ctx, v: VisitRow): Promise<MyFieldJob['history']> {
  const earlier = await visitsOfCustomer(ctx.db, v.customerId, v.workOrderId, 5);
  const parts = await partsOfVisits(
    ctx.db,
    earlier.map((e) => e.id),
  );
  return earlier
    .map((e) => ({
      visitId: e.id,
      workOrderNumber: e.workOrderNumber,
      finishedAt: e.finishedAt?.toISOString() ?? null,
      status: e.status as MyFieldJob['history'][number]['status'],
      sameUnit: e.unitId !== null && e.unitId === v.unitId,
      faultCategory: e.faultCategory,
      cause: e.cause,
      parts: parts.filter((p) => p.visitId === e.id).map((p) => `${p.partName} × ${p.quantity}`),
    }))
    .sort((a, b) => Number(b.sameUnit) - Number(a.sameUnit));
}
