import { z } from 'zod';
import {
  CONSENT_METHODS,
  CONSENT_STATUSES,
  COVERAGES,
  PART_SOURCES,
  PHOTO_KINDS,
  READING_NAMES,
  SITE_REFRIGERANTS,
  SKIPPABLE_STEPS,
  TEST_MODES,
  VISIT_KINDS,
  VISIT_STATUSES,
  VISIT_STEPS,
  type VisitStep,
} from '../domain/field';
import { assignmentSchema } from './dispatch.contract';
import { endpoint, isoDateTime, okResponse, uuid } from './endpoint';
import {
  faultCategoryCodeSchema,
  prioritySchema,
  windowSchema,
  workOrderStatusSchema,
  workOrderUnitTypeSchema,
} from './intake.contract';

// On-site work (上门, policy ch. 4): a visit step by step on the technician's phone, photos, the customer's consent,
// completion, the one-page service record, and the offline queue. Money is integer fen; times are UTC.
// Customer data in these views is masked (DOMAIN.md privacy table): the technician's full view of the customer's
// contact is dispatch's audited `revealJobContact`, open from assignment until 72 h after completion.

export const visitStepSchema = z.enum(VISIT_STEPS);
export const skippableStepSchema = z.enum(SKIPPABLE_STEPS as unknown as [VisitStep, ...VisitStep[]]);
export const visitStatusSchema = z.enum(VISIT_STATUSES);
export const visitKindSchema = z.enum(VISIT_KINDS);
export const photoKindSchema = z.enum(PHOTO_KINDS);
export const consentMethodSchema = z.enum(CONSENT_METHODS);
export const consentStatusSchema = z.enum(CONSENT_STATUSES);
export const partSourceSchema = z.enum(PART_SOURCES);
export const coverageSchema = z.enum(COVERAGES);
export const testModeSchema = z.enum(TEST_MODES);

// ---------- views ----------

const pointSchema = z.object({ lat: z.number(), lng: z.number() });

export const stepStateSchema = z.object({
  step: visitStepSchema,
  status: z.enum(['done', 'skipped', 'todo']),
  at: isoDateTime.nullable(),
  /** Why it was skipped (dispatch sees it). */
  skipReason: z.string().nullable(),
});

export const quoteLineSchema = z.object({
  kind: z.enum(['labour', 'part', 'travel']),
  partId: uuid.nullable(),
  code: z.string().nullable(),
  description: z.string(),
  quantity: z.number().int(),
  source: partSourceSchema.nullable(),
  designated: z.boolean().nullable(),
  unitPriceFen: z.number().int(),
  amountFen: z.number().int(),
  costFen: z.number().int(),
  warrantyMonths: z.number().int().nullable(),
  covered: z.boolean(),
  coverage: coverageSchema.nullable(),
  customerPaysFen: z.number().int(),
  warrantyFen: z.number().int(),
});

export const nonDesignatedTermsSchema = z.object({
  partId: uuid,
  code: z.string(),
  name: z.string(),
  insteadOfPartId: uuid,
  insteadOfCode: z.string(),
  insteadOfName: z.string(),
  quantity: z.number().int(),
  unitPriceDifferenceFen: z.number().int(),
  totalDifferenceFen: z.number().int(),
  warrantyMonths: z.number().int(),
  designatedWarrantyMonths: z.number().int(),
  coveredByCompanyWarranty: z.literal(false),
});

export const quoteSchema = z.object({
  version: z.number().int(),
  lines: z.array(quoteLineSchema),
  labourMinutes: z.number().int(),
  difficulty: z.number().int(),
  travelKm: z.number(),
  totalFen: z.number().int(),
  customerPaysFen: z.number().int(),
  warrantyFen: z.number().int(),
  nonDesignated: z.array(nonDesignatedTermsSchema),
  unitInWarranty: z.boolean(),
});
export type QuoteView = z.infer<typeof quoteSchema>;

export const visitPartSchema = z.object({
  line: z.number().int(),
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  quantity: z.number().int(),
  serials: z.array(z.string()),
  source: partSourceSchema,
  designated: z.boolean(),
  unitPriceFen: z.number().int(),
  warrantyMonths: z.number().int(),
  covered: z.boolean(),
  coverage: coverageSchema.nullable(),
  oldPartReturn: z.boolean(),
  oldSerial: z.string(),
  fittedAt: isoDateTime,
});

export const visitPhotoSchema = z.object({
  id: uuid,
  step: visitStepSchema,
  kind: photoKindSchema,
  contentType: z.string(),
  size: z.number().int(),
  takenAt: isoDateTime,
  uploadedByName: z.string(),
});

