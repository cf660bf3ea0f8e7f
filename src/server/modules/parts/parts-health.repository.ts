import type { Db } from '@server/platform/db/client';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { LocationScope } from './parts.repository';
import { parts, requisitionLines, requisitions, stockLocations } from './parts.schema';
import { oldPartReturns, partsAlerts } from './purchasing.schema';

// Queries of the stock-health reports, parts alerts and old-part returns (旧件回收).

export type PartsAlertRow = typeof partsAlerts.$inferSelect;
export type OldPartReturnRow = typeof oldPartReturns.$inferSelect;
export type NewOldPartReturn = typeof oldPartReturns.$inferInsert;

type Rows<T> = { rows: T[] };
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}

/** The location-scope condition in raw SQL on a `stock_locations` alias `l`. */
function scopeSql(scope: LocationScope): SQL {
  if (scope === undefined) return sql`true`;
  if (scope === null) return sql`l.branch_id is null`;
  return sql`(l.branch_id is null or l.branch_id = ${scope})`;
}

/** Branch-scoped rows (alerts, returns): the reader's branch and branch-less ones; all for company-wide readers. */
function branchCond(column: typeof partsAlerts.branchId | typeof oldPartReturns.branchId, scope: LocationScope) {
  if (scope === undefined) return undefined;
  if (scope === null) return isNull(column);
  return or(isNull(column), eq(column, scope)) as SQL;
}

const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v));

// ---------- expiring stock ----------

export interface ExpiringRow {
  partId: string;
  partCode: string;
  partName: string;
  spec: string;
  unit: string;
  category: string;
  avgCostFen: number;
  locationId: string;
  locationCode: string;
  locationName: string;
  locationKind: string;
  lot: string;
  expiryDate: string;
  quantity: number;
}

/**
 * Lots on hand with an expiry on or before `until`. A balance row that lost its expiry date (a transfer does not
 * carry it) takes the lot's expiry from the ledger (the earliest one recorded for that part and lot).
 */
