import { z } from 'zod';
import { CHANNELS, PRIORITIES, UNIT_TYPES, WORK_ORDER_STATUSES } from '../domain/work-order';
import { EVENT_TYPES, type WorkOrderEventType } from '../domain/work-order-lifecycle';
import type { Locale } from '../errors';
import { addressInput, customerNameInput, phoneInput } from './customers.contract';
import { endpoint, isoDateTime, paged, pageQuery, uuid } from './endpoint';

// Work orders (工单), their life cycle, timeline, review queue, SLA alerts and the fault catalog (policy ch. 2).
// Customer data inside these views is masked per the Privacy table of DOMAIN.md: never a full mobile number;
// the full phone only comes from the customers module's `revealCustomerContact` (audited, with a reason).

export const workOrderStatusSchema = z.enum(WORK_ORDER_STATUSES);
export const workOrderChannelSchema = z.enum(CHANNELS);
export const prioritySchema = z.enum(PRIORITIES);
export const workOrderUnitTypeSchema = z.enum(UNIT_TYPES);
export const workOrderEventTypeSchema = z.enum(EVENT_TYPES as unknown as [WorkOrderEventType, ...WorkOrderEventType[]]);

/** Statuses in which an order is still open (before completed; not cancelled). */
export const OPEN_STATUSES = [
  'new',
  'returned',
  'ready',
  'assigned',
  'accepted',
  'en_route',
  'on_site',
  'diagnosed',
  'in_repair',
  'waiting_parts',
] as const;

// ---------- fault catalog ----------

/** The ten categories of DOMAIN.md (seeded; an admin edits them but does not add or remove any). */
export const FAULT_CATEGORY_CODES = [
  'no_cooling',
  'no_heating',
  'leaking',
  'noise',
  'smell',
  'wont_start',
  'error_code',
  'remote',
  'move_install',
  'maintenance',
] as const;
export type FaultCategoryCode = (typeof FAULT_CATEGORY_CODES)[number];
export const faultCategoryCodeSchema = z.enum(FAULT_CATEGORY_CODES);

/**
 * Stable skill codes. The dispatch module matches technicians' skills against these:
 * unit types (split_wall, cabinet, ducted, vrf), trades (refrigerant = 制冷剂作业, electrical, pcb = 电控板维修,
 * installation = 安装/移机) and high_work (高处作业, outdoor units above 2 m).
 */
export const SKILL_CODES = [
  'split_wall',
  'cabinet',
  'ducted',
  'vrf',
  'refrigerant',
  'electrical',
  'pcb',
  'installation',
  'high_work',
] as const;
export type SkillCode = (typeof SKILL_CODES)[number];
export const skillSchema = z.enum(SKILL_CODES);
export const SKILL_LABELS: Record<SkillCode, Record<Locale, string>> = {
  split_wall: { 'zh-CN': '壁挂机', 'en-US': 'Split wall units' },
  cabinet: { 'zh-CN': '柜机', 'en-US': 'Cabinet units' },
  ducted: { 'zh-CN': '风管机', 'en-US': 'Ducted units' },
  vrf: { 'zh-CN': '多联机', 'en-US': 'VRF systems' },
  refrigerant: { 'zh-CN': '制冷剂作业', 'en-US': 'Refrigerant work' },
  electrical: { 'zh-CN': '电气', 'en-US': 'Electrical' },
  pcb: { 'zh-CN': '电控板维修', 'en-US': 'Control boards' },
  installation: { 'zh-CN': '安装/移机', 'en-US': 'Installation' },
  high_work: { 'zh-CN': '高处作业', 'en-US': 'Work at height' },
};

export const FAULT_COMPLEXITIES = ['simple', 'complex'] as const;
export const faultComplexitySchema = z.enum(FAULT_COMPLEXITIES);

export const faultCodeSchema = z.object({
  id: uuid,
  /** Brand as in the BRANDS list (格力, 美的, 海尔, 大金, 海信, 奥克斯 …). */
  brand: z.string(),
  /** The code on the display: E1, F0, P4, H6, U4 … */
  code: z.string(),
  categoryCode: faultCategoryCodeSchema,
  meaningZh: z.string(),
  meaningEn: z.string(),
  complexity: faultComplexitySchema,
  requiredSkills: z.array(skillSchema),
  standardMinutes: z.number().int(),
  likelyParts: z.array(z.string()),
  version: z.number().int(),
});
export type FaultCode = z.infer<typeof faultCodeSchema>;

