import { getContact } from '@server/modules/customers';
import { getSetting } from '@server/modules/identity';
import { type DispatchOrder, notifyCustomer, trackingUrlForNumber } from '@server/modules/intake';
import { enqueueMessage } from '@server/modules/notify';
import type { Ctx } from '@server/platform/context';
import { cancelJob, scheduleJob } from '@server/platform/jobs/jobs';
import { isMobile } from '@shared/domain/phone';
import type { AssignmentChange } from '../dispatch.events';
import type { AssignmentRow, TechnicianRow } from '../dispatch.repository';

export const clockKey = (clock: 'contact' | 'arrival', assignmentId: string) => `dispatch:${clock}:${assignmentId}`;
export const overrunKey = (assignmentId: string) => `dispatch:overrun:${assignmentId}`;

/** "11月27日 14:00–15:30" in the branch's zone. */
export function windowText(start: Date, end: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('zh-CN', { timeZone, month: 'numeric', day: 'numeric' }).format(start);
  const hm = (d: Date) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return `${day} ${hm(start)}-${hm(end)}`;
}

export function timeText(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** Starts the appointment's clocks: contact (sla.contactMinutes), arrival (window end), overrun check (window end). */
export async function startClocks(tx: Ctx, a: AssignmentRow): Promise<void> {
  const minutes = (await getSetting(tx.db, 'sla.contactMinutes', a.branchId)) as number;
  const contactDue = new Date(tx.now.getTime() + minutes * 60_000);
  await scheduleJob(tx.db, tx.now, {
    kind: 'dispatch.clock',
    payload: { assignmentId: a.id, clock: 'contact', dueAt: contactDue.toISOString() },
    runAt: contactDue,
    dedupeKey: clockKey('contact', a.id),
  });
  await scheduleJob(tx.db, tx.now, {
    kind: 'dispatch.clock',
    payload: { assignmentId: a.id, clock: 'arrival', dueAt: a.endAt.toISOString() },
    runAt: a.endAt,
    dedupeKey: clockKey('arrival', a.id),
  });
  await scheduleJob(tx.db, tx.now, {
    kind: 'dispatch.overrunCheck',
    payload: { assignmentId: a.id },
    runAt: a.endAt,
    dedupeKey: overrunKey(a.id),
  });
}

export async function stopClocks(tx: Ctx, assignmentId: string, which: ('contact' | 'arrival' | 'overrun')[]) {
  for (const w of which) {
    await cancelJob(tx.db, tx.now, w === 'overrun' ? overrunKey(assignmentId) : clockKey(w, assignmentId));
  }
}

/** The technician hears of a new job: an in-app notice and, when their work phone is a mobile, an SMS. */
export async function tellTechnicianAssigned(
  tx: Ctx,
  tech: TechnicianRow,
  order: Pick<DispatchOrder, 'id' | 'number' | 'district'>,
  window: string,
): Promise<void> {
  const variables = { orderNumber: order.number, district: order.district, window };
  await enqueueMessage(tx, {
    channel: 'inapp',
    template: 'job_assigned',
    variables,
    recipient: tech.userId,
    workOrderId: order.id,
  });
  if (tech.workPhone && isMobile(tech.workPhone)) {
    await enqueueMessage(tx, {
      channel: 'sms',
      template: 'job_assigned',
      variables,
      recipient: tech.workPhone,
      workOrderId: order.id,
    });
  }
}

export async function tellTechnicianWithdrawn(
  tx: Ctx,
  technicianId: string,
  order: { id: string; number: string },
  reason: string,
): Promise<void> {
  await enqueueMessage(tx, {
    channel: 'inapp',
    template: 'job_unassigned',
    variables: { orderNumber: order.number, reason },
    recipient: technicianId,
    workOrderId: order.id,
  });
}

/** The customer hears who comes and when (SMS, through intake's order notice: timeline + outbox). */
export async function tellCustomerAssigned(
  tx: Ctx,
  order: DispatchOrder,
  tech: TechnicianRow,
  window: string,
): Promise<void> {
  await notifyCustomer(tx, order, 'technician_assigned', {
    technicianName: tech.name,
    window,
    trackingUrl: trackingUrlForNumber(order.number),
  });
}

export async function tellCustomerEta(tx: Ctx, order: DispatchOrder, eta: string): Promise<void> {
  await notifyCustomer(tx, order, 'eta_changed', { eta });
}

export function emitChange(
  tx: Ctx,
  a: AssignmentRow,
  change: AssignmentChange,
  previousTechnicianId: string | null = null,
): void {
  tx.events.emit('dispatch.assignmentChanged', {
    assignmentId: a.id,
    workOrderId: a.workOrderId,
    technicianId: a.technicianId,
    previousTechnicianId,
    branchId: a.branchId,
    change,
  });
}

/** Whether the technician may still see the customer's contact for this job (DOMAIN.md privacy table). */
export async function contactWindowOpen(
  tx: Ctx,
  a: AssignmentRow,
  order: Pick<DispatchOrder, 'status' | 'statusChangedAt'>,
): Promise<boolean> {
  if (!a.active && a.state !== 'accepted' && a.state !== 'assigned') return false;
  if (!a.active) return false;
  if (['completed', 'settled', 'closed'].includes(order.status)) {
    const hours = (await getSetting(tx.db, 'privacy.technicianWindowHours', a.branchId)) as number;
    return tx.now.getTime() <= order.statusChangedAt.getTime() + hours * 3_600_000;
  }
  return order.status !== 'cancelled';
}

export { getContact };
