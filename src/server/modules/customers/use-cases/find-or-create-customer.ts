import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { Channel } from '@shared/domain/work-order';
import { parsePhoneOrFail } from '../customers.errors';
import { createCustomerRecord } from './create-customer-record';

export interface FindOrCreateCustomerInput {
  name: string;
  /** As typed; parsed with parsePhone (a bad number is a field error on `phone`). */
  phone: string;
  channel: Channel;
}

export interface FindOrCreateCustomerResult {
  customerId: string;
  phoneId: string;
  /** False when the phone was already on file (the existing customer is returned, its name unchanged). */
  created: boolean;
}

/**
 * The customer a phone belongs to, created when the phone is new (dedupe by phone). Joins the caller's
 * transaction. Concurrent calls for one new phone give one customer.
 */
export async function findOrCreateCustomer(
  ctx: Ctx,
  input: FindOrCreateCustomerInput,
): Promise<FindOrCreateCustomerResult> {
  const phone = parsePhoneOrFail(input.phone, 'phone', ctx.request.locale);
  return withTransaction(ctx, async (tx) => {
    const r = await createCustomerRecord(tx, { name: input.name, phone, channel: input.channel });
    return { customerId: r.phone.customerId, phoneId: r.phone.id, created: r.created };
  });
}
