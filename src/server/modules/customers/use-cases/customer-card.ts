import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { CustomerCard } from '@shared/contracts/customers.contract';
import {
  findCustomer,
  listAddresses,
  listConsents,
  listPhones,
  listPrivacyRequestsOf,
  listUnits,
} from '../customers.repository';
import { iso, isoOrNull, plainContact, toConsent, toPrivacyRequest, toUnit } from '../customers.views';
import { maskContact } from '../domain/masking';

/** The customer card, masked for ctx.actor's roles. NOT_FOUND when there is no such customer. */
export async function customerCard(ctx: Ctx, customerId: string): Promise<CustomerCard> {
  const c = await findCustomer(ctx.db, customerId);
  if (!c) throw new AppError('NOT_FOUND');
  const [phones, addresses, units, consents, requests] = await Promise.all([
    listPhones(ctx.db, [customerId]),
    listAddresses(ctx.db, [customerId]),
    listUnits(ctx.db, customerId),
    listConsents(ctx.db, customerId),
    listPrivacyRequestsOf(ctx.db, customerId),
  ]);
  const masked = maskContact(ctx.actor?.roles, plainContact(ctx.cipher, c, phones, addresses));
  return {
    id: c.id,
    name: masked.name,
    nameMasked: masked.nameMasked,
    nameFull: masked.nameFull,
    firstChannel: c.firstChannel,
    note: c.note,
    anonymised: c.anonymisedAt !== null,
    anonymisedAt: isoOrNull(c.anonymisedAt),
    phones: masked.phones,
    addresses: masked.addresses,
    units: units.map((u) => toUnit(u, ctx.now)),
    consents: consents.map(toConsent),
    privacyRequests: requests.map((r) => toPrivacyRequest(r, c.nameMasked)),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    version: c.version,
  };
}
