import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import { findTechnicianPhoto } from '../../technicians.repository';
import { technicianFor } from './technician-support';

export interface PhotoFile {
  contentType: string;
  data: Buffer;
}

/** GET /api/technicians/:technicianId/photo — the ID photo for staff who may read the profile (none → 404). */
export async function getTechnicianPhoto(ctx: Ctx, technicianId: string): Promise<PhotoFile> {
  await technicianFor(ctx, technicianId);
  const row = await findTechnicianPhoto(ctx.db, technicianId);
  if (!row?.photo || !row.photoType) throw new AppError('NOT_FOUND');
  return { contentType: row.photoType, data: row.photo };
}
