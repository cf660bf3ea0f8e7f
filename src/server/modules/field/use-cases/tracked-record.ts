import { getContact, maskName } from '@server/modules/customers';
import { resolveTrackedOrder } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import { recordAvailable, shownVisits } from '../domain/customer-progress';
import { visitsOfOrder } from '../field.repository';
import { type ServiceRecordDocument, serviceRecordOf } from './service-record';

/**
 * GET /api/public/track/visits/:visitNo/record — the customer's copy of a visit's service record (the same document
 * the staff read: customer masked, signers masked), opened from the tracking page. Authorised exactly as the page:
 * the link's token or the tracking session, through intake's `resolveTrackedOrder` (a wrong or forged one is the
 * same 404 and counts as a failure of the address; too many → 429). Then the order's visit of that number, shown on
 * the page (not withdrawn or cancelled) and over (completed, or ended waiting for parts) — anything else is 404.
 * Runs outside a transaction (the failure rows must stay when the request is refused).
 */
export async function getTrackedServiceRecord(
  ctx: Ctx,
  visitNo: number,
  auth: { token?: string | undefined; session?: string | undefined; format?: 'html' | 'pdf' | undefined },
): Promise<ServiceRecordDocument> {
  // Exactly one of token or session (the page has one or the other); without one there is nothing to find.
  if ((auth.token === undefined) === (auth.session === undefined)) throw new AppError('NOT_FOUND');
  const { order } = await resolveTrackedOrder(
    ctx,
    auth.token !== undefined ? { token: auth.token } : { session: auth.session },
  );
  const visit = shownVisits(await visitsOfOrder(ctx.db, order.id)).find((v) => v.visitNo === visitNo);
  if (!visit || !recordAvailable(visit)) throw new AppError('NOT_FOUND');
  // The customer's own copy names them as the tracking page does (王**), not as an anonymous reader (***).
  const contact = await getContact(ctx, {
    customerId: order.customerId,
    phoneId: order.phoneId,
    addressId: order.addressId,
  });
  const customerNameMasked = contact.anonymised ? contact.name : maskName(contact.name);
  return serviceRecordOf(ctx, visit, auth.format ?? 'html', { customerNameMasked });
}
