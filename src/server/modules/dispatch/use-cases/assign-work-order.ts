import { writeAudit } from '@server/modules/identity';
import { changeWorkOrderStatus, type DispatchOrder } from '@server/modules/intake';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import { sqlState } from '@server/platform/http/db-errors';
import type { Assignment } from '@shared/contracts/dispatch.contract';
import type { WorkOrderStatus } from '@shared/domain/work-order';
import {
  type AssignmentRow,
  insertAssignment,
  latestAssignmentsOfOrders,
  lockActiveAssignmentOfOrder,
  lockTechnician,
  type TechnicianRow,
  updateAssignment,
} from '../dispatch.repository';
import { toAssignment } from '../dispatch.views';
import { localDay } from '../domain/day-time';
import {
  emitChange,
  startClocks,
  stopClocks,
  tellCustomerAssigned,
  tellTechnicianAssigned,
  tellTechnicianWithdrawn,
  windowText,
} from './assignment-support';
import { branchTimeZone, type DayContext, todayIn } from './day-context';
import { ASSIGNABLE, computeRecommendation, loadOrderFor, reasonsOf } from './recommend-technicians';

export interface AssignInput {
  technicianId: string;
  window: { start: string; end: string };
  version: number;
  overrideReason?: string | undefined;
  /** Reassignment only: why the appointment moves. */
  reason?: string | undefined;
}

export interface AssignResult {
  assignment: Assignment;
  workOrderVersion: number;
  workOrderStatus: WorkOrderStatus;
}

const MIN = 60_000;

function zh(ctx: Ctx): boolean {
  return ctx.request.locale === 'zh-CN';
}

/** An appointment lasts 30 minutes to 10 hours and does not start in the past. */
export function checkWindow(ctx: Ctx, start: Date, end: Date): void {
  const minutes = (end.getTime() - start.getTime()) / MIN;
  if (!(minutes >= 30 && minutes <= 600)) {
    throw AppError.field(
      'window.end',
      'length',
      zh(ctx) ? '预约时段应在 30 分钟到 10 小时之间' : 'The window must last between 30 minutes and 10 hours',
    );
  }
  if (start.getTime() < ctx.now.getTime() - 5 * MIN) {
    throw AppError.field(
      'window.start',
      'past',
      zh(ctx) ? '预约开始时间不能早于现在' : 'The window cannot start in the past',
    );
  }
}

/**
 * Assigns (or, with `mode: 'reassign'`, moves) an order to a technician for a window, in one transaction:
 * the technician row is locked first (assignments of one technician are serialised), the rules are checked on the
 * day's data (eligible, inside the shift, an override reason when not the top recommendation), the order moves
 * through intake's life cycle (version checked), and the appointment is inserted — the database's exclusion
 * constraint refuses an overlap with DOUBLE_BOOKED whatever raced with us. Clocks start; technician and customer
 * are told through the outbox; the board hears of it after commit. The steps are exported for route plans, which
 * make many such changes in one transaction (use-cases/route-plans/apply-bookings.ts).
 */
export async function assignWorkOrder(
  ctx: Ctx,
  workOrderId: string,
  input: AssignInput,
  mode: 'assign' | 'reassign' = 'assign',
): Promise<AssignResult> {
  requireActor(ctx.actor);
  const start = new Date(input.window.start);
  const end = new Date(input.window.end);
  checkWindow(ctx, start, end);
  return withTransaction(ctx, async (tx) => {
    // A reassignment touches two technicians' days: both are locked, in one fixed order, so two moves in opposite
    // directions queue up (and get DOUBLE_BOOKED) instead of deadlocking on each other's appointments.
    const previousTech =
      mode === 'reassign'
        ? ((await latestAssignmentsOfOrders(tx.db, [workOrderId])).find((a) => a.active)?.technicianId ?? null)
        : null;
    const locked = await lockTechnicians(tx, [input.technicianId, previousTech ?? input.technicianId]);
    const tech = locked.get(input.technicianId) ?? null;
    const order = await loadOrderFor(tx, workOrderId);
    const checked = await checkBooking(tx, { order, tech, start, end, mode, version: input.version });
    const current = mode === 'reassign' ? await lockActiveAssignmentOfOrder(tx.db, order.id) : null;
    const changesTechnician = !current || current.technicianId !== checked.tech.userId;
    if (changesTechnician && checked.top !== checked.tech.userId && !input.overrideReason) {
      throw AppError.field(
        'overrideReason',
        'required',
        zh(tx)
          ? '所选工程师不是系统首选，请填写改选原因'
          : 'This technician is not the top recommendation: give a reason',
      );
    }
    if (current) await endAppointment(tx, current, input.reason ?? null);
    const booked = await bookAppointment(tx, {
      order,
      tech: checked.tech,
      start,
      end,
      mode,
      version: input.version,
      reason: input.reason,
      overrideReason: input.overrideReason,
      auditOverride: true,
      current,
      top: checked.top,
      timeZone: checked.timeZone,
    });
    return {
      assignment: booked.assignment,
      workOrderVersion: booked.workOrderVersion,
      workOrderStatus: booked.workOrderStatus,
    };
  });
}

