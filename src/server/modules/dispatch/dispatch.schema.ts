import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/**
 * The technician profile (维修工程师) of a user with the technician role: home base, shift pattern, capacity, van,
 * ID photo, rating. The user's name and branch live in identity; the branch is copied here for scoping queries.
 */
export const technicians = pgTable(
  'technicians',
  {
    userId: uuid('user_id').primaryKey(),
    branchId: uuid('branch_id').notNull(),
    staffNo: text('staff_no').notNull().unique(),
    /** Copy of the user's display name, refreshed on every profile change (lists join nothing). */
    name: text('name').notNull(),
    workPhone: text('work_phone').notNull().default(''),
    homeLat: doublePrecision('home_lat').notNull(),
    homeLng: doublePrecision('home_lng').notNull(),
    homeLabel: text('home_label').notNull().default(''),
    /** ISO weekdays worked, 1 = Monday. */
    workDays: integer('work_days').array().notNull(),
    /** Local "HH:MM" in the branch's zone. */
    shiftStart: text('shift_start').notNull(),
    shiftEnd: text('shift_end').notNull(),
    maxJobsPerDay: integer('max_jobs_per_day').notNull(),
    maxMinutesPerDay: integer('max_minutes_per_day').notNull(),
    /** The van's stock location code (parts module). */
    vanLocation: text('van_location').notNull().default(''),
    photo: bytea('photo'),
    photoType: text('photo_type'),
    /** Random token of the public photo link the customer sees; changes with the photo. */
    photoToken: text('photo_token').unique(),
    ratingSum: integer('rating_sum').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    lastLat: doublePrecision('last_lat'),
    lastLng: doublePrecision('last_lng'),
    lastPositionAt: tz('last_position_at'),
    active: boolean('active').notNull().default(true),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('technicians_branch_idx').on(t.branchId)],
);

export const technicianSkills = pgTable(
  'technician_skills',
  {
    technicianId: uuid('technician_id')
      .notNull()
      .references(() => technicians.userId),
    skill: text('skill').notNull(),
    level: integer('level').notNull(),
  },
  (t) => [primaryKey({ columns: [t.technicianId, t.skill] })],
);

export const technicianCertificates = pgTable(
  'technician_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    technicianId: uuid('technician_id')
      .notNull()
      .references(() => technicians.userId),
    type: text('type').notNull(),
    number: text('number').notNull(),
    issuer: text('issuer').notNull(),
    issuedOn: day('issued_on').notNull(),
    expiresOn: day('expires_on').notNull(),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('technician_certificates_tech_idx').on(t.technicianId),
    index('technician_certificates_expiry_idx').on(t.expiresOn),
  ],
);

export const technicianTrainings = pgTable(
  'technician_trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    technicianId: uuid('technician_id')
      .notNull()
      .references(() => technicians.userId),
    course: text('course').notNull(),
    heldOn: day('held_on').notNull(),
    /** Hours × 10 (half hours allowed), integer. */
    hoursTenths: integer('hours_tenths').notNull(),
    result: text('result').notNull(),
    note: text('note').notNull().default(''),
    recordedByName: text('recorded_by_name'),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [index('technician_trainings_tech_idx').on(t.technicianId, t.heldOn)],
);

/** Working calendar exceptions: leave, days off, extra shifts; requested by the technician, decided by the head. */
export const technicianCalendar = pgTable(
  'technician_calendar',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    technicianId: uuid('technician_id')
      .notNull()
      .references(() => technicians.userId),
    branchId: uuid('branch_id').notNull(),
    day: day('day').notNull(),
    kind: text('kind').notNull(),
    startTime: text('start_time'),
    endTime: text('end_time'),
    status: text('status').notNull(),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by'),
    requestedByName: text('requested_by_name'),
    requestedAt: tz('requested_at').notNull(),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: tz('decided_at'),
    decisionNote: text('decision_note').notNull().default(''),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('technician_calendar_tech_day_idx').on(t.technicianId, t.day),
    index('technician_calendar_branch_status_idx').on(t.branchId, t.status),
  ],
);

/**
 * Appointments: one technician booked for one work order over [start_at, end_at). While `active`, no two
 * appointments of one technician overlap: an exclusion constraint (migration 0007, btree_gist) guards it, so
 * concurrent dispatchers cannot double-book. At most one active appointment per order (partial unique index).
 */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id').notNull(),
    workOrderNumber: text('work_order_number').notNull(),
    technicianId: uuid('technician_id')
      .notNull()
      .references(() => technicians.userId),
    branchId: uuid('branch_id').notNull(),
    startAt: tz('start_at').notNull(),
    endAt: tz('end_at').notNull(),
    /** assigned | accepted | declined | unassigned | replaced | cancelled */
    state: text('state').notNull(),
    active: boolean('active').notNull(),
    etaAt: tz('eta_at'),
    acceptedAt: tz('accepted_at'),
    contactedAt: tz('contacted_at'),
    contactNote: text('contact_note'),
    declineReason: text('decline_reason'),
    endReason: text('end_reason'),
    endedAt: tz('ended_at'),
    overrideReason: text('override_reason'),
    /** The top recommendation at the time of assignment (null when none was eligible). */
    recommendedTechnicianId: uuid('recommended_technician_id'),
    lateReportedAt: tz('late_reported_at'),
    lateReason: text('late_reason'),
    assignedBy: uuid('assigned_by'),
    assignedByName: text('assigned_by_name'),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('assignments_tech_time_idx').on(t.technicianId, t.startAt),
    index('assignments_branch_time_idx').on(t.branchId, t.startAt),
    index('assignments_order_idx').on(t.workOrderId),
    uniqueIndex('assignments_one_active_per_order_uq').on(t.workOrderId).where(sql`${t.active}`),
  ],
);

/** Position reports of technicians' phones (the board shows the last one; kept 7 days). */
export const technicianPositions = pgTable(
  'technician_positions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    technicianId: uuid('technician_id').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    at: tz('at').notNull(),
  },
  (t) => [index('technician_positions_tech_idx').on(t.technicianId, t.at)],
);

/**
 * Route plans ("Plan the day", issue 7): one optimizer run over a branch's day and its proposal. `running` plans
 * live in the memory of the process that started them (progress written about every second, `progress.heartbeatAt`);
 * `ready` → `applied` | `discarded` | `stale` (the day changed before applying); `failed`. `input_fingerprint`:
 * the versions of the orders and appointments the plan was based on, compared again when it is applied.
 */
export const routePlans = pgTable(
  'route_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    branchId: uuid('branch_id').notNull(),
    day: day('day').notNull(),
    /** running | ready | failed | applied | discarded | stale */
    status: text('status').notNull(),
    /** balance | minTechnicians */
    objective: text('objective').notNull(),
    timeLimitMs: integer('time_limit_ms').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: tz('created_at').notNull(),
    finishedAt: tz('finished_at'),
    progress: jsonb('progress'),
    proposal: jsonb('proposal'),
    inputFingerprint: text('input_fingerprint').notNull(),
    appliedAt: tz('applied_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('route_plans_branch_day_idx').on(t.branchId, t.day, t.createdAt)],
);