export const faultCategorySchema = z.object({
  code: faultCategoryCodeSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  complexity: faultComplexitySchema,
  requiredSkills: z.array(skillSchema),
  /** Standard labour time; drives the customer's estimated repair time. */
  standardMinutes: z.number().int(),
  /** 1–4: the labour-rate tier in billing. */
  difficulty: z.number().int().min(1).max(4),
  likelyParts: z.array(z.string()),
  sort: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  /** The brand error codes filed under this category (all brands unless the list was filtered). */
  codes: z.array(faultCodeSchema),
});
export type FaultCategory = z.infer<typeof faultCategorySchema>;

const standardMinutesInput = z
  .number()
  .int()
  .min(5)
  .max(60 * 24);
const partsInput = z.array(z.string().trim().min(1).max(64)).max(20);
const skillsInput = z.array(skillSchema).max(SKILL_CODES.length);

export const listFaultCategories = endpoint({
  operationId: 'listFaultCategories',
  method: 'GET',
  path: '/api/fault-categories',
  access: 'faults.read',
  summary: 'The fault catalog: categories (sorted) with their brand error codes; inactive categories only on request',
  tags: ['faults'],
  query: z.strictObject({
    brand: z.string().trim().min(1).max(32).optional(),
    includeInactive: z.enum(['true', 'false']).optional(),
  }),
  response: z.object({ items: z.array(faultCategorySchema) }),
});

export const updateFaultCategory = endpoint({
  operationId: 'updateFaultCategory',
  method: 'PATCH',
  path: '/api/fault-categories/:code',
  access: 'faults.manage',
  summary:
    'Edit a fault category (names, complexity, skills, standard minutes, tier, parts, order, active); with version',
  tags: ['faults'],
  params: z.strictObject({ code: faultCategoryCodeSchema }),
  body: z.strictObject({
    version: z.number().int().min(1),
    nameZh: z.string().trim().min(1).max(32).optional(),
    nameEn: z.string().trim().min(1).max(64).optional(),
    complexity: faultComplexitySchema.optional(),
    requiredSkills: skillsInput.optional(),
    standardMinutes: standardMinutesInput.optional(),
    difficulty: z.number().int().min(1).max(4).optional(),
    likelyParts: partsInput.optional(),
    sort: z.number().int().min(0).max(1000).optional(),
    active: z.boolean().optional(),
  }),
  response: faultCategorySchema,
});

const faultCodeFields = {
  categoryCode: faultCategoryCodeSchema,
  meaningZh: z.string().trim().min(1).max(200),
  meaningEn: z.string().trim().min(1).max(200),
  complexity: faultComplexitySchema,
  requiredSkills: skillsInput,
  standardMinutes: standardMinutesInput,
  likelyParts: partsInput,
};

export const createFaultCode = endpoint({
  operationId: 'createFaultCode',
  method: 'POST',
  path: '/api/fault-codes',
  access: 'faults.manage',
  summary: 'Add a brand error code; a brand + code already on file answers 409 naming `code`',
  tags: ['faults'],
  status: 201,
  body: z.strictObject({
    brand: z.string().trim().min(1).max(32),
    code: z.string().regex(/^[A-Za-z0-9-]{1,8}$/, { message: '1–8 characters: letters, digits, -' }),
    ...faultCodeFields,
  }),
  response: faultCodeSchema,
});

export const updateFaultCode = endpoint({
  operationId: 'updateFaultCode',
  method: 'PATCH',
  path: '/api/fault-codes/:faultCodeId',
  access: 'faults.manage',
  summary: 'Edit a brand error code (meaning, category, complexity, skills, minutes, parts); with version',
  tags: ['faults'],
  params: z.strictObject({ faultCodeId: uuid }),
  body: z.strictObject({
    version: z.number().int().min(1),
    categoryCode: faultCodeFields.categoryCode.optional(),
    meaningZh: faultCodeFields.meaningZh.optional(),
    meaningEn: faultCodeFields.meaningEn.optional(),
    complexity: faultCodeFields.complexity.optional(),
    requiredSkills: faultCodeFields.requiredSkills.optional(),
    standardMinutes: faultCodeFields.standardMinutes.optional(),
    likelyParts: faultCodeFields.likelyParts.optional(),
  }),
  response: faultCodeSchema,
});

// ---------- work-order inputs ----------

