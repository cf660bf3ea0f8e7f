import type { Db } from '@server/platform/db/client';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import {
  acUnits,
  customerAddresses,
  customerConsents,
  customerPhones,
  customers,
  privacyRequests,
} from './customers.schema';

export type CustomerRow = typeof customers.$inferSelect;
export type PhoneRow = typeof customerPhones.$inferSelect;
export type AddressRow = typeof customerAddresses.$inferSelect;
export type UnitRow = typeof acUnits.$inferSelect;
export type ConsentRow = typeof customerConsents.$inferSelect;
export type PrivacyRequestRow = typeof privacyRequests.$inferSelect;

// ---------- customers ----------

export async function insertCustomer(db: Db, values: typeof customers.$inferInsert): Promise<CustomerRow> {
  const rows = await db.insert(customers).values(values).returning();
  return rows[0] as CustomerRow;
}

/** Removes a customer created in this transaction that lost a race for its phone (nothing refers to it yet). */
export async function deleteFreshCustomer(db: Db, id: string): Promise<void> {
  await db.delete(customers).where(eq(customers.id, id));
}

export async function findCustomer(db: Db, id: string): Promise<CustomerRow | null> {
  const rows = await db.select().from(customers).where(eq(customers.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function lockCustomer(db: Db, id: string): Promise<CustomerRow | null> {
  const rows = await db.select().from(customers).where(eq(customers.id, id)).limit(1).for('update');
  return rows[0] ?? null;
}

export async function findCustomers(db: Db, ids: readonly string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(customers)
    .where(inArray(customers.id, [...ids]));
}

/** Optimistic update: only when the stored version matches; null on a stale version. */
export async function updateCustomerVersioned(
  db: Db,
  id: string,
  version: number,
  patch: Partial<typeof customers.$inferInsert>,
  now: Date,
): Promise<CustomerRow | null> {
  const rows = await db
    .update(customers)
    .set({ ...patch, version: sql`${customers.version} + 1`, updatedAt: now })
    .where(and(eq(customers.id, id), eq(customers.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function updateCustomer(
  db: Db,
  id: string,
  patch: Partial<typeof customers.$inferInsert>,
  now: Date,
): Promise<CustomerRow | null> {
  const rows = await db
    .update(customers)
    .set({ ...patch, version: sql`${customers.version} + 1`, updatedAt: now })
    .where(eq(customers.id, id))
    .returning();
  return rows[0] ?? null;
}

/** Customer ids, newest first: all, or those whose name has this blind index. */
export async function pageCustomerIds(
  db: Db,
  f: { nameIndex?: string },
  page: number,
  pageSize: number,
): Promise<{ ids: string[]; total: number }> {
  const where: SQL | undefined = f.nameIndex ? eq(customers.nameIndex, f.nameIndex) : undefined;
  const [rows, totals] = await Promise.all([
    db
      .select({ id: customers.id })
      .from(customers)
      .where(where)
      .orderBy(desc(customers.createdAt), desc(customers.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(customers).where(where),
  ]);
  return { ids: rows.map((r) => r.id), total: totals[0]?.n ?? 0 };
}

// ---------- phones ----------

/** Inserts the phone unless its blind index is taken (ON CONFLICT DO NOTHING): null when it is. */
export async function insertPhoneIfNew(db: Db, values: typeof customerPhones.$inferInsert): Promise<PhoneRow | null> {
  const rows = await db
    .insert(customerPhones)
    .values(values)
    .onConflictDoNothing({ target: customerPhones.phoneIndex })
    .returning();
  return rows[0] ?? null;
}

export async function findPhoneByIndex(db: Db, phoneIndex: string): Promise<PhoneRow | null> {
  const rows = await db.select().from(customerPhones).where(eq(customerPhones.phoneIndex, phoneIndex)).limit(1);
  return rows[0] ?? null;
}

export async function findPhone(db: Db, id: string): Promise<PhoneRow | null> {
  const rows = await db.select().from(customerPhones).where(eq(customerPhones.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Phones of these customers, primary first, then oldest first. */
export async function listPhones(db: Db, customerIds: readonly string[]): Promise<PhoneRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .select()
    .from(customerPhones)
    .where(inArray(customerPhones.customerId, [...customerIds]))
    .orderBy(desc(customerPhones.isPrimary), asc(customerPhones.createdAt), asc(customerPhones.id));
}

export async function clearPrimaryPhone(db: Db, customerId: string): Promise<void> {
  await db
    .update(customerPhones)
    .set({ isPrimary: false })
    .where(and(eq(customerPhones.customerId, customerId), eq(customerPhones.isPrimary, true)));
}

export async function updatePhone(db: Db, id: string, patch: Partial<typeof customerPhones.$inferInsert>) {
  await db.update(customerPhones).set(patch).where(eq(customerPhones.id, id));
}

// ---------- addresses ----------

export async function insertAddress(db: Db, values: typeof customerAddresses.$inferInsert): Promise<AddressRow> {
  const rows = await db.insert(customerAddresses).values(values).returning();
  return rows[0] as AddressRow;
}

export async function findAddress(db: Db, id: string): Promise<AddressRow | null> {
  const rows = await db.select().from(customerAddresses).where(eq(customerAddresses.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listAddresses(db: Db, customerIds: readonly string[]): Promise<AddressRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .select()
    .from(customerAddresses)
    .where(inArray(customerAddresses.customerId, [...customerIds]))
    .orderBy(asc(customerAddresses.createdAt), asc(customerAddresses.id));
}

export async function updateAddress(db: Db, id: string, patch: Partial<typeof customerAddresses.$inferInsert>) {
  await db.update(customerAddresses).set(patch).where(eq(customerAddresses.id, id));
}

// ---------- AC units ----------

export async function insertUnit(db: Db, values: typeof acUnits.$inferInsert): Promise<UnitRow> {
  const rows = await db.insert(acUnits).values(values).returning();
  return rows[0] as UnitRow;
}

export async function findUnit(db: Db, id: string): Promise<UnitRow | null> {
  const rows = await db.select().from(acUnits).where(eq(acUnits.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listUnits(db: Db, customerId: string): Promise<UnitRow[]> {
  return db
    .select()
    .from(acUnits)
    .where(eq(acUnits.customerId, customerId))
    .orderBy(asc(acUnits.createdAt), asc(acUnits.id));
}

export async function countUnits(db: Db, customerIds: readonly string[]): Promise<Map<string, number>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db
    .select({ customerId: acUnits.customerId, n: count() })
    .from(acUnits)
    .where(inArray(acUnits.customerId, [...customerIds]))
    .groupBy(acUnits.customerId);
  return new Map(rows.map((r) => [r.customerId, r.n]));
}

export async function clearUnitSerials(db: Db, customerId: string): Promise<void> {
  await db.update(acUnits).set({ serial: '' }).where(eq(acUnits.customerId, customerId));
}

// ---------- consents ----------

export async function insertConsent(db: Db, values: typeof customerConsents.$inferInsert): Promise<ConsentRow> {
  const rows = await db.insert(customerConsents).values(values).returning();
  return rows[0] as ConsentRow;
}

export async function listConsents(db: Db, customerId: string): Promise<ConsentRow[]> {
  return db
    .select()
    .from(customerConsents)
    .where(eq(customerConsents.customerId, customerId))
    .orderBy(desc(customerConsents.at), desc(customerConsents.id));
}

// ---------- privacy requests ----------

export async function insertPrivacyRequest(
  db: Db,
  values: typeof privacyRequests.$inferInsert,
): Promise<PrivacyRequestRow> {
  const rows = await db.insert(privacyRequests).values(values).returning();
  return rows[0] as PrivacyRequestRow;
}

export async function findOpenPrivacyRequest(db: Db, customerId: string, kind: string) {
  const rows = await db
    .select()
    .from(privacyRequests)
    .where(
      and(
        eq(privacyRequests.customerId, customerId),
        eq(privacyRequests.kind, kind),
        eq(privacyRequests.status, 'open'),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function findPrivacyRequest(db: Db, id: string): Promise<PrivacyRequestRow | null> {
  const rows = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function lockPrivacyRequest(db: Db, id: string): Promise<PrivacyRequestRow | null> {
  const rows = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id)).limit(1).for('update');
  return rows[0] ?? null;
}

export async function listPrivacyRequestsOf(db: Db, customerId: string): Promise<PrivacyRequestRow[]> {
  return db
    .select()
    .from(privacyRequests)
    .where(eq(privacyRequests.customerId, customerId))
    .orderBy(desc(privacyRequests.requestedAt), desc(privacyRequests.id));
}

export interface PrivacyRequestFilter {
  status?: string;
  kind?: string;
  customerId?: string;
}

/** Requests with the customer's masked name; open ones first, then oldest first (a queue). */
export async function pagePrivacyRequests(db: Db, f: PrivacyRequestFilter, page: number, pageSize: number) {
  const conds: SQL[] = [];
  if (f.status) conds.push(eq(privacyRequests.status, f.status));
  if (f.kind) conds.push(eq(privacyRequests.kind, f.kind));
  if (f.customerId) conds.push(eq(privacyRequests.customerId, f.customerId));
  const where = conds.length ? and(...conds) : undefined;
  const [items, totals] = await Promise.all([
    db
      .select({ request: privacyRequests, nameMasked: customers.nameMasked })
      .from(privacyRequests)
      .innerJoin(customers, eq(customers.id, privacyRequests.customerId))
      .where(where)
      .orderBy(
        sql`case when ${privacyRequests.status} = 'open' then 0 else 1 end`,
        asc(privacyRequests.requestedAt),
        asc(privacyRequests.id),
      )
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(privacyRequests).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function updatePrivacyRequestVersioned(
  db: Db,
  id: string,
  version: number,
  patch: Partial<typeof privacyRequests.$inferInsert>,
): Promise<PrivacyRequestRow | null> {
  const rows = await db
    .update(privacyRequests)
    .set({ ...patch, version: sql`${privacyRequests.version} + 1` })
    .where(and(eq(privacyRequests.id, id), eq(privacyRequests.version, version)))
    .returning();
  return rows[0] ?? null;
}

/**
 * Wipes the exported data of this customer's completed exports (kept: who handled them, and when the data was
 * wiped), so no copy of the personal data outlives a deletion.
 */
export async function wipeExportResults(db: Db, customerId: string, now: Date): Promise<number> {
  const rows = await db
    .update(privacyRequests)
    .set({
      result: sql`(${privacyRequests.result} - 'exportEnc') || jsonb_build_object('exportWipedAt', ${now.toISOString()}::text)`,
    })
    .where(and(eq(privacyRequests.customerId, customerId), sql`${privacyRequests.result} ? 'exportEnc'`))
    .returning({ id: privacyRequests.id });
  return rows.length;
}

/** Map points of addresses by id (for dispatch; no personal text). */
export async function addressPointsByIds(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; lat: number | null; lng: number | null; district: string }[]> {
  if (!ids.length) return [];
  return db
    .select({
      id: customerAddresses.id,
      lat: customerAddresses.lat,
      lng: customerAddresses.lng,
      district: customerAddresses.district,
    })
    .from(customerAddresses)
    .where(inArray(customerAddresses.id, [...ids]));
}
