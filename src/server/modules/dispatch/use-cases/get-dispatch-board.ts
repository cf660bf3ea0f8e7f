import { dispatchQueue } from '@server/modules/intake';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { BoardQueueItem, BoardTechnician, DispatchBoard } from '@shared/contracts/dispatch.contract';
import { certificateState, worstState } from '../domain/certificates';
import { appointmentMinutes } from '../domain/requirements';
import { travelBefore } from '../domain/slots';
import { branchTimeZone, loadDayContext, orderPoints, todayIn, travelModel } from './day-context';

const LATE_STATUSES = ['assigned', 'accepted', 'en_route'];

/**
 * The board of one branch and day: each technician's appointments in time order with the travel before each, the
 * late ones (past the window end without arriving, or an ETA past it), and the queue of ready orders.
 */
export async function getDispatchBoard(
  ctx: Ctx,
  query: {
    date?: string | undefined;
    branchId?: string | undefined;
    skill?: string | undefined;
    district?: string | undefined;
  },
  tileUrl: string,
): Promise<DispatchBoard> {
  const actor = requireActor(ctx.actor);
  const branchId = actor.companyWide ? (query.branchId ?? actor.branchId) : actor.branchId;
  if (!branchId)
    throw AppError.field('branchId', 'required', ctx.request.locale === 'zh-CN' ? '请选择网点' : 'Choose a branch');
  if (!actor.companyWide && query.branchId && query.branchId !== actor.branchId) throw new AppError('NOT_FOUND');
  const timeZone = await branchTimeZone(ctx, branchId);
  const today = todayIn(ctx, timeZone);
  const date = query.date ?? today;
  const day = await loadDayContext(ctx, { branchId, day: date });
  const technicians: BoardTechnician[] = day.technicians
    .filter((t) => t.bundle.tech.active)
    .filter((t) => !query.skill || t.bundle.skills.some((s) => s.skill === query.skill))
    .map((t) => {
      const tech = t.bundle.tech;
      const home = { lat: tech.homeLat, lng: tech.homeLng };
      const sorted = [...t.booked].sort((a, b) => a.start.getTime() - b.start.getTime());
      const travel = travelBefore(sorted, home, travelModel);
      const states = t.bundle.certificates.map((c) => certificateState(c.expiresOn, today));
      return {
        id: tech.userId,
        name: tech.name,
        staffNo: tech.staffNo,
        skills: t.bundle.skills.map((s) => ({ skill: s.skill as never, level: s.level as 1 | 2 | 3 })),
        shift: t.shift.shift
          ? { start: t.shift.shift.start.toISOString(), end: t.shift.shift.end.toISOString() }
          : null,
        offReason: t.shift.offReason,
        home,
        lastPosition:
          tech.lastLat !== null && tech.lastLng !== null && tech.lastPositionAt
            ? { lat: tech.lastLat, lng: tech.lastLng, at: tech.lastPositionAt.toISOString() }
            : null,
        certificateState: worstState(states),
        minutesPlanned: t.facts.minutesPlanned,
        maxJobsPerDay: tech.maxJobsPerDay,
        maxMinutesPerDay: tech.maxMinutesPerDay,
        appointments: sorted
          .filter((b) => !query.district || b.order?.district === query.district)
          .map((b, i) => {
            const a = b.assignment;
            const status = b.order?.status ?? 'assigned';
            const late =
              (a.etaAt !== null && a.etaAt > a.endAt) || (LATE_STATUSES.includes(status) && ctx.now > a.endAt);
            return {
              assignmentId: a.id,
              assignmentVersion: a.version,
              workOrderId: a.workOrderId,
              workOrderNumber: a.workOrderNumber,
              workOrderVersion: b.order?.version ?? 0,
              workOrderStatus: status,
              state: a.state as BoardTechnician['appointments'][number]['state'],
              priority: b.order?.priority ?? 'normal',
              faultCategory: b.order?.faultCategory ?? 'maintenance',
              district: b.order?.district ?? '',
              window: { start: a.startAt.toISOString(), end: a.endAt.toISOString() },
              etaAt: a.etaAt ? a.etaAt.toISOString() : null,
              late,
              contacted: a.contactedAt !== null,
              travelMinutesBefore: travel[i] ?? 0,
              point: b.point,
            };
          }),
      } as BoardTechnician;
    });
  const { orders, breached, openAlerts } = await dispatchQueue(ctx, branchId);
  const points = await orderPoints(ctx, orders);
  const queue: BoardQueueItem[] = orders
    .filter((o) => !query.district || o.district === query.district)
    .filter((o) => !query.skill || o.requiredSkills.includes(query.skill as never))
    .map((o) => ({
      workOrderId: o.id,
      workOrderNumber: o.number,
      workOrderVersion: o.version,
      status: o.status,
      priority: o.priority,
      faultCategory: o.faultCategory,
      description: o.description,
      district: o.district,
      requiredSkills: o.requiredSkills,
      durationMinutes: appointmentMinutes(o.standardMinutes),
      preferredWindow: o.preferredWindow
        ? { start: o.preferredWindow.start.toISOString(), end: o.preferredWindow.end.toISOString() }
        : null,
      breached: breached.has(o.id),
      readySince: o.statusChangedAt.toISOString(),
      point: points.get(o.id) ?? null,
    }))
    .sort(
      (a, b) =>
        Number(b.breached) - Number(a.breached) ||
        (a.priority === 'urgent' ? -1 : 0) - (b.priority === 'urgent' ? -1 : 0) ||
        a.readySince.localeCompare(b.readySince),
    );
  return {
    date,
    branchId,
    timeZone,
    technicians,
    queue,
    openAlerts,
    tileUrl,
    generatedAt: ctx.now.toISOString(),
  };
}