/** The appointment window the customer would like (both ends ISO with offset; start before end). */
export const preferredWindowInput = z.strictObject({ start: isoDateTime, end: isoDateTime });

/**
 * The customer: either `{ id }` of a customer on file (optionally which of their phones to use; default the
 * primary), or `{ name, phone }` — found by phone or created (deduplicated by phone). The server answers
 * field errors `customer.name` / `customer.phone` (`required`, `invalid_phone`) when neither form is complete.
 */
export const workOrderCustomerInput = z.strictObject({
  id: uuid.optional(),
  phoneId: uuid.optional(),
  name: customerNameInput.optional(),
  phone: phoneInput.optional(),
});

/**
 * The address: `{ id }` of one of the customer's addresses, or a new one `{ city, district, detail, lat?, lng?,
 * label? }` (stored on the customer). Field errors: `address.district` … `required`; `address.id` `not_found`.
 */
export const workOrderAddressInput = z.strictObject({
  id: uuid.optional(),
  ...addressInput.partial().shape,
});

/**
 * The AC unit: `{ id }` of one of the customer's units, or what the customer says `{ brand, model, type }` —
 * model "unknown" (or "不清楚") allowed. A known model is registered on the customer; an unknown one stays on
 * the order only. Field errors: `unit.model` `required`; `unit.id` `not_found`.
 */
export const workOrderUnitInput = z.strictObject({
  id: uuid.optional(),
  brand: z.string().trim().min(1).max(32).optional(),
  model: z.string().trim().min(1).max(64).optional(),
  type: workOrderUnitTypeSchema.optional(),
  serial: z.string().trim().max(64).optional(),
});

export const createWorkOrderBody = z.strictObject({
  customer: workOrderCustomerInput,
  address: workOrderAddressInput,
  unit: workOrderUnitInput,
  faultCategory: faultCategoryCodeSchema,
  faultCodeId: uuid.optional(),
  description: z.string().trim().min(1).max(1000),
  priority: prioritySchema,
  preferredWindow: preferredWindowInput.optional(),
  /** Staff channels: hotline (the agent screen) or walk_in; the public pages use their own endpoints. */
  channel: z.enum(['hotline', 'walk_in']),
});
export type CreateWorkOrderBody = z.input<typeof createWorkOrderBody>;

const workOrderEditFields = {
  address: workOrderAddressInput.optional(),
  unit: workOrderUnitInput.optional(),
  faultCategory: faultCategoryCodeSchema.optional(),
  faultCodeId: uuid.nullable().optional(),
  description: z.string().trim().min(1).max(1000).optional(),
  priority: prioritySchema.optional(),
  preferredWindow: preferredWindowInput.nullable().optional(),
};

/** Items a reviewer may name when returning an order (free text is allowed too). */
export const REVIEW_MISSING_ITEMS = [
  'customer_name',
  'phone',
  'address',
  'unit_model',
  'fault_description',
  'fault_category',
  'preferred_window',
] as const;
export const REVIEW_MISSING_ITEM_LABELS: Record<(typeof REVIEW_MISSING_ITEMS)[number], Record<Locale, string>> = {
  customer_name: { 'zh-CN': '客户姓名', 'en-US': 'Customer name' },
  phone: { 'zh-CN': '联系电话', 'en-US': 'Phone' },
  address: { 'zh-CN': '详细地址', 'en-US': 'Address' },
  unit_model: { 'zh-CN': '空调型号', 'en-US': 'AC model' },
  fault_description: { 'zh-CN': '故障描述', 'en-US': 'Fault description' },
  fault_category: { 'zh-CN': '故障类别', 'en-US': 'Fault category' },
  preferred_window: { 'zh-CN': '预约时间', 'en-US': 'Preferred time' },
};

// ---------- work-order views ----------

export const windowSchema = z.object({ start: isoDateTime, end: isoDateTime });

/** The customer as this caller may see them (from customers' summaries; phones always masked). */
export const workOrderCustomerSchema = z.object({
  id: uuid,
  /** Full for agents; masked ("王**") for other roles. */
  name: z.string(),
  nameMasked: z.string(),
  /** The order's contact phone, masked ("138****1234"); null for roles that see no phone. */
  phone: z.object({ id: uuid, masked: z.string(), kind: z.enum(['mobile', 'landline']) }).nullable(),
  /** The order's address; `detail` full only for an agent while the order is open, else masked ("天河区****"). */
  address: z
    .object({
      id: uuid,
      city: z.string(),
      district: z.string(),
      detail: z.string(),
      detailFull: z.boolean(),
      lat: z.number().nullable(),
      lng: z.number().nullable(),
    })
    .nullable(),
  anonymised: z.boolean(),
});

