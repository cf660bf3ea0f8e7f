import { assertBranchAccess } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { AlertKind, ClockName, WorkOrderAlert } from '@shared/contracts/intake.contract';
import { findWorkOrder, insertAlertOnce } from '../intake.repository';
import { toAlert } from '../intake.views';
import { addTimeline } from './timeline';

export interface RaiseWorkOrderAlertInput {
  workOrderId: string;
  kind: AlertKind;
  /** The clock that ran out; required for kind `sla`. */
  clock?: ClockName | null;
  /** When the thing was due; default now. */
  dueAt?: Date | null;
  /** The SLA clock job that fired (unique: a retried job raises nothing more). */
  jobId?: number | null;
  /** Unique when given: a second raise with the same key does nothing and returns null. */
  dedupeKey?: string | null;
  /** Shown with the alert on the dispatch screens and kept in the timeline entry. */
  details?: Record<string, unknown> | null;
  /** Written to the timeline entry. */
  reason?: string | null;
}

/**
 * Public door for the dispatch screens' alerts (SLA breaches of any clock, a customer's new-time request, a declined
 * assignment, lateness), in the caller's transaction when there is one: inserts the alert once (a job id or dedupe
 * key already used → nothing happens, null), writes a timeline entry (kind `alert`, event `sla_breach` for SLA
 * alerts, else the kind's name; details with the alertId) and emits `intake.alertRaised` (and `intake.slaBreached`
 * for SLA alerts) after commit. A user acting for another branch gets NOT_FOUND, like every order access.
 */
export async function raiseWorkOrderAlert(ctx: Ctx, input: RaiseWorkOrderAlertInput): Promise<WorkOrderAlert | null> {
  if (input.kind === 'sla' && !input.clock) throw new Error('raiseWorkOrderAlert: an SLA alert names its clock');
  return withTransaction(ctx, async (tx) => {
    const order = await findWorkOrder(tx.db, input.workOrderId);
    if (!order) throw new AppError('NOT_FOUND');
    if (tx.actor) assertBranchAccess(tx.actor, order.branchId);
    const clock = input.clock ?? null;
    const dueAt = input.dueAt ?? tx.now;
    const alert = await insertAlertOnce(tx.db, {
      workOrderId: order.id,
      branchId: order.branchId,
      kind: input.kind,
      clock,
      jobId: input.jobId ?? null,
      dedupeKey: input.dedupeKey ?? null,
      details: input.details ?? null,
      dueAt,
      firedAt: tx.now,
    });
    if (!alert) return null;
    await addTimeline(tx, order.id, {
      kind: 'alert',
      event: input.kind === 'sla' ? 'sla_breach' : input.kind,
      reason: input.reason ?? null,
      details: {
        ...(input.details ?? {}),
        ...(clock ? { clock } : {}),
        dueAt: dueAt.toISOString(),
        alertId: alert.id,
      },
    });
    tx.events.emit('intake.alertRaised', {
      alertId: alert.id,
      workOrderId: order.id,
      branchId: order.branchId,
      kind: input.kind,
      clock,
    });
    if (input.kind === 'sla' && clock) {
      tx.events.emit('intake.slaBreached', {
        workOrderId: order.id,
        branchId: order.branchId,
        clock,
        alertId: alert.id,
      });
    }
    return toAlert({
      alert,
      number: order.number,
      status: order.status,
      priority: order.priority,
      district: order.district,
    });
  });
}
