import { createHash, randomUUID } from 'node:crypto';
import { checkPhoto, type PhotoContentType } from '@server/modules/intake';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import { PHOTO_MAX_BYTES_VISIT, type Visit } from '@shared/contracts/field.contract';
import type { PhotoKind, VisitKind, VisitStep } from '@shared/domain/field';
import { sequenceOf } from '../domain/steps';
import {
  findPhoto,
  findVisit,
  insertPhoto,
  lockVisit,
  type PhotoRow,
  photoByKey,
  type VisitRow,
} from '../field.repository';
import { type PhotoStore, photoKey } from '../photo-store';
import { type FieldServices, fieldIssue, readableVisit, rule } from './visit-support';

const PHOTO_MESSAGES: Record<string, [string, string]> = {
  invalid_base64: ['照片数据无效，请重新拍摄', 'The photo data is not valid base64'],
  too_large: ['照片不能超过 2 MB，请压缩后再试', 'The photo must be at most 2 MB'],
  not_an_image: ['请上传 JPG、PNG 或 WebP 格式的照片', 'Upload a JPEG, PNG or WebP photo'],
  type_mismatch: ['照片格式与声明的类型不符', 'The photo is not of the declared type'],
};

export function photoView(p: PhotoRow): Visit['photos'][number] {
  return {
    id: p.id,
    step: p.step as VisitStep,
    kind: p.kind as PhotoKind,
    contentType: p.contentType,
    size: p.size,
    takenAt: p.takenAt.toISOString(),
    uploadedByName: p.uploadedByName,
  };
}

export interface UploadPhotoInput {
  idempotencyKey: string;
  step: VisitStep;
  kind: PhotoKind;
  contentType: PhotoContentType;
  dataBase64: string;
  takenAt?: string | undefined;
}

/**
 * POST /api/field/visits/:visitId/photos — a photo of the technician's own open visit, for one of its steps: a real
 * JPEG / PNG / WebP of at most 2 MB (resized on the phone). The file goes to the photo store, the row names it.
 * Once per idempotency key (the same photo again is a replay; another photo under the same key is refused). A photo
 * does not move the visit's version (it never conflicts with queued steps).
 */
export async function uploadVisitPhoto(
  ctx: Ctx,
  visitId: string,
  input: UploadPhotoInput,
  services: FieldServices,
): Promise<{ photo: Visit['photos'][number]; replayed: boolean }> {
  const actor = requireActor(ctx.actor);
  const checked = checkPhoto(input, PHOTO_MAX_BYTES_VISIT);
  const sha256 = checked.ok ? createHash('sha256').update(checked.bytes).digest('hex') : null;

  /** The rules, on the visit as read (outside) or locked (inside the transaction): a replay, or what to store. */
  const decide = async (c: Ctx, visit: VisitRow | null) => {
    if (!visit || visit.technicianId !== actor.userId) throw new AppError('NOT_FOUND');
    const again = await photoByKey(c.db, visit.id, input.idempotencyKey);
    if (again) {
      if (again.sha256 !== sha256 || again.step !== input.step || again.kind !== input.kind) {
        throw rule(
          c,
          'idempotency_key_reused',
          '此幂等键已用于另一张照片',
          'This idempotency key was already used for another photo',
          { path: 'idempotencyKey' },
        );
      }
      return { kind: 'replay' as const, photo: again };
    }
    if (!checked.ok) {
      const [zhText, en] = PHOTO_MESSAGES[checked.code] as [string, string];
      throw fieldIssue(c, checked.path, checked.code, zhText, en);
    }
    if (visit.status !== 'open') {
      throw new AppError('ILLEGAL_TRANSITION', { reason: 'visit_closed', from: visit.status, event: 'photo' });
    }
    if (!sequenceOf(visit.kind as VisitKind).includes(input.step)) {
      throw fieldIssue(c, 'step', 'not_in_visit', '此类上门没有这一步', 'This kind of visit has no such step');
    }
    const takenAt = input.takenAt ? new Date(input.takenAt) : c.now;
    if (takenAt.getTime() > c.now.getTime() + 5 * 60_000) {
      throw fieldIssue(c, 'takenAt', 'in_future', '拍摄时间不能晚于现在', 'The time is in the future');
    }
    return { kind: 'store' as const, takenAt, bytes: checked.bytes };
  };

  // The bytes go to the store before the transaction: a slow or retried upload (S3: up to 2 × 15 s) never holds the
  // visit's row lock. The rules run again under the lock; a photo stored by a request that then loses a race to the
  // same key stays unnamed (never served: only rows lead to files).
  const first = await decide(ctx, await findVisit(ctx.db, visitId));
  if (first.kind === 'replay') return { photo: photoView(first.photo), replayed: true };
  const id = randomUUID();
  const key = photoKey(visitId, id, input.contentType);
  try {
    await services.photos.put(key, first.bytes);
  } catch (err) {
    // The store is down or refuses us: a 503 the phone retries later with the same key (nothing was recorded).
    ctx.log.error({ err, visitId, store: services.photos.kind }, 'visit photo could not be stored');
    throw new AppError('UNAVAILABLE', { reason: 'photo_store' });
  }
  return withTransaction(ctx, async (tx) => {
    const visit = await lockVisit(tx.db, visitId);
    const now = await decide(tx, visit);
    if (now.kind === 'replay') return { photo: photoView(now.photo), replayed: true };
    const row = await insertPhoto(tx.db, {
      id,
      visitId,
      step: input.step,
      kind: input.kind,
      contentType: input.contentType,
      size: now.bytes.length,
      sha256: sha256 as string,
      storage: services.photos.kind,
      storageKey: key,
      takenAt: now.takenAt,
      uploadedBy: actor.userId,
      uploadedByName: actor.displayName,
      idempotencyKey: input.idempotencyKey,
      createdAt: tx.now,
    });
    return { photo: photoView(row), replayed: false };
  });
}

/** GET /api/field/photos/:photoId — the image, for the visit's technician and the branch's dispatchers only. */
export async function getVisitPhoto(
  ctx: Ctx,
  photoId: string,
  services: FieldServices,
): Promise<{ contentType: string; data: Buffer }> {
  const photo = await findPhoto(ctx.db, photoId);
  if (!photo) throw new AppError('NOT_FOUND');
  await readableVisit(ctx, photo.visitId);
  const store =
    photo.storage === services.photos.kind ? services.photos : services.readers?.[photo.storage as PhotoStore['kind']];
  if (!store) throw new AppError('UNAVAILABLE', { reason: 'photo_store_not_configured', storage: photo.storage });
  const data = await store.get(photo.storageKey);
  if (!data) throw new AppError('NOT_FOUND');
  return { contentType: photo.contentType, data };
}
