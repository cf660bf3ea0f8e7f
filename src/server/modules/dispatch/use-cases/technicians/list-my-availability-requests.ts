import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { pageCalendar } from '../../technicians.repository';
import { toCalendarEntry } from '../../technicians.views';

/**
 * GET /api/me/availability-requests — the technician's own calendar entries (their requests and what the head
 * recorded for them), newest first. No profile: an empty list.
 */
export async function listMyAvailabilityRequests(ctx: Ctx, query: { page?: number; pageSize?: number }) {
  const actor = requireActor(ctx.actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { items, total } = await pageCalendar(ctx.db, { technicianId: actor.userId }, 'desc', page, pageSize);
  return { items: items.map(toCalendarEntry), total, page, pageSize };
}
