import { randomBytes } from 'node:crypto';
import { writeAudit } from '@server/modules/identity';
import { checkPhoto, type PhotoContentType } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import { PHOTO_MAX_BYTES_TECHNICIAN } from '@shared/contracts/dispatch.contract';
import { updateTechnicianUnversioned } from '../../technicians.repository';
import { issue, technicianFor } from './technician-support';

export interface SetTechnicianPhotoInput {
  contentType: PhotoContentType;
  dataBase64: string;
}

const PHOTO_MESSAGES: Record<string, [string, string]> = {
  invalid_base64: ['照片数据无效，请重新选择照片', 'The photo data is not valid base64'],
  too_large: ['照片不能超过 1 MB，请压缩后再试', 'The photo must be at most 1 MB'],
  not_an_image: ['请上传 JPG、PNG 或 WebP 格式的照片', 'Upload a JPEG, PNG or WebP photo'],
  type_mismatch: ['照片格式与声明的类型不符', 'The photo is not of the declared type'],
};

/**
 * PUT /api/technicians/:technicianId/photo — the ID photo customers see: JPEG, PNG or WebP whose bytes really are
 * of that type, at most 1 MB. A new photo gets a new public token (old links stop working). Audited (without the
 * image). The profile's version does not change: an open edit form stays valid.
 */
export async function setTechnicianPhoto(
  ctx: Ctx,
  technicianId: string,
  input: SetTechnicianPhotoInput,
): Promise<{ ok: true }> {
  return withTransaction(ctx, async (tx) => {
    const tech = await technicianFor(tx, technicianId, { lock: true });
    const checked = checkPhoto(input, PHOTO_MAX_BYTES_TECHNICIAN);
    if (!checked.ok) {
      const [zh, en] = PHOTO_MESSAGES[checked.code] as [string, string];
      throw AppError.validation([issue(tx, checked.path, checked.code, zh, en)]);
    }
    await updateTechnicianUnversioned(
      tx.db,
      technicianId,
      { photo: checked.bytes, photoType: input.contentType, photoToken: randomBytes(24).toString('base64url') },
      tx.now,
    );
    await writeAudit(tx, {
      action: 'technician.photo.set',
      objectType: 'technician',
      objectId: technicianId,
      details: { contentType: input.contentType, bytes: checked.bytes.length, hadPhoto: tech.photoType !== null },
    });
    return { ok: true as const };
  });
}
