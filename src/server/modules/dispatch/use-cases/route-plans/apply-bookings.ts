import { dispatchOrders } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { AppError, isAppError } from '@server/platform/errors';
import { type AssignmentRow, lockActiveAssignmentOfOrder } from '../../dispatch.repository';
import {
  type AssignResult,
  bookAppointment,
  checkBooking,
  checkWindow,
  endAppointment,
  lockTechnicians,
} from '../assign-work-order';
import { loadDayContext, noteBooked, orderPoints } from '../day-context';
import { type Booking, fingerprintChanges, readyOrderIds } from '../route-plan-model';
import { currentFingerprint } from './planning-day';

/** Why an apply found the day changed (AppError CONFLICT details.reason). */
export const DAY_CHANGED = 'day_changed';

export interface ApplyBookingsInput {
  branchId: string;
  day: string;
  /** The versions the bookings were computed from (route-plan-model `fingerprintOf`). */
  fingerprint: string;
  bookings: readonly Booking[];
  /** The reason written on the moved orders' timelines (reassign). */
  reason: string;
  /** Kept on appointments that do not go to the top recommendation. */
  overrideReason: string;
  /** Added to each order's timeline entry (which plan, or insert now). */
  details: Record<string, unknown>;
}

/**
 * Makes a proposal's changes in the caller's transaction, through the assignment use case's own steps: the
 * technicians concerned are locked (in id order), the day is compared with the one the proposal was computed from
 * (any difference: 409 CONFLICT `day_changed` with the changes), the appointments that move are ended first (so
 * that a visit may take a slot another one leaves), then every booking is checked by the assignment rules on the
 * day as it fills up and booked (life cycle, exclusion constraint, clocks, technician and customer told). Any rule
 * that fails means the day changed underneath: CONFLICT `day_changed`, and the caller's transaction rolls back —
 * never half applied.
 */
export async function applyBookings(
  tx: Ctx,
  input: ApplyBookingsInput,
): Promise<(AssignResult & { row: AssignmentRow })[]> {
  const changed = (details: Record<string, unknown>) => new AppError('CONFLICT', { reason: DAY_CHANGED, ...details });
  const techs = await lockTechnicians(
    tx,
    input.bookings.flatMap((b) => [b.technicianId, ...(b.previousTechnicianId ? [b.previousTechnicianId] : [])]),
  );
  const now = await currentFingerprint(tx, input.branchId, input.day, readyOrderIds(input.fingerprint));
  if (now !== input.fingerprint) throw changed({ changes: fingerprintChanges(input.fingerprint, now) });
  try {
    const current = new Map<string, AssignmentRow>();
    for (const b of input.bookings) {
      if (b.mode !== 'reassign') continue;
      const a = await lockActiveAssignmentOfOrder(tx.db, b.workOrderId);
      if (!a || a.id !== b.assignmentId || a.version !== b.assignmentVersion) {
        throw changed({ changes: [{ workOrderId: b.workOrderId, change: 'appointment_changed' }] });
      }
      current.set(b.workOrderId, a);
    }
    for (const a of current.values()) await endAppointment(tx, a, input.reason);
    const context = await loadDayContext(tx, { branchId: input.branchId, day: input.day });
    const orders = new Map(
      (await dispatchOrders(tx, [...new Set(input.bookings.map((b) => b.workOrderId))])).map((o) => [o.id, o]),
    );
    const points = await orderPoints(tx, [...orders.values()]);
    const out: (AssignResult & { row: AssignmentRow })[] = [];
    for (const b of input.bookings) {
      const order = orders.get(b.workOrderId);
      if (!order) throw changed({ changes: [{ workOrderId: b.workOrderId, change: 'order_changed' }] });
      const start = new Date(b.start);
      const end = new Date(b.end);
      checkWindow(tx, start, end);
      const mode = b.mode;
      const checked = await checkBooking(
        tx,
        { order, tech: techs.get(b.technicianId) ?? null, start, end, mode, version: b.workOrderVersion },
        context,
      );
      const booked = await bookAppointment(tx, {
        order,
        tech: checked.tech,
        start,
        end,
        mode,
        version: b.workOrderVersion,
        reason: input.reason,
        overrideReason: input.overrideReason,
        auditOverride: false,
        details: input.details,
        current: current.get(order.id) ?? null,
        top: checked.top,
        timeZone: checked.timeZone,
      });
      noteBooked(context, booked.row, order, points.get(order.id) ?? null);
      out.push(booked);
    }
    return out;
  } catch (err) {
    if (!isAppError(err) || (err.code === 'CONFLICT' && err.details?.reason === DAY_CHANGED)) throw err;
    if (
      ![
        'NOT_ELIGIBLE',
        'DOUBLE_BOOKED',
        'VERSION_CONFLICT',
        'ILLEGAL_TRANSITION',
        'VALIDATION_FAILED',
        'CONFLICT',
        'NOT_FOUND',
      ].includes(err.code)
    ) {
      throw err;
    }
    // A rule of the assignment refused one booking: something changed since the proposal was computed.
    throw changed({ changes: [], cause: { code: err.code, ...(err.details ?? {}) } });
  }
}
