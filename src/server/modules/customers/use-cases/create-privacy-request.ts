import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { PrivacyRequest } from '@shared/contracts/customers.contract';
import { findCustomer, findPrivacyRequest } from '../customers.repository';
import { toPrivacyRequest } from '../customers.views';
import { type RecordPrivacyRequestInput, recordPrivacyRequest } from './record-privacy-request';

/** POST /api/customers/:customerId/privacy-requests — staff record a request the customer made to them. */
export async function createPrivacyRequest(
  ctx: Ctx,
  customerId: string,
  input: Omit<RecordPrivacyRequestInput, 'customerId'>,
): Promise<PrivacyRequest> {
  requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const { requestId } = await recordPrivacyRequest(tx, { ...input, customerId });
    const [row, customer] = await Promise.all([findPrivacyRequest(tx.db, requestId), findCustomer(tx.db, customerId)]);
    if (!row || !customer) throw new Error('privacy request vanished');
    return toPrivacyRequest(row, customer.nameMasked);
  });
}
