import { getSetting, staffUsers } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import type { ValuableFollowUp } from '@shared/contracts/parts-health.contract';
import { valueFen } from '../domain/average-cost';
import { wholeDays } from '../domain/local-day';
import type { LocationScope } from '../parts.repository';
import { type VanUnitRow, valuableVanUnits } from '../parts-health.repository';
import { seesWholeBranch } from './own-scope';
import { locationScope, valuableCostFen } from './parts-support';

const DAY = 86_400_000;

export type FollowUpItem = ValuableFollowUp & { arrivalMovementId: string };

/**
 * Valuable units in vans, not yet fitted on a job or returned (DOMAIN: 贵重配件 must be consumed on a job or
 * returned): serial units one by one, other quantities per part and van dated by their oldest unit; overdue once
 * they have been in the van longer than the setting `parts.valuableFollowUpDays`.
 */
export async function valuableFollowUpItems(
  ctx: Ctx,
  f: { scope: LocationScope; locationId?: string; technicianId?: string },
): Promise<FollowUpItem[]> {
  const units = await valuableVanUnits(ctx.db, {
    scope: f.scope,
    valuableCostFen: await valuableCostFen(ctx),
    ...(f.locationId ? { locationId: f.locationId } : {}),
    ...(f.technicianId ? { technicianId: f.technicianId } : {}),
  });
  const techIds = [...new Set(units.map((u) => u.technicianId).filter((x): x is string => !!x))];
  const names = techIds.length ? await staffUsers(ctx.db, techIds) : new Map();
  const daysByBranch = new Map<string | null, number>();
  const out: FollowUpItem[] = [];
  for (const u of units) {
    let days = daysByBranch.get(u.branchId);
    if (days === undefined) {
      days = await getSetting(ctx.db, 'parts.valuableFollowUpDays', u.branchId);
      daysByBranch.set(u.branchId, days);
    }
    out.push(toItem(u, days, u.technicianId ? (names.get(u.technicianId)?.displayName ?? null) : null, ctx.now));
  }
  return out;
}

function toItem(u: VanUnitRow, days: number, technicianName: string | null, now: Date): FollowUpItem {
  const dueAt = new Date(u.arrivedAt.getTime() + days * DAY);
  return {
    partId: u.partId,
    partCode: u.partCode,
    partName: u.partName,
    unit: u.unit,
    serialTracked: u.serialTracked,
    locationId: u.locationId,
    locationCode: u.locationCode,
    locationName: u.locationName,
    branchId: u.branchId,
    technicianId: u.technicianId,
    technicianName,
    serial: u.serial,
    quantity: u.quantity,
    valueFen: valueFen(u.quantity, u.avgCostFen),
    arrivedAt: u.arrivedAt.toISOString(),
    daysInVan: wholeDays(u.arrivedAt, now),
    dueAt: dueAt.toISOString(),
    overdue: dueAt.getTime() < now.getTime(),
    arrivalMovementId: u.arrivalMovementId,
  };
}

/** GET /api/stock-valuable-follow-up — at the vans the reader sees (a technician: their own van), longest first. */
export async function listValuableFollowUp(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; locationId?: string; overdue?: 'true' | 'false' },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  let items = await valuableFollowUpItems(ctx, {
    scope: locationScope(actor),
    ...(q.locationId ? { locationId: q.locationId } : {}),
    ...(seesWholeBranch(actor) ? {} : { technicianId: actor.userId }),
  });
  const overdueCount = items.filter((i) => i.overdue).length;
  const totalValueFen = items.reduce((s, i) => s + i.valueFen, 0);
  if (q.overdue) items = items.filter((i) => i.overdue === (q.overdue === 'true'));
  return {
    items: items.slice((page - 1) * pageSize, page * pageSize).map(({ arrivalMovementId: _a, ...i }) => i),
    total: items.length,
    page,
    pageSize,
    overdueCount,
    totalValueFen,
  };
}
