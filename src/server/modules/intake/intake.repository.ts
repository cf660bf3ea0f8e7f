import type { Db } from '@server/platform/db/client';
import { OPEN_STATUSES } from '@shared/contracts/intake.contract';
import { and, asc, count, desc, eq, gte, inArray, isNull, like, lt, type SQL, sql } from 'drizzle-orm';
import {
  attachments,
  faultCategories,
  faultCodes,
  workOrderAlerts,
  workOrderCounters,
  workOrderEvents,
  workOrders,
} from './intake.schema';

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type NewWorkOrder = typeof workOrders.$inferInsert;
export type TimelineRow = typeof workOrderEvents.$inferSelect;
export type NewTimeline = typeof workOrderEvents.$inferInsert;
export type AlertRow = typeof workOrderAlerts.$inferSelect;
export type NewAlert = typeof workOrderAlerts.$inferInsert;
export type AttachmentRow = typeof attachments.$inferSelect;
export type AttachmentInfo = Omit<AttachmentRow, 'data' | 'sha256'>;
export type FaultCategoryRow = typeof faultCategories.$inferSelect;
export type FaultCodeRow = typeof faultCodes.$inferSelect;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const OPEN = [...OPEN_STATUSES] as string[];

// ---------- numbering ----------

/** The next sequence of a day: one atomic UPSERT, so concurrent creations never share a number. */
export async function nextOrderSequence(db: Db, day: string): Promise<number> {
  const rows = await db
    .insert(workOrderCounters)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: workOrderCounters.day, set: { last: sql`${workOrderCounters.last} + 1` } })
    .returning({ last: workOrderCounters.last });
  return rows[0]?.last as number;
}

// ---------- work orders ----------

export async function insertWorkOrder(db: Db, values: NewWorkOrder): Promise<WorkOrderRow> {
  const rows = await db.insert(workOrders).values(values).returning();
  return rows[0] as WorkOrderRow;
}

