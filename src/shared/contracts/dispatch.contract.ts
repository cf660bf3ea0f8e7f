import { z } from 'zod';
import type { Locale } from '../errors';
import { endpoint, isoDateTime, okResponse, paged, pageQuery, queryInt, uuid } from './endpoint';
import {
  faultCategoryCodeSchema,
  prioritySchema,
  SKILL_CODES,
  skillSchema,
  windowSchema,
  workOrderStatusSchema,
} from './intake.contract';

// Technicians and dispatch (policy ch. 3): profiles, skills, certificates, training, calendars, recommendation,
// assignment with a database guard against double booking, the dispatch board and its live stream.

// ---------- vocabulary ----------

/** Skill levels: 1 初级 junior, 2 中级 intermediate, 3 高级 senior. */
export const SKILL_LEVELS = [1, 2, 3] as const;
export const skillLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const SKILL_LEVEL_LABELS: Record<1 | 2 | 3, Record<Locale, string>> = {
  1: { 'zh-CN': '初级', 'en-US': 'Junior' },
  2: { 'zh-CN': '中级', 'en-US': 'Intermediate' },
  3: { 'zh-CN': '高级', 'en-US': 'Senior' },
};

/** The three operation certificates (特种作业操作证) of the policy. */
export const CERTIFICATE_TYPES = ['refrigeration', 'electrician', 'height'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];
export const certificateTypeSchema = z.enum(CERTIFICATE_TYPES);
export const CERTIFICATE_LABELS: Record<CertificateType, Record<Locale, string>> = {
  refrigeration: { 'zh-CN': '制冷与空调作业操作证', 'en-US': 'Refrigeration and AC operation certificate' },
  electrician: { 'zh-CN': '低压电工作业操作证', 'en-US': 'Low-voltage electrician certificate' },
  height: { 'zh-CN': '高处作业操作证', 'en-US': 'Work-at-height certificate' },
};

/** valid; expiring (within the alert horizon, 30 days); expired. */
export const CERTIFICATE_STATES = ['valid', 'expiring', 'expired'] as const;
export const certificateStateSchema = z.enum(CERTIFICATE_STATES);

/** Calendar entries: leave (请假), a day off (调休), an extra shift (加班). */
export const CALENDAR_KINDS = ['leave', 'day_off', 'extra_shift'] as const;
export const calendarKindSchema = z.enum(CALENDAR_KINDS);
export const CALENDAR_KIND_LABELS: Record<(typeof CALENDAR_KINDS)[number], Record<Locale, string>> = {
  leave: { 'zh-CN': '请假', 'en-US': 'Leave' },
  day_off: { 'zh-CN': '调休', 'en-US': 'Day off' },
  extra_shift: { 'zh-CN': '加班', 'en-US': 'Extra shift' },
};
export const CALENDAR_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export const calendarStatusSchema = z.enum(CALENDAR_STATUSES);

/**
 * An assignment's state: assigned (waiting for the technician) → accepted; declined (back to the queue);
 * unassigned / replaced (by a reassignment) / cancelled (the order was cancelled). Only assigned and accepted
 * (and later the visit states) hold the technician's time.
 */
export const ASSIGNMENT_STATES = ['assigned', 'accepted', 'declined', 'unassigned', 'replaced', 'cancelled'] as const;
export const assignmentStateSchema = z.enum(ASSIGNMENT_STATES);

/** Reasons in words for a recommendation or an ineligibility: a stable code, its parameters and the localised text. */
export const reasonSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  text: z.string(),
});
export type Reason = z.infer<typeof reasonSchema>;

const dateOnly = z.iso.date();
/** A local wall-clock time "HH:MM" (branch time zone). */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:MM' });
const pointSchema = z.object({ lat: z.number(), lng: z.number() });
const pointInput = z.strictObject({
  lat: z.number().min(3).max(54),
  lng: z.number().min(73).max(136),
});

// ---------- technicians ----------

export const technicianRefSchema = z.object({
  id: uuid,
  name: z.string(),
  staffNo: z.string(),
});
export type TechnicianRef = z.infer<typeof technicianRefSchema>;

