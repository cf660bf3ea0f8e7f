import { assertBranchAccess } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { WorkOrderStatus } from '@shared/domain/work-order';
import { transition, type WorkOrderEvent } from '@shared/domain/work-order-lifecycle';
import { lockWorkOrder, type NewWorkOrder, updateWorkOrderVersioned, type WorkOrderRow } from '../intake.repository';
import { syncClocks } from './clocks';
import { addTimeline } from './timeline';

/** A status change seen inside its transaction. */
export interface StatusChange {
  order: WorkOrderRow;
  from: WorkOrderStatus;
  to: WorkOrderStatus;
  event: WorkOrderEvent['type'];
}

/**
 * Reactions that must commit or roll back with the status change itself (a higher module freeing an appointment
 * when its order is cancelled …). Registered by those modules at load time; intake never imports them.
 */
export type StatusChangeHook = (tx: Ctx, change: StatusChange) => Promise<void>;
const statusChangeHooks: StatusChangeHook[] = [];

export function onWorkOrderStatusChange(hook: StatusChangeHook): void {
  statusChangeHooks.push(hook);
}

export interface TransitionInput {
  /** The version the caller saw; a different stored version is a 409 VERSION_CONFLICT and nothing changes. */
  version: number;
  event: WorkOrderEvent;
  /** Written to the timeline (defaults to the event's own reason, if it has one). */
  reason?: string | null;
  details?: unknown;
  /** Other columns changed together with the status (e.g. missing items of a return). */
  patch?: Partial<NewWorkOrder>;
  /** Who acted when there is no user (public channels); see addTimeline. */
  actorName?: string | null;
}

function reasonOf(event: WorkOrderEvent): string | null {
  return 'reason' in event ? event.reason : null;
}

/**
 * THE status change, for a row the caller has locked in its transaction: checks the version, runs the pure
 * life cycle (`transition`), writes the row (version + 1), the timeline entry (actor, time, from, to, reason)
 * and starts/stops the clocks. Every status change of a work order goes through here.
 */
export async function applyTransition(tx: Ctx, order: WorkOrderRow, input: TransitionInput): Promise<WorkOrderRow> {
  const zh = tx.request.locale === 'zh-CN';
  if (order.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: order.version });
  const from = order.status as WorkOrderStatus;
  const result = transition(from, input.event);
  if (!result.ok) {
    if (result.reason === 'illegal_transition') {
      throw new AppError('ILLEGAL_TRANSITION', { from, event: input.event.type });
    }
    if (result.reason === 'reason_required') {
      throw AppError.field('reason', 'required', zh ? '请填写原因' : 'A reason is required');
    }
    throw AppError.field('missingItems', 'required', zh ? '请列出需补充的信息' : 'Name at least one missing item');
  }
  const to = result.to;
  const after = await updateWorkOrderVersioned(tx.db, order.id, input.version, {
    ...input.patch,
    status: to,
    statusChangedAt: tx.now,
    updatedAt: tx.now,
  });
  if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: order.version });
  await addTimeline(tx, order.id, {
    kind: 'transition',
    event: input.event.type,
    from,
    to,
    reason: input.reason !== undefined ? input.reason : reasonOf(input.event),
    details: input.details ?? null,
    ...(input.actorName !== undefined ? { actorName: input.actorName } : {}),
  });
  await syncClocks(tx, after, from, to);
  for (const hook of statusChangeHooks) await hook(tx, { order: after, from, to, event: input.event.type });
  tx.events.emit('intake.workOrderStatusChanged', {
    workOrderId: order.id,
    branchId: order.branchId,
    from,
    to,
    event: input.event.type,
  });
  return after;
}

/** Locks the order (NOT_FOUND when missing or in another branch than the actor's). */
export async function lockOrderFor(tx: Ctx, workOrderId: string): Promise<WorkOrderRow> {
  const order = await lockWorkOrder(tx.db, workOrderId);
  if (!order) throw new AppError('NOT_FOUND');
  if (tx.actor) assertBranchAccess(tx.actor, order.branchId);
  return order;
}

/**
 * Public door for later modules (dispatch assigns, field departs/arrives/completes …): one life-cycle event on
 * one order, in the caller's transaction when there is one. Returns the updated row.
 */
export async function changeWorkOrderStatus(
  ctx: Ctx,
  input: TransitionInput & { workOrderId: string },
): Promise<WorkOrderRow> {
  return withTransaction(ctx, async (tx) => {
    const order = await lockOrderFor(tx, input.workOrderId);
    return applyTransition(tx, order, input);
  });
}
