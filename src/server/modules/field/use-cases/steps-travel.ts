import { addressPoints } from '@server/modules/customers';
import { acceptAssignment, confirmCustomerContact } from '@server/modules/dispatch';
import { getSetting } from '@server/modules/identity';
import { dispatchOrder, trackingUrlForNumber } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import { checkEta, distanceMetres, FAR_FROM_ADDRESS_M, lateMinutes, repairDueAt } from '../domain/time-rules';
import { armRepairClock } from './repair-clock';
import {
  branchTimeZone,
  fail,
  rule,
  type StepOutcome,
  type StepScope,
  tellCustomer,
  timeText,
  transitionOrder,
} from './visit-support';

/** The appointment of a first visit, which must be this technician's. */
function ownJob(tx: Ctx, s: StepScope) {
  if (!s.job || s.job.technician.id !== s.visit.technicianId) {
    throw rule(tx, 'no_appointment', '该工单当前没有您的预约', 'This order has no appointment of yours now');
  }
  return s.job;
}

/** Accept: the appointment is accepted through dispatch (order assigned → accepted). */
export async function applyAccept(tx: Ctx, s: StepScope): Promise<StepOutcome> {
  const job = ownJob(tx, s);
  const a = job.assignment;
  if (a.state === 'assigned') await acceptAssignment(tx, a.id, { version: a.version });
  return { step: 'accept', data: { assignmentId: a.id }, patch: {} };
}

/** Contacted: address and time confirmed with the customer (dispatch's contact clock stops). */
export async function applyContacted(tx: Ctx, s: StepScope, body: { note?: string | undefined }): Promise<StepOutcome> {
  if (s.visit.kind === 'first') {
    const a = ownJob(tx, s).assignment;
    if (!a.contactedAt) await confirmCustomerContact(tx, a.id, { version: a.version, note: body.note });
  }
  return {
    step: 'contacted',
    data: { addressConfirmed: true, timeConfirmed: true, note: body.note ?? null },
    patch: {},
  };
}

/**
 * Depart: the order goes en route (a follow-up's order stays waiting for parts until arrival) and the customer gets
 * the "on the way" SMS with the technician's name, staff number, ETA and the tracking link (photo).
 */
export async function applyDepart(
  tx: Ctx,
  s: StepScope,
  body: { etaAt: string; position?: { lat: number; lng: number } | undefined },
): Promise<StepOutcome> {
  const eta = new Date(body.etaAt);
  const bad = checkEta(s.at, eta);
  if (bad) throw fail(tx, [bad]);
  if (s.visit.kind === 'first') await transitionOrder(tx, s.visit.workOrderId, { type: 'depart' });
  const timeZone = await branchTimeZone(tx, s.visit.branchId);
  await tellCustomer(tx, s.order, 'technician_on_the_way', {
    technicianName: s.visit.technicianName || '维修工程师',
    staffNo: s.visit.technicianStaffNo || '—',
    eta: timeText(eta, timeZone),
    trackingUrl: trackingUrlForNumber(s.order.number),
  });
  return {
    step: 'depart',
    data: { etaAt: eta.toISOString(), position: body.position ?? null },
    patch: { departedAt: s.at, etaAt: eta },
  };
}

/**
 * Arrive (check-in): position and time; the order goes on site (a follow-up's resumes the repair); lateness against
 * the appointment window and the distance from the address are recorded; a simple fault's time limit starts.
 */
export async function applyArrive(
  tx: Ctx,
  s: StepScope,
  body: { position: { lat: number; lng: number; accuracyM?: number | undefined } },
): Promise<StepOutcome> {
  const { visit } = s;
  await transitionOrder(tx, visit.workOrderId, visit.kind === 'first' ? { type: 'arrive' } : { type: 'resume' });
  const order = await dispatchOrder(tx, visit.workOrderId);
  if (!order) throw new AppError('NOT_FOUND');
  const point = (await addressPoints(tx, [order.addressId])).get(order.addressId) ?? null;
  const distance = point ? distanceMetres(body.position, point) : null;
  const late = lateMinutes(s.at, visit.windowEnd);
  const complexity = visit.kind === 'first' ? order.complexity : visit.complexity === 'complex' ? 'complex' : 'simple';
  const limit = (await getSetting(tx.db, 'sla.simpleRepairMinutes', visit.branchId)) as number;
  const due = repairDueAt({ complexity, arrivedAt: s.at, simpleLimitMinutes: limit, expectedFinishAt: null });
  await armRepairClock(tx, visit.id, due);
  return {
    step: 'arrive',
    data: {
      position: body.position,
      distanceM: distance,
      farFromAddress: distance !== null && distance > FAR_FROM_ADDRESS_M,
      lateMinutes: late,
    },
    patch: {
      arrivedAt: s.at,
      arrivalLat: body.position.lat,
      arrivalLng: body.position.lng,
      arrivalDistanceM: distance,
      lateMinutes: late,
      ...(visit.kind === 'first'
        ? { complexity: order.complexity, standardMinutes: order.standardMinutes, difficulty: order.difficulty }
        : {}),
      repairDueAt: due,
    },
  };
}