export async function findWorkOrder(db: Db, id: string): Promise<WorkOrderRow | null> {
  const rows = await db.select().from(workOrders).where(eq(workOrders.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function lockWorkOrder(db: Db, id: string): Promise<WorkOrderRow | null> {
  const rows = await db.select().from(workOrders).where(eq(workOrders.id, id)).limit(1).for('update');
  return rows[0] ?? null;
}

export async function findWorkOrderByNumber(db: Db, number: string): Promise<WorkOrderRow | null> {
  const rows = await db.select().from(workOrders).where(eq(workOrders.number, number)).limit(1);
  return rows[0] ?? null;
}

export async function findWorkOrderByTokenHash(db: Db, hash: string): Promise<WorkOrderRow | null> {
  const rows = await db.select().from(workOrders).where(eq(workOrders.trackingTokenHash, hash)).limit(1);
  return rows[0] ?? null;
}

/** Optimistic update: only when the stored version matches; bumps the version. Null when stale. */
export async function updateWorkOrderVersioned(
  db: Db,
  id: string,
  version: number,
  patch: Partial<NewWorkOrder>,
): Promise<WorkOrderRow | null> {
  const rows = await db
    .update(workOrders)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(workOrders.id, id), eq(workOrders.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** Open orders in a district (the backlog for the estimate); `urgentOnly` counts urgent ones only. */
export async function countOpenInDistrict(
  db: Db,
  district: string,
  urgentOnly: boolean,
  excludeId?: string,
): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.district, district),
        inArray(workOrders.status, OPEN),
        urgentOnly ? eq(workOrders.priority, 'urgent') : undefined,
        excludeId ? sql`${workOrders.id} <> ${excludeId}` : undefined,
      ),
    );
  return rows[0]?.n ?? 0;
}

/** Replaces the free text of a customer's orders (anonymisation); returns how many. */
export async function scrubCustomerOrders(db: Db, customerId: string, text: string, now: Date): Promise<number> {
  const rows = await db
    .update(workOrders)
    .set({ description: text, updatedAt: now })
    .where(eq(workOrders.customerId, customerId))
    .returning({ id: workOrders.id });
  return rows.length;
}

export interface WorkOrderFilter {
  statuses?: string[];
  channel?: string;
  priority?: string;
  faultCategory?: string;
  district?: string;
  from?: Date;
  to?: Date;
  overdue?: boolean;
  /** Order-number prefix (upper case, "WO-2026…") */
  numberPrefix?: string;
  /** Part of an order number ("0012"). */
  numberContains?: string;
  /** The customer found by a phone (null: nobody has that phone, so nothing matches). */
  customerId?: string | null;
  /** Branch scope of the reader: undefined = whole company, null = no branch (sees nothing). */
  scopeBranchId?: string | null;
}

export type WorkOrderSort = 'createdAt' | 'estimatedAt' | 'priority' | 'number';

/** The outer row's id, always qualified (drizzle may render a bare "id" inside a sub-select). */
const ORDER_ID = sql.raw('"work_orders"."id"');

/** Unacknowledged alerts of the order, of any kind (SQL, for lists). */
const openAlertsSql = sql<number>`(select count(*) from ${workOrderAlerts} a where a.work_order_id = ${ORDER_ID} and a.acknowledged_at is null)`;

/**
 * Overdue: still open, and past the promised estimate or with an open breach — an SLA alert nobody acknowledged
 * whose intake clock is still running (review while new, dispatch while ready). Other kinds of alert (a customer's
 * new-time request, a decline, lateness) and the later modules' clocks do not make an order overdue here.
 */
function overdueSql(now: Date): SQL {
  const open = sql.join(
    OPEN.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`(${workOrders.status} in (${open}) and (${workOrders.estimatedAt} < ${now} or exists (select 1 from ${workOrderAlerts} a where a.work_order_id = ${ORDER_ID} and a.acknowledged_at is null and a.kind = 'sla' and ((a.clock = 'review' and ${workOrders.status} = 'new') or (a.clock = 'dispatch' and ${workOrders.status} = 'ready')))))`;
}

/**
 * The deadline of the intake clock that ran out in the order's current status (review while new, dispatch while
 * ready): the due time of its SLA alert fired since the order entered that status (SQL, for lists). While the clock
 * still runs, its pending job holds the deadline instead (platform jobs, looked up by the caller).
 */
const firedDueSql = sql<
  Date | string | null
>`(select max(a.due_at) from ${workOrderAlerts} a where a.work_order_id = ${ORDER_ID} and a.kind = 'sla' and a.fired_at >= ${workOrders.statusChangedAt} and ((a.clock = 'review' and ${workOrders.status} = 'new') or (a.clock = 'dispatch' and ${workOrders.status} = 'ready')))`;

const toDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

function workOrderWhere(f: WorkOrderFilter, now: Date): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.statuses?.length) conds.push(inArray(workOrders.status, f.statuses));
  if (f.channel) conds.push(eq(workOrders.channel, f.channel));
  if (f.priority) conds.push(eq(workOrders.priority, f.priority));
  if (f.faultCategory) conds.push(eq(workOrders.faultCategory, f.faultCategory));
  if (f.district) conds.push(eq(workOrders.district, f.district));
  if (f.from) conds.push(gte(workOrders.createdAt, f.from));
  if (f.to) conds.push(lt(workOrders.createdAt, f.to));
  if (f.overdue !== undefined) conds.push(f.overdue ? overdueSql(now) : sql`not ${overdueSql(now)}`);
  if (f.numberPrefix) conds.push(like(workOrders.number, `${escapeLike(f.numberPrefix)}%`));
  if (f.numberContains) conds.push(like(workOrders.number, `%${escapeLike(f.numberContains)}%`));
  if (f.customerId !== undefined)
    conds.push(f.customerId === null ? sql`false` : eq(workOrders.customerId, f.customerId));
  if (f.scopeBranchId !== undefined) {
    conds.push(f.scopeBranchId === null ? sql`false` : eq(workOrders.branchId, f.scopeBranchId));
  }
  const real = conds.filter((c): c is SQL => c !== undefined);
  return real.length ? and(...real) : undefined;
}

export interface WorkOrderListRow {
  order: WorkOrderRow;
  openAlerts: number;
  overdue: boolean;
  /** The due time of the current status's intake clock if it already fired (see firedDueSql). */
  slaFiredDue: Date | null;
}

export async function pageWorkOrders(
  db: Db,
  f: WorkOrderFilter,
  sort: { by: WorkOrderSort; order: 'asc' | 'desc' },
  page: { page: number; pageSize: number } | null,
  now: Date,
): Promise<{ items: WorkOrderListRow[]; total: number }> {
  const where = workOrderWhere(f, now);
  const dir = sort.order === 'asc' ? asc : desc;
  const key =
    sort.by === 'priority'
      ? sql`case ${workOrders.priority} when 'urgent' then 1 else 0 end`
      : sort.by === 'estimatedAt'
        ? workOrders.estimatedAt
        : sort.by === 'number'
          ? workOrders.number
          : workOrders.createdAt;
  const query = db
    .select({
      order: workOrders,
      openAlerts: openAlertsSql,
      overdue: sql<boolean>`${overdueSql(now)}`,
      slaFiredDue: firedDueSql,
    })
    .from(workOrders)
    .where(where)
    // A stable order: ties broken by number (unique).
    .orderBy(dir(key), sort.by === 'number' ? dir(workOrders.id) : dir(workOrders.number));
  const [rows, totals] = await Promise.all([
    page ? query.limit(page.pageSize).offset((page.page - 1) * page.pageSize) : query.limit(10_000),
    db.select({ n: count() }).from(workOrders).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      order: r.order,
      openAlerts: Number(r.openAlerts),
      overdue: Boolean(r.overdue),
      slaFiredDue: toDate(r.slaFiredDue),
    })),
    total: totals[0]?.n ?? 0,
  };
}

