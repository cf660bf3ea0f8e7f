import { z } from 'zod';
import { VISIT_KINDS, VISIT_STATUSES, VISIT_STEPS } from '../domain/field';
import { UNIT_TYPES, WORK_ORDER_STATUSES } from '../domain/work-order';
import { customerNameInput } from './customers.contract';
import { endpoint, isoDateTime } from './endpoint';
import { faultCategoryCodeSchema, preferredWindowInput } from './intake.contract';
import { verificationCodeInput, verificationPhoneInput } from './notify.contract';

// The public intake channels (policy ch. 2): the customer's repair page (/repair, also the WeChat H5 page), the
// tracking page (/track) with its self-service actions, and the call-centre (CTI) webhook with the agent's screen pop.
// The public endpoints answer in plain customer words; a wrong token, a wrong order number and another person's
// order all answer the same 404 NOT_FOUND.

// ---------- the repair page ----------

export const PHOTO_KINDS = ['nameplate', 'fault'] as const;
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** A photo may be at most 2 MB once decoded (the browser downscales to ≤ 1600 px JPEG first). */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** The repair endpoint's body limit: a 2 MB photo in base64 (≈ 2.8 MB) plus the form. */
export const REPAIR_BODY_LIMIT = 3 * 1024 * 1024;

export const repairPhotoInput = z.strictObject({
  kind: z.enum(PHOTO_KINDS),
  contentType: z.enum(PHOTO_CONTENT_TYPES),
  /** The image bytes in base64 (no data: prefix); the server answers `photo.dataBase64` `too_large` over 2 MB. */
  dataBase64: z.string().min(1).max(REPAIR_BODY_LIMIT),
});

export const submitRepairRequestBody = z.strictObject({
  name: customerNameInput,
  /** A mainland mobile (the SMS code went to it); anything else is a field error `phone` `not_mobile`. */
  phone: verificationPhoneInput,
  /** The 6-digit SMS code of `requestVerificationCode` with purpose `repair`. */
  code: verificationCodeInput,
  city: z.string().trim().min(1).max(32),
  /** 区, e.g. 天河区: chooses the branch that handles the order. */
  district: z.string().trim().min(1).max(32),
  detail: z.string().trim().min(1).max(200),
  /** Model "不清楚" / "unknown" when the customer does not know it. */
  unit: z.strictObject({
    brand: z.string().trim().min(1).max(32),
    model: z.string().trim().min(1).max(64),
    type: z.enum(UNIT_TYPES),
  }),
  faultCategory: faultCategoryCodeSchema,
  description: z.string().trim().min(1).max(1000),
  preferredWindow: preferredWindowInput.optional(),
  photo: repairPhotoInput.optional(),
  /** web: the website; wechat: the same page opened from the WeChat official account. */
  channel: z.enum(['web', 'wechat']),
  /** The privacy notice was accepted; false is a field error `consent` `required`. */
  consent: z.boolean(),
});
export type SubmitRepairRequestBody = z.input<typeof submitRepairRequestBody>;

export const submitRepairRequest = endpoint({
  operationId: 'submitRepairRequest',
  method: 'POST',
  path: '/api/public/repair-requests',
  access: 'public',
  summary:
    'The public repair page: the SMS code is checked first (wrong → 400 on `code`, nothing stored), then the work order, its photo and the privacy consent are stored. Honours Idempotency-Key.',
  tags: ['public'],
  status: 201,
  idempotent: true,
  bodyLimit: REPAIR_BODY_LIMIT,
  body: submitRepairRequestBody,
  response: z.object({
    /** WO-YYYYMMDD-NNNN */
    number: z.string(),
    /** The customer's tracking link (also sent by SMS). */
    trackingUrl: z.string(),
    /** The estimated repair time (fault standard time + the district's backlog). */
    estimatedAt: isoDateTime,
  }),
});

export const listPublicFaultCategories = endpoint({
  operationId: 'listPublicFaultCategories',
  method: 'GET',
  path: '/api/public/fault-categories',
  access: 'public',
  summary: 'The fault categories for the public repair page: codes and names only, in catalog order',
  tags: ['public'],
  response: z.object({
    items: z.array(z.object({ code: faultCategoryCodeSchema, nameZh: z.string(), nameEn: z.string() })),
  }),
});

// ---------- the tracking page ----------

/** How a tracking request is authorised: the link's token, or the short-lived session of a number + SMS code. */
const trackingAuth = {
  /** The secret of the tracking link (`/track?t=…`). */
  token: z.string().min(1).max(128).optional(),
  /** The session returned by `trackWorkOrder` after order number + SMS code. */
  session: z.string().min(1).max(512).optional(),
};

export const trackWorkOrderBody = z.strictObject({
  ...trackingAuth,
  /** Order number + phone + SMS code (purpose `track`), when there is no token or session. */
  number: z.string().trim().min(1).max(32).optional(),
  phone: verificationPhoneInput.optional(),
  code: verificationCodeInput.optional(),
});

