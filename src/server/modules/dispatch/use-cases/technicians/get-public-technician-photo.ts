import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import { findPhotoByToken } from '../../technicians.repository';
import type { PhotoFile } from './get-technician-photo';

/**
 * GET /api/public/technician-photos/:token — the photo behind the unguessable link the customer's tracking view
 * shows. An unknown token, a replaced photo's old token or an inactive technician → 404.
 */
export async function getPublicTechnicianPhoto(ctx: Ctx, token: string): Promise<PhotoFile> {
  const row = await findPhotoByToken(ctx.db, token);
  if (!row?.photo || !row.photoType || !row.active) throw new AppError('NOT_FOUND');
  return { contentType: row.photoType, data: row.photo };
}