/** Locks technician rows in one fixed order (by id); returns the rows found. */
export async function lockTechnicians(tx: Ctx, ids: readonly string[]): Promise<Map<string, TechnicianRow>> {
  const out = new Map<string, TechnicianRow>();
  for (const id of [...new Set(ids)].sort()) {
    const row = await lockTechnician(tx.db, id);
    if (row) out.set(id, row);
  }
  return out;
}

export interface BookingCheck {
  tech: TechnicianRow;
  /** The top recommendation for the order that day (null when nobody is eligible). */
  top: string | null;
  timeZone: string;
  day: string;
}

/**
 * The rules of one appointment, on the day's data inside the caller's transaction (technicians locked): the
 * technician is of the order's branch, the order can be (re)assigned at this version, the day is not past, the
 * technician is eligible (every rule of DOMAIN.md "Dispatch rules") and the window lies inside their shift.
 * `context`: the day already loaded (without this order's appointment), when many bookings are checked in a row.
 */
export async function checkBooking(
  tx: Ctx,
  b: {
    order: DispatchOrder;
    tech: TechnicianRow | null;
    start: Date;
    end: Date;
    mode: 'assign' | 'reassign';
    version: number;
  },
  context?: DayContext,
): Promise<BookingCheck> {
  const { order, tech, start, end, mode } = b;
  if (!tech || tech.branchId !== order.branchId) {
    throw AppError.field(
      'technicianId',
      'not_found',
      zh(tx) ? '该工程师不在此工单的网点' : 'No such technician in the order’s branch',
    );
  }
  const legal =
    mode === 'assign' ? order.status === 'ready' : ASSIGNABLE.includes(order.status) && order.status !== 'ready';
  if (!legal) throw new AppError('ILLEGAL_TRANSITION', { from: order.status, event: mode });
  if (order.version !== b.version) throw new AppError('VERSION_CONFLICT', { currentVersion: order.version });

  const timeZone = await branchTimeZone(tx, order.branchId);
  const day = localDay(start, timeZone);
  if (day < todayIn(tx, timeZone)) throw AppError.field('window.start', 'past', 'past day');
  const rec = await computeRecommendation(tx, order, day, context ? { context } : {});
  const chosen = rec.ranked.find((c) => c.tech.bundle.tech.userId === tech.userId);
  const blocked = rec.ineligible.find((i) => i.tech.bundle.tech.userId === tech.userId);
  if (!chosen) {
    const failures = blocked?.failures ?? [];
    // "No slot" means the earliest-slot search found no gap; an explicit window may still fit (checked below).
    if (!(failures.length === 1 && failures[0]?.code === 'no_slot')) {
      throw new AppError('NOT_ELIGIBLE', {
        technicianId: tech.userId,
        reasons: failures.map((f) => reasonsOf(f, tx.request.locale)),
      });
    }
  }
  const dayCtx = (chosen ?? blocked)?.tech;
  const shift = dayCtx?.shift.shift;
  if (!shift || start < shift.start || end > shift.end) {
    throw new AppError('NOT_ELIGIBLE', {
      technicianId: tech.userId,
      reasons: [
        {
          code: 'outside_shift',
          params: {},
          text: zh(tx) ? '预约时段不在该工程师当天的班次内' : 'The window is outside the technician’s shift that day',
        },
      ],
    });
  }
  return { tech, top: rec.ranked[0]?.tech.bundle.tech.userId ?? null, timeZone, day };
}

/** Ends an appointment that is being replaced (a move): inactive, its clocks stopped. */
export async function endAppointment(tx: Ctx, current: AssignmentRow, reason: string | null): Promise<void> {
  const ended = await updateAssignment(tx.db, current.id, current.version, {
    state: 'replaced',
    active: false,
    endReason: reason,
    endedAt: tx.now,
    updatedAt: tx.now,
  });
  if (!ended) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
  await stopClocks(tx, current.id, ['contact', 'arrival', 'overrun']);
}

export interface BookInput {
  order: DispatchOrder;
  tech: TechnicianRow;
  start: Date;
  end: Date;
  mode: 'assign' | 'reassign';
  version: number;
  reason?: string | undefined;
  /** Kept on the appointment when the technician is not the top recommendation. */
  overrideReason?: string | undefined;
  /** Write a `dispatch.override` audit row for it (a person's override; a route plan audits once for all). */
  auditOverride: boolean;
  /** More for the order's timeline entry (e.g. which route plan made the change). */
  details?: Record<string, unknown>;
  /** The appointment this one replaces (already ended by endAppointment). */
  current: AssignmentRow | null;
  top: string | null;
  timeZone: string;
}

