import { z } from 'zod';
import { LOCATION_KINDS, PART_CATEGORIES, REQUISITION_PURPOSES, REQUISITION_STATUSES } from '../domain/parts';
import type { Locale } from '../errors';
import { endpoint, isoDateTime, paged, pageQuery, queryInt, uuid } from './endpoint';

// Stock health (库存健康) reports, requisition clocks and parts alerts (配件预警), old-part returns (旧件回收) and the
// follow-up of valuable parts in vans (贵重配件跟踪): policy ch. 7, issue 5. Money is integer fen; days are calendar
// days of the reader's branch time zone (setting `branch.timeZone`, Asia/Shanghai by default).

/** Kinds of parts alert. */
export const PARTS_ALERT_KINDS = [
  /** A requisition still awaits the head's decision after `parts.requisitionApprovalHours`. */
  'requisition_approval_overdue',
  /** An approved requisition is still not issued `parts.requisitionIssueHours` after the decision. */
  'requisition_issue_overdue',
  /** The removed old part of a valuable unit fitted on a job was not returned by its due date. */
  'old_part_overdue',
  /** A valuable unit has been in a van longer than `parts.valuableFollowUpDays` (neither fitted nor returned). */
  'valuable_unaccounted',
] as const;
export type PartsAlertKind = (typeof PARTS_ALERT_KINDS)[number];
export const PARTS_ALERT_KIND_LABELS: Record<PartsAlertKind, Record<Locale, string>> = {
  requisition_approval_overdue: { 'zh-CN': '领用审批超时', 'en-US': 'Requisition approval overdue' },
  requisition_issue_overdue: { 'zh-CN': '领用发料超时', 'en-US': 'Requisition issue overdue' },
  old_part_overdue: { 'zh-CN': '旧件未按期回收', 'en-US': 'Old part not returned in time' },
  valuable_unaccounted: { 'zh-CN': '贵重配件在车超期', 'en-US': 'Valuable part unaccounted for in a van' },
};

/** pending → returned (the old part is back in a store) | waived (with a reason, by an approver). */
export const OLD_PART_RETURN_STATUSES = ['pending', 'returned', 'waived'] as const;
export type OldPartReturnStatus = (typeof OLD_PART_RETURN_STATUSES)[number];
export const OLD_PART_RETURN_STATUS_LABELS: Record<OldPartReturnStatus, Record<Locale, string>> = {
  pending: { 'zh-CN': '待回收', 'en-US': 'Pending' },
  returned: { 'zh-CN': '已回收', 'en-US': 'Returned' },
  waived: { 'zh-CN': '已免回收', 'en-US': 'Waived' },
};

/** The two requisition clocks: the head's decision, then the warehouse's issue. */
export const REQUISITION_STAGES = ['approval', 'issue'] as const;
export type RequisitionStage = (typeof REQUISITION_STAGES)[number];

const dateOnly = z.iso.date();
const categorySchema = z.enum(PART_CATEGORIES);
const locationKindSchema = z.enum(LOCATION_KINDS);
const bool = z.enum(['true', 'false']);
export const partsAlertKindSchema = z.enum(PARTS_ALERT_KINDS);
export const oldPartReturnStatusSchema = z.enum(OLD_PART_RETURN_STATUSES);
const serial = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$/, { message: 'letters, digits and . _ / -' });

/** "a,b" → ['a', 'b'] (a comma-separated list in the query string). */
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

/** The part and location columns every stock-health row carries. */
const partAtLocation = {
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  spec: z.string(),
  unit: z.string(),
  category: categorySchema,
  locationId: uuid,
  locationCode: z.string(),
  locationName: z.string(),
  locationKind: locationKindSchema,
};

// ---------- expiring stock ----------

export const expiringStockSchema = z.object({
  ...partAtLocation,
  lot: z.string(),
  expiryDate: dateOnly,
  /** Days from today to the expiry date; 0 = expires today; negative = expired that many days ago. */
  daysLeft: z.number().int(),
  /** The expiry date is before today. */
  expired: z.boolean(),
  quantity: z.number().int(),
  avgCostFen: z.number().int(),
  /** quantity × the part's weighted average cost. */
  valueFen: z.number().int(),
});
export type ExpiringStock = z.infer<typeof expiringStockSchema>;

