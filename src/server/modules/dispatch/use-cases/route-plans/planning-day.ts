import { type DispatchOrder, dispatchOrders, dispatchQueue } from '@server/modules/intake';
import { requireActor } from '@server/platform/access';
import type { Actor, Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { AssignmentRow } from '../../dispatch.repository';
import { localDay } from '../../domain/day-time';
import type { Point } from '../../domain/travel';
import { type DayContext, loadDayContext, orderPoints, travelModel } from '../day-context';
import { jobNeeds } from '../recommend-technicians';
import {
  type DayModelInput,
  fingerprintOf,
  isConfirmed,
  type ModelAppointment,
  type ModelOrder,
  type ModelTechnician,
} from '../route-plan-model';

/** An order as the route-plan model sees it (`point`: its map point, or its district's centre). */
export function toModelOrder(order: DispatchOrder, point: Point | null, day: string): ModelOrder {
  return {
    id: order.id,
    number: order.number,
    version: order.version,
    status: order.status,
    priority: order.priority,
    district: order.district,
    preferredWindow: order.preferredWindow,
    needs: jobNeeds(order, day),
    point,
  };
}

/** An appointment whose order could not be read: kept as it is (confirmed), so nothing is planned over it. */
function placeholderOrder(a: AssignmentRow, point: Point | null, day: string): ModelOrder {
  return {
    id: a.workOrderId,
    number: a.workOrderNumber,
    version: 0,
    status: null,
    priority: 'normal',
    district: '',
    preferredWindow: null,
    needs: {
      day,
      skills: [],
      certificates: [],
      durationMinutes: Math.round((a.endAt.getTime() - a.startAt.getTime()) / 60_000),
    },
    point,
  };
}

/** The branch a dispatcher plans: their own; a company-wide role names one (another branch → 404). */
export function planningBranch(ctx: Ctx, actor: Actor, asked: string | undefined): string {
  if (!actor.companyWide && asked && asked !== actor.branchId) throw new AppError('NOT_FOUND');
  const branchId = actor.companyWide ? (asked ?? actor.branchId) : actor.branchId;
  if (!branchId) {
    throw AppError.field('branchId', 'required', ctx.request.locale === 'zh-CN' ? '请选择网点' : 'Choose a branch');
  }
  return branchId;
}

/** A ready order belongs to a day unless the customer asked for a later day. */
export function readyOnDay(order: DispatchOrder, day: string, timeZone: string): boolean {
  return !order.preferredWindow || localDay(order.preferredWindow.start, timeZone) <= day;
}

/** The appointments of a loaded day as the model sees them (confirmed or not). */
function appointmentsOf(ctx: Ctx, context: DayContext): ModelAppointment[] {
  const out: ModelAppointment[] = [];
  for (const t of context.technicians) {
    for (const b of t.booked) {
      const a = b.assignment;
      out.push({
        assignmentId: a.id,
        assignmentVersion: a.version,
        technicianId: a.technicianId,
        start: a.startAt,
        end: a.endAt,
        confirmed:
          !b.order ||
          isConfirmed({ contactedAt: a.contactedAt, orderStatus: b.order.status, start: a.startAt }, ctx.now),
        order: b.order ? toModelOrder(b.order, b.point, context.day) : placeholderOrder(a, b.point, context.day),
      });
    }
  }
  return out;
}

/**
 * One read of a branch's day for the route-plan model: technicians (shifts, skills, certificates, capacity), every
 * active appointment with its order and map point, and (`withReady`) the ready orders that belong to the day.
 */
export async function loadPlanningInput(
  ctx: Ctx,
  opts: { branchId: string; day: string; objective: DayModelInput['objective']; withReady: boolean },
): Promise<{ input: DayModelInput; context: DayContext; readyOrders: DispatchOrder[] }> {
  requireActor(ctx.actor);
  const context = await loadDayContext(ctx, { branchId: opts.branchId, day: opts.day });
  const readyOrders = opts.withReady
    ? (await dispatchQueue(ctx, opts.branchId)).orders.filter((o) => readyOnDay(o, opts.day, context.timeZone))
    : [];
  const points = await orderPoints(ctx, readyOrders);
  const technicians: ModelTechnician[] = context.technicians.map((t) => ({
    id: t.bundle.tech.userId,
    name: t.bundle.tech.name,
    staffNo: t.bundle.tech.staffNo,
    home: { lat: t.bundle.tech.homeLat, lng: t.bundle.tech.homeLng },
    shift: t.shift.shift,
    facts: t.facts,
  }));
  const input: DayModelInput = {
    day: opts.day,
    timeZone: context.timeZone,
    now: ctx.now,
    technicians,
    ready: readyOrders.map((o) => toModelOrder(o, points.get(o.id) ?? null, opts.day)),
    appointments: appointmentsOf(ctx, context),
    travel: travelModel,
    objective: opts.objective,
  };
  return { input, context, readyOrders };
}

/** The fingerprint of the day as it is now (inside the applying transaction), over the same ready orders. */
export async function currentFingerprint(
  tx: Ctx,
  branchId: string,
  day: string,
  readyIds: readonly string[],
): Promise<string> {
  const context = await loadDayContext(tx, { branchId, day });
  const ready = readyIds.length ? await dispatchOrders(tx, readyIds) : [];
  return fingerprintOf({
    appointments: context.technicians.flatMap((t) =>
      t.booked.map((b) => ({
        assignmentId: b.assignment.id,
        assignmentVersion: b.assignment.version,
        order: { id: b.assignment.workOrderId, version: b.order?.version ?? 0 },
      })),
    ),
    ready: ready.filter((o) => o.status === 'ready').map((o) => ({ id: o.id, version: o.version })),
  });
}
