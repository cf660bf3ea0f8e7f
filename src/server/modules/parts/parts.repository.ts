import type { Db } from '@server/platform/db/client';
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import {
  partStockLevels,
  parts,
  requisitionLines,
  requisitions,
  stockBalances,
  stockLocations,
  stockMovements,
} from './parts.schema';

export type PartRow = typeof parts.$inferSelect;
export type NewPart = typeof parts.$inferInsert;
export type LocationRow = typeof stockLocations.$inferSelect;
export type NewLocation = typeof stockLocations.$inferInsert;
export type LevelRow = typeof partStockLevels.$inferSelect;
export type MovementRow = typeof stockMovements.$inferSelect;
export type NewMovement = typeof stockMovements.$inferInsert;
export type RequisitionRow = typeof requisitions.$inferSelect;
export type RequisitionLineRow = typeof requisitionLines.$inferSelect;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Which locations a reader sees: `undefined` = all (company-wide roles); otherwise the central warehouse and other
 * branch-less locations plus those of the given branch (`null` = branch-less ones only).
 */
export type LocationScope = string | null | undefined;

function locationScopeCond(scope: LocationScope): SQL | undefined {
  if (scope === undefined) return undefined;
  if (scope === null) return isNull(stockLocations.branchId);
  return or(isNull(stockLocations.branchId), eq(stockLocations.branchId, scope)) as SQL;
}

// ---------- parts ----------

export async function insertPart(db: Db, row: NewPart): Promise<PartRow> {
  const [r] = await db.insert(parts).values(row).returning();
  return r as PartRow;
}

export async function findPart(db: Db, id: string, lock?: 'update' | 'share'): Promise<PartRow | null> {
  const q = db.select().from(parts).where(eq(parts.id, id)).limit(1);
  const rows = lock ? await q.for(lock) : await q;
  return rows[0] ?? null;
}

export async function findPartByCode(db: Db, code: string): Promise<PartRow | null> {
  const rows = await db.select().from(parts).where(eq(parts.code, code)).limit(1);
  return rows[0] ?? null;
}