export const CUSTOMER_TIMELINE_KINDS = ['status', 'customer'] as const;

export const trackingViewSchema = z.object({
  number: z.string(),
  status: z.enum(WORK_ORDER_STATUSES),
  /** The status in plain customer words (CUSTOMER_STATUS_TEXT), in the caller's language. */
  statusText: z.string(),
  createdAt: isoDateTime,
  /** The estimated repair time; null once the order is finished or cancelled. */
  estimatedAt: isoDateTime.nullable(),
  preferredWindow: z.object({ start: isoDateTime, end: isoDateTime }).nullable(),
  faultCategory: faultCategoryCodeSchema,
  faultCategoryName: z.string(),
  /** What the customer wrote (mobile numbers in it masked). */
  description: z.string(),
  unit: z.object({ brand: z.string(), model: z.string(), type: z.enum(UNIT_TYPES) }),
  customerNameMasked: z.string(),
  phoneMasked: z.string().nullable(),
  /** City + district + "****": never the street address. */
  addressMasked: z.string(),
  /**
   * The technician once one is assigned (dispatch): name, staff number and ID photo so the customer can check who
   * comes, their rating, the appointment window and a changed ETA. Null until then (and after cancellation).
   */
  technician: z
    .object({
      name: z.string(),
      staffNo: z.string(),
      /** A public link to the ID photo (unguessable token), or null when none is on file. */
      photoUrl: z.string().nullable(),
      /** Average customer rating 1–5 (one decimal); null before the first rating. */
      rating: z.number().nullable(),
      ratingCount: z.number().int(),
      window: z.object({ start: isoDateTime, end: isoDateTime }).nullable(),
      etaAt: isoDateTime.nullable(),
    })
    .nullable(),
  /**
   * The technician's visits step by step (the field module provides them): each step done, skipped or to do with its
   * time, arrival and finish, the expected finish of a complex repair (and a delay's new time), and whether the
   * service record can be opened (getTrackedServiceRecord). Empty until a visit exists.
   */
  visits: z.array(
    z.object({
      visitNo: z.number().int(),
      kind: z.enum(VISIT_KINDS),
      status: z.enum(VISIT_STATUSES),
      window: z.object({ start: isoDateTime, end: isoDateTime }).nullable(),
      steps: z.array(
        z.object({
          step: z.enum(VISIT_STEPS),
          /** The step in plain customer words, in the caller's language. */
          label: z.string(),
          status: z.enum(['done', 'skipped', 'todo']),
          at: isoDateTime.nullable(),
        }),
      ),
      etaAt: isoDateTime.nullable(),
      arrivedAt: isoDateTime.nullable(),
      expectedFinishAt: isoDateTime.nullable(),
      /** The last delay reported to the customer (reason in plain words), if any. */
      delay: z.object({ reason: z.string(), newFinishAt: isoDateTime }).nullable(),
      finishedAt: isoDateTime.nullable(),
      recordAvailable: z.boolean(),
    }),
  ),
  /** Customer-facing entries only: status changes in plain words and the customer's own requests. */
  timeline: z.array(
    z.object({
      at: isoDateTime,
      kind: z.enum(CUSTOMER_TIMELINE_KINDS),
      status: z.enum(WORK_ORDER_STATUSES).nullable(),
      text: z.string(),
    }),
  ),
  /** What the customer may do now. */
  actions: z.object({
    requestNewTime: z.boolean(),
    cancel: z.boolean(),
    requestMyData: z.boolean(),
    requestDeletion: z.boolean(),
  }),
  /** After order number + SMS code: the session that authorises the actions (30 minutes). */
  session: z.object({ token: z.string(), expiresAt: isoDateTime }).nullable(),
});
export type TrackingView = z.infer<typeof trackingViewSchema>;

export const trackWorkOrder = endpoint({
  operationId: 'trackWorkOrder',
  method: 'POST',
  path: '/api/public/track',
  access: 'public',
  summary:
    "Track an order by its link's token, a tracking session, or order number + phone + SMS code (purpose track). A wrong token, a wrong number and another person's order answer the same 404; wrong attempts are rate-limited per address.",
  tags: ['public'],
  body: trackWorkOrderBody,
  response: trackingViewSchema,
  personalData: true,
});

export const requestNewTime = endpoint({
  operationId: 'requestNewTime',
  method: 'POST',
  path: '/api/public/track/new-time',
  access: 'public',
  summary:
    'The customer asks for another appointment window (before the technician sets off): a timeline note for dispatch, no status change',
  tags: ['public'],
  body: z.strictObject({
    ...trackingAuth,
    preferredWindow: preferredWindowInput,
    note: z.string().trim().max(200).optional(),
  }),
  response: trackingViewSchema,
  personalData: true,
});

