import type { Db } from '@server/platform/db/client';
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { LocationScope } from './parts.repository';
import {
  partStockLevels,
  parts,
  requisitionLines,
  requisitions,
  stockBalances,
  type stockMovements,
} from './parts.schema';
import {
  purchaseOrderLines,
  purchaseOrders,
  purchasePlanLines,
  purchasePlans,
  purchaseReceipts,
  supplierContractFiles,
  supplierContractPrices,
  supplierContracts,
  supplierEvaluations,
  suppliers,
} from './purchasing.schema';

export type SupplierRow = typeof suppliers.$inferSelect;
export type NewSupplier = typeof suppliers.$inferInsert;
export type ContractRow = typeof supplierContracts.$inferSelect;
export type NewContract = typeof supplierContracts.$inferInsert;
export type EvaluationRow = typeof supplierEvaluations.$inferSelect;
export type NewEvaluation = typeof supplierEvaluations.$inferInsert;
export type PlanRow = typeof purchasePlans.$inferSelect;
export type PlanLineRow = typeof purchasePlanLines.$inferSelect;
export type NewPlanLine = Omit<typeof purchasePlanLines.$inferInsert, 'planId'>;
export type OrderRow = typeof purchaseOrders.$inferSelect;
export type OrderLineRow = typeof purchaseOrderLines.$inferSelect;
export type NewOrderLine = Omit<typeof purchaseOrderLines.$inferInsert, 'orderId'>;
export type ReceiptRow = typeof purchaseReceipts.$inferSelect;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Rows of a raw query, the same on both drivers. */
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}

/** Objects of a branch-scoped table visible in a location scope: branch-less ones, and the given branch's. */
function scopeCond(column: typeof purchasePlans.branchId | typeof purchaseOrders.branchId, scope: LocationScope) {
  if (scope === undefined) return undefined;
  if (scope === null) return isNull(column);
  return or(isNull(column), eq(column, scope)) as SQL;
}

// ---------- suppliers ----------

export async function insertSupplier(db: Db, row: NewSupplier): Promise<SupplierRow> {
  const [r] = await db.insert(suppliers).values(row).returning();
  return r as SupplierRow;
}

export async function findSupplier(db: Db, id: string, lock?: 'update'): Promise<SupplierRow | null> {
  const q = db.select().from(suppliers).where(eq(suppliers.id, id)).limit(1);
  const rows = lock ? await q.for(lock) : await q;
  return rows[0] ?? null;
}

export async function findSupplierByCode(db: Db, code: string): Promise<SupplierRow | null> {
  const rows = await db.select().from(suppliers).where(eq(suppliers.code, code)).limit(1);
  return rows[0] ?? null;
}

