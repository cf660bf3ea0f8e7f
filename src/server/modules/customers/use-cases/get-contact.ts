import type { Ctx } from '@server/platform/context';
import type { PhoneKind } from '@shared/domain/phone';
import { type ContactRef, loadContact } from './load-contact';

export interface FullContact {
  customerId: string;
  name: string;
  phoneId: string | null;
  /** The full number ("13812345678", "020-38881234"). */
  phone: string | null;
  phoneKind: PhoneKind | null;
  phoneMasked: string | null;
  addressId: string | null;
  city: string | null;
  district: string | null;
  detail: string | null;
  /** city + district + detail. */
  addressText: string | null;
  lat: number | null;
  lng: number | null;
  anonymised: boolean;
}

/**
 * The decrypted contact, for system use (sending an SMS, the customer's own tracking page). The caller decides
 * what to show: showing a full phone or address to a staff member is a reveal and must be audited by the caller.
 */
export async function getContact(ctx: Ctx, ref: ContactRef): Promise<FullContact> {
  const { customer, phone, address } = await loadContact(ctx, ref);
  const detail = address ? ctx.cipher.decrypt(address.detailEnc) : null;
  return {
    customerId: customer.id,
    name: ctx.cipher.decrypt(customer.nameEnc),
    phoneId: phone?.id ?? null,
    phone: phone ? ctx.cipher.decrypt(phone.phoneEnc) : null,
    phoneKind: (phone?.kind as PhoneKind | undefined) ?? null,
    phoneMasked: phone?.phoneMasked ?? null,
    addressId: address?.id ?? null,
    city: address?.city ?? null,
    district: address?.district ?? null,
    detail,
    addressText: address ? `${address.city}${address.district}${detail}` : null,
    lat: address?.lat ?? null,
    lng: address?.lng ?? null,
    anonymised: customer.anonymisedAt !== null,
  };
}
