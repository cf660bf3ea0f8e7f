import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { AddressInput } from '@shared/contracts/customers.contract';
import { anonymisedError } from '../customers.errors';
import { findCustomer, insertAddress } from '../customers.repository';

/**
 * Adds an address to a customer (street part encrypted; city, district and map point in clear) and returns
 * its id. Joins the caller's transaction. `path` prefixes field errors (e.g. "address").
 */
export async function addAddress(ctx: Ctx, customerId: string, input: AddressInput, path = ''): Promise<string> {
  const prefix = path ? `${path}.` : '';
  if ((input.lat === undefined) !== (input.lng === undefined)) {
    throw AppError.field(
      `${prefix}${input.lat === undefined ? 'lat' : 'lng'}`,
      'required',
      ctx.request.locale === 'zh-CN' ? '经纬度需同时提供' : 'Give both latitude and longitude, or neither',
    );
  }
  return withTransaction(ctx, async (tx) => {
    const customer = await findCustomer(tx.db, customerId);
    if (!customer) throw new AppError('NOT_FOUND');
    if (customer.anonymisedAt) throw anonymisedError(ctx.request.locale);
    const row = await insertAddress(tx.db, {
      customerId,
      city: input.city.trim(),
      district: input.district.trim(),
      detailEnc: tx.cipher.encrypt(input.detail.trim()),
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      label: input.label?.trim() ?? '',
      createdAt: tx.now,
    });
    await writeAudit(tx, {
      action: 'customer.address.added',
      objectType: 'customer',
      objectId: customerId,
      details: { addressId: row.id, city: row.city, district: row.district },
    });
    return row.id;
  });
}