export async function suppliersByIds(db: Db, ids: readonly (string | null)[]): Promise<Map<string, SupplierRow>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.select().from(suppliers).where(inArray(suppliers.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function updateSupplierVersioned(
  db: Db,
  id: string,
  version: number,
  set: Partial<NewSupplier>,
  now: Date,
): Promise<SupplierRow | null> {
  const rows = await db
    .update(suppliers)
    .set({ ...set, version: version + 1, updatedAt: now })
    .where(and(eq(suppliers.id, id), eq(suppliers.version, version)))
    .returning();
  return rows[0] ?? null;
}

/**
 * A page of suppliers with the number of current contracts (active, covering `today`) and the latest evaluation.
 * The subqueries name the outer table literally: drizzle leaves the table off columns of a one-table select.
 */
export async function pageSuppliers(
  db: Db,
  f: { q?: string; active?: boolean; today: string },
  page: number,
  pageSize: number,
) {
  const conds: SQL[] = [];
  if (f.active !== undefined) conds.push(eq(suppliers.active, f.active));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(or(ilike(suppliers.code, like), ilike(suppliers.name, like), ilike(suppliers.contactName, like)) as SQL);
  }
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select({
      s: suppliers,
      currentContracts: sql<number>`(select count(*) from ${supplierContracts} c where c.supplier_id = suppliers.id and c.status = 'active' and c.starts_on <= ${f.today} and c.ends_on >= ${f.today})::int`,
      latestTotalScore: sql<
        number | null
      >`(select e.total_score from ${supplierEvaluations} e where e.supplier_id = suppliers.id order by e.period_end desc, e.period_start desc limit 1)`,
      latestPeriodEnd: sql<
        string | null
      >`(select e.period_end::text from ${supplierEvaluations} e where e.supplier_id = suppliers.id order by e.period_end desc, e.period_start desc limit 1)`,
    })
    .from(suppliers)
    .where(where)
    .orderBy(asc(suppliers.code))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [c] = await db.select({ n: count() }).from(suppliers).where(where);
  return { items, total: c?.n ?? 0 };
}

// ---------- contracts ----------

export async function insertContract(db: Db, row: NewContract): Promise<ContractRow> {
  const [r] = await db.insert(supplierContracts).values(row).returning();
  return r as ContractRow;
}

export async function findContract(db: Db, id: string, lock?: 'update'): Promise<ContractRow | null> {
  const q = db.select().from(supplierContracts).where(eq(supplierContracts.id, id)).limit(1);
  const rows = lock ? await q.for(lock) : await q;
  return rows[0] ?? null;
}

export async function findContractByNumber(db: Db, number: string): Promise<ContractRow | null> {
  const rows = await db.select().from(supplierContracts).where(eq(supplierContracts.number, number)).limit(1);
  return rows[0] ?? null;
}

export async function contractsByIds(db: Db, ids: readonly (string | null)[]): Promise<Map<string, ContractRow>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.select().from(supplierContracts).where(inArray(supplierContracts.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function contractsOfSupplier(db: Db, supplierId: string): Promise<ContractRow[]> {
  return db
    .select()
    .from(supplierContracts)
    .where(eq(supplierContracts.supplierId, supplierId))
    .orderBy(desc(supplierContracts.startsOn), asc(supplierContracts.number));
}

export async function updateContractVersioned(
  db: Db,
  id: string,
  version: number,
  set: Partial<NewContract>,
  now: Date,
): Promise<ContractRow | null> {
  const rows = await db
    .update(supplierContracts)
    .set({ ...set, version: version + 1, updatedAt: now })
    .where(and(eq(supplierContracts.id, id), eq(supplierContracts.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** Replaces the whole price list of a contract. */
export async function replacePrices(
  db: Db,
  contractId: string,
  prices: readonly { partId: string; unitPriceFen: number }[],
): Promise<void> {
  await db.delete(supplierContractPrices).where(eq(supplierContractPrices.contractId, contractId));
  if (prices.length) {
    await db.insert(supplierContractPrices).values(prices.map((p) => ({ contractId, ...p })));
  }
}

export async function pricesOf(db: Db, contractIds: readonly string[]) {
  if (!contractIds.length) return [];
  return db
    .select({
      contractId: supplierContractPrices.contractId,
      partId: supplierContractPrices.partId,
      unitPriceFen: supplierContractPrices.unitPriceFen,
      partCode: parts.code,
      partName: parts.name,
      spec: parts.spec,
      unit: parts.unit,
    })
    .from(supplierContractPrices)
    .innerJoin(parts, eq(parts.id, supplierContractPrices.partId))
    .where(inArray(supplierContractPrices.contractId, [...contractIds]))
    .orderBy(asc(parts.code));
}

/** The file facts of contracts (without the bytes). */
export async function fileInfoOf(db: Db, contractIds: readonly string[]) {
  if (!contractIds.length) return [];
  return db
    .select({
      contractId: supplierContractFiles.contractId,
      fileName: supplierContractFiles.fileName,
      contentType: supplierContractFiles.contentType,
      size: supplierContractFiles.size,
      sha256: supplierContractFiles.sha256,
      uploadedByName: supplierContractFiles.uploadedByName,
      uploadedAt: supplierContractFiles.uploadedAt,
    })
    .from(supplierContractFiles)
    .where(inArray(supplierContractFiles.contractId, [...contractIds]));
}

export async function upsertContractFile(db: Db, row: typeof supplierContractFiles.$inferInsert): Promise<void> {
  const { contractId: _id, ...set } = row;
  await db
    .insert(supplierContractFiles)
    .values(row)
    .onConflictDoUpdate({ target: supplierContractFiles.contractId, set });
}

export async function findContractFile(db: Db, contractId: string) {
  const rows = await db
    .select()
    .from(supplierContractFiles)
    .where(eq(supplierContractFiles.contractId, contractId))
    .limit(1);
  return rows[0] ?? null;
}

export interface OfferRow {
  partId: string;
  supplierId: string;
  supplierCode: string;
  supplierName: string;
  contractId: string;
  contractNumber: string;
  deliveryDays: number;
  unitPriceFen: number;
}

/** Prices of active contracts covering `day` from active suppliers, for some parts (all parts when null). */
export async function currentOffers(
  db: Db,
  day: string,
  partIds: readonly string[] | null,
  supplierId?: string,
): Promise<OfferRow[]> {
  if (partIds && !partIds.length) return [];
  const conds: SQL[] = [
    eq(supplierContracts.status, 'active'),
    lte(supplierContracts.startsOn, day),
    gte(supplierContracts.endsOn, day),
    eq(suppliers.active, true),
  ];
  if (partIds) conds.push(inArray(supplierContractPrices.partId, [...partIds]));
  if (supplierId) conds.push(eq(suppliers.id, supplierId));
  return db
    .select({
      partId: supplierContractPrices.partId,
      supplierId: suppliers.id,
      supplierCode: suppliers.code,
      supplierName: suppliers.name,
      contractId: supplierContracts.id,
      contractNumber: supplierContracts.number,
      deliveryDays: supplierContracts.deliveryDays,
      unitPriceFen: supplierContractPrices.unitPriceFen,
    })
    .from(supplierContractPrices)
    .innerJoin(supplierContracts, eq(supplierContracts.id, supplierContractPrices.contractId))
    .innerJoin(suppliers, eq(suppliers.id, supplierContracts.supplierId))
    .where(and(...conds));
}

// ---------- evaluations: figures from the ledger and receipts ----------

/** "local day of an instant" in SQL, in the given zone. */
const localDaySql = (column: SQL | typeof stockMovements.at, zone: string) =>
  sql`(${column} at time zone ${zone})::date`;

/**
 * Units received per supplier in a period of local days (ledger receipts naming the supplier, reversed ones left
 * out), and Σ paid × quantity and Σ contract price × quantity over those that had a contract price valid that day
 * (the supplier's lowest, from any of its contracts covering the day).
 */
export async function receivedFigures(db: Db, start: string, end: string, zone: string) {
  const rows = await rowsOf<{
    supplier_id: string;
    received: number;
    paid: number | null;
    contract: number | null;
  }>(
    db,
    sql`select m.supplier_id,
          sum(m.quantity)::bigint as received,
          sum(case when cp.price is not null then m.quantity::bigint * m.unit_cost_fen end)::bigint as paid,
          sum(m.quantity::bigint * cp.price)::bigint as contract
        from stock_movements m
        left join lateral (
          select min(p.unit_price_fen) as price
          from supplier_contract_prices p
          join supplier_contracts c on c.id = p.contract_id
          where c.supplier_id = m.supplier_id and p.part_id = m.part_id
            and ${localDaySql(sql`m.at`, zone)} between c.starts_on and c.ends_on
        ) cp on true
        where m.kind = 'receipt' and m.supplier_id is not null
          and ${localDaySql(sql`m.at`, zone)} between ${start}::date and ${end}::date
          and not exists (select 1 from stock_movements r where r.reversal_of = m.id)
        group by m.supplier_id`,
  );
  return rows.map((r) => ({
    supplierId: r.supplier_id,
    received: Number(r.received),
    paidFen: Number(r.paid ?? 0),
    contractFen: Number(r.contract ?? 0),
  }));
}

/** Units returned to each supplier in the period (ledger returns naming it; reversed ones left out). */
export async function defectFigures(db: Db, start: string, end: string, zone: string) {
  const rows = await rowsOf<{ supplier_id: string; defects: number }>(
    db,
    sql`select m.supplier_id, (-sum(m.quantity))::bigint as defects
        from stock_movements m
        where m.kind = 'return_to_supplier' and m.supplier_id is not null
          and ${localDaySql(sql`m.at`, zone)} between ${start}::date and ${end}::date
          and not exists (select 1 from stock_movements r where r.reversal_of = m.id)
        group by m.supplier_id`,
  );
  return rows.map((r) => ({ supplierId: r.supplier_id, defects: Number(r.defects) }));
}

/** Deliveries (receipts against orders) per supplier in the period, and those on time. */
export async function deliveryFigures(db: Db, start: string, end: string, zone: string) {
  const rows = await rowsOf<{ supplier_id: string; deliveries: number; on_time: number }>(
    db,
    sql`select r.supplier_id, count(*)::int as deliveries, count(*) filter (where r.on_time)::int as on_time
        from purchase_receipts r
        where ${localDaySql(sql`r.received_at`, zone)} between ${start}::date and ${end}::date
        group by r.supplier_id`,
  );
  return rows.map((r) => ({
    supplierId: r.supplier_id,
    deliveries: Number(r.deliveries),
    onTime: Number(r.on_time),
  }));
}

/** Prices of active contracts overlapping the period, of active suppliers (for "vs the other suppliers"). */
export async function offersOverlapping(db: Db, start: string, end: string) {
  return db
    .select({
      supplierId: supplierContracts.supplierId,
      partId: supplierContractPrices.partId,
      unitPriceFen: supplierContractPrices.unitPriceFen,
    })
    .from(supplierContractPrices)
    .innerJoin(supplierContracts, eq(supplierContracts.id, supplierContractPrices.contractId))
    .innerJoin(suppliers, eq(suppliers.id, supplierContracts.supplierId))
    .where(
      and(
        eq(supplierContracts.status, 'active'),
        lte(supplierContracts.startsOn, end),
        gte(supplierContracts.endsOn, start),
        eq(suppliers.active, true),
      ),
    );
}

/** The evaluation of a supplier for a period, locked; created empty-handed by the caller when missing. */
export async function lockEvaluation(
  db: Db,
  supplierId: string,
  start: string,
  end: string,
): Promise<EvaluationRow | null> {
  const rows = await db
    .select()
    .from(supplierEvaluations)
    .where(
      and(
        eq(supplierEvaluations.supplierId, supplierId),
        eq(supplierEvaluations.periodStart, start),
        eq(supplierEvaluations.periodEnd, end),
      ),
    )
    .limit(1)
    .for('update');
  return rows[0] ?? null;
}

/** Inserts unless a concurrent compute got there first (then null: lock and update that one). */
export async function insertEvaluation(db: Db, row: NewEvaluation): Promise<EvaluationRow | null> {
  const rows = await db.insert(supplierEvaluations).values(row).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function updateEvaluation(db: Db, id: string, set: Partial<NewEvaluation>): Promise<EvaluationRow> {
  const [r] = await db.update(supplierEvaluations).set(set).where(eq(supplierEvaluations.id, id)).returning();
  return r as EvaluationRow;
}

export async function findEvaluation(db: Db, id: string, lock?: 'update'): Promise<EvaluationRow | null> {
  const q = db.select().from(supplierEvaluations).where(eq(supplierEvaluations.id, id)).limit(1);
  const rows = lock ? await q.for(lock) : await q;
  return rows[0] ?? null;
}

export async function evaluationsOfSupplier(db: Db, supplierId: string, limit: number): Promise<EvaluationRow[]> {
  return db
    .select()
    .from(supplierEvaluations)
    .where(eq(supplierEvaluations.supplierId, supplierId))
    .orderBy(desc(supplierEvaluations.periodEnd), desc(supplierEvaluations.periodStart))
    .limit(limit);
}

export async function evaluationsOfPeriod(db: Db, start: string, end: string): Promise<EvaluationRow[]> {
  return db
    .select()
    .from(supplierEvaluations)
    .where(and(eq(supplierEvaluations.periodStart, start), eq(supplierEvaluations.periodEnd, end)));
}

export async function evaluatedPeriods(db: Db, limit: number) {
  return db
    .selectDistinct({ periodStart: supplierEvaluations.periodStart, periodEnd: supplierEvaluations.periodEnd })
    .from(supplierEvaluations)
    .orderBy(desc(supplierEvaluations.periodEnd), desc(supplierEvaluations.periodStart))
    .limit(limit);
}

// ---------- purchase plans: the proposal's data ----------

/** Reorder levels set at a location. */
export async function levelsAt(db: Db, locationId: string) {
  return db
    .select({
      partId: partStockLevels.partId,
      reorderPoint: partStockLevels.reorderPoint,
      reorderQuantity: partStockLevels.reorderQuantity,
    })
    .from(partStockLevels)
    .where(eq(partStockLevels.locationId, locationId));
}

/** Quantity on hand per part at a location. */
export async function onHandAt(db: Db, locationId: string) {
  return db
    .select({ partId: stockBalances.partId, quantity: sql<number>`sum(${stockBalances.quantity})::int` })
    .from(stockBalances)
    .where(eq(stockBalances.locationId, locationId))
    .groupBy(stockBalances.partId);
}

/**
 * Net usage at a location per part and week since `from` (week 0 = the first 7 days): issues minus returns from
 * jobs, reversals of either counted against them.
 */
export async function weeklyUsageAt(db: Db, locationId: string, from: Date, to: Date) {
  const rows = await rowsOf<{ part_id: string; week: number; used: number }>(
    db,
    sql`select m.part_id,
          floor(extract(epoch from (m.at - ${from.toISOString()}::timestamptz)) / 604800)::int as week,
          (-sum(m.quantity))::int as used
        from stock_movements m
        left join stock_movements o on o.id = m.reversal_of
        where m.location_id = ${locationId}
          and m.at >= ${from.toISOString()}::timestamptz and m.at < ${to.toISOString()}::timestamptz
          and (m.kind in ('issue', 'return_from_job')
               or (m.kind = 'reversal' and o.kind in ('issue', 'return_from_job')))
        group by m.part_id, week`,
  );
  return rows.map((r) => ({ partId: r.part_id, week: Number(r.week), used: Number(r.used) }));
}

/** Net usage at a location per part between two instants (the same rule as weeklyUsageAt). */
export async function usageBetween(db: Db, locationId: string, from: Date, to: Date) {
  const rows = await rowsOf<{ part_id: string; used: number }>(
    db,
    sql`select m.part_id, (-sum(m.quantity))::int as used
        from stock_movements m
        left join stock_movements o on o.id = m.reversal_of
        where m.location_id = ${locationId}
          and m.at >= ${from.toISOString()}::timestamptz and m.at < ${to.toISOString()}::timestamptz
          and (m.kind in ('issue', 'return_from_job')
               or (m.kind = 'reversal' and o.kind in ('issue', 'return_from_job')))
        group by m.part_id`,
  );
  return new Map(rows.map((r) => [r.part_id, Number(r.used)]));
}

/**
 * Open requisition demand per part of a branch (null: branch-less requisitions): submitted lines at their quantity,
 * approved lines of approved / partially approved requisitions at what is approved and not issued yet.
 */
export async function openRequisitionDemand(db: Db, branchId: string | null) {
  return db
    .select({
      partId: requisitionLines.partId,
      quantity: sql<number>`sum(case when ${requisitions.status} = 'submitted' then ${requisitionLines.quantity}
        else greatest(${requisitionLines.approvedQuantity} - ${requisitionLines.issuedQuantity}, 0) end)::int`,
    })
    .from(requisitionLines)
    .innerJoin(requisitions, eq(requisitions.id, requisitionLines.requisitionId))
    .where(
      and(
        branchId === null ? isNull(requisitions.branchId) : eq(requisitions.branchId, branchId),
        or(
          eq(requisitions.status, 'submitted'),
          and(
            inArray(requisitions.status, ['approved', 'partially_approved']),
            eq(requisitionLines.decision, 'approved'),
          ),
        ),
      ),
    )
    .groupBy(requisitionLines.partId);
}

/** Ordered and not yet received per part on open orders for a location. */
export async function onOrderAt(db: Db, locationId: string) {
  return db
    .select({
      partId: purchaseOrderLines.partId,
      quantity: sql<number>`sum(${purchaseOrderLines.quantity} - ${purchaseOrderLines.receivedQuantity})::int`,
    })
    .from(purchaseOrderLines)
    .innerJoin(purchaseOrders, eq(purchaseOrders.id, purchaseOrderLines.orderId))
    .where(
      and(eq(purchaseOrders.locationId, locationId), inArray(purchaseOrders.status, ['open', 'partially_received'])),
    )
    .groupBy(purchaseOrderLines.partId);
}

// ---------- purchase plans ----------

export async function insertPlan(
  db: Db,
  row: typeof purchasePlans.$inferInsert,
  lines: readonly NewPlanLine[],
): Promise<PlanRow> {
  const [r] = await db.insert(purchasePlans).values(row).returning();
  const plan = r as PlanRow;
  await insertPlanLines(db, plan.id, lines);
  return plan;
}

async function insertPlanLines(db: Db, planId: string, lines: readonly NewPlanLine[]): Promise<void> {
  for (let i = 0; i < lines.length; i += 500) {
    await db.insert(purchasePlanLines).values(lines.slice(i, i + 500).map((l) => ({ ...l, planId })));
  }
}

/** Replaces the lines of a draft plan (the lines are the plan's working copy; nothing refers to them yet). */
export async function replacePlanLines(db: Db, planId: string, lines: readonly NewPlanLine[]): Promise<void> {
  await db.delete(purchasePlanLines).where(eq(purchasePlanLines.planId, planId));
  await insertPlanLines(db, planId, lines);
}

export async function findPlan(db: Db, id: string, lock?: 'update'): Promise<PlanRow | null> {
  const q = db.select().from(purchasePlans).where(eq(purchasePlans.id, id)).limit(1);
  const rows = lock ? await q.for(lock) : await q;
  return rows[0] ?? null;
}

export async function findPlanByRequest(db: Db, createdBy: string, requestId: string): Promise<PlanRow | null> {
  const rows = await db
    .select()
    .from(purchasePlans)
    .where(and(eq(purchasePlans.createdBy, createdBy), eq(purchasePlans.requestId, requestId)))
    .limit(1);
  return rows[0] ?? null;
}

/** Serialises creates of one request id (a concurrent retry waits, then finds the first one's plan). */
export async function lockPlanRequest(db: Db, createdBy: string, requestId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`purchase-plan:${createdBy}:${requestId}`}))`);
}

export async function plansByIds(db: Db, ids: readonly (string | null)[]): Promise<Map<string, PlanRow>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.select().from(purchasePlans).where(inArray(purchasePlans.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function planLinesOf(db: Db, planIds: readonly string[]): Promise<PlanLineRow[]> {
  if (!planIds.length) return [];
  return db
    .select()
    .from(purchasePlanLines)
    .where(inArray(purchasePlanLines.planId, [...planIds]))
    .orderBy(asc(purchasePlanLines.line));
}

export async function updatePlanVersioned(
  db: Db,
  id: string,
  version: number,
  set: Partial<typeof purchasePlans.$inferInsert>,
  now: Date,
): Promise<PlanRow | null> {
  const rows = await db
    .update(purchasePlans)
    .set({ ...set, version: version + 1, updatedAt: now })
    .where(and(eq(purchasePlans.id, id), eq(purchasePlans.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function pagePlans(
  db: Db,
  f: { scope: LocationScope; status?: string; locationId?: string },
  page: number,
  pageSize: number,
): Promise<{ items: PlanRow[]; total: number }> {
  const conds: SQL[] = [];
  const scope = scopeCond(purchasePlans.branchId, f.scope);
  if (scope) conds.push(scope);
  if (f.status) conds.push(eq(purchasePlans.status, f.status));
  if (f.locationId) conds.push(eq(purchasePlans.locationId, f.locationId));
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select()
    .from(purchasePlans)
    .where(where)
    .orderBy(desc(purchasePlans.createdAt), desc(purchasePlans.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [c] = await db.select({ n: count() }).from(purchasePlans).where(where);
  return { items, total: c?.n ?? 0 };
}

export async function planLineCounts(db: Db, planIds: readonly string[]): Promise<Map<string, number>> {
  if (!planIds.length) return new Map();
  const rows = await db
    .select({ planId: purchasePlanLines.planId, n: count() })
    .from(purchasePlanLines)
    .where(inArray(purchasePlanLines.planId, [...planIds]))
    .groupBy(purchasePlanLines.planId);
  return new Map(rows.map((r) => [r.planId, Number(r.n)]));
}

// ---------- purchase orders ----------

export async function insertOrder(
  db: Db,
  row: typeof purchaseOrders.$inferInsert,
  lines: readonly NewOrderLine[],
): Promise<OrderRow> {
  const [r] = await db.insert(purchaseOrders).values(row).returning();
  const order = r as OrderRow;
  await db.insert(purchaseOrderLines).values(lines.map((l) => ({ ...l, orderId: order.id })));
  return order;
}

export async function findOrder(db: Db, id: string, lock?: 'update'): Promise<OrderRow | null> {
  const q = db.select().from(purchaseOrders).where(eq(purchaseOrders.id, id)).limit(1);
  const rows = lock ? await q.for(lock) : await q;
  return rows[0] ?? null;
}

export async function ordersOfPlans(db: Db, planIds: readonly string[]): Promise<OrderRow[]> {
  if (!planIds.length) return [];
  return db
    .select()
    .from(purchaseOrders)
    .where(inArray(purchaseOrders.planId, [...planIds]))
    .orderBy(asc(purchaseOrders.seq));
}

export async function orderLinesOf(db: Db, orderIds: readonly string[]): Promise<OrderLineRow[]> {
  if (!orderIds.length) return [];
  return db
    .select()
    .from(purchaseOrderLines)
    .where(inArray(purchaseOrderLines.orderId, [...orderIds]))
    .orderBy(asc(purchaseOrderLines.line));
}

export async function updateOrderVersioned(
  db: Db,
  id: string,
  version: number,
  set: Partial<typeof purchaseOrders.$inferInsert>,
  now: Date,
): Promise<OrderRow | null> {
  const rows = await db
    .update(purchaseOrders)
    .set({ ...set, version: version + 1, updatedAt: now })
    .where(and(eq(purchaseOrders.id, id), eq(purchaseOrders.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** Adds to a line's received quantity if that stays within the ordered quantity; false (nothing changed) if not. */
export async function addReceived(db: Db, lineId: string, quantity: number): Promise<boolean> {
  const rows = await db
    .update(purchaseOrderLines)
    .set({ receivedQuantity: sql`${purchaseOrderLines.receivedQuantity} + ${quantity}` })
    .where(
      and(
        eq(purchaseOrderLines.id, lineId),
        sql`${purchaseOrderLines.receivedQuantity} + ${quantity} <= ${purchaseOrderLines.quantity}`,
      ),
    )
    .returning({ id: purchaseOrderLines.id });
  return rows.length > 0;
}

/**
 * Takes back `quantity` received units of a part from an order's lines (a reversed receipt), latest line first.
 * Returns the units it could not place (0 when all were taken back).
 */
export async function takeBackReceived(db: Db, orderId: string, partId: string, quantity: number): Promise<number> {
  let left = quantity;
  const lines = await db
    .select()
    .from(purchaseOrderLines)
    .where(and(eq(purchaseOrderLines.orderId, orderId), eq(purchaseOrderLines.partId, partId)))
    .orderBy(desc(purchaseOrderLines.line));
  for (const l of lines) {
    if (left === 0) break;
    const n = Math.min(left, l.receivedQuantity);
    if (n === 0) continue;
    await db
      .update(purchaseOrderLines)
      .set({ receivedQuantity: sql`${purchaseOrderLines.receivedQuantity} - ${n}` })
      .where(eq(purchaseOrderLines.id, l.id));
    left -= n;
  }
  return left;
}

export async function pageOrders(
  db: Db,
  f: {
    scope: LocationScope;
    statuses?: readonly string[];
    supplierId?: string;
    planId?: string;
    locationId?: string;
    /** Only orders still waiting for goods whose expected day is before this day. */
    overdueBefore?: string;
  },
  page: number,
  pageSize: number,
): Promise<{ items: OrderRow[]; total: number }> {
  const conds: SQL[] = [];
  const scope = scopeCond(purchaseOrders.branchId, f.scope);
  if (scope) conds.push(scope);
  if (f.statuses) conds.push(inArray(purchaseOrders.status, [...f.statuses]));
  if (f.supplierId) conds.push(eq(purchaseOrders.supplierId, f.supplierId));
  if (f.planId) conds.push(eq(purchaseOrders.planId, f.planId));
  if (f.locationId) conds.push(eq(purchaseOrders.locationId, f.locationId));
  if (f.overdueBefore) {
    conds.push(inArray(purchaseOrders.status, ['open', 'partially_received']));
    conds.push(lt(purchaseOrders.expectedOn, f.overdueBefore));
  }
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select()
    .from(purchaseOrders)
    .where(where)
    .orderBy(desc(purchaseOrders.orderedAt), desc(purchaseOrders.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [c] = await db.select({ n: count() }).from(purchaseOrders).where(where);
  return { items, total: c?.n ?? 0 };
}

// ---------- receipts ----------

export async function insertReceipt(db: Db, row: typeof purchaseReceipts.$inferInsert): Promise<ReceiptRow> {
  const [r] = await db.insert(purchaseReceipts).values(row).returning();
  return r as ReceiptRow;
}

export async function findReceiptByRequest(db: Db, requestId: string): Promise<ReceiptRow | null> {
  const rows = await db.select().from(purchaseReceipts).where(eq(purchaseReceipts.requestId, requestId)).limit(1);
  return rows[0] ?? null;
}

export async function receiptsOfOrder(db: Db, orderId: string): Promise<ReceiptRow[]> {
  return db
    .select()
    .from(purchaseReceipts)
    .where(eq(purchaseReceipts.orderId, orderId))
    .orderBy(asc(purchaseReceipts.seq));
}
