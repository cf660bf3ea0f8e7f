import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import { ANONYMISED_DETAIL, anonymisedNameColumns, anonymisedPhoneColumns } from '../customers.crypto';
import {
  clearUnitSerials,
  listAddresses,
  listPhones,
  lockCustomer,
  updateAddress,
  updateCustomer,
  updatePhone,
  wipeExportResults,
} from '../customers.repository';

/**
 * Deletion at the customer's request (PIPL), as anonymisation: the name becomes "已注销客户", every phone gets
 * a dead blind index (no search or dedupe finds it again) and the mask "***", every street address, map point
 * and label is dropped, unit serials are cleared, past exports are wiped. Kept for statistics: the customer id,
 * first channel, dates, city and district of each address, and the units (brand, model, type, dates).
 * Runs in the caller's transaction; a second call changes nothing.
 */
export async function anonymiseCustomer(tx: Ctx, customerId: string) {
  const customer = await lockCustomer(tx.db, customerId);
  if (!customer) throw new AppError('NOT_FOUND');
  if (customer.anonymisedAt) return { already: true, phones: 0, addresses: 0, exportsWiped: 0 };
  const [phones, addresses] = await Promise.all([listPhones(tx.db, [customerId]), listAddresses(tx.db, [customerId])]);
  for (const p of phones) await updatePhone(tx.db, p.id, anonymisedPhoneColumns(tx.cipher));
  for (const a of addresses) {
    await updateAddress(tx.db, a.id, {
      detailEnc: tx.cipher.encrypt(ANONYMISED_DETAIL),
      lat: null,
      lng: null,
      label: '',
    });
  }
  await clearUnitSerials(tx.db, customerId);
  const exportsWiped = await wipeExportResults(tx.db, customerId, tx.now);
  await updateCustomer(
    tx.db,
    customerId,
    { ...anonymisedNameColumns(tx.cipher), note: '', anonymisedAt: tx.now },
    tx.now,
  );
  tx.events.emit('customers.customerAnonymised', { customerId });
  return { already: false, phones: phones.length, addresses: addresses.length, exportsWiped };
}
