import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'number' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/**
 * Visits (上门): one trip of one technician for one work order; an order may need several (a follow-up after waiting
 * for parts). The work order, customer, unit and technician are other modules' records, carried by id (no foreign
 * keys across modules). `version` changes with every step and every office edit: a phone's queued step made on an
 * older version is a conflict (answered with both versions, never overwritten). At most one open or proposed visit
 * per order.
 */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id').notNull(),
    workOrderNumber: text('work_order_number').notNull(),
    branchId: uuid('branch_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    unitId: uuid('unit_id'),
    /** 1, 2, … within the order. */
    visitNo: integer('visit_no').notNull(),
    /** first | follow_up */
    kind: text('kind').notNull(),
    previousVisitId: uuid('previous_visit_id'),
    technicianId: uuid('technician_id').notNull(),
    technicianName: text('technician_name').notNull(),
    technicianStaffNo: text('technician_staff_no').notNull().default(''),
    /** proposed | open | completed | waiting_parts | withdrawn | cancelled (VISIT_STATUSES) */
    status: text('status').notNull(),
    /** The appointment window (arrival), in UTC; for a proposed follow-up the window proposed to dispatch. */
    windowStart: tz('window_start'),
    windowEnd: tz('window_end'),
    etaAt: tz('eta_at'),
    departedAt: tz('departed_at'),
    arrivedAt: tz('arrived_at'),
    arrivalLat: doublePrecision('arrival_lat'),
    arrivalLng: doublePrecision('arrival_lng'),
    /** Check-in distance from the address's map point (null when the address has no point). */
    arrivalDistanceM: integer('arrival_distance_m'),
    /** Minutes after the window's end (0: on time). */
    lateMinutes: integer('late_minutes'),
    faultCategory: text('fault_category'),
    faultCodeId: uuid('fault_code_id'),
    faultCode: text('fault_code'),
    cause: text('cause'),
    /** simple | complex (from the diagnosis; before it, the order's fault). */
    complexity: text('complexity'),
    standardMinutes: integer('standard_minutes'),
    difficulty: integer('difficulty'),
    /** Complex faults: the expected finish told to the customer (moved by a reported delay). */
    expectedFinishAt: tz('expected_finish_at'),
    /** Simple: arrival + the set limit; complex: the expected finish. Past it, a delay must be reported. */
    repairDueAt: tz('repair_due_at'),
    delayCount: integer('delay_count').notNull().default(0),
    /** The current quote (lines and totals, integer fen) and its version (0: none yet). */
    quoteVersion: integer('quote_version').notNull().default(0),
    quote: jsonb('quote'),
    totalFen: fen('total_fen'),
    customerPaysFen: fen('customer_pays_fen'),
    warrantyFen: fen('warranty_fen'),
    /** The quote version the customer agreed to (null: not yet). */
    consentedQuoteVersion: integer('consented_quote_version'),
    workDone: text('work_done').notNull().default(''),
    /** Other problems found, told to the customer as advice (policy ch. 4.2). */
    advice: text('advice').array().notNull().default(sql`'{}'::text[]`),
    /** A note from the office to the technician (an office edit). */
    officeNote: text('office_note').notNull().default(''),
    /** The requisition raised when the visit ended waiting for parts. */
    requisitionId: uuid('requisition_id'),
    finishedAt: tz('finished_at'),
    endReason: text('end_reason'),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('visits_order_no_uq').on(t.workOrderId, t.visitNo),
    uniqueIndex('visits_one_open_per_order_uq').on(t.workOrderId).where(sql`${t.status} IN ('open', 'proposed')`),
    index('visits_technician_idx').on(t.technicianId, t.windowStart),
    index('visits_branch_idx').on(t.branchId, t.status),
    index('visits_unit_idx').on(t.unitId),
    index('visits_customer_idx').on(t.customerId),
  ],
);

/**
 * The visit's log, append-only (a trigger refuses UPDATE / DELETE / TRUNCATE): each step done or skipped, each
 * delay, consent, office edit and closure with its data, actor, the time it happened (the phone's, for a step
 * queued offline) and the time it was recorded. A step sent by the phone carries its idempotency key: the same key
 * again replays, never acts twice. `version_after` is the visit's version once the row was written.
 */
export const visitSteps = pgTable(
  'visit_steps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    /** A VISIT_STEP, or skip | delay | waiting_parts | office_edit | closed. */
    step: text('step').notNull(),
    /** For a skip: the step skipped. */
    target: text('target'),
    reason: text('reason'),
    data: jsonb('data').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    /** app | offline | office | system */
    source: text('source').notNull(),
    occurredAt: tz('occurred_at').notNull(),
    recordedAt: tz('recorded_at').notNull(),
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    versionAfter: integer('version_after').notNull(),
  },
  (t) => [
    index('visit_steps_visit_idx').on(t.visitId, t.id),
    uniqueIndex('visit_steps_key_uq').on(t.visitId, t.idempotencyKey).where(sql`${t.idempotencyKey} IS NOT NULL`),
  ],
);