export const technicianSkillSchema = z.object({ skill: skillSchema, level: skillLevelSchema });

export const certificateSchema = z.object({
  id: uuid,
  type: certificateTypeSchema,
  number: z.string(),
  issuer: z.string(),
  issuedOn: dateOnly,
  expiresOn: dateOnly,
  state: certificateStateSchema,
  /** Days until expiry (negative when expired), in the branch's calendar. */
  daysLeft: z.number().int(),
  version: z.number().int(),
});
export type Certificate = z.infer<typeof certificateSchema>;

export const trainingSchema = z.object({
  id: uuid,
  course: z.string(),
  heldOn: dateOnly,
  hours: z.number(),
  result: z.enum(['pass', 'fail', 'attended']),
  note: z.string(),
  recordedByName: z.string().nullable(),
});

export const calendarEntrySchema = z.object({
  id: uuid,
  technicianId: uuid,
  technicianName: z.string(),
  day: dateOnly,
  kind: calendarKindSchema,
  /** Extra shift hours (local); leave may be part of a day (null = the whole day). */
  startTime: hhmm.nullable(),
  endTime: hhmm.nullable(),
  status: calendarStatusSchema,
  reason: z.string(),
  requestedByName: z.string().nullable(),
  requestedAt: isoDateTime,
  decidedByName: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  decisionNote: z.string(),
  version: z.number().int(),
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

export const technicianSummarySchema = technicianRefSchema.extend({
  branchId: uuid,
  username: z.string(),
  skills: z.array(technicianSkillSchema),
  /** Worst certificate state (null: holds none). */
  certificateState: certificateStateSchema.nullable(),
  certificates: z.array(z.object({ type: certificateTypeSchema, expiresOn: dateOnly, state: certificateStateSchema })),
  /** ISO weekdays worked (1 = Monday … 7 = Sunday) and the daily shift in the branch's zone. */
  workDays: z.array(z.number().int().min(1).max(7)),
  shiftStart: hhmm,
  shiftEnd: hhmm,
  maxJobsPerDay: z.number().int(),
  maxMinutesPerDay: z.number().int(),
  /** Average customer rating (1–5, one decimal) and the number of ratings; null before the first. */
  rating: z.number().nullable(),
  ratingCount: z.number().int(),
  vanLocation: z.string(),
  home: pointSchema.extend({ label: z.string() }),
  hasPhoto: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
});
export type TechnicianSummary = z.infer<typeof technicianSummarySchema>;

export const technicianDetailSchema = technicianSummarySchema.extend({
  workPhone: z.string(),
  certificates: z.array(certificateSchema),
  trainings: z.array(trainingSchema),
  /** Calendar entries from 30 days ago on, newest first. */
  calendar: z.array(calendarEntrySchema),
  lastPosition: pointSchema.extend({ at: isoDateTime }).nullable(),
});
export type TechnicianDetail = z.infer<typeof technicianDetailSchema>;

const technicianParams = z.strictObject({ technicianId: uuid });

export const listTechnicians = endpoint({
  operationId: 'listTechnicians',
  method: 'GET',
  path: '/api/technicians',
  access: 'technicians.read',
  summary: 'Technicians of my branch (all branches for company-wide roles), with skills and certificate state',
  tags: ['technicians'],
  query: z.strictObject({
    ...pageQuery,
    branchId: uuid.optional(),
    skill: skillSchema.optional(),
    certificateState: certificateStateSchema.optional(),
    q: z.string().trim().min(1).max(50).optional(),
    active: z.enum(['true', 'false', 'all']).optional(),
  }),
  response: paged(technicianSummarySchema),
});

export const getTechnician = endpoint({
  operationId: 'getTechnician',
  method: 'GET',
  path: '/api/technicians/:technicianId',
  access: 'technicians.read',
  summary: 'One technician: skills, certificates, training records, calendar, home base, van, last position',
  tags: ['technicians'],
  params: technicianParams,
  response: technicianDetailSchema,
});

const profileFields = {
  workPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{0,20}$/)
    .optional(),
  home: pointInput.extend({ label: z.string().trim().max(100) }).optional(),
  workDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
  shiftStart: hhmm.optional(),
  shiftEnd: hhmm.optional(),
  maxJobsPerDay: z.number().int().min(1).max(20).optional(),
  maxMinutesPerDay: z.number().int().min(60).max(840).optional(),
  vanLocation: z.string().trim().max(50).optional(),
  active: z.boolean().optional(),
};

export const createTechnician = endpoint({
  operationId: 'createTechnician',
  method: 'POST',
  path: '/api/technicians',
  access: 'technicians.manage',
  summary: 'Create the technician profile of a user who holds the technician role (same branch)',
  tags: ['technicians'],
  body: z.strictObject({
    userId: uuid,
    staffNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{2,20}$/),
    ...profileFields,
    home: pointInput.extend({ label: z.string().trim().max(100) }),
  }),
  response: technicianDetailSchema,
  status: 201,
});

