import { technicianFacts } from '@server/modules/dispatch';
import type { StatusChange, WorkOrderRow } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { cancelJob } from '@server/platform/jobs/jobs';
import { insertVisit, lockCurrentVisitOfOrder, nextVisitNo, type VisitRow } from '../field.repository';
import { appendOfficeRow } from './visit-support';

export const repairClockKey = (visitId: string) => `field:repair:${visitId}`;

/** A new visit of the order's assigned technician for its appointment (the hook on assign / reassign). */
export async function openVisitForOrder(
  tx: Ctx,
  order: Pick<
    WorkOrderRow,
    | 'id'
    | 'number'
    | 'branchId'
    | 'customerId'
    | 'unitId'
    | 'assigneeId'
    | 'assigneeName'
    | 'appointmentStart'
    | 'appointmentEnd'
  >,
): Promise<VisitRow | null> {
  if (!order.assigneeId) return null;
  const facts = await technicianFacts(tx, order.assigneeId);
  return insertVisit(tx.db, {
    workOrderId: order.id,
    workOrderNumber: order.number,
    branchId: order.branchId,
    customerId: order.customerId,
    unitId: order.unitId,
    visitNo: await nextVisitNo(tx.db, order.id),
    kind: 'first',
    technicianId: order.assigneeId,
    technicianName: facts?.name ?? order.assigneeName ?? '',
    technicianStaffNo: facts?.staffNo ?? '',
    status: 'open',
    windowStart: order.appointmentStart,
    windowEnd: order.appointmentEnd,
    createdAt: tx.now,
    updatedAt: tx.now,
  });
}

/**
 * Ends the order's open (or proposed) visit: `withdrawn` when the order went to another appointment or back to the
 * queue, `cancelled` with the order. Written as a log row (the phone's queued steps then conflict) and its repair
 * clock is stopped.
 */
export async function closeCurrentVisit(
  tx: Ctx,
  workOrderId: string,
  status: 'withdrawn' | 'cancelled',
  reason: string,
): Promise<VisitRow | null> {
  const visit = await lockCurrentVisitOfOrder(tx.db, workOrderId);
  if (!visit) return null;
  await cancelJob(tx.db, tx.now, repairClockKey(visit.id));
  return appendOfficeRow(
    tx,
    visit,
    { step: 'closed', reason, data: { status }, source: tx.actor ? 'office' : 'system' },
    { status, endReason: reason, finishedAt: tx.now },
  );
}

/**
 * The field module's reactions to an order's status change, inside intake's transaction (registered in index.ts):
 * an assignment opens the technician's visit; a reassignment withdraws the current visit and opens the new one; an
 * order taken back to the queue withdraws it; a cancelled order cancels it. The field module's own transitions
 * (depart, arrive, diagnose, consent, wait for parts, resume, complete) are handled where they are made.
 */
export async function onOrderStatusChange(tx: Ctx, change: StatusChange): Promise<void> {
  const { order, to, event } = change;
  if (event === 'assign' || event === 'reassign') {
    if (event === 'reassign') await closeCurrentVisit(tx, order.id, 'withdrawn', 'reassigned');
    await openVisitForOrder(tx, order);
  } else if (event === 'reject' || event === 'unassign') {
    await closeCurrentVisit(tx, order.id, 'withdrawn', event === 'reject' ? 'declined' : 'unassigned');
  } else if (to === 'cancelled') {
    await closeCurrentVisit(tx, order.id, 'cancelled', 'order cancelled');
  }
}
