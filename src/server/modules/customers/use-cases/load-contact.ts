import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import {
  type AddressRow,
  type CustomerRow,
  findAddress,
  findCustomer,
  findPhone,
  listAddresses,
  listPhones,
  type PhoneRow,
} from '../customers.repository';

export interface ContactRef {
  customerId: string;
  /** Default: the primary phone. */
  phoneId?: string | null;
  /** Default: the first address on file. */
  addressId?: string | null;
}

/** The rows of one contact (customer, phone, address). NOT_FOUND when an id does not belong to the customer. */
export async function loadContact(
  ctx: Ctx,
  ref: ContactRef,
): Promise<{ customer: CustomerRow; phone: PhoneRow | null; address: AddressRow | null }> {
  const customer = await findCustomer(ctx.db, ref.customerId);
  if (!customer) throw new AppError('NOT_FOUND');
  const phone = ref.phoneId
    ? await findPhone(ctx.db, ref.phoneId)
    : ((await listPhones(ctx.db, [customer.id]))[0] ?? null);
  if (phone && phone.customerId !== customer.id) throw new AppError('NOT_FOUND');
  if (ref.phoneId && !phone) throw new AppError('NOT_FOUND');
  const address = ref.addressId
    ? await findAddress(ctx.db, ref.addressId)
    : ((await listAddresses(ctx.db, [customer.id]))[0] ?? null);
  if (address && address.customerId !== customer.id) throw new AppError('NOT_FOUND');
  if (ref.addressId && !address) throw new AppError('NOT_FOUND');
  return { customer, phone, address };
}
