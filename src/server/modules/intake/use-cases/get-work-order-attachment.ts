import { assertBranchAccess, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import { findOrderAttachment, findWorkOrder } from '../intake.repository';

/** The image types the repair page accepts; anything else stored is sent as opaque bytes, never rendered. */
const IMAGE_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export interface AttachmentFile {
  contentType: string;
  filename: string;
  data: Buffer;
}

/**
 * A photo the customer sent with the order, for staff who may read the order: the order must be in the reader's
 * branch (else 404, like the order itself) and the photo must belong to it (else 404).
 */
export async function getWorkOrderAttachment(
  ctx: Ctx,
  workOrderId: string,
  attachmentId: string,
): Promise<AttachmentFile> {
  const actor = requireActor(ctx.actor);
  const order = await findWorkOrder(ctx.db, workOrderId);
  if (!order) throw new AppError('NOT_FOUND');
  assertBranchAccess(actor, order.branchId);
  const row = await findOrderAttachment(ctx.db, order.id, attachmentId);
  if (!row) throw new AppError('NOT_FOUND');
  const ext = IMAGE_TYPES[row.contentType];
  return {
    contentType: ext ? row.contentType : 'application/octet-stream',
    filename: `${order.number}-${row.kind.replace(/[^\w-]/g, '')}.${ext ?? 'bin'}`,
    data: row.data,
  };
}