export async function pageExpiring(
  db: Db,
  f: { scope: LocationScope; locationId?: string; today: string; until: string; expired?: boolean },
  page: number,
  pageSize: number,
) {
  const conds: SQL[] = [scopeSql(f.scope), sql`e.expiry <= ${f.until}::date`];
  if (f.locationId) conds.push(sql`l.id = ${f.locationId}`);
  if (f.expired === true) conds.push(sql`e.expiry < ${f.today}::date`);
  if (f.expired === false) conds.push(sql`e.expiry >= ${f.today}::date`);
  const where = sql.join(conds, sql` and `);
  const base = sql`
    with lot_expiry as (
      select m.part_id, m.lot, min(m.expiry_date) as expiry
      from stock_movements m
      where m.lot <> '' and m.expiry_date is not null
      group by m.part_id, m.lot
    ),
    e as (
      select b.part_id, b.location_id, b.lot, b.quantity, coalesce(b.expiry_date, x.expiry) as expiry
      from stock_balances b
      left join lot_expiry x on x.part_id = b.part_id and x.lot = b.lot
      where b.quantity > 0 and (b.expiry_date is not null or x.expiry is not null)
    )`;
  const items = await rowsOf<Record<string, unknown>>(
    db,
    sql`${base}
      select p.id as part_id, p.code, p.name, p.spec, p.unit, p.category, p.avg_cost_fen,
        l.id as location_id, l.code as location_code, l.name as location_name, l.kind as location_kind,
        e.lot, e.expiry::text as expiry, e.quantity
      from e
      join parts p on p.id = e.part_id
      join stock_locations l on l.id = e.location_id
      where ${where}
      order by e.expiry, l.code, p.code, e.lot
      limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [t] = await rowsOf<Record<string, unknown>>(
    db,
    sql`${base}
      select count(*)::int as n,
        coalesce(sum(e.quantity), 0)::bigint as qty,
        coalesce(sum(e.quantity::bigint * p.avg_cost_fen), 0)::bigint as value,
        coalesce(sum(e.quantity) filter (where e.expiry < ${f.today}::date), 0)::bigint as expired_qty,
        coalesce(sum(e.quantity::bigint * p.avg_cost_fen) filter (where e.expiry < ${f.today}::date), 0)::bigint
          as expired_value
      from e
      join parts p on p.id = e.part_id
      join stock_locations l on l.id = e.location_id
      where ${where}`,
  );
  return {
    items: items.map(
      (r): ExpiringRow => ({
        partId: String(r.part_id),
        partCode: String(r.code),
        partName: String(r.name),
        spec: String(r.spec),
        unit: String(r.unit),
        category: String(r.category),
        avgCostFen: Number(r.avg_cost_fen),
        locationId: String(r.location_id),
        locationCode: String(r.location_code),
        locationName: String(r.location_name),
        locationKind: String(r.location_kind),
        lot: String(r.lot),
        expiryDate: String(r.expiry),
        quantity: Number(r.quantity),
      }),
    ),
    total: Number(t?.n ?? 0),
    totalQuantity: Number(t?.qty ?? 0),
    totalValueFen: Number(t?.value ?? 0),
    expiredQuantity: Number(t?.expired_qty ?? 0),
    expiredValueFen: Number(t?.expired_value ?? 0),
  };
}

// ---------- slow-moving stock ----------

/**
 * What consumes stock at a location (raw SQL on a movement alias and its counter location's kind): an `issue` to a
 * job, or a transfer out into a technician's van.
 */
const consumption = (m: SQL, counterKind: SQL) =>
  sql`(${m}.kind = 'issue' or (${m}.kind = 'transfer_out' and ${counterKind} = 'van'))`;

export interface SlowMovingRow {
  partId: string;
  partCode: string;
  partName: string;
  spec: string;
  unit: string;
  category: string;
  avgCostFen: number;
  locationId: string;
  locationCode: string;
  locationName: string;
  locationKind: string;
  onHand: number;
  lastIssueAt: Date | null;
  stockedSince: Date;
  idleSince: Date;
}

/**
 * Per part and location with stock on hand: the last consumption there that was not reversed, and the first
 * arrival; idle since the later of the two facts (the last consumption, else the first arrival) up to `cutoff`.
 */
export async function pageSlowMoving(
  db: Db,
  f: { scope: LocationScope; locationId?: string; cutoff: Date },
  page: number,
  pageSize: number,
) {
  const conds: SQL[] = [
    scopeSql(f.scope),
    sql`coalesce(c.last_at, fi.first_at) <= ${f.cutoff.toISOString()}::timestamptz`,
  ];
  if (f.locationId) conds.push(sql`l.id = ${f.locationId}`);
  const where = sql.join(conds, sql` and `);
  const base = sql`
    with onhand as (
      select b.part_id, b.location_id, sum(b.quantity)::int as qty
      from stock_balances b
      where b.quantity > 0
      group by b.part_id, b.location_id
    ),
    consumed as (
      select m.part_id, m.location_id, max(m.at) as last_at
      from stock_movements m
      join onhand o on o.part_id = m.part_id and o.location_id = m.location_id
      left join stock_locations cl on cl.id = m.counter_location_id
      where ${consumption(sql`m`, sql`cl.kind`)}
        and not exists (select 1 from stock_movements r where r.reversal_of = m.id)
      group by m.part_id, m.location_id
    ),
    first_in as (
      select m.part_id, m.location_id, min(m.at) as first_at
      from stock_movements m
      join onhand o on o.part_id = m.part_id and o.location_id = m.location_id
      where m.quantity > 0
      group by m.part_id, m.location_id
    )`;
  const from = sql`
      from onhand o
      join parts p on p.id = o.part_id
      join stock_locations l on l.id = o.location_id
      left join consumed c on c.part_id = o.part_id and c.location_id = o.location_id
      left join first_in fi on fi.part_id = o.part_id and fi.location_id = o.location_id
      where ${where}`;
  const items = await rowsOf<Record<string, unknown>>(
    db,
    sql`${base}
      select p.id as part_id, p.code, p.name, p.spec, p.unit, p.category, p.avg_cost_fen,
        l.id as location_id, l.code as location_code, l.name as location_name, l.kind as location_kind,
        o.qty, c.last_at, fi.first_at, coalesce(c.last_at, fi.first_at) as idle_since
      ${from}
      order by coalesce(c.last_at, fi.first_at), o.qty::bigint * p.avg_cost_fen desc, l.code, p.code
      limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const [t] = await rowsOf<Record<string, unknown>>(
    db,
    sql`${base}
      select count(*)::int as n, coalesce(sum(o.qty), 0)::bigint as qty,
        coalesce(sum(o.qty::bigint * p.avg_cost_fen), 0)::bigint as value
      ${from}`,
  );
  return {
    items: items.map(
      (r): SlowMovingRow => ({
        partId: String(r.part_id),
        partCode: String(r.code),
        partName: String(r.name),
        spec: String(r.spec),
        unit: String(r.unit),
        category: String(r.category),
        avgCostFen: Number(r.avg_cost_fen),
        locationId: String(r.location_id),
        locationCode: String(r.location_code),
        locationName: String(r.location_name),
        locationKind: String(r.location_kind),
        onHand: Number(r.qty),
        lastIssueAt: toDateOrNull(r.last_at),
        stockedSince: toDate(r.first_at),
        idleSince: toDate(r.idle_since),
      }),
    ),
    total: Number(t?.n ?? 0),
    totalQuantity: Number(t?.qty ?? 0),
    totalValueFen: Number(t?.value ?? 0),
  };
}

// ---------- turnover ----------

export interface TurnoverRow {
  partId: string;
  partCode: string;
  partName: string;
  unit: string;
  category: string;
  openingQuantity: number;
  openingValueFen: number;
  closingQuantity: number;
  closingValueFen: number;
  issuedQuantity: number;
  issuedValueFen: number;
}

/**
 * Per part, from the ledger at the locations in scope: quantity and value (Σ value of the movements) before `start`
 * and before `end`, and the consumption in [start, end) at the cost it carried, net of reversals of consumption.
 * With one location, transfers out into vans consume; across locations only issues to jobs do.
 */
export async function turnoverByPart(
  db: Db,
  f: { scope: LocationScope; locationId?: string; start: Date; end: Date },
): Promise<TurnoverRow[]> {
  const start = sql`${f.start.toISOString()}::timestamptz`;
  const end = sql`${f.end.toISOString()}::timestamptz`;
  const consumes = (m: SQL, counterKind: SQL) =>
    f.locationId ? consumption(m, counterKind) : sql`(${m}.kind = 'issue')`;
  const inPeriod = sql`m.at >= ${start} and m.at < ${end}`;
  const consumed = sql`(${inPeriod} and (${consumes(sql`m`, sql`cl.kind`)} or (m.kind = 'reversal' and ${consumes(sql`o`, sql`ocl.kind`)})))`;
  const conds: SQL[] = [scopeSql(f.scope), sql`m.at < ${end}`];
  if (f.locationId) conds.push(sql`m.location_id = ${f.locationId}`);
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
      select t.*, p.code, p.name, p.unit, p.category
      from (
        select m.part_id,
          coalesce(sum(m.quantity) filter (where m.at < ${start}), 0)::bigint as open_q,
          coalesce(sum(m.value_fen) filter (where m.at < ${start}), 0)::bigint as open_v,
          coalesce(sum(m.quantity), 0)::bigint as close_q,
          coalesce(sum(m.value_fen), 0)::bigint as close_v,
          coalesce(sum(-m.quantity) filter (where ${consumed}), 0)::bigint as issued_q,
          coalesce(sum(-m.value_fen) filter (where ${consumed}), 0)::bigint as issued_v
        from stock_movements m
        join stock_locations l on l.id = m.location_id
        left join stock_locations cl on cl.id = m.counter_location_id
        left join stock_movements o on o.id = m.reversal_of
        left join stock_locations ocl on ocl.id = o.counter_location_id
        where ${sql.join(conds, sql` and `)}
        group by m.part_id
      ) t
      join parts p on p.id = t.part_id
      where t.open_q <> 0 or t.open_v <> 0 or t.close_q <> 0 or t.close_v <> 0 or t.issued_q <> 0 or t.issued_v <> 0`,
  );
  return rows.map((r) => ({
    partId: String(r.part_id),
    partCode: String(r.code),
    partName: String(r.name),
    unit: String(r.unit),
    category: String(r.category),
    openingQuantity: Number(r.open_q),
    openingValueFen: Number(r.open_v),
    closingQuantity: Number(r.close_q),
    closingValueFen: Number(r.close_v),
    issuedQuantity: Number(r.issued_q),
    issuedValueFen: Number(r.issued_v),
  }));
}

// ---------- pending requisitions ----------

export interface OpenRequisitionRow {
  id: string;
  seq: number;
  branchId: string | null;
  requesterId: string;
  requesterName: string;
  purpose: string;
  workOrderId: string | null;
  workOrderNumber: string;
  targetLocationCode: string | null;
  status: string;
  createdAt: Date;
  decidedAt: Date | null;
  version: number;
  lines: number;
  requested: number;
  approved: number;
}

/** Requisitions still waiting for a decision or the issue (at most `limit`, oldest first). */
export async function openRequisitions(
  db: Db,
  f: { branchId?: string | null; requesterId?: string; statuses: readonly string[] },
  limit: number,
): Promise<OpenRequisitionRow[]> {
  const conds: SQL[] = [inArray(requisitions.status, [...f.statuses])];
  if (f.branchId !== undefined)
    conds.push(f.branchId === null ? isNull(requisitions.branchId) : eq(requisitions.branchId, f.branchId));
  if (f.requesterId) conds.push(eq(requisitions.requesterId, f.requesterId));
  const lineAgg = db
    .select({
      requisitionId: requisitionLines.requisitionId,
      lines: sql<number>`count(*)::int`.as('lines'),
      requested: sql<number>`sum(${requisitionLines.quantity})::int`.as('requested'),
      approved: sql<number>`sum(${requisitionLines.approvedQuantity})::int`.as('approved'),
    })
    .from(requisitionLines)
    .groupBy(requisitionLines.requisitionId)
    .as('la');
  const rows = await db
    .select({
      r: requisitions,
      targetLocationCode: stockLocations.code,
      lines: lineAgg.lines,
      requested: lineAgg.requested,
      approved: lineAgg.approved,
    })
    .from(requisitions)
    .leftJoin(lineAgg, eq(lineAgg.requisitionId, requisitions.id))
    .leftJoin(stockLocations, eq(stockLocations.id, requisitions.targetLocationId))
    .where(and(...conds))
    .orderBy(asc(requisitions.createdAt), asc(requisitions.seq))
    .limit(limit);
  return rows.map(({ r, ...x }) => ({
    id: r.id,
    seq: r.seq,
    branchId: r.branchId,
    requesterId: r.requesterId,
    requesterName: r.requesterName,
    purpose: r.purpose,
    workOrderId: r.workOrderId,
    workOrderNumber: r.workOrderNumber,
    targetLocationCode: x.targetLocationCode,
    status: r.status,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    version: r.version,
    lines: Number(x.lines ?? 0),
    requested: Number(x.requested ?? 0),
    approved: Number(x.approved ?? 0),
  }));
}

export async function requisitionSeqs(db: Db, ids: readonly (string | null)[]): Promise<Map<string, number>> {
  const list = [...new Set(ids.filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db
    .select({ id: requisitions.id, seq: requisitions.seq })
    .from(requisitions)
    .where(inArray(requisitions.id, list));
  return new Map(rows.map((r) => [r.id, r.seq]));
}

// ---------- valuable units in vans ----------

export interface VanUnitRow {
  partId: string;
  partCode: string;
  partName: string;
  unit: string;
  serialTracked: boolean;
  avgCostFen: number;
  locationId: string;
  locationCode: string;
  locationName: string;
  branchId: string | null;
  technicianId: string | null;
  serial: string;
  quantity: number;
  /** The movement that brought the (oldest) unit still there. */
  arrivalMovementId: string;
  arrivedAt: Date;
}

/**
 * Valuable stock in vans (serial-tracked, or standard cost above `valuableCostFen`): one row per serial unit (its
 * latest arrival in that van), and per part and van for the others, dated by the oldest unit still there (the
 * newest arrivals that add up to the balance, first in first out).
 */
export async function valuableVanUnits(
  db: Db,
  f: { scope: LocationScope; valuableCostFen: number; locationId?: string; technicianId?: string },
): Promise<VanUnitRow[]> {
  const conds: SQL[] = [sql`l.kind = 'van'`, scopeSql(f.scope)];
  if (f.locationId) conds.push(sql`l.id = ${f.locationId}`);
  if (f.technicianId) conds.push(sql`l.technician_id = ${f.technicianId}`);
  const where = sql.join(conds, sql` and `);
  const valuable = sql`(p.serial_tracked or p.standard_cost_fen > ${f.valuableCostFen})`;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
      with units as (
        select b.part_id, b.location_id, b.serial, b.quantity, a.id as arrival_id, a.at as arrived_at
        from stock_balances b
        join parts p on p.id = b.part_id
        join stock_locations l on l.id = b.location_id
        join lateral (
          select m.id, m.at from stock_movements m
          where m.part_id = b.part_id and m.location_id = b.location_id and m.serial = b.serial and m.quantity > 0
          order by m.seq desc limit 1
        ) a on true
        where b.serial <> '' and b.quantity > 0 and ${valuable} and ${where}
      ),
      bal as (
        select b.part_id, b.location_id, sum(b.quantity)::int as qty
        from stock_balances b
        join parts p on p.id = b.part_id
        join stock_locations l on l.id = b.location_id
        where b.serial = '' and b.quantity > 0 and ${valuable} and ${where}
        group by b.part_id, b.location_id
      ),
      arrivals as (
        select m.part_id, m.location_id, m.id, m.at, m.seq,
          sum(m.quantity) over (partition by m.part_id, m.location_id order by m.seq desc) as running
        from stock_movements m
        join bal on bal.part_id = m.part_id and bal.location_id = m.location_id
        where m.quantity > 0 and m.serial = ''
      ),
      quantities as (
        select distinct on (bal.part_id, bal.location_id)
          bal.part_id, bal.location_id, ''::text as serial, bal.qty as quantity, a.id as arrival_id, a.at as arrived_at
        from bal
        join arrivals a on a.part_id = bal.part_id and a.location_id = bal.location_id and a.running >= bal.qty
        order by bal.part_id, bal.location_id, a.seq desc
      )
      select u.*, p.code, p.name, p.unit, p.serial_tracked, p.avg_cost_fen,
        l.code as location_code, l.name as location_name, l.branch_id, l.technician_id
      from (select * from units union all select * from quantities) u
      join parts p on p.id = u.part_id
      join stock_locations l on l.id = u.location_id
      order by u.arrived_at, l.code, p.code, u.serial`,
  );
  return rows.map((r) => ({
    partId: String(r.part_id),
    partCode: String(r.code),
    partName: String(r.name),
    unit: String(r.unit),
    serialTracked: Boolean(r.serial_tracked),
    avgCostFen: Number(r.avg_cost_fen),
    locationId: String(r.location_id),
    locationCode: String(r.location_code),
    locationName: String(r.location_name),
    branchId: (r.branch_id as string | null) ?? null,
    technicianId: (r.technician_id as string | null) ?? null,
    serial: String(r.serial),
    quantity: Number(r.quantity),
    arrivalMovementId: String(r.arrival_id),
    arrivedAt: toDate(r.arrived_at),
  }));
}