export const visitLogEntrySchema = z.object({
  id: z.number().int(),
  /** A step, or skip | delay | waiting_parts | office_edit | closed. */
  step: z.string(),
  target: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string(),
  source: z.enum(['app', 'offline', 'office', 'system']),
  occurredAt: isoDateTime,
  recordedAt: isoDateTime,
  version: z.number().int(),
  data: z.record(z.string(), z.unknown()),
});

export const visitSchema = z.object({
  id: uuid,
  workOrderId: uuid,
  workOrderNumber: z.string(),
  visitNo: z.number().int(),
  kind: visitKindSchema,
  status: visitStatusSchema,
  /** Every step and every office edit moves it; a queued step made on an older version is a conflict. */
  version: z.number().int(),
  technician: z.object({ id: uuid, name: z.string(), staffNo: z.string() }),
  window: windowSchema.nullable(),
  steps: z.array(stepStateSchema),
  next: visitStepSchema.nullable(),
  etaAt: isoDateTime.nullable(),
  departedAt: isoDateTime.nullable(),
  arrivedAt: isoDateTime.nullable(),
  lateMinutes: z.number().int().nullable(),
  arrivalDistanceM: z.number().int().nullable(),
  diagnosis: z
    .object({
      faultCategory: faultCategoryCodeSchema,
      faultCodeId: uuid.nullable(),
      faultCode: z.string().nullable(),
      cause: z.string(),
      complexity: z.enum(['simple', 'complex']),
      standardMinutes: z.number().int(),
      difficulty: z.number().int(),
    })
    .nullable(),
  /** Complex faults: the expected finish the customer was told. */
  expectedFinishAt: isoDateTime.nullable(),
  /** The repair's deadline (simple: arrival + the set limit; complex: the expected finish). */
  repairDueAt: isoDateTime.nullable(),
  /** Past the deadline: the app asks for the reason of the delay before anything else. */
  delayRequired: z.boolean(),
  quote: quoteSchema.nullable(),
  consent: z
    .object({
      status: consentStatusSchema,
      method: consentMethodSchema,
      quoteVersion: z.number().int(),
      signerName: z.string().nullable(),
      requestedAt: isoDateTime,
      decidedAt: isoDateTime.nullable(),
    })
    .nullable(),
  parts: z.array(visitPartSchema),
  tests: z
    .object({
      mode: testModeSchema,
      readings: z.array(z.object({ name: z.enum(READING_NAMES), value: z.number(), unit: z.string() })),
    })
    .nullable(),
  workDone: z.string(),
  advice: z.array(z.string()),
  officeNote: z.string(),
  photos: z.array(visitPhotoSchema),
  signatures: z.array(
    z.object({ id: uuid, purpose: z.enum(['consent', 'completion']), signerName: z.string(), signedAt: isoDateTime }),
  ),
  workOrder: z.object({
    status: workOrderStatusSchema,
    priority: prioritySchema,
    faultCategory: faultCategoryCodeSchema,
    description: z.string(),
    district: z.string(),
    unit: z.object({
      brand: z.string(),
      model: z.string(),
      type: workOrderUnitTypeSchema,
      serial: z.string(),
      refrigerant: z.string(),
      warrantyEnd: z.string().nullable(),
      inWarranty: z.boolean(),
    }),
    /** Masked (王**, 138****1234). */
    customerName: z.string(),
    phoneMasked: z.string(),
    point: pointSchema.nullable(),
  }),
  /** The technician's appointment (dispatch) while it is active. */
  assignmentId: uuid.nullable(),
  /** The technician may reveal the customer's contact now (revealJobContact): own job, until 72 h after completion. */
  contactRevealable: z.boolean(),
  requisitionId: uuid.nullable(),
  previousVisitId: uuid.nullable(),
  followUp: z.object({ visitId: uuid, status: visitStatusSchema, window: windowSchema.nullable() }).nullable(),
  finishedAt: isoDateTime.nullable(),
  endReason: z.string().nullable(),
  log: z.array(visitLogEntrySchema),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Visit = z.infer<typeof visitSchema>;

const visitResponse = z.object({ visit: visitSchema, replayed: z.boolean() });

// ---------- inputs ----------

/** A key chosen by the phone for one action: the same key again acts once (retries, offline replays). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{8,100}$/, { message: '8–100 visible ASCII characters' });
const version = z.number().int().min(1);
const positionInput = z.strictObject({
  lat: z.number().min(3).max(54),
  lng: z.number().min(73).max(136),
  accuracyM: z.number().min(0).max(100_000).optional(),
});
/** A signature drawn on the screen: a PNG, at most 200 KB. */
export const SIGNATURE_MAX_BYTES = 200 * 1024;
const signatureInput = z.strictObject({
  contentType: z.literal('image/png'),
  dataBase64: z.string().min(16).max(280_000),
});
const signerName = z.string().trim().min(1).max(32);
const text = (max: number) => z.string().trim().max(max);
const quantity = z.number().int().min(1).max(1000);
const serial = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$/, { message: 'letters, digits and . _ / -' });

/** What every step carries: the key, and the time it happened on the phone when it was queued offline. */
function common<V extends z.ZodType>(versionField: V) {
  return { version: versionField, idempotencyKey: idempotencyKeySchema, occurredAt: isoDateTime.optional() };
}

function stepOptions<V extends z.ZodType>(versionField: V) {
  const c = common(versionField);
  return [
    z.strictObject({ step: z.literal('accept'), ...c }),
    z.strictObject({
      step: z.literal('contacted'),
      ...c,
      addressConfirmed: z.literal(true),
      timeConfirmed: z.literal(true),
      note: text(300).optional(),
    }),
    z.strictObject({ step: z.literal('depart'), ...c, etaAt: isoDateTime, position: positionInput.optional() }),
    z.strictObject({ step: z.literal('arrive'), ...c, position: positionInput }),
    z.strictObject({ step: z.literal('show_id'), ...c }),
    z.strictObject({
      step: z.literal('safety'),
      ...c,
      powerIsolated: z.boolean(),
      workAtHeight: z.boolean(),
      heightSecured: z.boolean().optional(),
      refrigerantWork: z.boolean(),
      refrigerant: z.enum(SITE_REFRIGERANTS).optional(),
      refrigerantPrecautions: z.boolean().optional(),
      ventilated: z.boolean().optional(),
    }),
    z.strictObject({
      step: z.literal('diagnosis'),
      ...c,
      faultCategory: faultCategoryCodeSchema,
      faultCodeId: uuid.optional(),
      cause: z.string().trim().min(1).max(500),
      expectedFinishAt: isoDateTime.optional(),
      photoIds: z.array(uuid).max(20).optional(),
    }),
    z.strictObject({
      step: z.literal('quote'),
      ...c,
      parts: z
        .array(
          z.strictObject({
            partId: uuid,
            quantity,
            source: partSourceSchema,
            /** A non-designated part names the designated part it replaces (price difference, warranty). */
            insteadOfPartId: uuid.optional(),
          }),
        )
        .max(30),
      travelKm: z.number().min(0).max(500),
    }),
    z.strictObject({
      step: z.literal('repair'),
      ...c,
      workDone: z.string().trim().min(2).max(1000),
      parts: z
        .array(
          z.strictObject({
            partId: uuid,
            quantity,
            source: partSourceSchema,
            serials: z.array(serial).max(100).optional(),
            lot: z.string().trim().min(1).max(40).optional(),
            oldPartReturn: z.boolean(),
            oldSerial: serial.optional(),
            requisitionId: uuid.optional(),
          }),
        )
        .max(30),
    }),
    z.strictObject({
      step: z.literal('tests'),
      ...c,
      mode: testModeSchema,
      readings: z.strictObject(
        Object.fromEntries(READING_NAMES.map((n) => [n, z.number().min(-100).max(1000).optional()])) as Record<
          (typeof READING_NAMES)[number],
          z.ZodOptional<z.ZodNumber>
        >,
      ),
      noLeaks: z.boolean(),
      remoteOk: z.boolean(),
      noiseOk: z.boolean(),
    }),
    z.strictObject({
      step: z.literal('handover'),
      ...c,
      shownHowToUse: z.boolean(),
      advice: z.array(z.string().trim().max(300)).max(20),
    }),
    z.strictObject({
      step: z.literal('site_cleaned'),
      ...c,
      cleaned: z.boolean(),
      oldPartsPacked: z.boolean(),
      photoIds: z.array(uuid).max(20).optional(),
    }),
    z.strictObject({ step: z.literal('signature'), ...c, signerName, signature: signatureInput }),
    z.strictObject({
      step: z.literal('skip'),
      ...c,
      target: skippableStepSchema,
      reason: z.string().trim().min(1).max(300),
    }),
    z.strictObject({
      step: z.literal('delay'),
      ...c,
      reason: z.string().trim().min(2).max(300),
      newFinishAt: isoDateTime,
    }),
    z.strictObject({
      step: z.literal('waiting_parts'),
      ...c,
      reason: z.string().trim().min(2).max(300),
      parts: z
        .array(z.strictObject({ partId: uuid, quantity }))
        .min(1)
        .max(30),
      /** The follow-up visit proposed to dispatch (default: the next day, same time as this visit). */
      proposedWindow: z.strictObject({ start: isoDateTime, end: isoDateTime }).optional(),
    }),
  ] as const;
}

/** One step of a visit, named in the body (advanceVisit). */
export const advanceVisitBody = z.discriminatedUnion('step', stepOptions(version));
export type AdvanceVisitBody = z.infer<typeof advanceVisitBody>;
/** The same, queued offline: the version is needed on the first item of a visit only (the rest follow it). */
export const queuedStepBody = z.discriminatedUnion('step', stepOptions(version.optional()));
export type QueuedStepBody = z.infer<typeof queuedStepBody>;

function consentOptions<V extends z.ZodType>(versionField: V) {
  const c = { ...common(versionField), quoteVersion: z.number().int().min(1) };
  return [
    z.strictObject({
      method: z.literal('signature'),
      ...c,
      signerName,
      signature: signatureInput,
      /** Each non-designated part of the quote, accepted by the customer (shown the difference and warranty). */
      acceptedNonDesignated: z.array(uuid).max(30),
    }),
    z.strictObject({ method: z.literal('link'), ...c }),
  ] as const;
}
export const recordConsentBody = z.discriminatedUnion('method', consentOptions(version));
export type RecordConsentBody = z.infer<typeof recordConsentBody>;
export const queuedConsentBody = z.discriminatedUnion('method', consentOptions(version.optional()));

export const completeVisitBody = z.strictObject(common(version));
export const queuedCompleteBody = z.strictObject(common(version.optional()));

const visitParams = z.strictObject({ visitId: uuid });

// ---------- endpoints ----------

export const myFieldJobSchema = z.object({
  visit: visitSchema,
  assignment: assignmentSchema.nullable(),
  /** The fault's likely parts and whether the technician's van holds them. */
  likelyParts: z.array(
    z.object({
      name: z.string(),
      inVan: z.boolean(),
      vanStock: z.array(z.object({ partId: uuid, code: z.string(), name: z.string(), quantity: z.number().int() })),
    }),
  ),
  /** Earlier visits to this customer (same unit first): date, fault, cause, parts fitted. */
  history: z.array(
    z.object({
      visitId: uuid,
      workOrderNumber: z.string(),
      finishedAt: isoDateTime.nullable(),
      status: visitStatusSchema,
      sameUnit: z.boolean(),
      faultCategory: z.string().nullable(),
      cause: z.string().nullable(),
      parts: z.array(z.string()),
    }),
  ),
  /** Navigation link to the map point (district level until the contact is revealed). */
  navigationUrl: z.string().nullable(),
  /**
   * One-tap call through the company's number (setting field.callRelayNumber): a `tel:` link to the relay with the
   * order's code as the extension (the relay connects to the customer; the technician never sees the number). Null
   * when no relay is configured: the app reveals the contact (revealJobContact, audited) and dials it.
   */
  callUrl: z.string().nullable(),
});
export type MyFieldJob = z.infer<typeof myFieldJobSchema>;

export const listMyJobs = endpoint({
  operationId: 'listMyJobs',
  method: 'GET',
  path: '/api/field/my-jobs',
  access: 'jobs.own',
  summary:
    'The technician app’s day (richer view of dispatch’s listMyAppointments): visits in route order with window, fault, unit, customer history, likely parts and van stock',
  tags: ['field'],
  query: z.strictObject({ date: z.iso.date().optional() }),
  response: z.object({ date: z.iso.date(), serverTime: isoDateTime, items: z.array(myFieldJobSchema) }),
});

export const getVisit = endpoint({
  operationId: 'getVisit',
  method: 'GET',
  path: '/api/field/visits/:visitId',
  access: 'authenticated',
  summary: 'One visit step by step (its technician; dispatchers and managers of the branch read)',
  tags: ['field'],
  params: visitParams,
  response: z.object({ visit: visitSchema, serverTime: isoDateTime }),
});

export const listWorkOrderVisits = endpoint({
  operationId: 'listWorkOrderVisits',
  method: 'GET',
  path: '/api/work-orders/:workOrderId/visits',
  access: 'dispatch.read',
  summary: 'The visits of a work order with their steps, skips and reasons (dispatch)',
  tags: ['field'],
  params: z.strictObject({ workOrderId: uuid }),
  response: z.object({ items: z.array(visitSchema) }),
});

export const advanceVisit = endpoint({
  operationId: 'advanceVisit',
  method: 'POST',
  path: '/api/field/visits/:visitId/steps',
  access: 'jobs.own',
  summary:
    'The technician records one step of their visit (named in the body), or skips one with a reason, reports a delay, or ends the visit waiting for parts',
  tags: ['field'],
  params: visitParams,
  body: advanceVisitBody,
  bodyLimit: 400_000,
  response: visitResponse,
  idempotent: true,
});

export const PHOTO_MAX_BYTES_VISIT = 2 * 1024 * 1024;

export const uploadVisitPhoto = endpoint({
  operationId: 'uploadVisitPhoto',
  method: 'POST',
  path: '/api/field/visits/:visitId/photos',
  access: 'jobs.own',
  summary: 'A photo of the visit (resized on the phone; JPEG / PNG / WebP, at most 2 MB), stored privately',
  tags: ['field'],
  params: visitParams,
  body: z.strictObject({
    idempotencyKey: idempotencyKeySchema,
    step: visitStepSchema,
    kind: photoKindSchema,
    contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
    dataBase64: z.string().min(16).max(2_800_000),
    takenAt: isoDateTime.optional(),
  }),
  bodyLimit: 3_000_000,
  response: z.object({ photo: visitPhotoSchema, replayed: z.boolean() }),
  status: 201,
  idempotent: true,
});

export const getVisitPhoto = endpoint({
  operationId: 'getVisitPhoto',
  method: 'GET',
  path: '/api/field/photos/:photoId',
  access: 'authenticated',
  summary: 'A visit photo (image bytes; its technician and the branch’s dispatchers only)',
  tags: ['field'],
  params: z.strictObject({ photoId: uuid }),
  response: z.any().describe('image'),
});

export const recordConsent = endpoint({
  operationId: 'recordConsent',
  method: 'POST',
  path: '/api/field/visits/:visitId/consent',
  access: 'jobs.own',
  summary:
    'The customer’s consent to the current quote: a signature on the screen (each non-designated part accepted explicitly), or a link sent to the customer’s phone',
  tags: ['field'],
  params: visitParams,
  body: recordConsentBody,
  bodyLimit: 400_000,
  response: visitResponse,
  idempotent: true,
});

export const completeVisit = endpoint({
  operationId: 'completeVisit',
  method: 'POST',
  path: '/api/field/visits/:visitId/complete',
  access: 'jobs.own',
  summary: 'Completes the visit once every step is done or skipped: the work order becomes completed',
  tags: ['field'],
  params: visitParams,
  body: completeVisitBody,
  response: visitResponse,
  idempotent: true,
});

export const getServiceRecord = endpoint({
  operationId: 'getServiceRecord',
  method: 'GET',
  path: '/api/field/visits/:visitId/record',
  access: 'authenticated',
  summary:
    'The one-page service record of a visit (HTML, or an A4 PDF with ?format=pdf): order, customer (masked), unit, fault, cause, work, parts with serials and warranty, tests, times, technician, signatures',
  tags: ['field'],
  params: visitParams,
  query: z.strictObject({ format: z.enum(['html', 'pdf']).optional() }),
  response: z.any().describe('text/html or application/pdf'),
});

export const getTrackedServiceRecord = endpoint({
  operationId: 'getTrackedServiceRecord',
  method: 'GET',
  path: '/api/public/track/visits/:visitNo/record',
  access: 'public',
  summary:
    "The customer's copy of a completed visit's service record (HTML or PDF), opened from the tracking page with the link's token or the tracking session; anything else answers 404",
  tags: ['public'],
  params: z.strictObject({ visitNo: z.string().regex(/^[1-9][0-9]?$/, { message: 'a visit number 1–99' }) }),
  query: z.strictObject({
    token: z.string().min(1).max(128).optional(),
    session: z.string().min(1).max(512).optional(),
    format: z.enum(['html', 'pdf']).optional(),
  }),
  response: z.any().describe('text/html or application/pdf'),
  personalData: true,
});

export const queueItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('step'), visitId: uuid, body: queuedStepBody }),
  z.strictObject({ kind: z.literal('consent'), visitId: uuid, body: queuedConsentBody }),
  z.strictObject({ kind: z.literal('complete'), visitId: uuid, body: queuedCompleteBody }),
]);
export type QueueItem = z.infer<typeof queueItemSchema>;

