import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import type { ParsedPhone } from '@shared/domain/phone';
import { nameColumns, phoneColumns } from '../customers.crypto';
import {
  type CustomerRow,
  deleteFreshCustomer,
  findPhoneByIndex,
  insertCustomer,
  insertPhoneIfNew,
  type PhoneRow,
} from '../customers.repository';

export type CreateRecordResult =
  | { created: true; customer: CustomerRow; phone: PhoneRow }
  | { created: false; phone: PhoneRow };

/**
 * Inserts a customer with their first (primary) phone unless the phone is on file. Must run inside a
 * transaction (`tx`). Safe under concurrency: the phone's blind index is unique, the insert is
 * ON CONFLICT DO NOTHING, and the loser of a race removes its fresh customer row and returns the winner's
 * phone — two simultaneous calls for one new number give one customer.
 */
export async function createCustomerRecord(
  tx: Ctx,
  input: { name: string; phone: ParsedPhone; channel: string; note?: string },
): Promise<CreateRecordResult> {
  const phoneCols = phoneColumns(tx.cipher, input.phone);
  const existing = await findPhoneByIndex(tx.db, phoneCols.phoneIndex);
  if (existing) return { created: false, phone: existing };
  const customer = await insertCustomer(tx.db, {
    ...nameColumns(tx.cipher, input.name),
    firstChannel: input.channel,
    note: input.note ?? '',
    createdAt: tx.now,
    updatedAt: tx.now,
  });
  const phone = await insertPhoneIfNew(tx.db, {
    customerId: customer.id,
    ...phoneCols,
    isPrimary: true,
    createdAt: tx.now,
  });
  if (!phone) {
    // Another transaction registered this number between our look-up and our insert (and has committed:
    // ON CONFLICT waited for it). A new statement sees its row under READ COMMITTED.
    await deleteFreshCustomer(tx.db, customer.id);
    const winner = await findPhoneByIndex(tx.db, phoneCols.phoneIndex);
    if (!winner) throw new Error('phone index conflict without a visible row');
    return { created: false, phone: winner };
  }
  await writeAudit(tx, {
    action: 'customer.created',
    objectType: 'customer',
    objectId: customer.id,
    details: { channel: input.channel, phoneId: phone.id, phoneKind: phone.kind },
  });
  return { created: true, customer, phone };
}