export const listExpiringStock = endpoint({
  operationId: 'listExpiringStock',
  method: 'GET',
  path: '/api/stock-expiring',
  access: 'parts.read',
  summary:
    'Lots on hand expiring within N days (default 60) and already expired, at the visible locations, soonest first',
  tags: ['stock-health'],
  query: z.strictObject({
    ...pageQuery,
    /** Expiry on or before today + withinDays (0 = today and the expired). */
    withinDays: queryInt(0, 3650).optional(),
    locationId: uuid.optional(),
    /** true: only the expired lots; false: only those not yet expired. */
    expired: bool.optional(),
  }),
  response: paged(expiringStockSchema).extend({
    /** Today in the reader's time zone, and the last expiry date included. */
    today: dateOnly,
    until: dateOnly,
    totalQuantity: z.number().int(),
    totalValueFen: z.number().int(),
    expiredQuantity: z.number().int(),
    expiredValueFen: z.number().int(),
  }),
});

// ---------- slow-moving stock ----------

export const slowMovingStockSchema = z.object({
  ...partAtLocation,
  onHand: z.number().int(),
  avgCostFen: z.number().int(),
  valueFen: z.number().int(),
  /**
   * The last consumption at this location: an `issue` to a job, or a transfer out into a technician's van (reversed
   * movements do not count). null: never.
   */
  lastIssueAt: isoDateTime.nullable(),
  /** The first movement that brought this part to this location. */
  stockedSince: isoDateTime,
  /** Whole days since the last consumption (or since it was first stocked here, when never consumed). */
  daysIdle: z.number().int(),
});
export type SlowMovingStock = z.infer<typeof slowMovingStockSchema>;

export const listSlowMovingStock = endpoint({
  operationId: 'listSlowMovingStock',
  method: 'GET',
  path: '/api/stock-slow-moving',
  access: 'parts.read',
  summary:
    'Stock on hand not consumed (issued to a job or transferred into a van) in N days (default 90), per part and location, idlest first',
  tags: ['stock-health'],
  query: z.strictObject({
    ...pageQuery,
    days: queryInt(1, 3650).optional(),
    locationId: uuid.optional(),
  }),
  response: paged(slowMovingStockSchema).extend({
    totalQuantity: z.number().int(),
    totalValueFen: z.number().int(),
  }),
});

// ---------- turnover ----------

const turnoverFigures = {
  /** Consumption in the period at the cost it carried (fen, ≥ 0 net of reversals), and its quantity. */
  issuedQuantity: z.number().int(),
  issuedValueFen: z.number().int(),
  /** The ledger's value (Σ value of movements) and quantity at the start and at the end of the period. */
  openingQuantity: z.number().int(),
  openingValueFen: z.number().int(),
  closingQuantity: z.number().int(),
  closingValueFen: z.number().int(),
  /** (opening + closing) / 2, rounded half up to the fen. */
  averageValueFen: z.number().int(),
  /** issued / average in basis points (10000 = turned over once), rounded half up; null when the average ≤ 0. */
  turnoverBasisPoints: z.number().int().nullable(),
  /** How many days the closing stock lasts at the period's daily consumption (rounded down); null without any. */
  daysOfSupply: z.number().int().nullable(),
};

export const stockTurnoverLineSchema = z.object({
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  unit: z.string(),
  category: categorySchema,
  ...turnoverFigures,
});
export type StockTurnoverLine = z.infer<typeof stockTurnoverLineSchema>;

export const getStockTurnover = endpoint({
  operationId: 'getStockTurnover',
  method: 'GET',
  path: '/api/stock-turnover',
  access: 'parts.read',
  summary:
    'Stock turnover of a period per part and in total: consumption at cost, average inventory value from the ledger, turnover and days of supply',
  tags: ['stock-health'],
  query: z.strictObject({
    ...pageQuery,
    /** First and last day of the period (inclusive), in the reader's time zone. */
    from: dateOnly,
    to: dateOnly,
    /**
     * One location (consumption there: issues to jobs and transfers into vans); without it, the visible locations
     * together (consumption: issues to jobs only, so a transfer to a van and its later issue count once).
     */
    locationId: uuid.optional(),
  }),
  response: paged(stockTurnoverLineSchema).extend({
    periodStart: isoDateTime,
    periodEnd: isoDateTime,
    /** Days in the period. */
    days: z.number().int(),
    totals: z.object(turnoverFigures),
  }),
});

// ---------- pending requisitions ----------

