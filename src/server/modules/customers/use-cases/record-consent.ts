import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { CONSENT_PURPOSES } from '@shared/contracts/customers.contract';
import { findCustomer, insertConsent } from '../customers.repository';
import { toConsent } from '../customers.views';

export interface RecordConsentInput {
  customerId: string;
  purpose: (typeof CONSENT_PURPOSES)[number];
  granted: boolean;
  /** Where it was given: hotline, web, wechat, … */
  channel: string;
}

/** Appends a consent (or its withdrawal); the latest per purpose is the one in force. Joins the caller's transaction. */
export async function recordConsent(ctx: Ctx, input: RecordConsentInput) {
  return withTransaction(ctx, async (tx) => {
    const customer = await findCustomer(tx.db, input.customerId);
    if (!customer) throw new AppError('NOT_FOUND');
    const row = await insertConsent(tx.db, {
      customerId: input.customerId,
      purpose: input.purpose,
      granted: input.granted,
      channel: input.channel,
      at: tx.now,
    });
    await writeAudit(tx, {
      action: input.granted ? 'customer.consent.granted' : 'customer.consent.withdrawn',
      objectType: 'customer',
      objectId: input.customerId,
      details: { consentId: row.id, purpose: row.purpose, channel: row.channel },
    });
    return toConsent(row);
  });
}