export async function partsByIds(db: Db, ids: readonly string[]): Promise<Map<string, PartRow>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select()
    .from(parts)
    .where(inArray(parts.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function updatePartVersioned(
  db: Db,
  id: string,
  version: number,
  set: Partial<NewPart>,
  now: Date,
): Promise<PartRow | null> {
  const rows = await db
    .update(parts)
    .set({ ...set, version: version + 1, updatedAt: now })
    .where(and(eq(parts.id, id), eq(parts.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** The weighted average is maintained by receipts only; it does not change the part's version. */
export async function setAverageCost(db: Db, id: string, avgCostFen: number): Promise<void> {
  await db.update(parts).set({ avgCostFen }).where(eq(parts.id, id));
}

export async function pageParts(
  db: Db,
  f: { q?: string; category?: string; active?: boolean },
  page: number,
  pageSize: number,
): Promise<{ items: PartRow[]; total: number }> {
  const conds: SQL[] = [];
  if (f.category) conds.push(eq(parts.category, f.category));
  if (f.active !== undefined) conds.push(eq(parts.active, f.active));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(
      or(
        ilike(parts.code, like),
        ilike(parts.name, like),
        ilike(parts.spec, like),
        sql`exists (select 1 from unnest(${parts.compatibleModels}) m where m ilike ${like})`,
      ) as SQL,
    );
  }
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select()
    .from(parts)
    .where(where)
    .orderBy(asc(parts.code))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [c] = await db.select({ n: count() }).from(parts).where(where);
  return { items, total: c?.n ?? 0 };
}

export async function partHasMovements(db: Db, partId: string): Promise<boolean> {
  const rows = await db
    .select({ id: stockMovements.id })
    .from(stockMovements)
    .where(eq(stockMovements.partId, partId))
    .limit(1);
  return rows.length > 0;
}

// ---------- locations ----------

export async function insertLocation(db: Db, row: NewLocation): Promise<LocationRow> {
  const [r] = await db.insert(stockLocations).values(row).returning();
  return r as LocationRow;
}

export async function findLocation(db: Db, id: string, lock?: 'update'): Promise<LocationRow | null> {
  const q = db.select().from(stockLocations).where(eq(stockLocations.id, id)).limit(1);
  const rows = lock ? await q.for(lock) : await q;
  return rows[0] ?? null;
}

export async function findLocationByCode(db: Db, code: string): Promise<LocationRow | null> {
  const rows = await db.select().from(stockLocations).where(eq(stockLocations.code, code)).limit(1);
  return rows[0] ?? null;
}

export async function findVanOf(db: Db, technicianId: string): Promise<LocationRow | null> {
  const rows = await db.select().from(stockLocations).where(eq(stockLocations.technicianId, technicianId)).limit(1);
  return rows[0] ?? null;
}

export async function locationsByIds(db: Db, ids: readonly (string | null)[]): Promise<Map<string, LocationRow>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.select().from(stockLocations).where(inArray(stockLocations.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function pageLocations(
  db: Db,
  f: { scope: LocationScope; kind?: string; q?: string },
  page: number,
  pageSize: number,
): Promise<{ items: LocationRow[]; total: number }> {
  const conds: SQL[] = [];
  const scope = locationScopeCond(f.scope);
  if (scope) conds.push(scope);
  if (f.kind) conds.push(eq(stockLocations.kind, f.kind));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(or(ilike(stockLocations.code, like), ilike(stockLocations.name, like)) as SQL);
  }
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select()
    .from(stockLocations)
    .where(where)
    .orderBy(
      sql`case ${stockLocations.kind} when 'central' then 0 when 'branch' then 1 else 2 end`,
      asc(stockLocations.code),
    )
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [c] = await db.select({ n: count() }).from(stockLocations).where(where);
  return { items, total: c?.n ?? 0 };
}

export async function updateLocationVersioned(
  db: Db,
  id: string,
  version: number,
  set: Partial<NewLocation>,
  now: Date,
): Promise<LocationRow | null> {
  const rows = await db
    .update(stockLocations)
    .set({ ...set, version: version + 1, updatedAt: now })
    .where(and(eq(stockLocations.id, id), eq(stockLocations.version, version)))
    .returning();
  return rows[0] ?? null;
}

// ---------- reorder levels ----------

export async function findLevel(db: Db, partId: string, locationId: string): Promise<LevelRow | null> {
  const rows = await db
    .select()
    .from(partStockLevels)
    .where(and(eq(partStockLevels.partId, partId), eq(partStockLevels.locationId, locationId)))
    .limit(1)
    .for('update');
  return rows[0] ?? null;
}

export async function insertLevel(db: Db, row: typeof partStockLevels.$inferInsert): Promise<void> {
  await db.insert(partStockLevels).values(row);
}

export async function updateLevelVersioned(
  db: Db,
  key: { partId: string; locationId: string },
  version: number,
  set: { reorderPoint: number; reorderQuantity: number },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(partStockLevels)
    .set({ ...set, version: version + 1, updatedAt: now })
    .where(
      and(
        eq(partStockLevels.partId, key.partId),
        eq(partStockLevels.locationId, key.locationId),
        eq(partStockLevels.version, version),
      ),
    )
    .returning({ v: partStockLevels.version });
  return rows.length > 0;
}

/** Reorder levels and on-hand quantity of one part at the visible locations that have either. */
export async function levelsOfPart(db: Db, partId: string, scope: LocationScope) {
  const onHand = db
    .select({
      locationId: stockBalances.locationId,
      qty: sql<number>`sum(${stockBalances.quantity})::int`.as('qty'),
    })
    .from(stockBalances)
    .where(eq(stockBalances.partId, partId))
    .groupBy(stockBalances.locationId)
    .as('on_hand');
  const levels = db.select().from(partStockLevels).where(eq(partStockLevels.partId, partId)).as('lv');
  const scopeCond = locationScopeCond(scope);
  return db
    .select({
      locationId: stockLocations.id,
      locationCode: stockLocations.code,
      reorderPoint: sql<number>`coalesce(${levels.reorderPoint}, 0)`,
      reorderQuantity: sql<number>`coalesce(${levels.reorderQuantity}, 0)`,
      version: sql<number>`coalesce(${levels.version}, 0)`,
      onHand: sql<number>`coalesce(${onHand.qty}, 0)`,
    })
    .from(stockLocations)
    .leftJoin(levels, eq(levels.locationId, stockLocations.id))
    .leftJoin(onHand, eq(onHand.locationId, stockLocations.id))
    .where(and(sql`(${levels.partId} is not null or ${onHand.qty} is not null)`, scopeCond))
    .orderBy(asc(stockLocations.code));
}

// ---------- ledger ----------

/** Serialises postings of one request id (a concurrent retry waits, then sees the first one's rows). */
export async function lockRequestId(db: Db, requestId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`stock:${requestId}`}))`);
}

export async function movementsByRequest(db: Db, requestId: string): Promise<MovementRow[]> {
  return db
    .select()
    .from(stockMovements)
    .where(eq(stockMovements.requestId, requestId))
    .orderBy(asc(stockMovements.line));
}

export async function insertMovements(db: Db, rows: NewMovement[]): Promise<MovementRow[]> {
  if (!rows.length) return [];
  const out = await db.insert(stockMovements).values(rows).returning();
  return out.sort((a, b) => a.line - b.line);
}

export async function findMovement(db: Db, id: string): Promise<MovementRow | null> {
  const rows = await db.select().from(stockMovements).where(eq(stockMovements.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function reversedIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ of: stockMovements.reversalOf })
    .from(stockMovements)
    .where(inArray(stockMovements.reversalOf, [...ids]));
  return new Set(rows.map((r) => r.of as string));
}

export interface BalanceKey {
  partId: string;
  locationId: string;
  lot: string;
  serial: string;
}

/** Takes `qty` out of a balance if that much is there; false (nothing changed) when not. */
export async function takeFromBalance(db: Db, key: BalanceKey, qty: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(stockBalances)
    .set({ quantity: sql`${stockBalances.quantity} - ${qty}`, updatedAt: now })
    .where(
      and(
        eq(stockBalances.partId, key.partId),
        eq(stockBalances.locationId, key.locationId),
        eq(stockBalances.lot, key.lot),
        eq(stockBalances.serial, key.serial),
        sql`${stockBalances.quantity} >= ${qty}`,
      ),
    )
    .returning({ q: stockBalances.quantity });
  return rows.length > 0;
}

export async function addToBalance(
  db: Db,
  key: BalanceKey,
  qty: number,
  expiryDate: string | null,
  now: Date,
): Promise<void> {
  await db
    .insert(stockBalances)
    .values({ ...key, quantity: qty, expiryDate, updatedAt: now })
    .onConflictDoUpdate({
      target: [stockBalances.partId, stockBalances.locationId, stockBalances.lot, stockBalances.serial],
      set: {
        quantity: sql`${stockBalances.quantity} + excluded.quantity`,
        expiryDate: sql`coalesce(excluded.expiry_date, ${stockBalances.expiryDate})`,
        updatedAt: now,
      },
    });
}

/** The expiry date a lot of a part was received with (null when none was recorded). */
export async function lotExpiry(db: Db, partId: string, lot: string): Promise<string | null> {
  const rows = await db
    .select({ expiryDate: stockMovements.expiryDate })
    .from(stockMovements)
    .where(and(eq(stockMovements.partId, partId), eq(stockMovements.lot, lot), isNotNull(stockMovements.expiryDate)))
    .orderBy(asc(stockMovements.seq))
    .limit(1);
  return rows[0]?.expiryDate ?? null;
}

export async function balanceQuantity(db: Db, key: BalanceKey): Promise<number> {
  const rows = await db
    .select({ q: stockBalances.quantity })
    .from(stockBalances)
    .where(
      and(
        eq(stockBalances.partId, key.partId),
        eq(stockBalances.locationId, key.locationId),
        eq(stockBalances.lot, key.lot),
        eq(stockBalances.serial, key.serial),
      ),
    )
    .limit(1);
  return rows[0]?.q ?? 0;
}

export async function onHandOfPart(db: Db, partId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`coalesce(sum(${stockBalances.quantity}), 0)::int` })
    .from(stockBalances)
    .where(eq(stockBalances.partId, partId));
  return Number(r?.n ?? 0);
}

const movementColumns = {
  m: stockMovements,
  partCode: parts.code,
  partName: parts.name,
  locationCode: stockLocations.code,
};
export type MovementWithNames = { m: MovementRow; partCode: string; partName: string; locationCode: string };

export async function pageMovements(
  db: Db,
  f: { scope: LocationScope; partId?: string; locationId?: string; kind?: string; workOrderId?: string },
  page: number,
  pageSize: number,
): Promise<{ items: MovementWithNames[]; total: number }> {
  const conds: SQL[] = [];
  const scope = locationScopeCond(f.scope);
  if (scope) conds.push(scope);
  if (f.partId) conds.push(eq(stockMovements.partId, f.partId));
  if (f.locationId) conds.push(eq(stockMovements.locationId, f.locationId));
  if (f.kind) conds.push(eq(stockMovements.kind, f.kind));
  if (f.workOrderId) conds.push(eq(stockMovements.workOrderId, f.workOrderId));
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select(movementColumns)
    .from(stockMovements)
    .innerJoin(parts, eq(parts.id, stockMovements.partId))
    .innerJoin(stockLocations, eq(stockLocations.id, stockMovements.locationId))
    .where(where)
    .orderBy(desc(stockMovements.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [c] = await db
    .select({ n: count() })
    .from(stockMovements)
    .innerJoin(stockLocations, eq(stockLocations.id, stockMovements.locationId))
    .where(where);
  return { items, total: c?.n ?? 0 };
}

export async function movementsWithNames(db: Db, ids: readonly string[]): Promise<MovementWithNames[]> {
  if (!ids.length) return [];
  return db
    .select(movementColumns)
    .from(stockMovements)
    .innerJoin(parts, eq(parts.id, stockMovements.partId))
    .innerJoin(stockLocations, eq(stockLocations.id, stockMovements.locationId))
    .where(inArray(stockMovements.id, [...ids]))
    .orderBy(asc(stockMovements.seq));
}

export async function serialMovements(db: Db, serial: string): Promise<MovementWithNames[]> {
  return db
    .select(movementColumns)
    .from(stockMovements)
    .innerJoin(parts, eq(parts.id, stockMovements.partId))
    .innerJoin(stockLocations, eq(stockLocations.id, stockMovements.locationId))
    .where(eq(stockMovements.serial, serial))
    .orderBy(asc(stockMovements.seq));
}

export async function serialWhereabouts(db: Db, serial: string) {
  return db
    .select({ partId: stockBalances.partId, locationId: stockLocations.id, locationCode: stockLocations.code })
    .from(stockBalances)
    .innerJoin(stockLocations, eq(stockLocations.id, stockBalances.locationId))
    .where(and(eq(stockBalances.serial, serial), sql`${stockBalances.quantity} > 0`));
}

export async function pageBalances(
  db: Db,
  f: { scope: LocationScope; locationId?: string; partId?: string; category?: string; q?: string },
  page: number,
  pageSize: number,
) {
  const conds: SQL[] = [sql`${stockBalances.quantity} > 0`];
  const scope = locationScopeCond(f.scope);
  if (scope) conds.push(scope);
  if (f.locationId) conds.push(eq(stockBalances.locationId, f.locationId));
  if (f.partId) conds.push(eq(stockBalances.partId, f.partId));
  if (f.category) conds.push(eq(parts.category, f.category));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(
      or(
        ilike(parts.code, like),
        ilike(parts.name, like),
        ilike(stockBalances.serial, like),
        ilike(stockBalances.lot, like),
      ) as SQL,
    );
  }
  const where = and(...conds);
  const items = await db
    .select({
      b: stockBalances,
      partCode: parts.code,
      partName: parts.name,
      spec: parts.spec,
      unit: parts.unit,
      category: parts.category,
      avgCostFen: parts.avgCostFen,
      locationCode: stockLocations.code,
      locationName: stockLocations.name,
    })
    .from(stockBalances)
    .innerJoin(parts, eq(parts.id, stockBalances.partId))
    .innerJoin(stockLocations, eq(stockLocations.id, stockBalances.locationId))
    .where(where)
    .orderBy(asc(stockLocations.code), asc(parts.code), asc(stockBalances.lot), asc(stockBalances.serial))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [t] = await db
    .select({
      n: count(),
      qty: sql<number>`coalesce(sum(${stockBalances.quantity}), 0)::bigint`,
      value: sql<number>`coalesce(sum(${stockBalances.quantity}::bigint * ${parts.avgCostFen}), 0)::bigint`,
    })
    .from(stockBalances)
    .innerJoin(parts, eq(parts.id, stockBalances.partId))
    .innerJoin(stockLocations, eq(stockLocations.id, stockBalances.locationId))
    .where(where);
  return { items, total: t?.n ?? 0, totalQuantity: Number(t?.qty ?? 0), totalValueFen: Number(t?.value ?? 0) };
}

export async function valueByLocation(db: Db, scope: LocationScope) {
  return db
    .select({
      locationId: stockLocations.id,
      locationCode: stockLocations.code,
      locationName: stockLocations.name,
      kind: stockLocations.kind,
      quantity: sql<number>`coalesce(sum(${stockBalances.quantity}), 0)::bigint`,
      valueFen: sql<number>`coalesce(sum(${stockBalances.quantity}::bigint * ${parts.avgCostFen}), 0)::bigint`,
    })
    .from(stockLocations)
    .leftJoin(stockBalances, eq(stockBalances.locationId, stockLocations.id))
    .leftJoin(parts, eq(parts.id, stockBalances.partId))
    .where(locationScopeCond(scope))
    .groupBy(stockLocations.id)
    .orderBy(
      sql`case ${stockLocations.kind} when 'central' then 0 when 'branch' then 1 else 2 end`,
      asc(stockLocations.code),
    );
}

export async function pageReorderAlerts(
  db: Db,
  f: { scope: LocationScope; locationId?: string },
  page: number,
  pageSize: number,
) {
  const onHand = sql<number>`coalesce((select sum(b.quantity) from stock_balances b where b.part_id = ${partStockLevels.partId} and b.location_id = ${partStockLevels.locationId}), 0)::int`;
  const conds: SQL[] = [sql`${onHand} <= ${partStockLevels.reorderPoint}`, sql`${partStockLevels.reorderPoint} > 0`];
  const scope = locationScopeCond(f.scope);
  if (scope) conds.push(scope);
  if (f.locationId) conds.push(eq(partStockLevels.locationId, f.locationId));
  const where = and(...conds);
  const items = await db
    .select({
      partId: parts.id,
      partCode: parts.code,
      partName: parts.name,
      unit: parts.unit,
      locationId: stockLocations.id,
      locationCode: stockLocations.code,
      locationName: stockLocations.name,
      onHand,
      reorderPoint: partStockLevels.reorderPoint,
      reorderQuantity: partStockLevels.reorderQuantity,
    })
    .from(partStockLevels)
    .innerJoin(parts, eq(parts.id, partStockLevels.partId))
    .innerJoin(stockLocations, eq(stockLocations.id, partStockLevels.locationId))
    .where(where)
    .orderBy(asc(stockLocations.code), asc(parts.code))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [c] = await db
    .select({ n: count() })
    .from(partStockLevels)
    .innerJoin(stockLocations, eq(stockLocations.id, partStockLevels.locationId))
    .where(where);
  return { items, total: c?.n ?? 0 };
}

// ---------- requisitions ----------

export async function insertRequisition(
  db: Db,
  row: typeof requisitions.$inferInsert,
  lines: Omit<typeof requisitionLines.$inferInsert, 'requisitionId'>[],
): Promise<RequisitionRow> {
  const [r] = await db.insert(requisitions).values(row).returning();
  const req = r as RequisitionRow;
  await db.insert(requisitionLines).values(lines.map((l) => ({ ...l, requisitionId: req.id })));
  return req;
}

export async function findRequisition(db: Db, id: string, lock?: 'update'): Promise<RequisitionRow | null> {
  const q = db.select().from(requisitions).where(eq(requisitions.id, id)).limit(1);
  const rows = lock ? await q.for(lock) : await q;
  return rows[0] ?? null;
}

export async function findRequisitionByRequest(
  db: Db,
  requesterId: string,
  requestId: string,
): Promise<RequisitionRow | null> {
  const rows = await db
    .select()
    .from(requisitions)
    .where(and(eq(requisitions.requesterId, requesterId), eq(requisitions.requestId, requestId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function linesOf(db: Db, ids: readonly string[]): Promise<RequisitionLineRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(requisitionLines)
    .where(inArray(requisitionLines.requisitionId, [...ids]))
    .orderBy(asc(requisitionLines.line));
}

export async function updateRequisitionVersioned(
  db: Db,
  id: string,
  version: number,
  set: Partial<typeof requisitions.$inferInsert>,
  now: Date,
): Promise<RequisitionRow | null> {
  const rows = await db
    .update(requisitions)
    .set({ ...set, version: version + 1, updatedAt: now })
    .where(and(eq(requisitions.id, id), eq(requisitions.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function updateLine(
  db: Db,
  id: string,
  set: Partial<typeof requisitionLines.$inferInsert>,
): Promise<void> {
  await db.update(requisitionLines).set(set).where(eq(requisitionLines.id, id));
}

export async function pageRequisitions(
  db: Db,
  f: { branchId?: string | null; requesterId?: string; statuses?: readonly string[] },
  page: number,
  pageSize: number,
): Promise<{ items: RequisitionRow[]; total: number }> {
  const conds: SQL[] = [];
  if (f.branchId !== undefined)
    conds.push(f.branchId === null ? isNull(requisitions.branchId) : eq(requisitions.branchId, f.branchId));
  if (f.requesterId) conds.push(eq(requisitions.requesterId, f.requesterId));
  if (f.statuses) conds.push(inArray(requisitions.status, [...f.statuses]));
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select()
    .from(requisitions)
    .where(where)
    .orderBy(desc(requisitions.createdAt), desc(requisitions.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [c] = await db.select({ n: count() }).from(requisitions).where(where);
  return { items, total: c?.n ?? 0 };
}
