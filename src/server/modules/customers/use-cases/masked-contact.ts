import type { Ctx } from '@server/platform/context';
import { plainAddress } from '../customers.views';
import { addressLine, contactViewFor, HIDDEN_NAME } from '../domain/masking';
import { type ContactRef, loadContact } from './load-contact';

export interface MaskedContactLine {
  customerId: string;
  /** Full for agents, masked ("王**") for other readers, "***" for roles that see no customer data. */
  name: string;
  nameMasked: string;
  phoneId: string | null;
  /** "138****1234", or null for roles that see no phone. */
  phone: string | null;
  addressId: string | null;
  /** Null for roles that see no address. */
  city: string | null;
  district: string | null;
  /** "广州市天河区体育西路1号" (agent) / "广州市天河区****" (district readers) / null. */
  addressText: string | null;
  lat: number | null;
  lng: number | null;
  anonymised: boolean;
}

/** One contact (customer + phone + address) for lists and order pages, masked per ctx.actor's roles. */
export async function maskedContact(ctx: Ctx, ref: ContactRef): Promise<MaskedContactLine> {
  const { customer, phone, address } = await loadContact(ctx, ref);
  const view = contactViewFor(ctx.actor?.roles);
  const showAddress = view.address !== 'hidden' && address !== null;
  const plain = showAddress && address ? plainAddress(ctx.cipher, address) : null;
  return {
    customerId: customer.id,
    name:
      view.name === 'full'
        ? ctx.cipher.decrypt(customer.nameEnc)
        : view.name === 'masked'
          ? customer.nameMasked
          : HIDDEN_NAME,
    nameMasked: view.name === 'hidden' ? HIDDEN_NAME : customer.nameMasked,
    phoneId: phone?.id ?? null,
    phone: view.phone === 'masked' && phone ? phone.phoneMasked : null,
    addressId: address?.id ?? null,
    city: plain?.city ?? null,
    district: plain?.district ?? null,
    addressText: plain ? addressLine(view.address, plain) : null,
    lat: plain?.lat ?? null,
    lng: plain?.lng ?? null,
    anonymised: customer.anonymisedAt !== null,
  };
}
