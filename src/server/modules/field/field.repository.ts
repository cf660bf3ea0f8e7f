import type { Db } from '@server/platform/db/client';
import { and, asc, desc, eq, gt, gte, inArray, lt, ne, type SQL, sql } from 'drizzle-orm';
import {
  visitConsents,
  visitParts,
  visitPhotos,
  visitSignatures,
  visitSteps,
  visits,
  visitTestReadings,
} from './field.schema';

export type VisitRow = typeof visits.$inferSelect;
export type NewVisit = typeof visits.$inferInsert;
export type StepRow = typeof visitSteps.$inferSelect;
export type NewStep = typeof visitSteps.$inferInsert;
export type PhotoRow = typeof visitPhotos.$inferSelect;
export type SignatureRow = typeof visitSignatures.$inferSelect;
export type ConsentRow = typeof visitConsents.$inferSelect;
export type PartRow = typeof visitParts.$inferSelect;
export type ReadingRow = typeof visitTestReadings.$inferSelect;

// ---------- visits ----------

export async function findVisit(db: Db, id: string): Promise<VisitRow | null> {
  const rows = await db.select().from(visits).where(eq(visits.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function lockVisit(db: Db, id: string): Promise<VisitRow | null> {
  const rows = await db.select().from(visits).where(eq(visits.id, id)).limit(1).for('update');
  return rows[0] ?? null;
}

/** The order's open or proposed visit (at most one), locked. */
export async function lockCurrentVisitOfOrder(db: Db, workOrderId: string): Promise<VisitRow | null> {
  const rows = await db
    .select()
    .from(visits)
    .where(and(eq(visits.workOrderId, workOrderId), inArray(visits.status, ['open', 'proposed'])))
    .limit(1)
    .for('update');
  return rows[0] ?? null;
}

export async function visitsOfOrder(db: Db, workOrderId: string): Promise<VisitRow[]> {
  return db.select().from(visits).where(eq(visits.workOrderId, workOrderId)).orderBy(asc(visits.visitNo));
}

export async function nextVisitNo(db: Db, workOrderId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`coalesce(max(${visits.visitNo}), 0)::int` })
    .from(visits)
    .where(eq(visits.workOrderId, workOrderId));
  return Number(rows[0]?.n ?? 0) + 1;
}

export async function insertVisit(db: Db, row: NewVisit): Promise<VisitRow> {
  const rows = await db.insert(visits).values(row).returning();
  return rows[0] as VisitRow;
}

/** Updates a visit at the version it was read with; null when it moved meanwhile. */
export async function updateVisitVersioned(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: Partial<NewVisit>,
): Promise<VisitRow | null> {
  const rows = await db
    .update(visits)
    .set({ ...patch, version: expectedVersion + 1 })
    .where(and(eq(visits.id, id), eq(visits.version, expectedVersion)))
    .returning();
  return rows[0] ?? null;
}

/** A technician's visits whose window starts in [from, to), in window order. */
export async function visitsOfTechnician(db: Db, technicianId: string, from: Date, to: Date): Promise<VisitRow[]> {
  return db
    .select()
    .from(visits)
    .where(and(eq(visits.technicianId, technicianId), gte(visits.windowStart, from), lt(visits.windowStart, to)))
    .orderBy(asc(visits.windowStart), asc(visits.createdAt));
}

/** The customer's other visits, newest first (history on the technician's day list). */
export async function visitsOfCustomer(db: Db, customerId: string, exceptOrderId: string, limit: number) {
  return db
    .select()
    .from(visits)
    .where(
      and(
        eq(visits.customerId, customerId),
        ne(visits.workOrderId, exceptOrderId),
        inArray(visits.status, ['completed', 'waiting_parts']),
      ),
    )
    .orderBy(desc(visits.createdAt))
    .limit(limit);
}

// ---------- the log ----------

export async function stepsOf(db: Db, visitId: string): Promise<StepRow[]> {
  return db.select().from(visitSteps).where(eq(visitSteps.visitId, visitId)).orderBy(asc(visitSteps.id));
}

export async function stepByKey(db: Db, visitId: string, key: string): Promise<StepRow | null> {
  const rows = await db
    .select()
    .from(visitSteps)
    .where(and(eq(visitSteps.visitId, visitId), eq(visitSteps.idempotencyKey, key)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertStep(db: Db, row: NewStep): Promise<StepRow> {
  const rows = await db.insert(visitSteps).values(row).returning();
  return rows[0] as StepRow;
}

/** Log rows written after a version (what changed since a phone's copy). */
export async function stepsAfterVersion(db: Db, visitId: string, version: number): Promise<StepRow[]> {
  return db
    .select()
    .from(visitSteps)
    .where(and(eq(visitSteps.visitId, visitId), gt(visitSteps.versionAfter, version)))
    .orderBy(asc(visitSteps.id));
}

// ---------- photos, signatures, consents ----------

export async function photosOf(db: Db, visitId: string): Promise<PhotoRow[]> {
  return db.select().from(visitPhotos).where(eq(visitPhotos.visitId, visitId)).orderBy(asc(visitPhotos.createdAt));
}

export async function findPhoto(db: Db, id: string): Promise<PhotoRow | null> {
  const rows = await db.select().from(visitPhotos).where(eq(visitPhotos.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function photoByKey(db: Db, visitId: string, key: string): Promise<PhotoRow | null> {
  const rows = await db
    .select()
    .from(visitPhotos)
    .where(and(eq(visitPhotos.visitId, visitId), eq(visitPhotos.idempotencyKey, key)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertPhoto(db: Db, row: typeof visitPhotos.$inferInsert): Promise<PhotoRow> {
  const rows = await db.insert(visitPhotos).values(row).returning();
  return rows[0] as PhotoRow;
}

/** Signatures without their image bytes. */
export async function signaturesOf(db: Db, visitId: string) {
  return db
    .select({
      id: visitSignatures.id,
      purpose: visitSignatures.purpose,
      signerName: visitSignatures.signerName,
      signedAt: visitSignatures.signedAt,
    })
    .from(visitSignatures)
    .where(eq(visitSignatures.visitId, visitId))
    .orderBy(asc(visitSignatures.signedAt));
}

export async function signatureImages(db: Db, visitId: string): Promise<SignatureRow[]> {
  return db
    .select()
    .from(visitSignatures)
    .where(eq(visitSignatures.visitId, visitId))
    .orderBy(asc(visitSignatures.signedAt));
}

export async function insertSignature(db: Db, row: typeof visitSignatures.$inferInsert): Promise<SignatureRow> {
  const rows = await db.insert(visitSignatures).values(row).returning();
  return rows[0] as SignatureRow;
}

export async function consentsOf(db: Db, visitId: string): Promise<ConsentRow[]> {
  return db
    .select()
    .from(visitConsents)
    .where(eq(visitConsents.visitId, visitId))
    .orderBy(asc(visitConsents.requestedAt));
}

export async function insertConsent(db: Db, row: typeof visitConsents.$inferInsert): Promise<ConsentRow> {
  const rows = await db.insert(visitConsents).values(row).returning();
  return rows[0] as ConsentRow;
}

export async function lockConsentByToken(db: Db, tokenHash: string): Promise<ConsentRow | null> {
  const rows = await db
    .select()
    .from(visitConsents)
    .where(eq(visitConsents.tokenHash, tokenHash))
    .limit(1)
    .for('update');
  return rows[0] ?? null;
}

export async function findConsentByToken(db: Db, tokenHash: string): Promise<ConsentRow | null> {
  const rows = await db.select().from(visitConsents).where(eq(visitConsents.tokenHash, tokenHash)).limit(1);
  return rows[0] ?? null;
}

export async function setConsentStatus(
  db: Db,
  id: string,
  patch: Partial<typeof visitConsents.$inferInsert>,
): Promise<void> {
  await db.update(visitConsents).set(patch).where(eq(visitConsents.id, id));
}

/** Pending link consents of a visit become `superseded` (a new quote, or a signature given on the screen). */
export async function supersedePendingConsents(db: Db, visitId: string, at: Date): Promise<void> {
  await db
    .update(visitConsents)
    .set({ status: 'superseded', decidedAt: at })
    .where(and(eq(visitConsents.visitId, visitId), eq(visitConsents.status, 'pending')));
}

// ---------- parts and readings ----------

export async function partsOfVisits(db: Db, visitIds: readonly string[]): Promise<PartRow[]> {
  if (!visitIds.length) return [];
  return db
    .select()
    .from(visitParts)
    .where(inArray(visitParts.visitId, [...visitIds]))
    .orderBy(asc(visitParts.visitId), asc(visitParts.line));
}

export async function partsOfOrder(db: Db, workOrderId: string): Promise<PartRow[]> {
  return db.select().from(visitParts).where(eq(visitParts.workOrderId, workOrderId));
}

/** Parts fitted on a unit before (for the part warranty), excluding one order's. */
export async function partsFittedOnUnit(db: Db, unitId: string, partIds: readonly string[], exceptOrderId: string) {
  if (!partIds.length) return [];
  const conds: SQL[] = [
    eq(visitParts.unitId, unitId),
    inArray(visitParts.partId, [...partIds]),
    ne(visitParts.workOrderId, exceptOrderId),
  ];
  return db
    .select()
    .from(visitParts)
    .where(and(...conds));
}

export async function insertParts(db: Db, rows: (typeof visitParts.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(visitParts).values(rows);
}

export async function maxPartLine(db: Db, visitId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`coalesce(max(${visitParts.line}), 0)::int` })
    .from(visitParts)
    .where(eq(visitParts.visitId, visitId));
  return Number(rows[0]?.n ?? 0);
}

export async function readingsOf(db: Db, visitId: string): Promise<ReadingRow[]> {
  return db
    .select()
    .from(visitTestReadings)
    .where(eq(visitTestReadings.visitId, visitId))
    .orderBy(asc(visitTestReadings.id));
}

export async function insertReadings(db: Db, rows: (typeof visitTestReadings.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(visitTestReadings).values(rows);
}
