import { addressPoints } from '@server/modules/customers';
import { getSetting } from '@server/modules/identity';
import { type DispatchOrder, dispatchOrders } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import type { CertificateType } from '@shared/contracts/dispatch.contract';
import type { SkillCode } from '@shared/contracts/intake.contract';
import type { WorkOrderStatus } from '@shared/domain/work-order';
import {
  type AssignmentRow,
  activeAssignmentsBetween,
  type TechnicianBundle,
  technicianBundles,
} from '../dispatch.repository';
import { type CalendarException, type DayShift, shiftOn } from '../domain/calendar';
import type { CertificateFacts } from '../domain/certificates';
import { addDays, localDay, zonedTime } from '../domain/day-time';
import { pointOf } from '../domain/district-points';
import type { TechnicianDay } from '../domain/eligibility';
import type { SkillLevel } from '../domain/requirements';
import type { Booked } from '../domain/slots';
import { StraightLineTravel, type TravelModel } from '../domain/travel';

/** The travel model in use (a routing-service adapter can replace it here). */
export const travelModel: TravelModel = new StraightLineTravel();

export interface BookedAppointment extends Booked {
  assignment: AssignmentRow;
  order: DispatchOrder | null;
}

export interface TechnicianDayContext {
  bundle: TechnicianBundle;
  shift: DayShift;
  booked: BookedAppointment[];
  facts: TechnicianDay;
}

export interface DayContext {
  day: string;
  timeZone: string;
  branchId: string;
  dayStart: Date;
  dayEnd: Date;
  technicians: TechnicianDayContext[];
}

export async function branchTimeZone(ctx: Ctx, branchId: string): Promise<string> {
  return (await getSetting(ctx.db, 'branch.timeZone', branchId)) as string;
}

export function todayIn(ctx: Ctx, timeZone: string): string {
  return localDay(ctx.now, timeZone);
}

/** Map points of orders (the address's, else the district's centre). */
export async function orderPoints(ctx: Ctx, orders: readonly DispatchOrder[]) {
  const points = await addressPoints(
    ctx,
    orders.map((o) => o.addressId),
  );
  return new Map(orders.map((o) => [o.id, pointOf(points.get(o.addressId), o.district)]));
}

const OPEN_ON_DAY: readonly WorkOrderStatus[] = ['cancelled'];

/**
 * Everything the rules need for one branch and day: each technician's shift (pattern + approved calendar entries),
 * their active appointments with map points and orders, and the facts for eligibility. `excludeOrderId`: the
 * order being (re)assigned does not count against anyone's day.
 */
export async function loadDayContext(
  ctx: Ctx,
  input: { branchId: string; day: string; technicianIds?: readonly string[]; excludeOrderId?: string | null },
): Promise<DayContext> {
  const timeZone = await branchTimeZone(ctx, input.branchId);
  const dayStart = zonedTime(input.day, 0, timeZone);
  const dayEnd = zonedTime(addDays(input.day, 1), 0, timeZone);
  const bundles = await technicianBundles(
    ctx.db,
    { branchId: input.branchId, ...(input.technicianIds ? { ids: input.technicianIds } : {}) },
    { from: input.day, to: input.day },
  );
  const appointments = (
    await activeAssignmentsBetween(ctx.db, { technicianIds: bundles.map((b) => b.tech.userId) }, dayStart, dayEnd)
  ).filter((a) => a.workOrderId !== input.excludeOrderId);
  const orders = await dispatchOrders(ctx, [...new Set(appointments.map((a) => a.workOrderId))]);
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const points = await orderPoints(ctx, orders);
  const technicians = bundles.map((bundle): TechnicianDayContext => {
    const t = bundle.tech;
    const shift = shiftOn(
      input.day,
      { workDays: t.workDays, shiftStart: t.shiftStart, shiftEnd: t.shiftEnd },
      bundle.calendar.map((c) => c as CalendarException),
      timeZone,
    );
    const booked = appointments
      .filter((a) => a.technicianId === t.userId)
      .map((a) => {
        const order = orderById.get(a.workOrderId) ?? null;
        return {
          assignment: a,
          order,
          start: a.startAt,
          end: a.endAt,
          point: points.get(a.workOrderId) ?? null,
        };
      })
      .filter((b) => !b.order || !OPEN_ON_DAY.includes(b.order.status));
    const minutesPlanned = booked.reduce((s, b) => s + (b.end.getTime() - b.start.getTime()) / 60_000, 0);
    const facts: TechnicianDay = {
      active: t.active,
      skills: new Map(bundle.skills.map((s) => [s.skill as SkillCode, s.level as SkillLevel])),
      certificates: bundle.certificates.map(
        (c): CertificateFacts => ({ type: c.type as CertificateType, issuedOn: c.issuedOn, expiresOn: c.expiresOn }),
      ),
      working: shift.shift !== null,
      offReason: shift.offReason,
      jobsPlanned: booked.length,
      minutesPlanned: Math.round(minutesPlanned),
      maxJobsPerDay: t.maxJobsPerDay,
      maxMinutesPerDay: t.maxMinutesPerDay,
    };
    return { bundle, shift, booked, facts };
  });
  return { day: input.day, timeZone, branchId: input.branchId, dayStart, dayEnd, technicians };
}

/**
 * Adds an appointment booked in the running transaction to a loaded day (as `loadDayContext` would read it), so a
 * series of bookings is checked against the day as it fills up without reloading it each time.
 */
export function noteBooked(
  context: DayContext,
  a: AssignmentRow,
  order: DispatchOrder,
  point: BookedAppointment['point'],
): void {
  const tech = context.technicians.find((t) => t.bundle.tech.userId === a.technicianId);
  if (!tech) return;
  tech.booked.push({ assignment: a, order, start: a.startAt, end: a.endAt, point });
  const minutes = tech.booked.reduce((s, b) => s + (b.end.getTime() - b.start.getTime()) / 60_000, 0);
  tech.facts = { ...tech.facts, jobsPlanned: tech.booked.length, minutesPlanned: Math.round(minutes) };
}
