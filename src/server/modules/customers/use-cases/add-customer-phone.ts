import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { CustomerPhone } from '@shared/contracts/customers.contract';
import { phoneColumns } from '../customers.crypto';
import { anonymisedError, parsePhoneOrFail, phoneTakenError } from '../customers.errors';
import {
  clearPrimaryPhone,
  findPhoneByIndex,
  insertPhoneIfNew,
  listPhones,
  lockCustomer,
} from '../customers.repository';
import { plainPhone } from '../customers.views';

/**
 * POST /api/customers/:customerId/phones — another phone for a customer. A number on file (this customer's or
 * another's) answers 409 CONFLICT with its customerId: one phone belongs to one customer.
 */
export async function addCustomerPhone(
  ctx: Ctx,
  customerId: string,
  input: { phone: string; isPrimary?: boolean },
): Promise<CustomerPhone> {
  requireActor(ctx.actor);
  const parsed = parsePhoneOrFail(input.phone, 'phone', ctx.request.locale);
  return withTransaction(ctx, async (tx) => {
    const customer = await lockCustomer(tx.db, customerId);
    if (!customer) throw new AppError('NOT_FOUND');
    if (customer.anonymisedAt) throw anonymisedError(ctx.request.locale);
    const cols = phoneColumns(tx.cipher, parsed);
    const existing = await findPhoneByIndex(tx.db, cols.phoneIndex);
    if (existing) throw phoneTakenError(existing.customerId, 'phone', ctx.request.locale);
    const hasPhones = (await listPhones(tx.db, [customerId])).length > 0;
    const isPrimary = input.isPrimary === true || !hasPhones;
    if (isPrimary) await clearPrimaryPhone(tx.db, customerId);
    const row = await insertPhoneIfNew(tx.db, { customerId, ...cols, isPrimary, createdAt: tx.now });
    if (!row) {
      const winner = await findPhoneByIndex(tx.db, cols.phoneIndex);
      throw phoneTakenError(winner?.customerId ?? customerId, 'phone', ctx.request.locale);
    }
    await writeAudit(tx, {
      action: 'customer.phone.added',
      objectType: 'customer',
      objectId: customerId,
      details: { phoneId: row.id, kind: row.kind, isPrimary },
    });
    return plainPhone(row);
  });
}