export const cancelByCustomer = endpoint({
  operationId: 'cancelByCustomer',
  method: 'POST',
  path: '/api/public/track/cancel',
  access: 'public',
  summary: 'The customer cancels their order with a reason (before the technician sets off)',
  tags: ['public'],
  body: z.strictObject({ ...trackingAuth, reason: z.string().trim().min(2).max(200) }),
  response: trackingViewSchema,
  personalData: true,
});

const privacyAnswer = z.object({
  kind: z.enum(['export', 'delete']),
  /** false: an open request of the same kind was already on file. */
  created: z.boolean(),
});

export const requestMyData = endpoint({
  operationId: 'requestMyData',
  method: 'POST',
  path: '/api/public/track/my-data',
  access: 'public',
  summary: 'The customer asks for a copy of their data (a privacy request for staff to handle)',
  tags: ['public'],
  body: z.strictObject({ ...trackingAuth }),
  response: privacyAnswer,
});

export const requestDeletion = endpoint({
  operationId: 'requestDeletion',
  method: 'POST',
  path: '/api/public/track/deletion',
  access: 'public',
  summary: 'The customer asks for the deletion of their data (a privacy request for staff to handle)',
  tags: ['public'],
  body: z.strictObject({ ...trackingAuth }),
  response: privacyAnswer,
});

// ---------- the call centre (CTI) ----------

export const CALL_EVENTS = ['ringing', 'answered', 'ended'] as const;
export type CallEvent = (typeof CALL_EVENTS)[number];

/** The header of a signed webhook call: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`. */
export const CTI_SIGNATURE_HEADER = 'x-cti-signature';

/**
 * The body the call-centre system posts. Not strict: a CTI system may add fields of its own (ignored), as with
 * WeChat's query; the signature covers the raw body anyway.
 */
export const receiveCallBody = z.object({
  callId: z.string().trim().min(1).max(128),
  event: z.enum(CALL_EVENTS),
  /** The caller's number as the exchange gives it ("13812345678", "+8613812345678", "020-…", "anonymous"). */
  caller: z.string().trim().max(32),
  /** The hotline number that was called. */
  callee: z.string().trim().max(32),
  /** The agent the call rings at: their username (an extension is matched as a username too). */
  agent: z.string().trim().min(1).max(64),
  at: isoDateTime,
});

export const receiveCall = endpoint({
  operationId: 'receiveCall',
  method: 'POST',
  path: '/api/telephony/calls',
  access: 'public',
  summary:
    'CTI webhook (call ringing / answered / ended), authenticated by the X-CTI-Signature header (HMAC-SHA256 with the shared secret CTI_WEBHOOK_SECRET, timestamp within 5 minutes); a bad signature answers 401 and stores nothing; the same callId + event twice is stored once',
  tags: ['telephony'],
  bodyLimit: 16 * 1024,
  body: receiveCallBody,
  response: z.object({ ok: z.literal(true), duplicate: z.boolean() }),
});

const callCustomer = z.object({ id: z.uuid(), nameMasked: z.string() }).nullable();

export const incomingCallSchema = z.object({
  callId: z.string(),
  state: z.enum(['ringing', 'answered']),
  at: isoDateTime,
  callerMasked: z.string(),
  /** The customer of the number, when on file (masked name); null for a new caller. */
  customer: callCustomer,
  /** Where the agent takes the call: `/intake/hotline?call=<callId>`. */
  hotlineUrl: z.string(),
});
export type IncomingCall = z.infer<typeof incomingCallSchema>;

export const getMyIncomingCall = endpoint({
  operationId: 'getMyIncomingCall',
  method: 'GET',
  path: '/api/telephony/calls/current',
  access: 'workorders.create',
  summary: 'The screen pop: my most recent ringing or answered call of the last 2 minutes (null when none)',
  tags: ['telephony'],
  response: z.object({ call: incomingCallSchema.nullable() }),
});

export const getCallForHotline = endpoint({
  operationId: 'getCallForHotline',
  method: 'GET',
  path: '/api/telephony/calls/:callId',
  access: 'workorders.create',
  summary:
    "A call of mine (the last hour) with the caller's full number, for the hotline form's prefill; audited as a reveal (reason 'incoming call')",
  tags: ['telephony'],
  params: z.strictObject({ callId: z.string().min(1).max(128) }),
  response: z.object({
    callId: z.string(),
    state: z.enum(CALL_EVENTS),
    at: isoDateTime,
    /** The caller's number (normalised when it parses); null when the exchange withheld it. */
    caller: z.string().nullable(),
    callerMasked: z.string(),
    customer: callCustomer,
  }),
  personalData: true,
});

export const channelsEndpoints = [
  submitRepairRequest,
  listPublicFaultCategories,
  trackWorkOrder,
  requestNewTime,
  cancelByCustomer,
  requestMyData,
  requestDeletion,
  receiveCall,
  getMyIncomingCall,
  getCallForHotline,
] as const;
