import { getContact, recordPrivacyRequest } from '@server/modules/customers';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { TrackingView } from '@shared/contracts/channels.contract';
import type { WorkOrderStatus } from '@shared/domain/work-order';
import { findWorkOrder, listTimeline, lockWorkOrder, type WorkOrderRow } from '../../intake.repository';
import { cancelOrder } from '../../use-cases/cancel-work-order';
import { checkWindow } from '../../use-cases/check-window';
import { raiseWorkOrderAlert } from '../../use-cases/raise-work-order-alert';
import { addTimeline } from '../../use-cases/timeline';
import { CUSTOMER_ACTOR_NAME, CUSTOMER_NEW_TIME_EVENT, customerActions } from '../domain/customer-view';
import { resolveTrackedOrder, type TrackingAuthInput } from './tracking-access';
import { buildTrackingView } from './tracking-view';

/** At most 5 new-time requests per order per 24 hours (each one is work for dispatch). */
export const MAX_NEW_TIME_REQUESTS_PER_DAY = 5;

function notNow(order: WorkOrderRow, action: string): AppError {
  return new AppError('ILLEGAL_TRANSITION', { from: order.status, event: action });
}

async function reload(ctx: Ctx, id: string): Promise<WorkOrderRow> {
  const row = await findWorkOrder(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * The customer asks for another window: a timeline note (actor 客户), an alert `customer_new_time` for the dispatch
 * screens (one per request, with the window and the note) and an event for dispatch; no status change.
 */
export async function requestNewTime(
  ctx: Ctx,
  input: TrackingAuthInput & { preferredWindow: { start: string; end: string }; note?: string | undefined },
): Promise<TrackingView> {
  const { order } = await resolveTrackedOrder(ctx, input);
  const issues = checkWindow(ctx, input.preferredWindow);
  if (issues.length) throw AppError.validation(issues);
  const window = {
    start: new Date(input.preferredWindow.start).toISOString(),
    end: new Date(input.preferredWindow.end).toISOString(),
  };
  await withTransaction(ctx, async (tx) => {
    const locked = await lockWorkOrder(tx.db, order.id);
    if (!locked) throw new AppError('NOT_FOUND');
    if (!customerActions(locked.status as WorkOrderStatus, false).requestNewTime) {
      throw notNow(locked, 'request_new_time');
    }
    const since = tx.now.getTime() - 24 * 3_600_000;
    // The customer's own notes (the alert's timeline entry has the same event name, kind `alert`).
    const recent = (await listTimeline(tx.db, locked.id)).filter(
      (e) => e.kind === 'note' && e.event === CUSTOMER_NEW_TIME_EVENT && e.at.getTime() >= since,
    );
    if (recent.length >= MAX_NEW_TIME_REQUESTS_PER_DAY) {
      const oldest = Math.min(...recent.map((e) => e.at.getTime()));
      throw new AppError('RATE_LIMITED', {
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + 24 * 3_600_000 - tx.now.getTime()) / 1000)),
      });
    }
    const note = input.note?.trim() || null;
    await addTimeline(tx, locked.id, {
      kind: 'note',
      event: CUSTOMER_NEW_TIME_EVENT,
      reason: note,
      details: { preferredWindow: window },
      actorName: CUSTOMER_ACTOR_NAME,
    });
    await raiseWorkOrderAlert(tx, {
      workOrderId: locked.id,
      kind: 'customer_new_time',
      details: { preferredWindow: window, note },
    });
    tx.events.emit('intake.customerRequestedNewTime', {
      workOrderId: locked.id,
      branchId: locked.branchId,
      preferredWindow: window,
    });
  });
  return buildTrackingView(ctx, await reload(ctx, order.id), null);
}

/** The customer cancels (before the technician sets off): intake's cancel with actor 客户; the SMS follows. */
export async function cancelByCustomer(ctx: Ctx, input: TrackingAuthInput & { reason: string }): Promise<TrackingView> {
  const { order } = await resolveTrackedOrder(ctx, input);
  if (!customerActions(order.status as WorkOrderStatus, false).cancel) throw notNow(order, 'cancel');
  await withTransaction(ctx, async (tx) => {
    const locked = await lockWorkOrder(tx.db, order.id);
    if (!locked) throw new AppError('NOT_FOUND');
    if (!customerActions(locked.status as WorkOrderStatus, false).cancel) throw notNow(locked, 'cancel');
    await cancelOrder(tx, locked.id, { reason: input.reason, version: locked.version, actorName: CUSTOMER_ACTOR_NAME });
  });
  return buildTrackingView(ctx, await reload(ctx, order.id), null);
}

/** A copy (export) or the deletion of the customer's data: a privacy request (channel web) for staff to handle. */
export async function requestPrivacy(
  ctx: Ctx,
  input: TrackingAuthInput,
  kind: 'export' | 'delete',
): Promise<{ kind: 'export' | 'delete'; created: boolean }> {
  const { order } = await resolveTrackedOrder(ctx, input);
  const contact = await getContact(ctx, { customerId: order.customerId });
  if (contact.anonymised) throw new AppError('BUSINESS_RULE', { reason: 'anonymised' });
  const { created } = await recordPrivacyRequest(ctx, {
    customerId: order.customerId,
    kind,
    channel: 'web',
    note:
      ctx.request.locale === 'zh-CN'
        ? `客户在查询页提交（工单 ${order.number}）`
        : `From the tracking page (order ${order.number})`,
  });
  return { kind, created };
}
