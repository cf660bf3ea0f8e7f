import { getWorkOrderAttachment } from '@shared/contracts/intake.contract';
import { buildPath } from '@web/lib/api';

/**
 * The address of a customer's photo (getWorkOrderAttachment). Used as an `<img src>`: the browser sends the session
 * cookie with it, and a GET needs no CSRF header; the server answers no-store, so nothing stays in the cache.
 */
export function workOrderAttachmentUrl(workOrderId: string, attachmentId: string): string {
  return buildPath(getWorkOrderAttachment.path, { workOrderId, attachmentId });
}
