import { writeAudit } from '@server/modules/identity';
import {
  addWorkOrderNote,
  changeWorkOrderStatus,
  dispatchOrder,
  lockWorkOrderFor,
  raiseWorkOrderAlert,
} from '@server/modules/intake';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { Assignment } from '@shared/contracts/dispatch.contract';
import {
  type AssignmentRow,
  findAssignment,
  findTechnician,
  lockAssignment,
  recordPosition,
  type TechnicianRow,
  updateAssignment,
} from '../dispatch.repository';
import { toAssignment } from '../dispatch.views';
import { contactWindowOpen, emitChange, getContact, stopClocks, tellCustomerEta, timeText } from './assignment-support';
import { branchTimeZone } from './day-context';

/** The technician's own assignment, locked; another's (or a missing one) is NOT_FOUND. */
async function ownAssignment(tx: Ctx, assignmentId: string): Promise<{ a: AssignmentRow; tech: TechnicianRow }> {
  const actor = requireActor(tx.actor);
  const seen = await findAssignment(tx.db, assignmentId);
  if (!seen || seen.technicianId !== actor.userId) throw new AppError('NOT_FOUND');
  // Lock order: the work order first, then its appointment (as every dispatch transaction and intake's cancel).
  await lockWorkOrderFor(systemView(tx), seen.workOrderId);
  const a = await lockAssignment(tx.db, assignmentId);
  if (!a || a.technicianId !== actor.userId) throw new AppError('NOT_FOUND');
  const tech = await findTechnician(tx.db, a.technicianId);
  if (!tech) throw new AppError('NOT_FOUND');
  return { a, tech };
}

/** The technician may not read the order through intake's branch check as a staff reader; lock it as the system. */
function systemView(tx: Ctx): Ctx {
  return { ...tx, actor: null };
}

function checkVersion(a: AssignmentRow, version: number): void {
  if (a.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: a.version });
}

async function save(tx: Ctx, a: AssignmentRow, patch: Partial<AssignmentRow>): Promise<AssignmentRow> {
  const row = await updateAssignment(tx.db, a.id, a.version, { ...patch, updatedAt: tx.now });
  if (!row) throw new AppError('VERSION_CONFLICT', { currentVersion: a.version });
  return row;
}

function notNow(a: AssignmentRow, action: string): AppError {
  return new AppError('ILLEGAL_TRANSITION', { from: a.state, event: action });
}

/** The technician accepts: assignment accepted, the order `assigned → accepted`. */
export async function acceptAssignment(
  ctx: Ctx,
  assignmentId: string,
  input: { version: number },
): Promise<Assignment> {
  return withTransaction(ctx, async (tx) => {
    const { a, tech } = await ownAssignment(tx, assignmentId);
    checkVersion(a, input.version);
    if (a.state !== 'assigned' || !a.active) throw notNow(a, 'accept');
    const order = await dispatchOrder(tx, a.workOrderId);
    if (!order) throw new AppError('NOT_FOUND');
    await changeWorkOrderStatus(tx, { workOrderId: order.id, version: order.version, event: { type: 'accept' } });
    const row = await save(tx, a, { state: 'accepted', acceptedAt: tx.now });
    emitChange(tx, row, 'accepted');
    return toAssignment(row, tech);
  });
}

/** The technician declines with a reason: the appointment ends, the order goes back to the queue, dispatch is alerted. */
export async function declineAssignment(
  ctx: Ctx,
  assignmentId: string,
  input: { version: number; reason: string },
): Promise<Assignment> {
  return withTransaction(ctx, async (tx) => {
    const { a, tech } = await ownAssignment(tx, assignmentId);
    checkVersion(a, input.version);
    if (!a.active || (a.state !== 'assigned' && a.state !== 'accepted')) throw notNow(a, 'decline');
    const order = await dispatchOrder(tx, a.workOrderId);
    if (!order) throw new AppError('NOT_FOUND');
    await changeWorkOrderStatus(tx, {
      workOrderId: order.id,
      version: order.version,
      event: { type: 'reject', reason: input.reason },
      patch: { assigneeId: null, assigneeName: null, appointmentStart: null, appointmentEnd: null },
    });
    const row = await save(tx, a, {
      state: 'declined',
      active: false,
      declineReason: input.reason,
      endReason: input.reason,
      endedAt: tx.now,
    });
    await stopClocks(tx, a.id, ['contact', 'arrival', 'overrun']);
    await raiseWorkOrderAlert(tx, {
      workOrderId: order.id,
      kind: 'assignment_declined',
      reason: input.reason,
      details: { technicianId: tech.userId, technicianName: tech.name, assignmentId: a.id },
      dedupeKey: `declined:${a.id}`,
    });
    emitChange(tx, row, 'declined');
    return toAssignment(row, tech);
  });
}