export const updateTechnician = endpoint({
  operationId: 'updateTechnician',
  method: 'PATCH',
  path: '/api/technicians/:technicianId',
  access: 'technicians.manage',
  summary: 'Edit a technician profile (home base, shift, work days, capacity, van, active); with version',
  tags: ['technicians'],
  params: technicianParams,
  body: z.strictObject({ version: z.number().int().min(1), ...profileFields }),
  response: technicianDetailSchema,
});

export const setTechnicianSkills = endpoint({
  operationId: 'setTechnicianSkills',
  method: 'PUT',
  path: '/api/technicians/:technicianId/skills',
  access: 'technicians.manage',
  summary: 'Replace the skills and levels of a technician; with version',
  tags: ['technicians'],
  params: technicianParams,
  body: z.strictObject({
    version: z.number().int().min(1),
    skills: z.array(z.strictObject({ skill: skillSchema, level: skillLevelSchema })).max(SKILL_CODES.length),
  }),
  response: technicianDetailSchema,
});

const certificateFields = {
  number: z.string().trim().min(4).max(40),
  issuer: z.string().trim().min(2).max(100),
  issuedOn: dateOnly,
  expiresOn: dateOnly,
};

export const addCertificate = endpoint({
  operationId: 'addCertificate',
  method: 'POST',
  path: '/api/technicians/:technicianId/certificates',
  access: 'technicians.manage',
  summary: 'Record a certificate (type, number, issuer, issue and expiry dates)',
  tags: ['technicians'],
  params: technicianParams,
  body: z.strictObject({ type: certificateTypeSchema, ...certificateFields }),
  response: technicianDetailSchema,
  status: 201,
});

export const updateCertificate = endpoint({
  operationId: 'updateCertificate',
  method: 'PATCH',
  path: '/api/technicians/:technicianId/certificates/:certificateId',
  access: 'technicians.manage',
  summary: 'Renew or correct a certificate; with version',
  tags: ['technicians'],
  params: z.strictObject({ technicianId: uuid, certificateId: uuid }),
  body: z.strictObject({
    version: z.number().int().min(1),
    number: certificateFields.number.optional(),
    issuer: certificateFields.issuer.optional(),
    issuedOn: dateOnly.optional(),
    expiresOn: dateOnly.optional(),
  }),
  response: technicianDetailSchema,
});

export const addTraining = endpoint({
  operationId: 'addTraining',
  method: 'POST',
  path: '/api/technicians/:technicianId/trainings',
  access: 'technicians.manage',
  summary: 'Record a training (course, date, hours, result)',
  tags: ['technicians'],
  params: technicianParams,
  body: z.strictObject({
    course: z.string().trim().min(2).max(100),
    heldOn: dateOnly,
    hours: z.number().min(0.5).max(200).multipleOf(0.5),
    result: z.enum(['pass', 'fail', 'attended']),
    note: z.string().trim().max(500).optional(),
  }),
  response: technicianDetailSchema,
  status: 201,
});

export const PHOTO_MAX_BYTES_TECHNICIAN = 1024 * 1024;

