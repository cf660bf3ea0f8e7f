import { dispatchOrder } from '@server/modules/intake';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import { sqlState } from '@server/platform/http/db-errors';
import type { Assignment } from '@shared/contracts/dispatch.contract';
import { insertAssignment, lockActiveAssignmentOfOrder } from '../dispatch.repository';
import { toAssignment } from '../dispatch.views';
import { endAppointment, lockTechnicians } from './assign-work-order';
import { emitChange, tellTechnicianAssigned, windowText } from './assignment-support';
import { branchTimeZone } from './day-context';

/**
 * Books the follow-up visit of an order that waited for parts (the field module confirms it, in its transaction):
 * the order's earlier appointment ends (`replaced`, "follow-up visit") and a new one of the same technician is
 * inserted for the new window, already `accepted` (the technician proposed it). The exclusion constraint on
 * appointments refuses an overlap with the technician's other appointments — DOUBLE_BOOKED, nothing changed — so a
 * follow-up can never double-book, whatever raced with it. The technician is told; the board hears of it. No contact
 * or arrival clock starts: the follow-up's contact and arrival are steps of its visit (field), with their own clocks.
 */
export async function bookFollowUpAppointment(
  tx: Ctx,
  input: { workOrderId: string; technicianId: string; start: Date; end: Date },
): Promise<Assignment> {
  const actor = requireActor(tx.actor);
  const locked = await lockTechnicians(tx, [input.technicianId]);
  const tech = locked.get(input.technicianId);
  const order = await dispatchOrder(tx, input.workOrderId);
  if (!order) throw new AppError('NOT_FOUND');
  if (!tech || tech.branchId !== order.branchId) {
    throw AppError.field(
      'technicianId',
      'not_in_branch',
      tx.request.locale === 'zh-CN' ? '该工程师不属于此工单的网点' : 'The technician is not of the order’s branch',
    );
  }
  const current = await lockActiveAssignmentOfOrder(tx.db, order.id);
  if (current) await endAppointment(tx, current, 'follow-up visit');
  let row: Awaited<ReturnType<typeof insertAssignment>>;
  try {
    row = await insertAssignment(tx.db, {
      workOrderId: order.id,
      workOrderNumber: order.number,
      technicianId: tech.userId,
      branchId: order.branchId,
      startAt: input.start,
      endAt: input.end,
      state: 'accepted',
      active: true,
      acceptedAt: tx.now,
      assignedBy: actor.userId,
      assignedByName: actor.displayName,
      createdAt: tx.now,
      updatedAt: tx.now,
    });
  } catch (err) {
    if (sqlState(err) === '23P01') throw new AppError('DOUBLE_BOOKED', { technicianId: tech.userId });
    throw err;
  }
  const timeZone = await branchTimeZone(tx, order.branchId);
  await tellTechnicianAssigned(tx, tech, order, windowText(input.start, input.end, timeZone));
  emitChange(tx, row, 'assigned', current?.technicianId ?? null);
  return toAssignment(row, tech);
}