export const queueResultSchema = z.object({
  index: z.number().int(),
  visitId: uuid,
  idempotencyKey: z.string(),
  /**
   * applied; replayed (the key was applied before: nothing done again); conflict (the visit changed in the office
   * since the phone's version: both versions returned, nothing overwritten); rejected (the step itself was refused:
   * the error); blocked (an earlier item of the same visit was not applied, so this one was not tried).
   */
  status: z.enum(['applied', 'replayed', 'conflict', 'rejected', 'blocked']),
  version: z.number().int().nullable(),
  error: z
    .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
    .nullable(),
  conflict: z
    .object({
      /** What the phone sent, as it sent it. */
      yours: z.record(z.string(), z.unknown()),
      /** The visit as it is now. */
      theirs: visitSchema,
      /** The changes made since the phone's version, by whom. */
      changes: z.array(visitLogEntrySchema),
    })
    .nullable(),
});

export const syncOfflineQueue = endpoint({
  operationId: 'syncOfflineQueue',
  method: 'POST',
  path: '/api/field/sync',
  access: 'jobs.own',
  summary:
    'Replays the steps queued on the phone while offline, in order, each with its idempotency key (applied once); a step that conflicts with an office edit answers with both versions rather than overwriting',
  tags: ['field'],
  body: z.strictObject({ items: z.array(queueItemSchema).min(1).max(100) }),
  bodyLimit: 4_000_000,
  response: z.object({ results: z.array(queueResultSchema), serverTime: isoDateTime }),
});

