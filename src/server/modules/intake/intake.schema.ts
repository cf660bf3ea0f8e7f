import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/** Fault catalog (故障知识库): categories of DOMAIN.md. Standard time drives the customer's estimate. */
export const faultCategories = pgTable('fault_categories', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** simple | complex */
  complexity: text('complexity').notNull(),
  requiredSkills: text('required_skills').array().notNull(),
  standardMinutes: integer('standard_minutes').notNull(),
  /** Difficulty tier 1–4 (labour rate tier in billing). */
  difficulty: integer('difficulty').notNull(),
  likelyParts: text('likely_parts').array().notNull(),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
});

/** Brand error codes (E1, F0, P4, H6 …) with what they mean and what they usually take. */
export const faultCodes = pgTable(
  'fault_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    brand: text('brand').notNull(),
    code: text('code').notNull(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => faultCategories.code),
    meaningZh: text('meaning_zh').notNull(),
    meaningEn: text('meaning_en').notNull(),
    complexity: text('complexity').notNull(),
    requiredSkills: text('required_skills').array().notNull(),
    standardMinutes: integer('standard_minutes').notNull(),
    likelyParts: text('likely_parts').array().notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [unique('fault_codes_brand_code_uq').on(t.brand, t.code)],
);

/** Work orders (工单). Status follows the pure life cycle in src/shared/domain/work-order-lifecycle.ts. */
export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** WO-YYYYMMDD-NNNN, unique. */
    number: text('number').notNull().unique(),
    branchId: uuid('branch_id').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    priority: text('priority').notNull(),
    customerId: uuid('customer_id').notNull(),
    addressId: uuid('address_id').notNull(),
    phoneId: uuid('phone_id').notNull(),
    /** District in clear (from the address) for filters and the backlog estimate. */
    district: text('district').notNull(),
    unitId: uuid('unit_id'),
    /** What the customer said about the unit when it is not (yet) a registered unit; "unknown" allowed. */
    unitBrand: text('unit_brand').notNull().default(''),
    unitModel: text('unit_model').notNull().default(''),
    unitType: text('unit_type').notNull().default('unknown'),
    faultCategory: text('fault_category')
      .notNull()
      .references(() => faultCategories.code),
    faultCodeId: uuid('fault_code_id').references(() => faultCodes.id),
    description: text('description').notNull(),
    preferredStart: tz('preferred_start'),
    preferredEnd: tz('preferred_end'),
    /** The estimated repair time promised to the customer at creation. */
    estimatedAt: tz('estimated_at').notNull(),
    /** Items the reviewer found missing when returning the order to the agent. */
    missingItems: text('missing_items').array().notNull().default(sql`'{}'::text[]`),
    reviewNote: text('review_note').notNull().default(''),
    cancelReason: text('cancel_reason'),
    /** SHA-256 of the secret in the customer's tracking link. */
    trackingTokenHash: text('tracking_token_hash').notNull().unique(),
    reworkOf: uuid('rework_of'),
    /** The technician of the active appointment and its window (set by dispatch with the assign transitions). */
    assigneeId: uuid('assignee_id'),
    assigneeName: text('assignee_name'),
    appointmentStart: tz('appointment_start'),
    appointmentEnd: tz('appointment_end'),
    createdBy: uuid('created_by'),
    /** Display name of the creating user (null for the public channels). */
    createdByName: text('created_by_name'),
    statusChangedAt: tz('status_changed_at').notNull(),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('work_orders_status_idx').on(t.status, t.createdAt),
    index('work_orders_branch_idx').on(t.branchId, t.createdAt),
    index('work_orders_customer_idx').on(t.customerId),
    index('work_orders_district_idx').on(t.district, t.status),
  ],
);

/** The timeline: every transition, note, alert and notice with actor, time and reason. Append-only by use. */
export const workOrderEvents = pgTable(
  'work_order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    at: tz('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    /** transition | note | alert | notice */
    kind: text('kind').notNull(),
    event: text('event').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    details: jsonb('details'),
  },
  (t) => [index('work_order_events_order_idx').on(t.workOrderId, t.at)],
);

/** Per-day sequence for order numbers: one row per day, incremented atomically (UPSERT … RETURNING). */
export const workOrderCounters = pgTable('work_order_counters', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * Alerts on a work order for the dispatch screens: SLA breaches (kind `sla`, one per fired clock job — the job id
 * is unique, so an alert fires exactly once) and alerts raised by later modules and the customer channels
 * (customer asked for a new time, technician declined, lateness …), optionally deduplicated by `dedupe_key`.
 */
export const workOrderAlerts = pgTable(
  'work_order_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    branchId: uuid('branch_id').notNull(),
    /** sla | customer_new_time | assignment_declined | late_reported | late_predicted | … (ALERT_KINDS) */
    kind: text('kind').notNull().default('sla'),
    /** The clock of an SLA alert; null for the other kinds. */
    clock: text('clock'),
    /** The SLA clock job that fired it (unique); null for the other kinds. */
    jobId: integer('job_id').unique(),
    /** Unique when given: a second raise with the same key adds nothing. */
    dedupeKey: text('dedupe_key').unique(),
    details: jsonb('details'),
    dueAt: tz('due_at').notNull(),
    firedAt: tz('fired_at').notNull(),
    acknowledgedAt: tz('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedByName: text('acknowledged_by_name'),
  },
  (t) => [
    index('work_order_alerts_open_idx').on(t.branchId, t.firedAt),
    index('work_order_alerts_order_idx').on(t.workOrderId),
    index('work_order_alerts_kind_idx').on(t.branchId, t.kind, t.firedAt),
  ],
);

/** Photos sent with a request (nameplate, fault). Small images, kept in the database. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id').references(() => workOrders.id),
    kind: text('kind').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [index('attachments_order_idx').on(t.workOrderId)],
);
