import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { PRIVACY_REQUEST_KINDS } from '@shared/contracts/customers.contract';
import { findCustomer, findOpenPrivacyRequest, insertPrivacyRequest } from '../customers.repository';

export interface RecordPrivacyRequestInput {
  customerId: string;
  kind: (typeof PRIVACY_REQUEST_KINDS)[number];
  /** Where the customer asked: web / wechat (the tracking page), hotline, … */
  channel: string;
  note?: string;
}

/**
 * Records a customer's request for a copy (export) or the deletion of their data, for staff to handle.
 * An open request of the same kind is not duplicated: it is returned (`created: false`). Joins the caller's
 * transaction (the public tracking page of intake calls this after checking the customer's SMS code).
 */
export async function recordPrivacyRequest(
  ctx: Ctx,
  input: RecordPrivacyRequestInput,
): Promise<{ requestId: string; created: boolean }> {
  return withTransaction(ctx, async (tx) => {
    const customer = await findCustomer(tx.db, input.customerId);
    if (!customer) throw new AppError('NOT_FOUND');
    const open = await findOpenPrivacyRequest(tx.db, input.customerId, input.kind);
    if (open) return { requestId: open.id, created: false };
    const row = await insertPrivacyRequest(tx.db, {
      customerId: input.customerId,
      kind: input.kind,
      status: 'open',
      channel: input.channel,
      note: input.note?.trim() ?? '',
      requestedAt: tx.now,
    });
    await writeAudit(tx, {
      action: 'privacy.request.recorded',
      objectType: 'privacy_request',
      objectId: row.id,
      details: { customerId: input.customerId, kind: input.kind, channel: input.channel },
    });
    return { requestId: row.id, created: true };
  });
}