/**
 * Books a checked appointment: the order moves through intake's life cycle (assign / reassign, version checked), the
 * appointment is inserted (the exclusion constraint refuses an overlap: DOUBLE_BOOKED), its clocks start, the
 * technician(s) and the customer are told, and the board hears of it after commit.
 */
export async function bookAppointment(tx: Ctx, b: BookInput): Promise<AssignResult & { row: AssignmentRow }> {
  const actor = requireActor(tx.actor);
  const { order, tech, start, end, mode, current, top } = b;
  const changesTechnician = !current || current.technicianId !== tech.userId;
  const override = changesTechnician && top !== tech.userId ? (b.overrideReason ?? null) : null;
  // A person's reason is kept on the timeline as given; a plan's only where it overrides the ranking.
  const shownReason = b.auditOverride ? b.overrideReason : (override ?? undefined);
  const after = await changeWorkOrderStatus(tx, {
    workOrderId: order.id,
    version: b.version,
    event: mode === 'assign' ? { type: 'assign' } : { type: 'reassign', reason: b.reason ?? '' },
    details: {
      technicianId: tech.userId,
      technicianName: tech.name,
      window: { start: start.toISOString(), end: end.toISOString() },
      ...(shownReason ? { overrideReason: shownReason } : {}),
      ...(current ? { previousTechnicianId: current.technicianId } : {}),
      ...b.details,
    },
    patch: { assigneeId: tech.userId, assigneeName: tech.name, appointmentStart: start, appointmentEnd: end },
  });

  let row: AssignmentRow;
  try {
    row = await insertAssignment(tx.db, {
      workOrderId: order.id,
      workOrderNumber: order.number,
      technicianId: tech.userId,
      branchId: order.branchId,
      startAt: start,
      endAt: end,
      state: 'assigned',
      active: true,
      overrideReason: override,
      recommendedTechnicianId: top,
      assignedBy: actor.userId,
      assignedByName: actor.displayName,
      createdAt: tx.now,
      updatedAt: tx.now,
    });
  } catch (err) {
    const state = sqlState(err);
    if (state === '23P01') throw new AppError('DOUBLE_BOOKED', { technicianId: tech.userId });
    if (state === '23505') throw new AppError('VERSION_CONFLICT', { currentVersion: order.version });
    throw err;
  }

  await startClocks(tx, row);
  const text = windowText(start, end, b.timeZone);
  await tellTechnicianAssigned(tx, tech, order, text);
  if (current && current.technicianId !== tech.userId) {
    await tellTechnicianWithdrawn(tx, current.technicianId, order, b.reason ?? '');
  }
  await tellCustomerAssigned(tx, order, tech, text);
  if (b.auditOverride && override) {
    await writeAudit(tx, {
      action: 'dispatch.override',
      objectType: 'work_order',
      objectId: order.id,
      details: { technicianId: tech.userId, recommended: top, reason: override },
    });
  }
  emitChange(tx, row, mode === 'assign' ? 'assigned' : 'reassigned', current?.technicianId ?? null);
  return {
    assignment: toAssignment(row, tech),
    workOrderVersion: after.version,
    workOrderStatus: after.status as WorkOrderStatus,
    row,
  };
}

/** Takes an order back from its technician: the appointment ends, the order returns to the queue (ready). */
export async function unassignWorkOrder(
  ctx: Ctx,
  workOrderId: string,
  input: { version: number; reason: string },
): Promise<{ workOrderVersion: number; workOrderStatus: WorkOrderStatus }> {
  requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const order = await loadOrderFor(tx, workOrderId);
    const current = await lockActiveAssignmentOfOrder(tx.db, order.id);
    const after = await changeWorkOrderStatus(tx, {
      workOrderId: order.id,
      version: input.version,
      event: { type: 'unassign', reason: input.reason },
      patch: { assigneeId: null, assigneeName: null, appointmentStart: null, appointmentEnd: null },
    });
    if (current) {
      const ended = await updateAssignment(tx.db, current.id, current.version, {
        state: 'unassigned',
        active: false,
        endReason: input.reason,
        endedAt: tx.now,
        updatedAt: tx.now,
      });
      if (ended) {
        await stopClocks(tx, current.id, ['contact', 'arrival', 'overrun']);
        await tellTechnicianWithdrawn(tx, current.technicianId, order, input.reason);
        emitChange(tx, ended, 'unassigned');
      }
    }
    return { workOrderVersion: after.version, workOrderStatus: after.status as WorkOrderStatus };
  });
}