export const pendingRequisitionSchema = z.object({
  id: uuid,
  /** "LY000123". */
  number: z.string(),
  branchId: uuid.nullable(),
  requesterId: uuid,
  requesterName: z.string(),
  purpose: z.enum(REQUISITION_PURPOSES),
  workOrderId: uuid.nullable(),
  workOrderNumber: z.string(),
  targetLocationCode: z.string().nullable(),
  status: z.enum(REQUISITION_STATUSES),
  /** approval: submitted, awaiting the head; issue: (partially) approved, awaiting the warehouse. */
  stage: z.enum(REQUISITION_STAGES),
  /** When the current stage began (created, or decided). */
  since: isoDateTime,
  ageMinutes: z.number().int(),
  /** The stage's deadline (its clock), and whether it has passed. */
  dueAt: isoDateTime,
  overdue: z.boolean(),
  lines: z.number().int(),
  /** Units asked for (approval stage) or approved (issue stage). */
  quantity: z.number().int(),
  version: z.number().int(),
});
export type PendingRequisition = z.infer<typeof pendingRequisitionSchema>;

export const listPendingRequisitions = endpoint({
  operationId: 'listPendingRequisitions',
  method: 'GET',
  path: '/api/requisitions-pending',
  access: 'parts.read',
  summary:
    'Requisitions awaiting a decision or the issue, with age, deadline and overdue flag, most urgent first (a technician: their own)',
  tags: ['requisitions'],
  query: z.strictObject({
    ...pageQuery,
    stage: z.enum(REQUISITION_STAGES).optional(),
    overdue: bool.optional(),
  }),
  response: paged(pendingRequisitionSchema).extend({ overdueCount: z.number().int() }),
});

// ---------- parts alerts ----------

export const partsAlertSchema = z.object({
  id: uuid,
  kind: partsAlertKindSchema,
  branchId: uuid.nullable(),
  /** The deadline that ran out. */
  dueAt: isoDateTime.nullable(),
  raisedAt: isoDateTime,
  requisitionId: uuid.nullable(),
  requisitionNumber: z.string().nullable(),
  requesterName: z.string().nullable(),
  oldPartReturnId: uuid.nullable(),
  oldPartReturnNumber: z.string().nullable(),
  partId: uuid.nullable(),
  partCode: z.string().nullable(),
  partName: z.string().nullable(),
  serial: z.string().nullable(),
  quantity: z.number().int().nullable(),
  locationId: uuid.nullable(),
  locationCode: z.string().nullable(),
  technicianId: uuid.nullable(),
  technicianName: z.string().nullable(),
  workOrderNumber: z.string().nullable(),
  acknowledgedAt: isoDateTime.nullable(),
  acknowledgedByName: z.string().nullable(),
});
export type PartsAlert = z.infer<typeof partsAlertSchema>;

export const listPartsAlerts = endpoint({
  operationId: 'listPartsAlerts',
  method: 'GET',
  path: '/api/parts-alerts',
  access: 'parts.read',
  summary: 'Parts alerts of my branch (open by default), newest first; kinds as a comma-separated list',
  tags: ['parts-alerts'],
  query: z.strictObject({
    ...pageQuery,
    status: z.enum(['open', 'acknowledged', 'all']).optional(),
    kinds: csvOf(PARTS_ALERT_KINDS).optional(),
  }),
  response: paged(partsAlertSchema),
});

export const acknowledgePartsAlert = endpoint({
  operationId: 'acknowledgePartsAlert',
  method: 'POST',
  path: '/api/parts-alerts/:alertId/acknowledge',
  // Every role that approves or issues requisitions (head, warehouse) holds parts.manage.
  access: 'parts.manage',
  summary: 'Acknowledge a parts alert (again: returned as it is)',
  tags: ['parts-alerts'],
  params: z.strictObject({ alertId: uuid }),
  response: partsAlertSchema,
});

// ---------- old-part returns ----------