export const editVisit = endpoint({
  operationId: 'editVisit',
  method: 'PATCH',
  path: '/api/field/visits/:visitId',
  access: 'dispatch.assign',
  summary:
    'An office edit of an open visit (a note to the technician, the expected finish told to the customer); with version — the technician’s queued steps made before it conflict',
  tags: ['field'],
  params: visitParams,
  body: z.strictObject({
    version,
    officeNote: text(500).optional(),
    expectedFinishAt: isoDateTime.optional(),
  }),
  response: z.object({ visit: visitSchema }),
});

export const scheduleFollowUpVisit = endpoint({
  operationId: 'scheduleFollowUpVisit',
  method: 'POST',
  path: '/api/field/visits/:visitId/schedule',
  access: 'dispatch.assign',
  summary:
    'Dispatch confirms a proposed follow-up visit (after waiting for parts): its window; the customer is told the new time',
  tags: ['field'],
  params: visitParams,
  body: z.strictObject({ version, window: z.strictObject({ start: isoDateTime, end: isoDateTime }) }),
  response: z.object({ visit: visitSchema }),
  idempotent: true,
});

// ---------- the customer's approval by link ----------

const approvalParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

export const quoteApprovalSchema = z.object({
  workOrderNumber: z.string(),
  technicianName: z.string(),
  status: consentStatusSchema,
  expiresAt: isoDateTime.nullable(),
  /** The link ran out before the customer decided (its status then reads superseded); judged by the server's clock. */
  expired: z.boolean(),
  diagnosis: z.object({ faultCategory: z.string(), cause: z.string() }).nullable(),
  quote: quoteSchema,
});

export const getQuoteApproval = endpoint({
  operationId: 'getQuoteApproval',
  method: 'GET',
  path: '/api/public/quote-approvals/:token',
  access: 'public',
  summary: 'The plan and quote a customer is asked to approve (unguessable link sent by SMS)',
  tags: ['public'],
  params: approvalParams,
  response: quoteApprovalSchema,
});

export const decideQuoteApproval = endpoint({
  operationId: 'decideQuoteApproval',
  method: 'POST',
  path: '/api/public/quote-approvals/:token',
  access: 'public',
  summary:
    'The customer approves or declines the quote from the link (approving accepts the non-designated parts shown)',
  tags: ['public'],
  params: approvalParams,
  body: z.strictObject({ decision: z.enum(['approve', 'decline']) }),
  response: okResponse,
});

export const fieldEndpoints = [
  listMyJobs,
  getVisit,
  listWorkOrderVisits,
  advanceVisit,
  uploadVisitPhoto,
  getVisitPhoto,
  recordConsent,
  completeVisit,
  getServiceRecord,
  syncOfflineQueue,
  editVisit,
  scheduleFollowUpVisit,
  getQuoteApproval,
  decideQuoteApproval,
  getTrackedServiceRecord,
] as const;