export const setTechnicianPhoto = endpoint({
  operationId: 'setTechnicianPhoto',
  method: 'PUT',
  path: '/api/technicians/:technicianId/photo',
  access: 'technicians.manage',
  summary: 'Set the ID photo the customer sees (JPEG / PNG / WebP, at most 1 MB, base64)',
  tags: ['technicians'],
  params: technicianParams,
  body: z.strictObject({
    contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
    dataBase64: z.string().min(16).max(1_400_000),
  }),
  bodyLimit: 1_500_000,
  response: okResponse,
});

export const getTechnicianPhoto = endpoint({
  operationId: 'getTechnicianPhoto',
  method: 'GET',
  path: '/api/technicians/:technicianId/photo',
  access: 'technicians.read',
  summary: 'The technician ID photo (image bytes)',
  tags: ['technicians'],
  params: technicianParams,
  response: z.any().describe('image'),
});

export const getPublicTechnicianPhoto = endpoint({
  operationId: 'getPublicTechnicianPhoto',
  method: 'GET',
  path: '/api/public/technician-photos/:token',
  access: 'public',
  summary: 'The ID photo of the technician assigned to the customer’s order (unguessable token from the tracking view)',
  tags: ['public'],
  params: z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }),
  response: z.any().describe('image'),
});

export const certificateAlertSchema = z.object({
  certificate: certificateSchema,
  technician: technicianRefSchema.extend({ branchId: uuid }),
});

export const listCertificateAlerts = endpoint({
  operationId: 'listCertificateAlerts',
  method: 'GET',
  path: '/api/technicians/certificate-alerts',
  access: 'technicians.read',
  summary: 'Certificates that expired or expire within the horizon (default 30 days), soonest first',
  tags: ['technicians'],
  query: z.strictObject({ ...pageQuery, days: queryInt(1, 365).optional() }),
  response: paged(certificateAlertSchema),
});

// ---------- calendar and availability ----------

const calendarFields = {
  day: dateOnly,
  kind: calendarKindSchema,
  startTime: hhmm.optional(),
  endTime: hhmm.optional(),
  reason: z.string().trim().min(2).max(300),
};

export const requestAvailability = endpoint({
  operationId: 'requestAvailability',
  method: 'POST',
  path: '/api/me/availability-requests',
  access: 'jobs.own',
  summary: 'A technician asks for leave, a day off or an extra shift; the department head decides',
  tags: ['me'],
  body: z.strictObject(calendarFields),
  response: calendarEntrySchema,
  status: 201,
  idempotent: true,
});

export const listMyAvailabilityRequests = endpoint({
  operationId: 'listMyAvailabilityRequests',
  method: 'GET',
  path: '/api/me/availability-requests',
  access: 'jobs.own',
  summary: 'My availability requests, newest first',
  tags: ['me'],
  query: z.strictObject({ ...pageQuery }),
  response: paged(calendarEntrySchema),
});

export const listAvailabilityRequests = endpoint({
  operationId: 'listAvailabilityRequests',
  method: 'GET',
  path: '/api/availability-requests',
  access: 'technicians.read',
  summary: 'Availability requests of my branch (default: pending), oldest first',
  tags: ['technicians'],
  query: z.strictObject({ ...pageQuery, status: z.enum([...CALENDAR_STATUSES, 'all']).optional() }),
  response: paged(calendarEntrySchema),
});

export const decideAvailabilityRequest = endpoint({
  operationId: 'decideAvailabilityRequest',
  method: 'POST',
  path: '/api/availability-requests/:entryId/decision',
  access: 'availability.approve',
  summary:
    'Approve or reject an availability request; approving leave on a day with appointments names them (they must be reassigned)',
  tags: ['technicians'],
  params: z.strictObject({ entryId: uuid }),
  body: z.strictObject({
    decision: z.enum(['approve', 'reject']),
    version: z.number().int().min(1),
    note: z.string().trim().max(300).optional(),
  }),
  response: calendarEntrySchema.extend({ conflictingAppointments: z.array(z.string()) }),
});