/**
 * Photos of a visit. The bytes are files in the photo store (under DATA_DIR by default; an S3-compatible store
 * when configured), never publicly readable; this row names the file and its checksum.
 */
export const visitPhotos = pgTable(
  'visit_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    step: text('step').notNull(),
    kind: text('kind').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** disk | s3 */
    storage: text('storage').notNull(),
    storageKey: text('storage_key').notNull(),
    takenAt: tz('taken_at').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [index('visit_photos_visit_idx').on(t.visitId), unique('visit_photos_key_uq').on(t.visitId, t.idempotencyKey)],
);

/** Signatures drawn on the phone's screen (small PNG images, kept in the database with the record). */
export const visitSignatures = pgTable(
  'visit_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    /** consent | completion */
    purpose: text('purpose').notNull(),
    signerName: text('signer_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    signedAt: tz('signed_at').notNull(),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [index('visit_signatures_visit_idx').on(t.visitId)],
);

/**
 * The customer's consent to one version of the plan and quote: by signature on the screen (approved at once) or
 * by a link sent to their phone (pending until they approve). `terms`: what they were shown for each part that is
 * not the company's designated one (price difference, warranty terms).
 */
export const visitConsents = pgTable(
  'visit_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    quoteVersion: integer('quote_version').notNull(),
    /** signature | link */
    method: text('method').notNull(),
    /** pending | approved | declined | superseded */
    status: text('status').notNull(),
    signatureId: uuid('signature_id').references(() => visitSignatures.id),
    signerName: text('signer_name'),
    /** SHA-256 of the link's secret (link consents). */
    tokenHash: text('token_hash').unique(),
    expiresAt: tz('expires_at'),
    totalFen: fen('total_fen').notNull(),
    customerPaysFen: fen('customer_pays_fen').notNull(),
    terms: jsonb('terms').notNull(),
    requestedAt: tz('requested_at').notNull(),
    decidedAt: tz('decided_at'),
  },
  (t) => [index('visit_consents_visit_idx').on(t.visitId, t.quoteVersion)],
);

/**
 * Parts fitted on the job: from the technician's van (consumed from the van's ledger once, request id derived from
 * the step's idempotency key) or issued by the warehouse for the job; serials of valuable parts; whether the old
 * part is kept for return; price and warranty coverage as quoted.
 */
export const visitParts = pgTable(
  'visit_parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    workOrderId: uuid('work_order_id').notNull(),
    unitId: uuid('unit_id'),
    line: integer('line').notNull(),
    partId: uuid('part_id').notNull(),
    partCode: text('part_code').notNull(),
    partName: text('part_name').notNull(),
    quantity: integer('quantity').notNull(),
    serials: text('serials').array().notNull().default(sql`'{}'::text[]`),
    lot: text('lot').notNull().default(''),
    /** van | job */
    source: text('source').notNull(),
    designated: boolean('designated').notNull(),
    unitCostFen: fen('unit_cost_fen').notNull(),
    unitPriceFen: fen('unit_price_fen').notNull(),
    warrantyMonths: integer('warranty_months').notNull(),
    covered: boolean('covered').notNull(),
    coverage: text('coverage'),
    oldPartReturn: boolean('old_part_return').notNull(),
    oldSerial: text('old_serial').notNull().default(''),
    /** The stock ledger posting (van parts); null for parts issued for the job by the warehouse. */
    ledgerRequestId: text('ledger_request_id'),
    /** The requisition the warehouse issued the part on (job parts), when named. */
    requisitionId: uuid('requisition_id'),
    fittedAt: tz('fitted_at').notNull(),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [
    unique('visit_parts_line_uq').on(t.visitId, t.line),
    index('visit_parts_unit_idx').on(t.unitId, t.partId),
    index('visit_parts_order_idx').on(t.workOrderId),
    check('visit_parts_qty_ck', sql`${t.quantity} > 0`),
  ],
);

/** Readings of the tests after the repair (one row per reading of the tests step that passed). */
export const visitTestReadings = pgTable(
  'visit_test_readings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    stepId: bigint('step_id', { mode: 'number' })
      .notNull()
      .references(() => visitSteps.id),
    /** cooling | heating */
    mode: text('mode').notNull(),
    name: text('name').notNull(),
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [index('visit_test_readings_visit_idx').on(t.visitId)],
);
