import type { Db } from '@server/platform/db/client';
import { and, asc, count, desc, eq, gt, gte, ilike, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { auditEvents, branches, loginAttempts, sessions, settings, users } from './identity.schema';

export type UserRow = typeof users.$inferSelect;
export type BranchRow = typeof branches.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type SettingRow = typeof settings.$inferSelect;
export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAudit = typeof auditEvents.$inferInsert;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// ---------- users ----------

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return rows[0] ?? null;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findUsersByIds(db: Db, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(inArray(users.id, [...ids]));
}

export async function findUsersByUsernames(db: Db, usernames: readonly string[]): Promise<UserRow[]> {
  if (usernames.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(inArray(users.username, [...usernames]));
}

export async function lockUserById(db: Db, id: string): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1).for('update');
  return rows[0] ?? null;
}

export interface UserFilter {
  q?: string;
  role?: string;
  branchId?: string;
  status?: 'active' | 'disabled';
  /** Branch scope of a non-company-wide reader. */
  scopeBranchId?: string | null;
}

function userWhere(f: UserFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like)) as SQL);
  }
  if (f.role) conds.push(sql`${f.role} = ANY(${users.roles})`);
  if (f.branchId) conds.push(eq(users.branchId, f.branchId));
  if (f.status) conds.push(eq(users.disabled, f.status === 'disabled'));
  if (f.scopeBranchId !== undefined) {
    conds.push(f.scopeBranchId === null ? sql`false` : eq(users.branchId, f.scopeBranchId));
  }
  return conds.length ? and(...conds) : undefined;
}

export async function listUsers(db: Db, f: UserFilter, page: number, pageSize: number) {
  const where = userWhere(f);
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.username))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const rows = await db.insert(users).values(values).returning();
  return rows[0] as UserRow;
}

/** Optimistic update: only when the stored version matches; returns null on a stale version. */
export async function updateUserVersioned(
  db: Db,
  id: string,
  version: number,
  patch: Partial<typeof users.$inferInsert>,
  now: Date,
): Promise<UserRow | null> {
  const rows = await db
    .update(users)
    .set({ ...patch, version: sql`${users.version} + 1`, updatedAt: now })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function updateUser(db: Db, id: string, patch: Partial<typeof users.$inferInsert>, now: Date) {
  await db
    .update(users)
    .set({ ...patch, version: sql`${users.version} + 1`, updatedAt: now })
    .where(eq(users.id, id));
}

/** Stamps a login; not an edit of the user, so the version (optimistic lock of admin edits) stays. */
export async function recordLastLogin(db: Db, id: string, now: Date): Promise<void> {
  await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, id));
}

export async function listDemoUsers(db: Db): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.demo, true), eq(users.disabled, false)));
}

export async function countUsers(db: Db): Promise<number> {
  const rows = await db.select({ n: count() }).from(users);
  return rows[0]?.n ?? 0;
}

// ---------- branches ----------

export async function listBranches(db: Db): Promise<BranchRow[]> {
  return db.select().from(branches).orderBy(asc(branches.code));
}

export async function findBranch(db: Db, id: string): Promise<BranchRow | null> {
  const rows = await db.select().from(branches).where(eq(branches.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findBranchByCode(db: Db, code: string): Promise<BranchRow | null> {
  const rows = await db.select().from(branches).where(eq(branches.code, code)).limit(1);
  return rows[0] ?? null;
}

export async function insertBranch(db: Db, values: typeof branches.$inferInsert): Promise<BranchRow> {
  const rows = await db.insert(branches).values(values).returning();
  return rows[0] as BranchRow;
}

export async function updateBranchVersioned(
  db: Db,
  id: string,
  version: number,
  patch: Partial<typeof branches.$inferInsert>,
  now: Date,
): Promise<BranchRow | null> {
  const rows = await db
    .update(branches)
    .set({ ...patch, version: sql`${branches.version} + 1`, updatedAt: now })
    .where(and(eq(branches.id, id), eq(branches.version, version)))
    .returning();
  return rows[0] ?? null;
}

// ---------- sessions ----------

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<SessionRow> {
  const rows = await db.insert(sessions).values(values).returning();
  return rows[0] as SessionRow;
}

export async function findLiveSessionByTokenHash(db: Db, tokenHash: string) {
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt)))
    .limit(1);
  return rows[0] ?? null;
}