// ---------- parts alerts ----------

/** Inserts the alert unless its dedupe key was used already (then null: an alert acts once). */
export async function insertAlertOnce(db: Db, row: typeof partsAlerts.$inferInsert): Promise<PartsAlertRow | null> {
  const rows = await db
    .insert(partsAlerts)
    .values(row)
    .onConflictDoNothing({ target: partsAlerts.dedupeKey })
    .returning();
  return rows[0] ?? null;
}

export async function findAlert(db: Db, id: string, lock?: 'update'): Promise<PartsAlertRow | null> {
  const q = db.select().from(partsAlerts).where(eq(partsAlerts.id, id)).limit(1);
  const rows = lock ? await q.for(lock) : await q;
  return rows[0] ?? null;
}

export async function pageAlerts(
  db: Db,
  f: {
    scope: LocationScope;
    status: 'open' | 'acknowledged' | 'all';
    kinds?: readonly string[];
    /** Only the alerts about this user (as technician or requester). */
    aboutUserId?: string;
  },
  page: number,
  pageSize: number,
): Promise<{ items: PartsAlertRow[]; total: number }> {
  const conds: SQL[] = [];
  const scope = branchCond(partsAlerts.branchId, f.scope);
  if (scope) conds.push(scope);
  if (f.status === 'open') conds.push(isNull(partsAlerts.acknowledgedAt));
  if (f.status === 'acknowledged') conds.push(isNotNull(partsAlerts.acknowledgedAt));
  if (f.kinds?.length) conds.push(inArray(partsAlerts.kind, [...f.kinds]));
  if (f.aboutUserId) {
    conds.push(
      sql`(${partsAlerts.details}->>'technicianId' = ${f.aboutUserId} or ${partsAlerts.details}->>'requesterId' = ${f.aboutUserId})`,
    );
  }
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select()
    .from(partsAlerts)
    .where(where)
    .orderBy(desc(partsAlerts.raisedAt), desc(partsAlerts.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [c] = await db.select({ n: count() }).from(partsAlerts).where(where);
  return { items, total: c?.n ?? 0 };
}

export async function acknowledgeAlert(
  db: Db,
  id: string,
  by: { userId: string; name: string },
  now: Date,
): Promise<PartsAlertRow | null> {
  const rows = await db
    .update(partsAlerts)
    .set({ acknowledgedAt: now, acknowledgedBy: by.userId, acknowledgedByName: by.name })
    .where(and(eq(partsAlerts.id, id), isNull(partsAlerts.acknowledgedAt)))
    .returning();
  return rows[0] ?? null;
}

// ---------- old-part returns ----------

/** Inserts the return unless its source key exists (then the existing row): created once however often retried. */
export async function insertReturnOnce(
  db: Db,
  row: NewOldPartReturn,
): Promise<{ row: OldPartReturnRow; created: boolean }> {
  const rows = await db
    .insert(oldPartReturns)
    .values(row)
    .onConflictDoNothing({ target: oldPartReturns.sourceKey })
    .returning();
  if (rows[0]) return { row: rows[0], created: true };
  const [existing] = await db.select().from(oldPartReturns).where(eq(oldPartReturns.sourceKey, row.sourceKey)).limit(1);
  return { row: existing as OldPartReturnRow, created: false };
}

export async function findReturn(db: Db, id: string, lock?: 'update'): Promise<OldPartReturnRow | null> {
  const q = db.select().from(oldPartReturns).where(eq(oldPartReturns.id, id)).limit(1);
  const rows = lock ? await q.for(lock) : await q;
  return rows[0] ?? null;
}

export async function updateReturnVersioned(
  db: Db,
  id: string,
  version: number,
  set: Partial<NewOldPartReturn>,
  now: Date,
): Promise<OldPartReturnRow | null> {
  const rows = await db
    .update(oldPartReturns)
    .set({ ...set, version: version + 1, updatedAt: now })
    .where(and(eq(oldPartReturns.id, id), eq(oldPartReturns.version, version)))
    .returning();
  return rows[0] ?? null;
}

export type ReturnWithNames = {
  r: OldPartReturnRow;
  partCode: string;
  partName: string;
  unit: string;
  requisitionSeq: number | null;
  receivedLocationCode: string | null;
};

export async function pageReturns(
  db: Db,
  f: {
    scope: LocationScope;
    now: Date;
    status?: string;
    overdue?: boolean;
    workOrderId?: string;
    technicianId?: string;
    ids?: readonly string[];
  },
  page: number,
  pageSize: number,
): Promise<{ items: ReturnWithNames[]; total: number; overdueCount: number }> {
  const conds: SQL[] = [];
  const scope = branchCond(oldPartReturns.branchId, f.scope);
  if (scope) conds.push(scope);
  if (f.status) conds.push(eq(oldPartReturns.status, f.status));
  const overdue = and(eq(oldPartReturns.status, 'pending'), lt(oldPartReturns.dueAt, f.now)) as SQL;
  if (f.overdue === true) conds.push(overdue);
  if (f.overdue === false) conds.push(sql`not (${overdue})`);
  if (f.workOrderId) conds.push(eq(oldPartReturns.workOrderId, f.workOrderId));
  if (f.technicianId) conds.push(eq(oldPartReturns.technicianId, f.technicianId));
  if (f.ids) conds.push(f.ids.length ? inArray(oldPartReturns.id, [...f.ids]) : sql`false`);
  const where = conds.length ? and(...conds) : undefined;
  const received = db.select({ id: stockLocations.id, code: stockLocations.code }).from(stockLocations).as('received');
  const items = await db
    .select({
      r: oldPartReturns,
      partCode: parts.code,
      partName: parts.name,
      unit: parts.unit,
      requisitionSeq: requisitions.seq,
      receivedLocationCode: received.code,
    })
    .from(oldPartReturns)
    .innerJoin(parts, eq(parts.id, oldPartReturns.partId))
    .leftJoin(requisitions, eq(requisitions.id, oldPartReturns.requisitionId))
    .leftJoin(received, eq(received.id, oldPartReturns.receivedLocationId))
    .where(where)
    .orderBy(
      sql`case ${oldPartReturns.status} when 'pending' then 0 else 1 end`,
      asc(oldPartReturns.dueAt),
      asc(oldPartReturns.seq),
    )
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [c] = await db
    .select({ n: count(), overdue: sql<number>`count(*) filter (where ${overdue})::int` })
    .from(oldPartReturns)
    .where(where);
  return { items, total: c?.n ?? 0, overdueCount: Number(c?.overdue ?? 0) };
}

/** Pending returns due before `now` (the sweep's old_part_overdue alerts). */
export async function overdueReturns(db: Db, now: Date): Promise<ReturnWithNames[]> {
  return (await pageReturns(db, { scope: undefined, now, status: 'pending', overdue: true }, 1, 100_000)).items;
}
