import type { TechnicianCard } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { findTechnician, latestAssignmentsOfOrders } from '../dispatch.repository';

/** The customer-facing card of the order's technician: the active appointment's, else the last one that was kept. */
export async function technicianCard(ctx: Ctx, workOrderId: string): Promise<TechnicianCard | null> {
  const all = await latestAssignmentsOfOrders(ctx.db, [workOrderId]);
  const a = [...all].reverse().find((x) => x.active) ?? null;
  if (!a) return null;
  const tech = await findTechnician(ctx.db, a.technicianId);
  if (!tech) return null;
  return {
    name: tech.name,
    staffNo: tech.staffNo,
    photoUrl: tech.photo && tech.photoToken ? `/api/public/technician-photos/${tech.photoToken}` : null,
    rating: tech.ratingCount > 0 ? Math.round((tech.ratingSum / tech.ratingCount) * 10) / 10 : null,
    ratingCount: tech.ratingCount,
    window: { start: a.startAt.toISOString(), end: a.endAt.toISOString() },
    etaAt: a.etaAt && a.etaAt > a.startAt ? a.etaAt.toISOString() : null,
  };
}
