import type { Db } from '@server/platform/db/client';
import { and, asc, count, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { LocationScope } from './parts.repository';
import { parts, stockBalances, stocktakeLines, stocktakes } from './parts.schema';

export type StocktakeRow = typeof stocktakes.$inferSelect;
export type StocktakeLineRow = typeof stocktakeLines.$inferSelect;

/** The book balances of a location (rows with stock, and non-serial rows at 0), optionally of some categories. */
export async function bookOfLocation(db: Db, locationId: string, categories: readonly string[] | null) {
  const conds: SQL[] = [
    eq(stockBalances.locationId, locationId),
    or(sql`${stockBalances.quantity} > 0`, eq(stockBalances.serial, '')) as SQL,
  ];
  if (categories) conds.push(inArray(parts.category, [...categories]));
  return db
    .select({
      partId: stockBalances.partId,
      lot: stockBalances.lot,
      serial: stockBalances.serial,
      expiryDate: stockBalances.expiryDate,
      quantity: stockBalances.quantity,
    })
    .from(stockBalances)
    .innerJoin(parts, eq(parts.id, stockBalances.partId))
    .where(and(...conds))
    .orderBy(asc(parts.code), asc(stockBalances.lot), asc(stockBalances.serial));
}

/** Current balances of some keys at a location, locked FOR UPDATE (in key order). */
export async function lockBalances(
  db: Db,
  locationId: string,
  keys: readonly { partId: string; lot: string; serial: string }[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const sorted = [...keys].sort((a, b) =>
    `${a.partId}|${a.lot}|${a.serial}` < `${b.partId}|${b.lot}|${b.serial}` ? -1 : 1,
  );
  for (const k of sorted) {
    const rows = await db
      .select({ q: stockBalances.quantity })
      .from(stockBalances)
      .where(
        and(
          eq(stockBalances.partId, k.partId),
          eq(stockBalances.locationId, locationId),
          eq(stockBalances.lot, k.lot),
          eq(stockBalances.serial, k.serial),
        ),
      )
      .for('update');
    out.set(balanceKey(k), rows[0]?.q ?? 0);
  }
  return out;
}

export const balanceKey = (k: { partId: string; lot: string; serial: string }) => `${k.partId}|${k.lot}|${k.serial}`;

export async function insertStocktake(
  db: Db,
  row: typeof stocktakes.$inferInsert,
  lines: Omit<typeof stocktakeLines.$inferInsert, 'stocktakeId'>[],
): Promise<StocktakeRow> {
  const [r] = await db.insert(stocktakes).values(row).returning();
  const st = r as StocktakeRow;
  for (let i = 0; i < lines.length; i += 500) {
    await db.insert(stocktakeLines).values(lines.slice(i, i + 500).map((l) => ({ ...l, stocktakeId: st.id })));
  }
  return st;
}

export async function findStocktake(db: Db, id: string, lock?: 'update'): Promise<StocktakeRow | null> {
  const q = db.select().from(stocktakes).where(eq(stocktakes.id, id)).limit(1);
  const rows = lock ? await q.for(lock) : await q;
  return rows[0] ?? null;
}

export async function stocktakeLinesOf(db: Db, ids: readonly string[]): Promise<StocktakeLineRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(stocktakeLines)
    .where(inArray(stocktakeLines.stocktakeId, [...ids]))
    .orderBy(asc(stocktakeLines.line));
}

export async function updateStocktakeVersioned(
  db: Db,
  id: string,
  version: number,
  set: Partial<typeof stocktakes.$inferInsert>,
  now: Date,
): Promise<StocktakeRow | null> {
  const rows = await db
    .update(stocktakes)
    .set({ ...set, version: version + 1, updatedAt: now })
    .where(and(eq(stocktakes.id, id), eq(stocktakes.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function updateStocktakeLine(
  db: Db,
  id: string,
  set: Partial<typeof stocktakeLines.$inferInsert>,
): Promise<void> {
  await db.update(stocktakeLines).set(set).where(eq(stocktakeLines.id, id));
}

export async function pageStocktakes(
  db: Db,
  f: { scope: LocationScope; status?: string; locationId?: string },
  page: number,
  pageSize: number,
): Promise<{ items: StocktakeRow[]; total: number }> {
  const conds: SQL[] = [];
  if (f.scope !== undefined) {
    conds.push(
      f.scope === null
        ? isNull(stocktakes.branchId)
        : (or(isNull(stocktakes.branchId), eq(stocktakes.branchId, f.scope)) as SQL),
    );
  }
  if (f.status) conds.push(eq(stocktakes.status, f.status));
  if (f.locationId) conds.push(eq(stocktakes.locationId, f.locationId));
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select()
    .from(stocktakes)
    .where(where)
    .orderBy(desc(stocktakes.createdAt), desc(stocktakes.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [c] = await db.select({ n: count() }).from(stocktakes).where(where);
  return { items, total: c?.n ?? 0 };
}