export const workOrderUnitSchema = z.object({
  /** Null when the unit is not registered (e.g. model unknown). */
  id: uuid.nullable(),
  brand: z.string(),
  model: z.string(),
  type: workOrderUnitTypeSchema,
  serial: z.string(),
  refrigerant: z.string(),
  installDate: z.iso.date().nullable(),
  warrantyEnd: z.iso.date().nullable(),
  warrantyStatus: z.enum(['in_warranty', 'expired', 'unknown']),
});

// ---------- clocks and alerts ----------

/**
 * The SLA clocks of DOMAIN.md that raise work-order alerts. Intake runs `review` (while new) and `dispatch` (while
 * ready); dispatch and field start the others (contact, arrival, simple repair) and raise their alerts through
 * intake's `raiseWorkOrderAlert`.
 */
export const CLOCKS = ['review', 'dispatch', 'contact', 'arrival', 'simple_repair'] as const;
export type ClockName = (typeof CLOCKS)[number];
export const clockSchema = z.enum(CLOCKS);
export const CLOCK_LABELS: Record<ClockName, Record<Locale, string>> = {
  review: { 'zh-CN': '审核超时', 'en-US': 'Review overdue' },
  dispatch: { 'zh-CN': '派单超时', 'en-US': 'Dispatch overdue' },
  contact: { 'zh-CN': '联系客户超时', 'en-US': 'Customer contact overdue' },
  arrival: { 'zh-CN': '到达超时', 'en-US': 'Arrival overdue' },
  simple_repair: { 'zh-CN': '超出简单维修时限', 'en-US': 'Simple repair over its time limit' },
};

/**
 * What an alert is about: `sla` — a clock ran out (`clock` names it); `customer_new_time` — the customer asked for
 * another window on /track (`details.preferredWindow`, `details.note`); `assignment_declined` — the technician
 * declined the job; `late_reported` — the technician said they will be late; `late_predicted` — the system expects
 * the technician to miss the window.
 */
