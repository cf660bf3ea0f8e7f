import type { Ctx } from '@server/platform/context';
import type { CustomerSummary } from '@shared/contracts/customers.contract';
import { countUnits, findCustomers, listAddresses, listPhones } from '../customers.repository';
import { iso, plainContact } from '../customers.views';
import { maskContact } from '../domain/masking';

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Customers for lists, masked per ctx.actor's roles, by id (unknown ids are absent from the map). */
export async function customerSummaries(ctx: Ctx, ids: readonly string[]): Promise<Map<string, CustomerSummary>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const [rows, phones, addresses, units] = await Promise.all([
    findCustomers(ctx.db, unique),
    listPhones(ctx.db, unique),
    listAddresses(ctx.db, unique),
    countUnits(ctx.db, unique),
  ]);
  const phonesOf = groupBy(phones, (p) => p.customerId);
  const addressesOf = groupBy(addresses, (a) => a.customerId);
  const out = new Map<string, CustomerSummary>();
  for (const c of rows) {
    const masked = maskContact(
      ctx.actor?.roles,
      plainContact(ctx.cipher, c, phonesOf.get(c.id) ?? [], addressesOf.get(c.id) ?? []),
    );
    out.set(c.id, {
      id: c.id,
      name: masked.name,
      nameMasked: masked.nameMasked,
      phones: masked.phones,
      addresses: masked.addresses,
      unitsCount: units.get(c.id) ?? 0,
      anonymised: c.anonymisedAt !== null,
      createdAt: iso(c.createdAt),
    });
  }
  return out;
}
