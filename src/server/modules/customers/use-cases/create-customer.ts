import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { AddressInput, CustomerCard } from '@shared/contracts/customers.contract';
import type { Channel } from '@shared/domain/work-order';
import { parsePhoneOrFail, phoneTakenError } from '../customers.errors';
import { addAddress } from './add-address';
import { createCustomerRecord } from './create-customer-record';
import { customerCard } from './customer-card';

export interface CreateCustomerInput {
  name: string;
  phone: string;
  channel: Channel;
  address?: AddressInput;
  note?: string;
}

/** POST /api/customers — a new customer; a phone on file answers 409 CONFLICT with its customerId. */
export async function createCustomer(ctx: Ctx, input: CreateCustomerInput): Promise<CustomerCard> {
  requireActor(ctx.actor);
  const phone = parsePhoneOrFail(input.phone, 'phone', ctx.request.locale);
  return withTransaction(ctx, async (tx) => {
    const r = await createCustomerRecord(tx, { name: input.name, phone, channel: input.channel, note: input.note });
    if (!r.created) throw phoneTakenError(r.phone.customerId, 'phone', ctx.request.locale);
    if (input.address) await addAddress(tx, r.customer.id, input.address, 'address');
    return customerCard(tx, r.customer.id);
  });
}