export const oldPartReturnSchema = z.object({
  id: uuid,
  /** "JJ000123". */
  number: z.string(),
  branchId: uuid.nullable(),
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  unit: z.string(),
  requisitionId: uuid.nullable(),
  requisitionNumber: z.string().nullable(),
  workOrderId: uuid.nullable(),
  workOrderNumber: z.string(),
  technicianId: uuid.nullable(),
  technicianName: z.string(),
  /** The serial of the new unit fitted ('' when none). */
  newSerial: z.string(),
  status: oldPartReturnStatusSchema,
  dueAt: isoDateTime,
  /** Pending past its due time. */
  overdue: z.boolean(),
  /** The old unit's serial as read at return ('' when unreadable or not yet returned). */
  oldSerial: z.string(),
  /** Condition notes at return, or the waiver's reason. */
  note: z.string(),
  receivedLocationId: uuid.nullable(),
  receivedLocationCode: z.string().nullable(),
  closedByName: z.string().nullable(),
  closedAt: isoDateTime.nullable(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type OldPartReturn = z.infer<typeof oldPartReturnSchema>;

const returnParams = z.strictObject({ returnId: uuid });

export const listOldPartReturns = endpoint({
  operationId: 'listOldPartReturns',
  method: 'GET',
  path: '/api/old-part-returns',
  access: 'parts.read',
  summary: 'Old parts owed back (旧件回收) of my branch, due first (a technician: their own)',
  tags: ['old-part-returns'],
  query: z.strictObject({
    ...pageQuery,
    status: oldPartReturnStatusSchema.optional(),
    overdue: bool.optional(),
    workOrderId: uuid.optional(),
    technicianId: uuid.optional(),
  }),
  response: paged(oldPartReturnSchema).extend({ overdueCount: z.number().int() }),
});

export const recordOldPartReturn = endpoint({
  operationId: 'recordOldPartReturn',
  method: 'POST',
  path: '/api/old-part-returns/:returnId/return',
  access: 'stock.move',
  summary:
    'Record the old part as received at a store: its serial as read, condition notes (with version; a retry acts once)',
  tags: ['old-part-returns'],
  idempotent: true,
  params: returnParams,
  body: z.strictObject({
    version: z.number().int().min(1),
    /** The old unit's serial from its label; leave out when unreadable. */
    oldSerial: serial.optional(),
    conditionNote: z.string().trim().max(500).optional(),
    /** The store (central warehouse or branch store, not a van) where the old part is kept. */
    receivedLocationId: uuid,
  }),
  response: oldPartReturnSchema,
});

export const waiveOldPartReturn = endpoint({
  operationId: 'waiveOldPartReturn',
  method: 'POST',
  path: '/api/old-part-returns/:returnId/waive',
  access: 'requisitions.approve',
  summary: 'Waive the return of an old part, with a reason (with version; a retry acts once)',
  tags: ['old-part-returns'],
  idempotent: true,
  params: returnParams,
  body: z.strictObject({ version: z.number().int().min(1), reason: z.string().trim().min(2).max(200) }),
  response: oldPartReturnSchema,
});

// ---------- valuable parts in vans ----------

export const valuableFollowUpSchema = z.object({
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  unit: z.string(),
  serialTracked: z.boolean(),
  locationId: uuid,
  locationCode: z.string(),
  locationName: z.string(),
  branchId: uuid.nullable(),
  technicianId: uuid.nullable(),
  technicianName: z.string().nullable(),
  /** The unit's serial (serial-tracked parts: one row per unit); '' for a quantity of a non-serial part. */
  serial: z.string(),
  quantity: z.number().int(),
  valueFen: z.number().int(),
  /** When the (oldest) unit arrived in the van, and the whole days since. */
  arrivedAt: isoDateTime,
  daysInVan: z.number().int(),
  /** arrivedAt + `parts.valuableFollowUpDays`; overdue once passed. */
  dueAt: isoDateTime,
  overdue: z.boolean(),
});
export type ValuableFollowUp = z.infer<typeof valuableFollowUpSchema>;

export const listValuableFollowUp = endpoint({
  operationId: 'listValuableFollowUp',
  method: 'GET',
  path: '/api/stock-valuable-follow-up',
  access: 'parts.read',
  summary:
    'Valuable units in technicians’ vans, not yet fitted on a job or returned: days in the van, overdue flag, longest first (a technician: their own van)',
  tags: ['stock-health'],
  query: z.strictObject({
    ...pageQuery,
    locationId: uuid.optional(),
    overdue: bool.optional(),
  }),
  response: paged(valuableFollowUpSchema).extend({
    overdueCount: z.number().int(),
    totalValueFen: z.number().int(),
  }),
});

export const partsHealthEndpoints = [
  listExpiringStock,
  listSlowMovingStock,
  getStockTurnover,
  listPendingRequisitions,
  listPartsAlerts,
  acknowledgePartsAlert,
  listOldPartReturns,
  recordOldPartReturn,
  waiveOldPartReturn,
  listValuableFollowUp,
] as const;
