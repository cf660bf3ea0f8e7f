import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { RevealedContact } from '@shared/contracts/customers.contract';
import type { PhoneKind } from '@shared/domain/phone';
import { findAddress, findCustomer, findPhone, listPhones } from '../customers.repository';

export interface RevealInput {
  reason: string;
  phoneId?: string;
  addressId?: string;
}

/**
 * POST /api/customers/:customerId/reveal — the full phone and/or address for an agent on the phone with the
 * customer. Neither id given: the primary phone. Every reveal is an audit event `customer.contact.revealed`
 * with the reason and what was shown (ids and fields), never the values themselves.
 */
export async function revealCustomerContact(
  ctx: Ctx,
  customerId: string,
  input: RevealInput,
): Promise<RevealedContact> {
  requireActor(ctx.actor);
  const zh = ctx.request.locale === 'zh-CN';
  return withTransaction(ctx, async (tx) => {
    const customer = await findCustomer(tx.db, customerId);
    if (!customer) throw new AppError('NOT_FOUND');
    let phoneRow = null;
    if (input.phoneId) {
      phoneRow = await findPhone(tx.db, input.phoneId);
      if (phoneRow?.customerId !== customerId) {
        throw AppError.field('phoneId', 'not_found', zh ? '该客户没有这个号码' : 'This customer has no such phone');
      }
    } else if (!input.addressId) {
      phoneRow = (await listPhones(tx.db, [customerId]))[0] ?? null;
    }
    let addressRow = null;
    if (input.addressId) {
      addressRow = await findAddress(tx.db, input.addressId);
      if (addressRow?.customerId !== customerId) {
        throw AppError.field('addressId', 'not_found', zh ? '该客户没有这个地址' : 'This customer has no such address');
      }
    }
    const fields = [...(phoneRow ? ['phone'] : []), ...(addressRow ? ['address'] : [])];
    await writeAudit(tx, {
      action: 'customer.contact.revealed',
      objectType: 'customer',
      objectId: customerId,
      details: {
        reason: input.reason.trim(),
        fields,
        phoneId: phoneRow?.id ?? null,
        addressId: addressRow?.id ?? null,
      },
    });
    const detail = addressRow ? tx.cipher.decrypt(addressRow.detailEnc) : '';
    return {
      customerId,
      name: tx.cipher.decrypt(customer.nameEnc),
      phone: phoneRow
        ? { id: phoneRow.id, number: tx.cipher.decrypt(phoneRow.phoneEnc), kind: phoneRow.kind as PhoneKind }
        : null,
      address: addressRow
        ? {
            id: addressRow.id,
            city: addressRow.city,
            district: addressRow.district,
            detail,
            text: `${addressRow.city}${addressRow.district}${detail}`,
            lat: addressRow.lat,
            lng: addressRow.lng,
          }
        : null,
    };
  });
}
