import type { Db } from '@server/platform/db/client';
import { and, asc, eq, gt, inArray, lt, type SQL, sql } from 'drizzle-orm';
import {
  assignments,
  technicianCalendar,
  technicianCertificates,
  technicianPositions,
  technicianSkills,
  technicians,
} from './dispatch.schema';

export type TechnicianRow = typeof technicians.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;
export type NewAssignment = typeof assignments.$inferInsert;
export type CertificateRow = typeof technicianCertificates.$inferSelect;
export type CalendarRow = typeof technicianCalendar.$inferSelect;

/** Everything the rules need about technicians: profile, skills, certificates, calendar entries of a day range. */
export interface TechnicianBundle {
  tech: TechnicianRow;
  skills: { skill: string; level: number }[];
  certificates: CertificateRow[];
  calendar: CalendarRow[];
}

export async function technicianBundles(
  db: Db,
  filter: { branchId?: string | null; ids?: readonly string[]; activeOnly?: boolean },
  days: { from: string; to: string },
): Promise<TechnicianBundle[]> {
  const conds: SQL[] = [];
  if (filter.branchId) conds.push(eq(technicians.branchId, filter.branchId));
  if (filter.ids) {
    if (!filter.ids.length) return [];
    conds.push(inArray(technicians.userId, [...filter.ids]));
  }
  if (filter.activeOnly) conds.push(eq(technicians.active, true));
  const techs = await db
    .select()
    .from(technicians)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(technicians.staffNo));
  if (!techs.length) return [];
  const ids = techs.map((t) => t.userId);
  // One after the other: this runs inside assignment transactions (one connection, no parallel queries).
  const skills = await db.select().from(technicianSkills).where(inArray(technicianSkills.technicianId, ids));
  const certs = await db.select().from(technicianCertificates).where(inArray(technicianCertificates.technicianId, ids));
  const calendar = await db
    .select()
    .from(technicianCalendar)
    .where(
      and(
        inArray(technicianCalendar.technicianId, ids),
        sql`${technicianCalendar.day} >= ${days.from}`,
        sql`${technicianCalendar.day} <= ${days.to}`,
      ),
    );
  return techs.map((tech) => ({
    tech,
    skills: skills.filter((s) => s.technicianId === tech.userId).map((s) => ({ skill: s.skill, level: s.level })),
    certificates: certs.filter((c) => c.technicianId === tech.userId),
    calendar: calendar.filter((c) => c.technicianId === tech.userId),
  }));
}

export async function findTechnician(db: Db, id: string): Promise<TechnicianRow | null> {
  const rows = await db.select().from(technicians).where(eq(technicians.userId, id)).limit(1);
  return rows[0] ?? null;
}

export async function findTechnicianByPhotoToken(db: Db, token: string): Promise<TechnicianRow | null> {
  const rows = await db.select().from(technicians).where(eq(technicians.photoToken, token)).limit(1);
  return rows[0] ?? null;
}

// ---------- assignments ----------

/** Active appointments overlapping [from, to), of a branch or of some technicians. */
export async function activeAssignmentsBetween(
  db: Db,
  filter: { branchId?: string; technicianIds?: readonly string[] },
  from: Date,
  to: Date,
): Promise<AssignmentRow[]> {
  const conds: SQL[] = [eq(assignments.active, true), lt(assignments.startAt, to), gt(assignments.endAt, from)];
  if (filter.branchId) conds.push(eq(assignments.branchId, filter.branchId));
  if (filter.technicianIds) {
    if (!filter.technicianIds.length) return [];
    conds.push(inArray(assignments.technicianId, [...filter.technicianIds]));
  }
  return db
    .select()
    .from(assignments)
    .where(and(...conds))
    .orderBy(asc(assignments.startAt));
}

export async function insertAssignment(db: Db, values: NewAssignment): Promise<AssignmentRow> {
  const rows = await db.insert(assignments).values(values).returning();
  return rows[0] as AssignmentRow;
}

export async function findAssignment(db: Db, id: string): Promise<AssignmentRow | null> {
  const rows = await db.select().from(assignments).where(eq(assignments.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function lockAssignment(db: Db, id: string): Promise<AssignmentRow | null> {
  const rows = await db.select().from(assignments).where(eq(assignments.id, id)).limit(1).for('update');
  return rows[0] ?? null;
}

export async function lockActiveAssignmentOfOrder(db: Db, workOrderId: string): Promise<AssignmentRow | null> {
  const rows = await db
    .select()
    .from(assignments)
    .where(and(eq(assignments.workOrderId, workOrderId), eq(assignments.active, true)))
    .limit(1)
    .for('update');
  return rows[0] ?? null;
}

export async function latestAssignmentsOfOrders(db: Db, workOrderIds: readonly string[]): Promise<AssignmentRow[]> {
  if (!workOrderIds.length) return [];
  return db
    .select()
    .from(assignments)
    .where(inArray(assignments.workOrderId, [...workOrderIds]))
    .orderBy(asc(assignments.createdAt));
}

export async function updateAssignment(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: Partial<NewAssignment>,
): Promise<AssignmentRow | null> {
  const rows = await db
    .update(assignments)
    .set({ ...patch, version: sql`${assignments.version} + 1` })
    .where(and(eq(assignments.id, id), eq(assignments.version, expectedVersion)))
    .returning();
  return rows[0] ?? null;
}

/** Assignments of a technician whose window starts in [from, to), any state, in time order. */
export async function assignmentsOfTechnician(db: Db, technicianId: string, from: Date, to: Date) {
  return db
    .select()
    .from(assignments)
    .where(
      and(
        eq(assignments.technicianId, technicianId),
        sql`${assignments.startAt} >= ${from}`,
        lt(assignments.startAt, to),
      ),
    )
    .orderBy(asc(assignments.startAt));
}

// ---------- positions ----------

export async function recordPosition(db: Db, technicianId: string, lat: number, lng: number, at: Date) {
  await db.insert(technicianPositions).values({ technicianId, lat, lng, at });
  await db
    .update(technicians)
    .set({ lastLat: lat, lastLng: lng, lastPositionAt: at })
    .where(eq(technicians.userId, technicianId));
}

/** Serialises assignments per technician: taken first in every assignment transaction. */
export async function lockTechnician(db: Db, id: string): Promise<TechnicianRow | null> {
  const rows = await db.select().from(technicians).where(eq(technicians.userId, id)).limit(1).for('update');
  return rows[0] ?? null;
}