// ---------- timeline ----------

export async function insertTimeline(db: Db, values: NewTimeline): Promise<TimelineRow> {
  const rows = await db.insert(workOrderEvents).values(values).returning();
  return rows[0] as TimelineRow;
}

export async function listTimeline(db: Db, workOrderId: string): Promise<TimelineRow[]> {
  return db
    .select()
    .from(workOrderEvents)
    .where(eq(workOrderEvents.workOrderId, workOrderId))
    .orderBy(asc(workOrderEvents.at), asc(workOrderEvents.id));
}

// ---------- alerts ----------

/**
 * Inserts an alert unless one with the same job id or dedupe key exists (both unique): a retried clock job or a
 * repeated raise inserts nothing the second time and gets null.
 */
export async function insertAlertOnce(db: Db, values: NewAlert): Promise<AlertRow | null> {
  const rows = await db.insert(workOrderAlerts).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export interface AlertListRow {
  alert: AlertRow;
  number: string;
  status: string;
  priority: string;
  district: string;
}

const alertColumns = {
  alert: workOrderAlerts,
  number: workOrders.number,
  status: workOrders.status,
  priority: workOrders.priority,
  district: workOrders.district,
};

export async function alertsOfOrder(db: Db, workOrderId: string): Promise<AlertListRow[]> {
  return db
    .select(alertColumns)
    .from(workOrderAlerts)
    .innerJoin(workOrders, eq(workOrders.id, workOrderAlerts.workOrderId))
    .where(eq(workOrderAlerts.workOrderId, workOrderId))
    .orderBy(asc(workOrderAlerts.firedAt));
}

export interface AlertFilter {
  status: 'open' | 'acknowledged' | 'all';
  kind?: string;
  clock?: string;
  scopeBranchId?: string | null;
}

export async function pageAlerts(db: Db, f: AlertFilter, page: number, pageSize: number) {
  const conds: (SQL | undefined)[] = [
    f.status === 'open'
      ? isNull(workOrderAlerts.acknowledgedAt)
      : f.status === 'acknowledged'
        ? sql`${workOrderAlerts.acknowledgedAt} is not null`
        : undefined,
    f.kind ? eq(workOrderAlerts.kind, f.kind) : undefined,
    f.clock ? eq(workOrderAlerts.clock, f.clock) : undefined,
    f.scopeBranchId === undefined
      ? undefined
      : f.scopeBranchId === null
        ? sql`false`
        : eq(workOrderAlerts.branchId, f.scopeBranchId),
  ];
  const where = and(...conds.filter((c): c is SQL => c !== undefined));
  const [items, totals] = await Promise.all([
    db
      .select(alertColumns)
      .from(workOrderAlerts)
      .innerJoin(workOrders, eq(workOrders.id, workOrderAlerts.workOrderId))
      .where(where)
      .orderBy(desc(workOrderAlerts.firedAt), desc(workOrderAlerts.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(workOrderAlerts).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function findAlert(db: Db, id: string): Promise<AlertListRow | null> {
  const rows = await db
    .select(alertColumns)
    .from(workOrderAlerts)
    .innerJoin(workOrders, eq(workOrders.id, workOrderAlerts.workOrderId))
    .where(eq(workOrderAlerts.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** Sets the acknowledgement once (a second acknowledgement keeps the first). */
export async function acknowledgeAlert(
  db: Db,
  id: string,
  by: { userId: string; name: string },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(workOrderAlerts)
    .set({ acknowledgedAt: now, acknowledgedBy: by.userId, acknowledgedByName: by.name })
    .where(and(eq(workOrderAlerts.id, id), isNull(workOrderAlerts.acknowledgedAt)))
    .returning({ id: workOrderAlerts.id });
  return rows.length > 0;
}

// ---------- attachments (photos sent with a request; written by the channels) ----------

const attachmentInfo = {
  id: attachments.id,
  workOrderId: attachments.workOrderId,
  kind: attachments.kind,
  contentType: attachments.contentType,
  size: attachments.size,
  createdAt: attachments.createdAt,
};

/** The order's photos without their bytes, oldest first. */
export async function attachmentsOfOrder(db: Db, workOrderId: string): Promise<AttachmentInfo[]> {
  return db
    .select(attachmentInfo)
    .from(attachments)
    .where(eq(attachments.workOrderId, workOrderId))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

/** One photo of one order, with its bytes (null when missing or attached to another order). */
export async function findOrderAttachment(
  db: Db,
  workOrderId: string,
  attachmentId: string,
): Promise<AttachmentRow | null> {
  const rows = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.workOrderId, workOrderId)))
    .limit(1);
  return rows[0] ?? null;
}

// ---------- fault catalog ----------

export async function listCategories(db: Db, includeInactive: boolean): Promise<FaultCategoryRow[]> {
  return db
    .select()
    .from(faultCategories)
    .where(includeInactive ? undefined : eq(faultCategories.active, true))
    .orderBy(asc(faultCategories.sort), asc(faultCategories.code));
}

export async function listFaultCodes(db: Db, brand?: string): Promise<FaultCodeRow[]> {
  return db
    .select()
    .from(faultCodes)
    .where(brand ? eq(faultCodes.brand, brand) : undefined)
    .orderBy(asc(faultCodes.brand), asc(faultCodes.code));
}

export async function findCategory(db: Db, code: string): Promise<FaultCategoryRow | null> {
  const rows = await db.select().from(faultCategories).where(eq(faultCategories.code, code)).limit(1);
  return rows[0] ?? null;
}

export async function findFaultCode(db: Db, id: string): Promise<FaultCodeRow | null> {
  const rows = await db.select().from(faultCodes).where(eq(faultCodes.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function updateCategoryVersioned(
  db: Db,
  code: string,
  version: number,
  patch: Partial<typeof faultCategories.$inferInsert>,
): Promise<FaultCategoryRow | null> {
  const rows = await db
    .update(faultCategories)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(faultCategories.code, code), eq(faultCategories.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function insertFaultCodeIfNew(
  db: Db,
  values: typeof faultCodes.$inferInsert,
): Promise<FaultCodeRow | null> {
  const rows = await db
    .insert(faultCodes)
    .values(values)
    .onConflictDoNothing({ target: [faultCodes.brand, faultCodes.code] })
    .returning();
  return rows[0] ?? null;
}

export async function updateFaultCodeVersioned(
  db: Db,
  id: string,
  version: number,
  patch: Partial<typeof faultCodes.$inferInsert>,
): Promise<FaultCodeRow | null> {
  const rows = await db
    .update(faultCodes)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(faultCodes.id, id), eq(faultCodes.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** Seeds categories that are missing (admin edits of existing ones are kept). */
export async function insertCategoriesIfMissing(db: Db, rows: (typeof faultCategories.$inferInsert)[]) {
  if (rows.length === 0) return;
  await db.insert(faultCategories).values(rows).onConflictDoNothing({ target: faultCategories.code });
}

export async function insertFaultCodesIfMissing(db: Db, rows: (typeof faultCodes.$inferInsert)[]) {
  if (rows.length === 0) return;
  await db
    .insert(faultCodes)
    .values(rows)
    .onConflictDoNothing({ target: [faultCodes.brand, faultCodes.code] });
}

// ---------- for dispatch ----------

/** Orders of a branch in the given statuses (the dispatch queue), oldest status change first. */
export async function ordersInStatuses(
  db: Db,
  branchId: string,
  statuses: readonly string[],
  limit: number,
): Promise<WorkOrderRow[]> {
  return db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.branchId, branchId), inArray(workOrders.status, [...statuses])))
    .orderBy(asc(workOrders.statusChangedAt))
    .limit(limit);
}

export async function ordersByIds(db: Db, ids: readonly string[]): Promise<WorkOrderRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(workOrders)
    .where(inArray(workOrders.id, [...ids]));
}

/** Order ids (of the given ones) with an open SLA alert of the given clock. */
export async function ordersWithOpenAlert(db: Db, ids: readonly string[], clock: string): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: workOrderAlerts.workOrderId })
    .from(workOrderAlerts)
    .where(
      and(
        inArray(workOrderAlerts.workOrderId, [...ids]),
        eq(workOrderAlerts.kind, 'sla'),
        eq(workOrderAlerts.clock, clock),
        isNull(workOrderAlerts.acknowledgedAt),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function countOpenAlertsOfBranch(db: Db, branchId: string): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(workOrderAlerts)
    .where(and(eq(workOrderAlerts.branchId, branchId), isNull(workOrderAlerts.acknowledgedAt)));
  return rows[0]?.n ?? 0;
}