export const ALERT_KINDS = [
  'sla',
  'customer_new_time',
  'assignment_declined',
  'late_reported',
  'late_predicted',
  // Raised by the field module (policy ch. 4): a visit step skipped with a reason, a repair past its time (reason
  // and new finish from the technician, or a complex repair past its expected finish), a follow-up visit proposed
  // after waiting for parts.
  'step_skipped',
  'repair_delayed',
  'follow_up_needed',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const alertKindSchema = z.enum(ALERT_KINDS);
export const ALERT_KIND_LABELS: Record<AlertKind, Record<Locale, string>> = {
  sla: { 'zh-CN': '超时告警', 'en-US': 'Deadline missed' },
  customer_new_time: { 'zh-CN': '客户改约', 'en-US': 'Customer asked for a new time' },
  assignment_declined: { 'zh-CN': '工程师拒单', 'en-US': 'Technician declined' },
  late_reported: { 'zh-CN': '工程师报告迟到', 'en-US': 'Technician reported late' },
  late_predicted: { 'zh-CN': '预计迟到', 'en-US': 'Predicted late' },
  step_skipped: { 'zh-CN': '上门步骤跳过', 'en-US': 'Visit step skipped' },
  repair_delayed: { 'zh-CN': '维修延误', 'en-US': 'Repair delayed' },
  follow_up_needed: { 'zh-CN': '待配件，需再次上门', 'en-US': 'Follow-up visit needed (parts)' },
};

export const workOrderSummarySchema = z.object({
  id: uuid,
  /** WO-YYYYMMDD-NNNN */
  number: z.string(),
  branchId: uuid,
  status: workOrderStatusSchema,
  channel: workOrderChannelSchema,
  priority: prioritySchema,
  faultCategory: faultCategoryCodeSchema,
  faultCodeId: uuid.nullable(),
  description: z.string(),
  district: z.string(),
  customer: workOrderCustomerSchema,
  unit: z.object({ id: uuid.nullable(), brand: z.string(), model: z.string(), type: workOrderUnitTypeSchema }),
  preferredWindow: windowSchema.nullable(),
  /** The estimated repair (completion) time promised to the customer. */
  estimatedAt: isoDateTime,
  /** Open breach alert, or past estimatedAt while still open. */
  overdue: z.boolean(),
  /** Unacknowledged alerts of any kind. */
  openAlerts: z.number().int(),
  /**
   * The running intake clock (review while new, dispatch while ready) and when it runs out, from its scheduled
   * timer; null when neither runs (or it already fired).
   */
  slaClock: clockSchema.nullable(),
  slaDueAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  statusChangedAt: isoDateTime,
  updatedAt: isoDateTime,
  version: z.number().int(),
});
export type WorkOrderSummary = z.infer<typeof workOrderSummarySchema>;

export const TIMELINE_KINDS = ['transition', 'note', 'alert', 'notice'] as const;

/** One timeline entry: a transition (from → to), an edit note, an SLA alert or a notice (SMS queued …). */
export const timelineEntrySchema = z.object({
  id: z.number().int(),
  at: isoDateTime,
  actorId: uuid.nullable(),
  /** The user's display name; null for the system (timers, public channels). */
  actorName: z.string().nullable(),
  kind: z.enum(TIMELINE_KINDS),
  /** Lifecycle event type (approve, return …), `created`, `edited`, `sla_breach`, `sms_queued` … */
  event: z.string(),
  fromStatus: workOrderStatusSchema.nullable(),
  toStatus: workOrderStatusSchema.nullable(),
  reason: z.string().nullable(),
  details: z.unknown().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const workOrderAlertSchema = z.object({
  id: uuid,
  workOrderId: uuid,
  workOrderNumber: z.string(),
  workOrderStatus: workOrderStatusSchema,
  priority: prioritySchema,
  district: z.string(),
  branchId: uuid,
  kind: alertKindSchema,
  /** The clock that ran out (kind `sla`); null for the other kinds unless the raiser named one. */
  clock: clockSchema.nullable(),
  /** When the thing was due (the clock's deadline; for the other kinds the raiser's, default when raised). */
  dueAt: isoDateTime,
  firedAt: isoDateTime,
  /** What the raiser attached (customer_new_time: `{ preferredWindow: { start, end }, note }`); mobiles masked. */
  details: z.unknown().nullable(),
  acknowledgedAt: isoDateTime.nullable(),
  acknowledgedByName: z.string().nullable(),
});
export type WorkOrderAlert = z.infer<typeof workOrderAlertSchema>;

/** A photo the customer sent with the request (the bytes come from getWorkOrderAttachment). */
export const workOrderAttachmentSchema = z.object({
  id: uuid,
  /** nameplate | fault (what the customer said the photo shows) */
  kind: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  createdAt: isoDateTime,
});
export type WorkOrderAttachment = z.infer<typeof workOrderAttachmentSchema>;

/** A notification about the order (from the notify outbox), with its delivery status. */
export const workOrderMessageSchema = z.object({
  id: uuid,
  channel: z.string(),
  template: z.string(),
  recipientMasked: z.string(),
  /** queued | sent | failed | dead */
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
});

export const workOrderDetailSchema = workOrderSummarySchema.extend({
  unit: workOrderUnitSchema,
  faultCode: z
    .object({ id: uuid, brand: z.string(), code: z.string(), meaningZh: z.string(), meaningEn: z.string() })
    .nullable(),
  /** What the reviewer asked for when returning it (empty otherwise). */
  missingItems: z.array(z.string()),
  reviewNote: z.string(),
  cancelReason: z.string().nullable(),
  createdBy: z.object({ id: uuid, name: z.string() }).nullable(),
  timeline: z.array(timelineEntrySchema),
  alerts: z.array(workOrderAlertSchema),
  /** Photos sent with the request (oldest first); the image is `GET …/attachments/:attachmentId`. */
  attachments: z.array(workOrderAttachmentSchema),
  /** The life-cycle events legal from the current status (the web shows the ones the user may do). */
  allowedEvents: z.array(workOrderEventTypeSchema),
  messages: z.array(workOrderMessageSchema),
});
export type WorkOrderDetail = z.infer<typeof workOrderDetailSchema>;

// ---------- work-order endpoints ----------

const workOrderParams = z.strictObject({ workOrderId: uuid });

/** "new,ready" → ['new', 'ready'] (a comma-separated list in the query string). */
function csvOf<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .max(400)
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));
}

