import type { Db } from '@server/platform/db/client';
import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gt,
  gte,
  ilike,
  inArray,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import {
  assignments,
  technicianCalendar,
  technicianCertificates,
  technicianSkills,
  technicians,
  technicianTrainings,
} from './dispatch.schema';

// Every query on the technician tables (profiles, skills, certificates, trainings, calendar), and the one read of
// assignments the calendar needs (appointments hit by an approved leave).

/** A profile without the photo bytes (read on their own: lists never carry images). */
export type TechnicianRow = Omit<typeof technicians.$inferSelect, 'photo'>;
export type SkillRow = typeof technicianSkills.$inferSelect;
export type CertificateRow = typeof technicianCertificates.$inferSelect;
export type TrainingRow = typeof technicianTrainings.$inferSelect;
export type CalendarRow = typeof technicianCalendar.$inferSelect;
export type CalendarListRow = CalendarRow & { technicianName: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// ---------- profiles ----------

const { photo: _photo, ...profileColumns } = getTableColumns(technicians);

export async function findTechnician(db: Db, id: string): Promise<TechnicianRow | null> {
  const rows = await db.select(profileColumns).from(technicians).where(eq(technicians.userId, id)).limit(1);
  return rows[0] ?? null;
}

export async function lockTechnician(db: Db, id: string): Promise<TechnicianRow | null> {
  const rows = await db
    .select(profileColumns)
    .from(technicians)
    .where(eq(technicians.userId, id))
    .limit(1)
    .for('update');
  return rows[0] ?? null;
}

export async function findTechnicianByStaffNo(db: Db, staffNo: string): Promise<TechnicianRow | null> {
  const rows = await db.select(profileColumns).from(technicians).where(eq(technicians.staffNo, staffNo)).limit(1);
  return rows[0] ?? null;
}

export interface PhotoRow {
  photo: Buffer | null;
  photoType: string | null;
  branchId: string;
  active: boolean;
}

const photoColumns = {
  photo: technicians.photo,
  photoType: technicians.photoType,
  branchId: technicians.branchId,
  active: technicians.active,
};

export async function findTechnicianPhoto(db: Db, id: string): Promise<PhotoRow | null> {
  const rows = await db.select(photoColumns).from(technicians).where(eq(technicians.userId, id)).limit(1);
  return rows[0] ?? null;
}

export async function findPhotoByToken(db: Db, token: string): Promise<PhotoRow | null> {
  const rows = await db.select(photoColumns).from(technicians).where(eq(technicians.photoToken, token)).limit(1);
  return rows[0] ?? null;
}

/** Inserts a profile unless the user already has one or the staff number is taken: null then. */
export async function insertTechnicianIfNew(
  db: Db,
  values: typeof technicians.$inferInsert,
): Promise<TechnicianRow | null> {
  const rows = await db.insert(technicians).values(values).onConflictDoNothing().returning(profileColumns);
  return rows[0] ?? null;
}

/** Optimistic update: only when the stored version matches (the version goes up by one); null on a stale version. */
export async function updateTechnicianVersioned(
  db: Db,
  id: string,
  version: number,
  patch: Partial<typeof technicians.$inferInsert>,
  now: Date,
): Promise<TechnicianRow | null> {
  const rows = await db
    .update(technicians)
    .set({ ...patch, version: sql`${technicians.version} + 1`, updatedAt: now })
    .where(and(eq(technicians.userId, id), eq(technicians.version, version)))
    .returning(profileColumns);
  return rows[0] ?? null;
}

/** An unversioned change (the photo): the profile's version stays, so an open edit form is not made stale. */
export async function updateTechnicianUnversioned(
  db: Db,
  id: string,
  patch: Partial<typeof technicians.$inferInsert>,
  now: Date,
): Promise<void> {
  await db
    .update(technicians)
    .set({ ...patch, updatedAt: now })
    .where(eq(technicians.userId, id));
}

export interface TechnicianFilter {
  /** Branch scope of the reader (undefined: whole company; null: no branch, sees nothing). */
  scopeBranchId?: string | null;
  branchId?: string;
  skill?: string;
  q?: string;
  active?: boolean;
  /** Worst certificate state, judged on `today` with the alert horizon ending on `horizonDay`. */
  certificateState?: { state: 'valid' | 'expiring' | 'expired'; today: string; horizonDay: string };
}

/** Some current certificate type of the technician (its latest expiry) is before `day` (strictly) / on or before. */
function latestExpiryOfSomeType(op: '<' | '<=', day: string): SQL {
  return sql`exists (select 1 from technician_certificates c where c.technician_id = ${technicians.userId} group by c.type having max(c.expires_on) ${sql.raw(op)} ${day}::date)`;
}

function technicianWhere(f: TechnicianFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.scopeBranchId !== undefined) {
    conds.push(f.scopeBranchId === null ? sql`false` : eq(technicians.branchId, f.scopeBranchId));
  }
  if (f.branchId) conds.push(eq(technicians.branchId, f.branchId));
  if (f.active !== undefined) conds.push(eq(technicians.active, f.active));
  if (f.skill) {
    conds.push(
      sql`exists (select 1 from technician_skills s where s.technician_id = ${technicians.userId} and s.skill = ${f.skill})`,
    );
  }
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(or(ilike(technicians.name, like), ilike(technicians.staffNo, like)) as SQL);
  }
  if (f.certificateState) {
    const { state, today, horizonDay } = f.certificateState;
    const expired = latestExpiryOfSomeType('<', today);
    const expiringOrWorse = latestExpiryOfSomeType('<=', horizonDay);
    if (state === 'expired') conds.push(expired);
    else if (state === 'expiring') conds.push(and(expiringOrWorse, sql`not ${expired}`) as SQL);
    else {
      conds.push(
        sql`exists (select 1 from technician_certificates c where c.technician_id = ${technicians.userId})`,
        sql`not ${expiringOrWorse}`,
      );
    }
  }
  return conds.length ? and(...conds) : undefined;
}

