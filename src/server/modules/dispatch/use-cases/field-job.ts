import { dispatchOrder } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import type { Assignment } from '@shared/contracts/dispatch.contract';
import { findTechnician, latestAssignmentsOfOrders } from '../dispatch.repository';
import { toAssignment } from '../dispatch.views';
import { contactWindowOpen } from './assignment-support';

/** What the field module needs to know about an order's appointment (read through dispatch's public door). */
export interface FieldJob {
  assignment: Assignment;
  technician: { id: string; name: string; staffNo: string; branchId: string; photoUrl: string | null };
  /** The technician may see the customer's contact now (DOMAIN.md privacy table; revealJobContact). */
  contactWindowOpen: boolean;
}

/** The order's active appointment with its technician, or null (not assigned, or ended). Not branch-checked. */
export async function activeJobOfOrder(ctx: Ctx, workOrderId: string): Promise<FieldJob | null> {
  const all = await latestAssignmentsOfOrders(ctx.db, [workOrderId]);
  const a = [...all].reverse().find((x) => x.active) ?? null;
  if (!a) return null;
  const tech = await findTechnician(ctx.db, a.technicianId);
  const order = await dispatchOrder(ctx, workOrderId);
  if (!tech || !order) return null;
  return {
    assignment: toAssignment(a, tech),
    technician: {
      id: tech.userId,
      name: tech.name,
      staffNo: tech.staffNo,
      branchId: tech.branchId,
      photoUrl: tech.photo && tech.photoToken ? `/api/public/technician-photos/${tech.photoToken}` : null,
    },
    contactWindowOpen: await contactWindowOpen(ctx, a, order),
  };
}

/** A technician's profile facts for a visit record (name, staff number), or null when there is no profile. */
export async function technicianFacts(
  ctx: Ctx,
  technicianId: string,
): Promise<{ id: string; name: string; staffNo: string; branchId: string } | null> {
  const tech = await findTechnician(ctx.db, technicianId);
  return tech ? { id: tech.userId, name: tech.name, staffNo: tech.staffNo, branchId: tech.branchId } : null;
}
