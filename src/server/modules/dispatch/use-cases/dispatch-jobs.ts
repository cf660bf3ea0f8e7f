import { getSetting } from '@server/modules/identity';
import { dispatchOrder, raiseWorkOrderAlert } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import type { JobKinds } from '@server/platform/jobs/jobs';
import { activeAssignmentsBetween, findAssignment, updateAssignment } from '../dispatch.repository';
import { addDays, localDay, zonedTime } from '../domain/day-time';
import { assignWorkOrder } from './assign-work-order';
import { emitChange, tellCustomerEta, timeText } from './assignment-support';
import { branchTimeZone, orderPoints, travelModel } from './day-context';
import { computeRecommendation, defaultDay } from './recommend-technicians';
import { systemActor } from './system-actor';

const MIN = 60_000;
/** Statuses before the technician is at the door (the arrival clock runs). */
const BEFORE_ARRIVAL = ['assigned', 'accepted', 'en_route'];
/** Statuses of a visit not yet finished (an overrun delays the next job). */
const VISIT_OPEN = ['assigned', 'accepted', 'en_route', 'on_site', 'diagnosed', 'in_repair'];
/** What a still-open job at its planned end is assumed to need more (minutes). */
const OVERRUN_MARGIN = 20;

/**
 * A dispatch clock ran out (DOMAIN.md "Clocks"): contact — the technician has not confirmed with the customer;
 * arrival — the window ended and the technician is not on site: the customer is told a new ETA automatically.
 * Once per appointment and clock (the alert's dedupe key), and nothing when the appointment already moved on.
 */
export async function fireDispatchClock(ctx: Ctx, payload: JobKinds['dispatch.clock']): Promise<void> {
  const a = await findAssignment(ctx.db, payload.assignmentId);
  if (!a || !a.active) return;
  const order = await dispatchOrder(ctx, a.workOrderId);
  if (!order) return;
  if (payload.clock === 'contact') {
    if (a.contactedAt || !BEFORE_ARRIVAL.includes(order.status)) return;
    await raiseWorkOrderAlert(ctx, {
      workOrderId: order.id,
      kind: 'sla',
      clock: 'contact',
      dueAt: new Date(payload.dueAt),
      dedupeKey: `sla:contact:${a.id}`,
      details: { assignmentId: a.id, technicianId: a.technicianId, suggestion: 'reassign' },
    });
    return;
  }
  if (!BEFORE_ARRIVAL.includes(order.status)) return;
  const alert = await raiseWorkOrderAlert(ctx, {
    workOrderId: order.id,
    kind: 'sla',
    clock: 'arrival',
    dueAt: new Date(payload.dueAt),
    dedupeKey: `sla:arrival:${a.id}`,
    details: { assignmentId: a.id, technicianId: a.technicianId },
  });
  if (!alert) return;
  // The customer already has a later arrival that still lies ahead (reported by the technician or predicted from
  // an overrun): dispatch is alerted, but no second, different ETA goes out.
  if (a.etaAt && a.etaAt.getTime() > ctx.now.getTime()) return;
  const eta = new Date(ctx.now.getTime() + 30 * MIN);
  const saved = await updateAssignment(ctx.db, a.id, a.version, { etaAt: eta, updatedAt: ctx.now });
  const timeZone = await branchTimeZone(ctx, a.branchId);
  await tellCustomerEta(ctx, order, timeText(eta, timeZone));
  if (saved) emitChange(ctx, saved, 'late');
}

/**
 * At an appointment's planned end: when its visit is still open, the technician's next appointment that day is
 * predicted — now + a margin + travel. Past that appointment's window end, its customer gets the new ETA and
 * dispatch a `late_predicted` alert (once per appointment).
 */
export async function checkOverrun(ctx: Ctx, payload: JobKinds['dispatch.overrunCheck']): Promise<void> {
  const a = await findAssignment(ctx.db, payload.assignmentId);
  if (!a || !a.active) return;
  const order = await dispatchOrder(ctx, a.workOrderId);
  if (!order || !VISIT_OPEN.includes(order.status)) return;
  const timeZone = await branchTimeZone(ctx, a.branchId);
  const day = localDay(a.startAt, timeZone);
  const later = (
    await activeAssignmentsBetween(
      ctx.db,
      { technicianIds: [a.technicianId] },
      a.endAt,
      zonedTime(addDays(day, 1), 0, timeZone),
    )
  ).filter((n) => n.id !== a.id && n.startAt >= a.endAt);
  const next = later[0];
  if (!next) return;
  const nextOrder = await dispatchOrder(ctx, next.workOrderId);
  if (!nextOrder || !BEFORE_ARRIVAL.includes(nextOrder.status)) return;
  const points = await orderPoints(ctx, [order, nextOrder]);
  const from = points.get(order.id);
  const to = points.get(nextOrder.id);
  const freeAt = new Date(Math.max(ctx.now.getTime(), a.endAt.getTime()) + OVERRUN_MARGIN * MIN);
  const travel = from && to ? travelModel.minutes(from, to, freeAt) : 30;
  const eta = new Date(freeAt.getTime() + travel * MIN);
  if (eta <= next.endAt) return;
  const alert = await raiseWorkOrderAlert(ctx, {
    workOrderId: nextOrder.id,
    kind: 'late_predicted',
    dedupeKey: `late_predicted:${next.id}`,
    details: { assignmentId: next.id, technicianId: next.technicianId, eta: eta.toISOString(), because: order.number },
  });
  if (!alert) return;
  const saved = await updateAssignment(ctx.db, next.id, next.version, { etaAt: eta, updatedAt: ctx.now });
  await tellCustomerEta(ctx, nextOrder, timeText(eta, timeZone));
  if (saved) emitChange(ctx, saved, 'late');
}

/**
 * Auto-dispatch (setting dispatch.autoDispatch = on): a ready order goes to the top recommendation at its
 * earliest window. Nothing eligible: it stays in the queue (the dispatch clock keeps running).
 */
export async function autoAssign(ctx: Ctx, payload: JobKinds['dispatch.autoAssign']): Promise<void> {
  const order = await dispatchOrder(ctx, payload.workOrderId);
  if (!order || order.status !== 'ready') return;
  if ((await getSetting(ctx.db, 'dispatch.autoDispatch', order.branchId)) !== 'on') return;
  const timeZone = await branchTimeZone(ctx, order.branchId);
  const rec = await computeRecommendation(ctx, order, defaultDay(ctx, order, timeZone));
  const top = rec.ranked[0];
  if (!top) return;
  const systemCtx: Ctx = { ...ctx, actor: systemActor(order.branchId, '自动派单', ['dispatcher']) };
  await assignWorkOrder(systemCtx, order.id, {
    technicianId: top.facts.technicianId,
    window: { start: top.facts.slot.start.toISOString(), end: top.facts.slot.end.toISOString() },
    version: order.version,
  });
}