/** Filters shared by the list and the export. */
export const workOrderFilterQuery = {
  /** Comma-separated statuses: `status=new,returned`. */
  status: csvOf(WORK_ORDER_STATUSES).optional(),
  channel: workOrderChannelSchema.optional(),
  priority: prioritySchema.optional(),
  faultCategory: faultCategoryCodeSchema.optional(),
  district: z.string().trim().min(1).max(32).optional(),
  /** Created at or after (ISO with offset). */
  from: isoDateTime.optional(),
  /** Created before (ISO with offset). */
  to: isoDateTime.optional(),
  /** true: open breach alert, or past the estimate while still open; false: neither. */
  overdue: z.enum(['true', 'false']).optional(),
  /** An order number (exact, or a prefix like "WO-20260715") or a phone number (the customer's orders). */
  q: z.string().trim().min(1).max(32).optional(),
  /** One customer's orders (the customer card, the hotline's caller). */
  customerId: uuid.optional(),
};

export const WORK_ORDER_SORTS = ['createdAt', 'estimatedAt', 'priority', 'number'] as const;

export const listWorkOrders = endpoint({
  operationId: 'listWorkOrders',
  method: 'GET',
  path: '/api/work-orders',
  access: 'workorders.read',
  summary:
    'Work orders of my branch: filters, search by number or phone, server-side pagination and sorting (default newest first)',
  tags: ['work-orders'],
  query: z.strictObject({
    ...pageQuery,
    ...workOrderFilterQuery,
    sort: z.enum(WORK_ORDER_SORTS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
  }),
  response: paged(workOrderSummarySchema),
  personalData: true,
});

export const exportWorkOrders = endpoint({
  operationId: 'exportWorkOrders',
  method: 'GET',
  path: '/api/work-orders/export',
  access: 'workorders.export',
  summary:
    'The filtered list as an Excel file (.xlsx, at most 10,000 rows, customers masked); audited (workorders.exported)',
  tags: ['work-orders'],
  query: z.strictObject({
    ...workOrderFilterQuery,
    sort: z.enum(WORK_ORDER_SORTS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
  }),
  /** Binary: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, Content-Disposition attachment. */
  response: z.any().describe('xlsx file'),
  personalData: true,
});

export const estimateRepairTime = endpoint({
  operationId: 'estimateRepairTime',
  method: 'GET',
  path: '/api/work-orders/estimate',
  access: 'workorders.create',
  summary:
    "Preview of the estimated repair time (before saving): the fault's standard time, the district's current backlog, working hours and the preferred window",
  tags: ['work-orders'],
  query: z.strictObject({
    faultCategory: faultCategoryCodeSchema,
    faultCodeId: uuid.optional(),
    district: z.string().trim().min(1).max(32),
    priority: prioritySchema,
    preferredStart: isoDateTime.optional(),
    preferredEnd: isoDateTime.optional(),
  }),
  response: z.object({
    estimatedAt: isoDateTime,
    /** When the repair is expected to start (after review, dispatch, travel and the queue). */
    startAt: isoDateTime,
    standardMinutes: z.number().int(),
    /** Open orders in the district ahead of this one (urgent orders count only urgent ones). */
    backlog: z.number().int(),
    queueMinutes: z.number().int(),
    leadMinutes: z.number().int(),
    /** The basis in words, in the caller's language. */
    basis: z.string(),
  }),
});

export const createWorkOrder = endpoint({
  operationId: 'createWorkOrder',
  method: 'POST',
  path: '/api/work-orders',
  access: 'workorders.create',
  summary:
    'Create a work order (hotline / walk-in): customer, address, unit, fault, priority, window. Honours Idempotency-Key.',
  tags: ['work-orders'],
  status: 201,
  idempotent: true,
  body: createWorkOrderBody,
  response: workOrderDetailSchema,
  personalData: true,
});

export const getWorkOrder = endpoint({
  operationId: 'getWorkOrder',
  method: 'GET',
  path: '/api/work-orders/:workOrderId',
  access: 'workorders.read',
  summary: 'One work order: timeline, unit and warranty, alerts, allowed events, notifications (masked per role)',
  tags: ['work-orders'],
  params: workOrderParams,
  response: workOrderDetailSchema,
  personalData: true,
});

export const getWorkOrderAttachment = endpoint({
  operationId: 'getWorkOrderAttachment',
  method: 'GET',
  path: '/api/work-orders/:workOrderId/attachments/:attachmentId',
  access: 'workorders.read',
  summary:
    "A photo the customer sent with the order: the image bytes with its content type (inline, private, no-store); another branch's order or another order's photo answers 404",
  tags: ['work-orders'],
  params: z.strictObject({ workOrderId: uuid, attachmentId: uuid }),
  /** Binary: image/jpeg | image/png | image/webp, Content-Disposition inline. */
  response: z.any().describe('image'),
  personalData: true,
});

export const updateWorkOrder = endpoint({
  operationId: 'updateWorkOrder',
  method: 'PATCH',
  path: '/api/work-orders/:workOrderId',
  access: 'workorders.create',
  summary: 'Edit an order awaiting review or returned (address, unit, fault, priority, window); with version',
  tags: ['work-orders'],
  params: workOrderParams,
  body: z.strictObject({ version: z.number().int().min(1), ...workOrderEditFields }),
  response: workOrderDetailSchema,
  personalData: true,
});

export const reviewWorkOrder = endpoint({
  operationId: 'reviewWorkOrder',
  method: 'POST',
  path: '/api/work-orders/:workOrderId/review',
  access: 'workorders.review',
  summary:
    'Dispatch review (待审核): approve → ready (dispatch clock starts), or return to the agent naming the missing items (SMS to the customer)',
  tags: ['work-orders'],
  params: workOrderParams,
  body: z.strictObject({
    decision: z.enum(['approve', 'return']),
    version: z.number().int().min(1),
    /** Required (at least one) to return; see REVIEW_MISSING_ITEMS for the usual ones. */
    missingItems: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
    note: z.string().trim().max(500).optional(),
  }),
  response: workOrderDetailSchema,
  personalData: true,
});

export const resubmitWorkOrder = endpoint({
  operationId: 'resubmitWorkOrder',
  method: 'POST',
  path: '/api/work-orders/:workOrderId/resubmit',
  access: 'workorders.create',
  summary: 'The agent completes a returned order (optional edits in the same call) and sends it back to review',
  tags: ['work-orders'],
  params: workOrderParams,
  body: z.strictObject({
    version: z.number().int().min(1),
    note: z.string().trim().max(500).optional(),
    ...workOrderEditFields,
  }),
  response: workOrderDetailSchema,
  personalData: true,
});

export const cancelWorkOrder = endpoint({
  operationId: 'cancelWorkOrder',
  method: 'POST',
  path: '/api/work-orders/:workOrderId/cancel',
  access: 'workorders.cancel',
  summary: 'Cancel with a reason, from any state before completed (SMS to the customer); with version',
  tags: ['work-orders'],
  params: workOrderParams,
  body: z.strictObject({ reason: z.string().trim().min(2).max(200), version: z.number().int().min(1) }),
  response: workOrderDetailSchema,
  personalData: true,
});

// ---------- alerts ----------

export const listWorkOrderAlerts = endpoint({
  operationId: 'listWorkOrderAlerts',
  method: 'GET',
  path: '/api/work-order-alerts',
  access: 'alerts.read',
  summary:
    'Work-order alerts of my branch for the dispatch screens (SLA breaches, customer new-time requests, declines, lateness; default: unacknowledged), newest first',
  tags: ['work-orders'],
  query: z.strictObject({
    ...pageQuery,
    status: z.enum(['open', 'acknowledged', 'all']).optional(),
    kind: alertKindSchema.optional(),
    clock: clockSchema.optional(),
  }),
  response: paged(workOrderAlertSchema),
});

export const acknowledgeWorkOrderAlert = endpoint({
  operationId: 'acknowledgeWorkOrderAlert',
  method: 'POST',
  path: '/api/work-order-alerts/:alertId/acknowledge',
  access: 'alerts.read',
  summary: 'Mark an alert as seen (by me, now); acknowledging twice keeps the first',
  tags: ['work-orders'],
  params: z.strictObject({ alertId: uuid }),
  response: workOrderAlertSchema,
});

export const intakeEndpoints = [
  listFaultCategories,
  updateFaultCategory,
  createFaultCode,
  updateFaultCode,
  estimateRepairTime,
  exportWorkOrders,
  listWorkOrders,
  createWorkOrder,
  getWorkOrder,
  getWorkOrderAttachment,
  updateWorkOrder,
  reviewWorkOrder,
  resubmitWorkOrder,
  cancelWorkOrder,
  listWorkOrderAlerts,
  acknowledgeWorkOrderAlert,
] as const;
