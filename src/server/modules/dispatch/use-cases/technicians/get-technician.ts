import type { Ctx } from '@server/platform/context';
import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { technicianDetail } from './technician-detail';
import { technicianFor } from './technician-support';

/** GET /api/technicians/:technicianId — the full profile (another branch's technician is NOT_FOUND). */
export async function getTechnician(ctx: Ctx, technicianId: string): Promise<TechnicianDetail> {
  return technicianDetail(ctx, await technicianFor(ctx, technicianId));
}