/** A page of profiles, by staff number. */
export async function pageTechnicians(
  db: Db,
  f: TechnicianFilter,
  page: number,
  pageSize: number,
): Promise<{ items: TechnicianRow[]; total: number }> {
  const where = technicianWhere(f);
  const [items, totals] = await Promise.all([
    db
      .select(profileColumns)
      .from(technicians)
      .where(where)
      .orderBy(asc(technicians.staffNo))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(technicians).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

// ---------- skills ----------

export async function listSkills(db: Db, technicianIds: readonly string[]): Promise<SkillRow[]> {
  if (technicianIds.length === 0) return [];
  return db
    .select()
    .from(technicianSkills)
    .where(inArray(technicianSkills.technicianId, [...technicianIds]))
    .orderBy(asc(technicianSkills.skill));
}

export async function replaceSkills(
  db: Db,
  technicianId: string,
  skills: readonly { skill: string; level: number }[],
): Promise<void> {
  await db.delete(technicianSkills).where(eq(technicianSkills.technicianId, technicianId));
  if (skills.length) {
    await db.insert(technicianSkills).values(skills.map((s) => ({ technicianId, skill: s.skill, level: s.level })));
  }
}

// ---------- certificates ----------

/** Certificates of these technicians, by type, latest expiry first. */
export async function listCertificates(db: Db, technicianIds: readonly string[]): Promise<CertificateRow[]> {
  if (technicianIds.length === 0) return [];
  return db
    .select()
    .from(technicianCertificates)
    .where(inArray(technicianCertificates.technicianId, [...technicianIds]))
    .orderBy(asc(technicianCertificates.type), desc(technicianCertificates.expiresOn), desc(technicianCertificates.id));
}

export async function findCertificate(db: Db, technicianId: string, id: string): Promise<CertificateRow | null> {
  const rows = await db
    .select()
    .from(technicianCertificates)
    .where(and(eq(technicianCertificates.id, id), eq(technicianCertificates.technicianId, technicianId)))
    .limit(1)
    .for('update');
  return rows[0] ?? null;
}

export async function insertCertificate(
  db: Db,
  values: typeof technicianCertificates.$inferInsert,
): Promise<CertificateRow> {
  const rows = await db.insert(technicianCertificates).values(values).returning();
  return rows[0] as CertificateRow;
}

export async function updateCertificateVersioned(
  db: Db,
  id: string,
  version: number,
  patch: Partial<typeof technicianCertificates.$inferInsert>,
  now: Date,
): Promise<CertificateRow | null> {
  const rows = await db
    .update(technicianCertificates)
    .set({ ...patch, version: sql`${technicianCertificates.version} + 1`, updatedAt: now })
    .where(and(eq(technicianCertificates.id, id), eq(technicianCertificates.version, version)))
    .returning();
  return rows[0] ?? null;
}

/**
 * The certificate a technician holds of its type now is the one expiring last; an older one it replaced (a renewal
 * recorded as a new certificate) no longer counts for alerts.
 */
const isCurrentCertificate = sql`not exists (select 1 from technician_certificates n where n.technician_id = ${technicianCertificates.technicianId} and n.type = ${technicianCertificates.type} and (n.expires_on > ${technicianCertificates.expiresOn} or (n.expires_on = ${technicianCertificates.expiresOn} and n.id > ${technicianCertificates.id})))`;

export interface CertificateAlertRow {
  certificate: CertificateRow;
  technician: Pick<TechnicianRow, 'userId' | 'name' | 'staffNo' | 'branchId'>;
}

/** Current certificates of active technicians expiring on or before `horizonDay` (or expired): soonest first. */
export async function pageCertificateAlerts(
  db: Db,
  f: { scopeBranchId?: string | null; horizonDay: string },
  page: number,
  pageSize: number,
): Promise<{ items: CertificateAlertRow[]; total: number }> {
  const conds: SQL[] = [
    eq(technicians.active, true),
    lte(technicianCertificates.expiresOn, f.horizonDay),
    isCurrentCertificate,
  ];
  if (f.scopeBranchId !== undefined) {
    conds.push(f.scopeBranchId === null ? sql`false` : eq(technicians.branchId, f.scopeBranchId));
  }
  const where = and(...conds);
  const [rows, totals] = await Promise.all([
    db
      .select({
        certificate: technicianCertificates,
        technician: {
          userId: technicians.userId,
          name: technicians.name,
          staffNo: technicians.staffNo,
          branchId: technicians.branchId,
        },
      })
      .from(technicianCertificates)
      .innerJoin(technicians, eq(technicians.userId, technicianCertificates.technicianId))
      .where(where)
      .orderBy(
        asc(technicianCertificates.expiresOn),
        asc(technicians.staffNo),
        asc(technicianCertificates.type),
        asc(technicianCertificates.id),
      )
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: count() })
      .from(technicianCertificates)
      .innerJoin(technicians, eq(technicians.userId, technicianCertificates.technicianId))
      .where(where),
  ]);
  return { items: rows, total: totals[0]?.n ?? 0 };
}

// ---------- trainings ----------

export async function listTrainings(db: Db, technicianId: string): Promise<TrainingRow[]> {
  return db
    .select()
    .from(technicianTrainings)
    .where(eq(technicianTrainings.technicianId, technicianId))
    .orderBy(desc(technicianTrainings.heldOn), desc(technicianTrainings.createdAt), desc(technicianTrainings.id));
}

export async function insertTraining(db: Db, values: typeof technicianTrainings.$inferInsert): Promise<TrainingRow> {
  const rows = await db.insert(technicianTrainings).values(values).returning();
  return rows[0] as TrainingRow;
}

// ---------- calendar ----------

function calendarSelect(db: Db) {
  return db
    .select({ entry: technicianCalendar, technicianName: technicians.name })
    .from(technicianCalendar)
    .innerJoin(technicians, eq(technicians.userId, technicianCalendar.technicianId));
}

const withName = (r: { entry: CalendarRow; technicianName: string }): CalendarListRow => ({
  ...r.entry,
  technicianName: r.technicianName,
});

/** A technician's calendar entries from `fromDay` on, latest day first. */
export async function listCalendar(db: Db, technicianId: string, fromDay: string): Promise<CalendarListRow[]> {
  const rows = await calendarSelect(db)
    .where(and(eq(technicianCalendar.technicianId, technicianId), gte(technicianCalendar.day, fromDay)))
    .orderBy(desc(technicianCalendar.day), desc(technicianCalendar.requestedAt), desc(technicianCalendar.id));
  return rows.map(withName);
}

/** Entries of one technician on one day (any status). */
export async function calendarOfDay(db: Db, technicianId: string, day: string): Promise<CalendarRow[]> {
  return db
    .select()
    .from(technicianCalendar)
    .where(and(eq(technicianCalendar.technicianId, technicianId), eq(technicianCalendar.day, day)))
    .orderBy(asc(technicianCalendar.requestedAt), asc(technicianCalendar.id));
}

export async function findCalendarEntry(db: Db, id: string): Promise<CalendarListRow | null> {
  const rows = await calendarSelect(db).where(eq(technicianCalendar.id, id)).limit(1);
  return rows[0] ? withName(rows[0]) : null;
}

export async function lockCalendarEntry(db: Db, id: string): Promise<CalendarRow | null> {
  const rows = await db.select().from(technicianCalendar).where(eq(technicianCalendar.id, id)).limit(1).for('update');
  return rows[0] ?? null;
}

export async function insertCalendarEntry(
  db: Db,
  values: typeof technicianCalendar.$inferInsert,
): Promise<CalendarRow> {
  const rows = await db.insert(technicianCalendar).values(values).returning();
  return rows[0] as CalendarRow;
}

export async function updateCalendarEntryVersioned(
  db: Db,
  id: string,
  version: number,
  patch: Partial<typeof technicianCalendar.$inferInsert>,
): Promise<CalendarRow | null> {
  const rows = await db
    .update(technicianCalendar)
    .set({ ...patch, version: sql`${technicianCalendar.version} + 1` })
    .where(and(eq(technicianCalendar.id, id), eq(technicianCalendar.version, version)))
    .returning();
  return rows[0] ?? null;
}

export interface CalendarFilter {
  scopeBranchId?: string | null;
  technicianId?: string;
  status?: string;
}

/** A page of calendar entries: by request time, oldest or newest first. */
export async function pageCalendar(
  db: Db,
  f: CalendarFilter,
  order: 'asc' | 'desc',
  page: number,
  pageSize: number,
): Promise<{ items: CalendarListRow[]; total: number }> {
  const conds: SQL[] = [];
  if (f.scopeBranchId !== undefined) {
    conds.push(f.scopeBranchId === null ? sql`false` : eq(technicianCalendar.branchId, f.scopeBranchId));
  }
  if (f.technicianId) conds.push(eq(technicianCalendar.technicianId, f.technicianId));
  if (f.status) conds.push(eq(technicianCalendar.status, f.status));
  const where = conds.length ? and(...conds) : undefined;
  const dir = order === 'asc' ? asc : desc;
  const [rows, totals] = await Promise.all([
    calendarSelect(db)
      .where(where)
      .orderBy(dir(technicianCalendar.requestedAt), dir(technicianCalendar.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(technicianCalendar).where(where),
  ]);
  return { items: rows.map(withName), total: totals[0]?.n ?? 0 };
}

// ---------- appointments (read) ----------

/** Order numbers of a technician's active appointments overlapping [start, end), in time order. */
export async function activeAppointmentsOverlapping(
  db: Db,
  technicianId: string,
  start: Date,
  end: Date,
): Promise<string[]> {
  const rows = await db
    .select({ number: assignments.workOrderNumber })
    .from(assignments)
    .where(
      and(
        eq(assignments.technicianId, technicianId),
        eq(assignments.active, true),
        lt(assignments.startAt, end),
        gt(assignments.endAt, start),
      ),
    )
    .orderBy(asc(assignments.startAt), asc(assignments.id));
  return rows.map((r) => r.number);
}
