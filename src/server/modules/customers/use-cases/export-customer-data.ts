import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import {
  findCustomer,
  listAddresses,
  listConsents,
  listPhones,
  listPrivacyRequestsOf,
  listUnits,
} from '../customers.repository';
import { iso, isoOrNull, toUnit } from '../customers.views';

export const EXPORT_FORMAT = 'aircare.customer-export/v1';

/**
 * Everything the customers module holds about one customer, decrypted, as plain JSON (PIPL: a copy of the
 * customer's data). Work orders are intake's; its own export joins this one when it exists.
 */
export async function exportCustomerData(ctx: Ctx, customerId: string) {
  const c = await findCustomer(ctx.db, customerId);
  if (!c) throw new AppError('NOT_FOUND');
  const [phones, addresses, units, consents, requests] = await Promise.all([
    listPhones(ctx.db, [customerId]),
    listAddresses(ctx.db, [customerId]),
    listUnits(ctx.db, customerId),
    listConsents(ctx.db, customerId),
    listPrivacyRequestsOf(ctx.db, customerId),
  ]);
  return {
    format: EXPORT_FORMAT,
    exportedAt: iso(ctx.now),
    customer: {
      id: c.id,
      name: ctx.cipher.decrypt(c.nameEnc),
      firstChannel: c.firstChannel,
      note: c.note,
      createdAt: iso(c.createdAt),
      anonymisedAt: isoOrNull(c.anonymisedAt),
    },
    phones: phones.map((p) => ({
      number: ctx.cipher.decrypt(p.phoneEnc),
      kind: p.kind,
      isPrimary: p.isPrimary,
      createdAt: iso(p.createdAt),
    })),
    addresses: addresses.map((a) => ({
      city: a.city,
      district: a.district,
      detail: ctx.cipher.decrypt(a.detailEnc),
      lat: a.lat,
      lng: a.lng,
      label: a.label,
      createdAt: iso(a.createdAt),
    })),
    units: units.map((u) => {
      const { id: _id, addressId: _a, ...rest } = toUnit(u, ctx.now);
      return rest;
    }),
    consents: consents.map((k) => ({ purpose: k.purpose, granted: k.granted, channel: k.channel, at: iso(k.at) })),
    privacyRequests: requests.map((r) => ({
      kind: r.kind,
      status: r.status,
      channel: r.channel,
      requestedAt: iso(r.requestedAt),
      handledAt: isoOrNull(r.handledAt),
    })),
  };
}