/** The technician reached the customer and confirmed address and time: the contact clock stops. */
export async function confirmCustomerContact(
  ctx: Ctx,
  assignmentId: string,
  input: { version: number; note?: string | undefined },
): Promise<Assignment> {
  return withTransaction(ctx, async (tx) => {
    const { a, tech } = await ownAssignment(tx, assignmentId);
    checkVersion(a, input.version);
    if (!a.active || (a.state !== 'assigned' && a.state !== 'accepted')) throw notNow(a, 'contact');
    if (a.contactedAt) return toAssignment(a, tech);
    const row = await save(tx, a, { contactedAt: tx.now, contactNote: input.note ?? null });
    await stopClocks(tx, a.id, ['contact']);
    await addWorkOrderNote(tx, a.workOrderId, {
      kind: 'note',
      event: 'customer_contacted',
      reason: input.note ?? null,
      details: { assignmentId: a.id, addressConfirmed: true, timeConfirmed: true },
    });
    emitChange(tx, row, 'contacted');
    return toAssignment(row, tech);
  });
}

/** The technician will miss the window: the new arrival goes to the customer and dispatch gets an alert. */
export async function reportLate(
  ctx: Ctx,
  assignmentId: string,
  input: { version: number; newArrival: string; reason: string },
): Promise<Assignment> {
  return withTransaction(ctx, async (tx) => {
    const { a, tech } = await ownAssignment(tx, assignmentId);
    checkVersion(a, input.version);
    if (!a.active || (a.state !== 'assigned' && a.state !== 'accepted')) throw notNow(a, 'report_late');
    const eta = new Date(input.newArrival);
    const zh = tx.request.locale === 'zh-CN';
    if (eta.getTime() <= tx.now.getTime() || eta.getTime() > tx.now.getTime() + 12 * 3_600_000) {
      throw AppError.field(
        'newArrival',
        'range',
        zh ? '预计到达时间应在现在之后 12 小时内' : 'The new arrival must be within the next 12 hours',
      );
    }
    const order = await dispatchOrder(tx, a.workOrderId);
    if (!order) throw new AppError('NOT_FOUND');
    const row = await save(tx, a, { etaAt: eta, lateReportedAt: tx.now, lateReason: input.reason });
    const timeZone = await branchTimeZone(tx, a.branchId);
    await tellCustomerEta(tx, order, timeText(eta, timeZone));
    await raiseWorkOrderAlert(tx, {
      workOrderId: order.id,
      kind: 'late_reported',
      reason: input.reason,
      details: { technicianId: tech.userId, technicianName: tech.name, eta: eta.toISOString() },
    });
    emitChange(tx, row, 'late');
    return toAssignment(row, tech);
  });
}

/** The customer's full contact for the technician's own job, while the privacy window is open; audited. */
export async function revealJobContact(
  ctx: Ctx,
  assignmentId: string,
): Promise<{ name: string; phone: string; address: string; district: string }> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const a = await lockAssignment(tx.db, assignmentId);
    if (!a || a.technicianId !== actor.userId) throw new AppError('NOT_FOUND');
    const order = await dispatchOrder(tx, a.workOrderId);
    if (!order || !(await contactWindowOpen(tx, a, order))) throw new AppError('FORBIDDEN');
    const contact = await getContact(tx, {
      customerId: order.customerId,
      phoneId: order.phoneId,
      addressId: order.addressId,
    });
    await writeAudit(tx, {
      action: 'customer.contact.revealed',
      objectType: 'customer',
      objectId: order.customerId,
      details: { workOrderId: order.id, assignmentId: a.id, reason: 'own_job' },
    });
    return {
      name: contact.name,
      phone: contact.phone ?? '',
      address: contact.addressText ?? '',
      district: contact.district ?? order.district,
    };
  });
}

export async function reportPosition(ctx: Ctx, input: { lat: number; lng: number }): Promise<{ ok: true }> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const tech = await findTechnician(tx.db, actor.userId);
    if (!tech) throw new AppError('NOT_FOUND');
    await recordPosition(tx.db, tech.userId, input.lat, input.lng, tx.now);
    tx.events.emit('dispatch.positionReported', { technicianId: tech.userId, branchId: tech.branchId });
    return { ok: true as const };
  });
}
