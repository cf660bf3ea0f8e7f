import { branchScope, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { pageCalendar } from '../../technicians.repository';
import { toCalendarEntry } from '../../technicians.views';

export interface ListAvailabilityRequestsQuery {
  page?: number;
  pageSize?: number;
  /** Default: pending. */
  status?: 'pending' | 'approved' | 'rejected' | 'cancelled' | 'all';
}

/** GET /api/availability-requests — the calendar entries of the reader's branch (default: pending), oldest first. */
export async function listAvailabilityRequests(ctx: Ctx, query: ListAvailabilityRequestsQuery) {
  const actor = requireActor(ctx.actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const scope = branchScope(actor);
  const status = query.status ?? 'pending';
  const { items, total } = await pageCalendar(
    ctx.db,
    { ...(scope !== undefined ? { scopeBranchId: scope } : {}), ...(status !== 'all' ? { status } : {}) },
    'asc',
    page,
    pageSize,
  );
  return { items: items.map(toCalendarEntry), total, page, pageSize };
}
