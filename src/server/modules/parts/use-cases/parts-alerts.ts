import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { PartsAlert, PartsAlertKind } from '@shared/contracts/parts-health.contract';
import '../parts.events';
import { acknowledgeAlert, findAlert, insertAlertOnce, pageAlerts } from '../parts-health.repository';
import { toPartsAlert } from '../parts-health.views';
import { seesWholeBranch } from './own-scope';
import { canSeeLocation, locationScope } from './parts-support';

/** What an alert names (stored as its details; every field optional). */
export interface PartsAlertDetails {
  dueAt?: string | null;
  requisitionNumber?: string | null;
  requesterId?: string | null;
  requesterName?: string | null;
  oldPartReturnId?: string | null;
  oldPartReturnNumber?: string | null;
  partId?: string | null;
  partCode?: string | null;
  partName?: string | null;
  serial?: string | null;
  quantity?: number | null;
  locationId?: string | null;
  locationCode?: string | null;
  technicianId?: string | null;
  technicianName?: string | null;
  workOrderNumber?: string | null;
}

export interface RaisePartsAlertInput {
  kind: PartsAlertKind;
  branchId: string | null;
  requisitionId?: string | null;
  /** Unique: a second raise with the same key does nothing (null). */
  dedupeKey: string;
  details: PartsAlertDetails;
}

/**
 * Raises a parts alert once per dedupe key, in the caller's transaction (a retried job inserts nothing more), and
 * emits `parts.alertRaised` after commit for live screens. Returns null when the key was used already.
 */
export async function raisePartsAlert(ctx: Ctx, input: RaisePartsAlertInput): Promise<PartsAlert | null> {
  return withTransaction(ctx, async (tx) => {
    const row = await insertAlertOnce(tx.db, {
      kind: input.kind,
      branchId: input.branchId,
      requisitionId: input.requisitionId ?? null,
      dedupeKey: input.dedupeKey,
      details: input.details,
      raisedAt: tx.now,
    });
    if (!row) return null;
    tx.events.emit('parts.alertRaised', {
      alertId: row.id,
      kind: input.kind,
      branchId: row.branchId,
      requisitionId: row.requisitionId,
    });
    return toPartsAlert(row);
  });
}

/**
 * GET /api/parts-alerts — of the reader's branch and branch-less ones (company-wide roles: all), newest first;
 * open by default. Technicians see the alerts about themselves (their requisitions, old parts, van).
 */
export async function listPartsAlerts(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; status?: 'open' | 'acknowledged' | 'all'; kinds?: PartsAlertKind[] },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const { items, total } = await pageAlerts(
    ctx.db,
    {
      scope: locationScope(actor),
      status: q.status ?? 'open',
      ...(q.kinds ? { kinds: q.kinds } : {}),
      ...(seesWholeBranch(actor) ? {} : { aboutUserId: actor.userId }),
    },
    page,
    pageSize,
  );
  return { items: items.map(toPartsAlert), total, page, pageSize };
}

/** POST /api/parts-alerts/:id/acknowledge — by me, now; an acknowledged alert is returned as it is. */
export async function acknowledgePartsAlert(ctx: Ctx, id: string): Promise<PartsAlert> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const a = await findAlert(tx.db, id, 'update');
    if (!a || !canSeeLocation(actor, a)) throw new AppError('NOT_FOUND');
    if (a.acknowledgedAt) return toPartsAlert(a);
    const after = await acknowledgeAlert(tx.db, a.id, { userId: actor.userId, name: actor.displayName }, tx.now);
    if (!after) throw new AppError('CONFLICT');
    await writeAudit(tx, {
      action: 'parts_alert.acknowledged',
      objectType: 'parts_alert',
      objectId: a.id,
      details: { kind: a.kind },
    });
    return toPartsAlert(after);
  });
}