export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function endSession(db: Db, id: string, now: Date, reason: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.id, id), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

export async function endSessionsOfUser(
  db: Db,
  userId: string,
  now: Date,
  reason: string,
  exceptId?: string,
): Promise<number> {
  const conds = [eq(sessions.userId, userId), isNull(sessions.endedAt)];
  if (exceptId) conds.push(ne(sessions.id, exceptId));
  const rows = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(...conds))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function listLiveSessionsOfUser(db: Db, userId: string, now: Date): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
}

// ---------- login attempts ----------

export async function recordLoginAttempt(db: Db, values: typeof loginAttempts.$inferInsert): Promise<void> {
  await db.insert(loginAttempts).values(values);
}

/** Failures for this username since `since` and after its last success; with the oldest one's time. */
export async function recentFailuresForUsername(db: Db, username: string, since: Date) {
  const lastOk = db
    .select({ at: sql`max(${loginAttempts.at})` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.success, true)));
  const rows = await db
    .select({ n: count(), oldest: sql<Date | string | null>`min(${loginAttempts.at})` })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.username, username),
        eq(loginAttempts.success, false),
        gte(loginAttempts.at, since),
        sql`${loginAttempts.at} > coalesce((${lastOk}), '-infinity'::timestamptz)`,
      ),
    );
  return { n: rows[0]?.n ?? 0, oldest: rows[0]?.oldest ? new Date(rows[0].oldest) : null };
}

export async function recentFailuresForIp(db: Db, ip: string, since: Date) {
  const rows = await db
    .select({ n: count(), oldest: sql<Date | string | null>`min(${loginAttempts.at})` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gte(loginAttempts.at, since)));
  return { n: rows[0]?.n ?? 0, oldest: rows[0]?.oldest ? new Date(rows[0].oldest) : null };
}

// ---------- settings ----------

export async function listSettingRows(db: Db, branchId: string | null): Promise<SettingRow[]> {
  const where = branchId ? or(isNull(settings.branchId), eq(settings.branchId, branchId)) : isNull(settings.branchId);
  return db.select().from(settings).where(where);
}

export async function findSettingRow(db: Db, key: string, branchId: string | null): Promise<SettingRow | null> {
  const rows = await db
    .select()
    .from(settings)
    .where(and(eq(settings.key, key), branchId ? eq(settings.branchId, branchId) : isNull(settings.branchId)))
    .limit(1)
    .for('update');
  return rows[0] ?? null;
}

export async function insertSettingRow(db: Db, values: typeof settings.$inferInsert): Promise<SettingRow | null> {
  const rows = await db.insert(settings).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function updateSettingRowVersioned(
  db: Db,
  id: number,
  version: number,
  value: unknown,
  now: Date,
  by: string | null,
): Promise<SettingRow | null> {
  const rows = await db
    .update(settings)
    .set({ value, version: sql`${settings.version} + 1`, updatedAt: now, updatedBy: by })
    .where(and(eq(settings.id, id), eq(settings.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function deleteSettingRowVersioned(db: Db, id: number, version: number): Promise<boolean> {
  const rows = await db
    .delete(settings)
    .where(and(eq(settings.id, id), eq(settings.version, version)))
    .returning({ id: settings.id });
  return rows.length > 0;
}

// ---------- audit ----------

export async function insertAudit(db: Db, values: NewAudit): Promise<void> {
  await db.insert(auditEvents).values(values);
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
}

export async function listAudit(db: Db, f: AuditFilter, page: number, pageSize: number) {
  const conds: SQL[] = [];
  if (f.actor) conds.push(eq(auditEvents.actorName, f.actor));
  if (f.action) conds.push(ilike(auditEvents.action, `${escapeLike(f.action)}%`));
  if (f.objectType) conds.push(eq(auditEvents.objectType, f.objectType));
  if (f.objectId) conds.push(eq(auditEvents.objectId, f.objectId));
  if (f.from) conds.push(gte(auditEvents.at, f.from));
  if (f.to) conds.push(lte(auditEvents.at, f.to));
  const where = conds.length ? and(...conds) : undefined;
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}