export const addCalendarEntry = endpoint({
  operationId: 'addCalendarEntry',
  method: 'POST',
  path: '/api/technicians/:technicianId/calendar',
  access: 'availability.approve',
  summary:
    'The department head records leave, a day off or an extra shift directly (approved at once); like an approval, names the appointments in the time it takes',
  tags: ['technicians'],
  params: technicianParams,
  body: z.strictObject(calendarFields),
  response: technicianDetailSchema.extend({ conflictingAppointments: z.array(z.string()) }),
  status: 201,
});

// ---------- recommendation and assignment ----------

export const candidateSchema = z.object({
  technician: technicianRefSchema,
  rank: z.number().int(),
  /** Lower is better; comparable within one recommendation only. */
  score: z.number(),
  /** The earliest feasible appointment (arrival → arrival + the job's duration), in UTC. */
  window: windowSchema,
  travelMinutes: z.number().int(),
  travelFrom: z.enum(['home', 'previous_job']),
  jobsPlanned: z.number().int(),
  minutesPlanned: z.number().int(),
  /** The technician's lowest level among the job's skills (null: the job needs no specific skill). */
  skillLevel: skillLevelSchema.nullable(),
  reasons: z.array(reasonSchema),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const recommendationSchema = z.object({
  workOrderId: uuid,
  workOrderNumber: z.string(),
  workOrderVersion: z.number().int(),
  date: dateOnly,
  requiredSkills: z.array(z.object({ skill: skillSchema, level: skillLevelSchema })),
  requiredCertificates: z.array(certificateTypeSchema),
  durationMinutes: z.number().int(),
  candidates: z.array(candidateSchema),
  ineligible: z.array(z.object({ technician: technicianRefSchema, reasons: z.array(reasonSchema) })),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

const workOrderParams = z.strictObject({ workOrderId: uuid });

export const recommendTechnicians = endpoint({
  operationId: 'recommendTechnicians',
  method: 'GET',
  path: '/api/work-orders/:workOrderId/recommendations',
  access: 'dispatch.assign',
  summary:
    'Eligible technicians for an order on a day, ranked, with reasons in words and the earliest feasible window; the ineligible with why',
  tags: ['dispatch'],
  params: workOrderParams,
  query: z.strictObject({ date: dateOnly.optional() }),
  response: recommendationSchema,
});

export const assignmentSchema = z.object({
  id: uuid,
  workOrderId: uuid,
  workOrderNumber: z.string(),
  technician: technicianRefSchema,
  state: assignmentStateSchema,
  window: windowSchema,
  /** Latest expected arrival (a late report or prediction moves it past the window start). */
  etaAt: isoDateTime.nullable(),
  acceptedAt: isoDateTime.nullable(),
  contactedAt: isoDateTime.nullable(),
  declineReason: z.string().nullable(),
  overrideReason: z.string().nullable(),
  assignedByName: z.string().nullable(),
  createdAt: isoDateTime,
  version: z.number().int(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

const assignResult = z.object({
  assignment: assignmentSchema,
  workOrderVersion: z.number().int(),
  workOrderStatus: workOrderStatusSchema,
});

const windowInput = z.strictObject({ start: isoDateTime, end: isoDateTime });

export const assignWorkOrder = endpoint({
  operationId: 'assignWorkOrder',
  method: 'POST',
  path: '/api/work-orders/:workOrderId/assignment',
  access: 'dispatch.assign',
  summary:
    'Assign a ready order to an eligible technician for a window; a reason is required when not the top recommendation; 409 when the window overlaps their other appointments',
  tags: ['dispatch'],
  params: workOrderParams,
  body: z.strictObject({
    technicianId: uuid,
    window: windowInput,
    version: z.number().int().min(1),
    overrideReason: z.string().trim().min(2).max(300).optional(),
  }),
  response: assignResult,
  idempotent: true,
});

export const reassignWorkOrder = endpoint({
  operationId: 'reassignWorkOrder',
  method: 'POST',
  path: '/api/work-orders/:workOrderId/reassignment',
  access: 'dispatch.assign',
  summary:
    'Move an assigned order to another technician and/or window (drag on the board), with a reason; the same checks as assigning',
  tags: ['dispatch'],
  params: workOrderParams,
  body: z.strictObject({
    technicianId: uuid,
    window: windowInput,
    version: z.number().int().min(1),
    reason: z.string().trim().min(2).max(300),
    overrideReason: z.string().trim().min(2).max(300).optional(),
  }),
  response: assignResult,
  idempotent: true,
});

export const unassignWorkOrder = endpoint({
  operationId: 'unassignWorkOrder',
  method: 'POST',
  path: '/api/work-orders/:workOrderId/unassignment',
  access: 'dispatch.assign',
  summary: 'Take an order back from its technician (back to the queue), with a reason',
  tags: ['dispatch'],
  params: workOrderParams,
  body: z.strictObject({ version: z.number().int().min(1), reason: z.string().trim().min(2).max(300) }),
  response: z.object({ workOrderVersion: z.number().int(), workOrderStatus: workOrderStatusSchema }),
  idempotent: true,
});

const assignmentParams = z.strictObject({ assignmentId: uuid });

export const acceptAssignment = endpoint({
  operationId: 'acceptAssignment',
  method: 'POST',
  path: '/api/assignments/:assignmentId/accept',
  access: 'jobs.own',
  summary: 'The technician accepts their assignment (the order becomes accepted)',
  tags: ['me'],
  params: assignmentParams,
  body: z.strictObject({ version: z.number().int().min(1) }),
  response: assignmentSchema,
  idempotent: true,
});

export const declineAssignment = endpoint({
  operationId: 'declineAssignment',
  method: 'POST',
  path: '/api/assignments/:assignmentId/decline',
  access: 'jobs.own',
  summary: 'The technician declines with a reason: the order goes back to the queue and dispatch is alerted',
  tags: ['me'],
  params: assignmentParams,
  body: z.strictObject({ version: z.number().int().min(1), reason: z.string().trim().min(2).max(300) }),
  response: assignmentSchema,
  idempotent: true,
});

export const confirmCustomerContact = endpoint({
  operationId: 'confirmCustomerContact',
  method: 'POST',
  path: '/api/assignments/:assignmentId/contact',
  access: 'jobs.own',
  summary:
    'The technician records that they reached the customer and confirmed address and time (the contact clock stops)',
  tags: ['me'],
  params: assignmentParams,
  body: z.strictObject({
    version: z.number().int().min(1),
    addressConfirmed: z.literal(true),
    timeConfirmed: z.literal(true),
    note: z.string().trim().max(300).optional(),
  }),
  response: assignmentSchema,
  idempotent: true,
});

export const reportLate = endpoint({
  operationId: 'reportLate',
  method: 'POST',
  path: '/api/assignments/:assignmentId/late',
  access: 'jobs.own',
  summary:
    'The technician will miss the window: the new arrival time goes to the customer (SMS) and dispatch gets an alert',
  tags: ['me'],
  params: assignmentParams,
  body: z.strictObject({
    version: z.number().int().min(1),
    newArrival: isoDateTime,
    reason: z.string().trim().min(2).max(300),
  }),
  response: assignmentSchema,
  idempotent: true,
});

export const myJobSchema = z.object({
  assignment: assignmentSchema,
  workOrder: z.object({
    id: uuid,
    number: z.string(),
    status: workOrderStatusSchema,
    priority: prioritySchema,
    faultCategory: faultCategoryCodeSchema,
    description: z.string(),
    district: z.string(),
    unit: z.object({ brand: z.string(), model: z.string(), type: z.string() }),
    /** Masked (王**, 138****1234): the full contact comes from revealJobContact (audited). */
    customerName: z.string(),
    phoneMasked: z.string(),
    point: pointSchema.nullable(),
  }),
});
export type MyJob = z.infer<typeof myJobSchema>;

export const listMyAppointments = endpoint({
  operationId: 'listMyAppointments',
  method: 'GET',
  path: '/api/me/jobs',
  access: 'jobs.own',
  summary: 'My assignments of a day (default today, branch time), in time order',
  tags: ['me'],
  query: z.strictObject({ date: dateOnly.optional() }),
  response: z.object({ date: dateOnly, items: z.array(myJobSchema) }),
});

export const revealJobContact = endpoint({
  operationId: 'revealJobContact',
  method: 'POST',
  path: '/api/assignments/:assignmentId/contact-details',
  access: 'jobs.own',
  summary:
    'The customer’s full name, phone and address for my own job (from assignment until 72 h after completion); audited',
  tags: ['me'],
  params: assignmentParams,
  body: z.strictObject({}),
  response: z.object({ name: z.string(), phone: z.string(), address: z.string(), district: z.string() }),
  personalData: true,
});

export const reportPosition = endpoint({
  operationId: 'reportPosition',
  method: 'POST',
  path: '/api/me/position',
  access: 'jobs.own',
  summary: 'The technician’s phone reports its position (shown on the dispatch map as the last known position)',
  tags: ['me'],
  body: z.strictObject({ lat: z.number().min(3).max(54), lng: z.number().min(73).max(136) }),
  response: okResponse,
});

// ---------- the dispatch board ----------

export const boardAppointmentSchema = z.object({
  assignmentId: uuid,
  assignmentVersion: z.number().int(),
  workOrderId: uuid,
  workOrderNumber: z.string(),
  workOrderVersion: z.number().int(),
  workOrderStatus: workOrderStatusSchema,
  state: assignmentStateSchema,
  priority: prioritySchema,
  faultCategory: faultCategoryCodeSchema,
  district: z.string(),
  window: windowSchema,
  etaAt: isoDateTime.nullable(),
  /** Past the window end without arriving, or a reported / predicted late arrival. */
  late: z.boolean(),
  contacted: z.boolean(),
  /** Travel from the previous appointment (or home) to this one, by the travel model. */
  travelMinutesBefore: z.number().int(),
  point: pointSchema.nullable(),
});
export type BoardAppointment = z.infer<typeof boardAppointmentSchema>;

export const boardTechnicianSchema = technicianRefSchema.extend({
  skills: z.array(technicianSkillSchema),
  /** The shift of the day in UTC; null when not working that day. */
  shift: windowSchema.nullable(),
  /** Why not working when shift is null, as a code: rest_day (weekly rest) | leave | day_off. */
  offReason: z.string().nullable(),
  home: pointSchema,
  lastPosition: pointSchema.extend({ at: isoDateTime }).nullable(),
  certificateState: certificateStateSchema.nullable(),
  appointments: z.array(boardAppointmentSchema),
  minutesPlanned: z.number().int(),
  maxJobsPerDay: z.number().int(),
  maxMinutesPerDay: z.number().int(),
});
export type BoardTechnician = z.infer<typeof boardTechnicianSchema>;

export const boardQueueItemSchema = z.object({
  workOrderId: uuid,
  workOrderNumber: z.string(),
  workOrderVersion: z.number().int(),
  status: workOrderStatusSchema,
  priority: prioritySchema,
  faultCategory: faultCategoryCodeSchema,
  description: z.string(),
  district: z.string(),
  requiredSkills: z.array(skillSchema),
  durationMinutes: z.number().int(),
  preferredWindow: windowSchema.nullable(),
  /** The dispatch clock ran out (an open SLA alert). */
  breached: z.boolean(),
  readySince: isoDateTime,
  point: pointSchema.nullable(),
});
export type BoardQueueItem = z.infer<typeof boardQueueItemSchema>;

export const dispatchBoardSchema = z.object({
  date: dateOnly,
  branchId: uuid,
  timeZone: z.string(),
  technicians: z.array(boardTechnicianSchema),
  queue: z.array(boardQueueItemSchema),
  openAlerts: z.number().int(),
  /** Map tiles URL template ({z}/{x}/{y}); empty when no tile server is configured (the map draws points only). */
  tileUrl: z.string(),
  generatedAt: isoDateTime,
});
export type DispatchBoard = z.infer<typeof dispatchBoardSchema>;

export const getDispatchBoard = endpoint({
  operationId: 'getDispatchBoard',
  method: 'GET',
  path: '/api/dispatch/board',
  access: 'dispatch.read',
  summary:
    'The dispatch board of a day: every technician’s timeline (appointments, travel, late ones), the queue of ready and breached orders',
  tags: ['dispatch'],
  query: z.strictObject({
    date: dateOnly.optional(),
    branchId: uuid.optional(),
    skill: skillSchema.optional(),
    district: z.string().trim().min(1).max(30).optional(),
  }),
  response: dispatchBoardSchema,
  personalData: true,
});

/** A route plan (dispatch-plans.contract.ts): running → ready → applied | discarded | stale; failed. */
export const ROUTE_PLAN_STATUSES = ['running', 'ready', 'failed', 'applied', 'discarded', 'stale'] as const;
export const routePlanStatusSchema = z.enum(ROUTE_PLAN_STATUSES);

/** How far the optimizer is: time used and left, and the best plan found so far. */
export const routePlanProgressSchema = z.object({
  phase: z.enum(['starting', 'construct', 'routes', 'distance', 'done']),
  elapsedMs: z.number().int(),
  timeLimitMs: z.number().int(),
  remainingMs: z.number().int(),
  iterations: z.number().int(),
  /** Best so far: jobs placed and left out, technicians used, total travel (minutes, incl. confirmed visits). */
  assigned: z.number().int(),
  unassigned: z.number().int(),
  technicians: z.number().int(),
  travelMinutes: z.number().int(),
  stopRequested: z.boolean(),
});
export type RoutePlanProgress = z.infer<typeof routePlanProgressSchema>;

/**
 * What the live stream says: something changed on the board of a branch (the client refetches). Type `plan`
 * carries a route plan's status and progress (pushed about every half second while it runs).
 */
export const dispatchStreamEventSchema = z.object({
  type: z.enum(['assignment', 'work_order', 'alert', 'position', 'calendar', 'plan']),
  branchId: uuid,
  workOrderId: uuid.nullable(),
  technicianId: uuid.nullable(),
  at: isoDateTime,
  plan: z
    .object({ id: uuid, date: dateOnly, status: routePlanStatusSchema, progress: routePlanProgressSchema.nullable() })
    .optional(),
});
export type DispatchStreamEvent = z.infer<typeof dispatchStreamEventSchema>;

export const streamDispatchEvents = endpoint({
  operationId: 'streamDispatchEvents',
  method: 'GET',
  path: '/api/dispatch/stream',
  access: 'dispatch.read',
  summary:
    'Server-sent events (text/event-stream) of board changes in my branch; each `data:` is a DispatchStreamEvent; a comment every 20 s keeps it open',
  tags: ['dispatch'],
  query: z.strictObject({ branchId: uuid.optional() }),
  response: z.any().describe('text/event-stream'),
});

export const streamMyEvents = endpoint({
  operationId: 'streamMyEvents',
  method: 'GET',
  path: '/api/me/stream',
  access: 'jobs.own',
  summary: 'Server-sent events of changes to my own jobs (a new assignment, a move, an unassignment)',
  tags: ['me'],
  response: z.any().describe('text/event-stream'),
});

export const dispatchEndpoints = [
  listTechnicians,
  listCertificateAlerts,
  getTechnician,
  createTechnician,
  updateTechnician,
  setTechnicianSkills,
  addCertificate,
  updateCertificate,
  addTraining,
  setTechnicianPhoto,
  getTechnicianPhoto,
  getPublicTechnicianPhoto,
  requestAvailability,
  listMyAvailabilityRequests,
  listAvailabilityRequests,
  decideAvailabilityRequest,
  addCalendarEntry,
  recommendTechnicians,
  assignWorkOrder,
  reassignWorkOrder,
  unassignWorkOrder,
  acceptAssignment,
  declineAssignment,
  confirmCustomerContact,
  reportLate,
  listMyAppointments,
  revealJobContact,
  reportPosition,
  getDispatchBoard,
  streamDispatchEvents,
  streamMyEvents,
] as const;
