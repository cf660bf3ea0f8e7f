import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { parts, requisitionLines, requisitions, stockLocations } from './parts.schema';

// Purchasing (采购), suppliers (供应商), parts alerts and old-part returns (旧件回收): policy ch. 7, issue 5.

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'number' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Suppliers (供应商). Company-wide. */
export const suppliers = pgTable('suppliers', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Unique, upper case: "SUP-GREE". */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  contactName: text('contact_name').notNull().default(''),
  /** A business contact's phone: not customer personal data, shown in full to purchasing roles. */
  contactPhone: text('contact_phone').notNull().default(''),
  email: text('email').notNull().default(''),
  address: text('address').notNull().default(''),
  /** 统一社会信用代码 (18 characters) or ''. */
  creditCode: text('credit_code').notNull().default(''),
  note: text('note').notNull().default(''),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: tz('created_at').notNull(),
  updatedAt: tz('updated_at').notNull(),
});

/** Purchase contracts (采购合同): period, delivery days, warranty terms, prices per part, an attached file. */
export const supplierContracts = pgTable(
  'supplier_contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    /** The contract's own number, unique: "HT-2026-001". */
    number: text('number').notNull().unique(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** Days from order to delivery promised. */
    deliveryDays: integer('delivery_days').notNull(),
    warrantyTerms: text('warranty_terms').notNull().default(''),
    paymentTerms: text('payment_terms').notNull().default(''),
    /** active | terminated (expiry is read from the dates). */
    status: text('status').notNull().default('active'),
    note: text('note').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('supplier_contracts_supplier_idx').on(t.supplierId, t.startsOn),
    check('supplier_contracts_period_ck', sql`${t.endsOn} >= ${t.startsOn}`),
    check('supplier_contracts_delivery_ck', sql`${t.deliveryDays} >= 0`),
  ],
);

/** The contract price of a part (fen per unit). */
export const supplierContractPrices = pgTable(
  'supplier_contract_prices',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => supplierContracts.id),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    unitPriceFen: fen('unit_price_fen').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contractId, t.partId] }),
    index('supplier_contract_prices_part_idx').on(t.partId),
    check('supplier_contract_prices_ck', sql`${t.unitPriceFen} >= 0`),
  ],
);

/** The scanned contract (PDF or image), at most one current file per contract; never publicly readable. */
export const supplierContractFiles = pgTable('supplier_contract_files', {
  contractId: uuid('contract_id')
    .primaryKey()
    .references(() => supplierContracts.id),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  data: bytea('data').notNull(),
  uploadedByName: text('uploaded_by_name').notNull(),
  uploadedAt: tz('uploaded_at').notNull(),
});

/**
 * Supplier evaluation of one period (供应商评价): figures computed from the ledger and receipts, scores 0–100
 * computed from them and editable (the edit keeps the computed score beside it).
 */
export const supplierEvaluations = pgTable(
  'supplier_evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** Units received in the period. */
    receivedQuantity: integer('received_quantity').notNull(),
    /** Units returned to this supplier as defective in the period. */
    defectQuantity: integer('defect_quantity').notNull(),
    /** Receipts (deliveries) in the period, and those on or before the order's expected date. */
    deliveries: integer('deliveries').notNull(),
    deliveriesOnTime: integer('deliveries_on_time').notNull(),
    /** Paid vs contract price, basis points (10000 = at contract); null without contract prices. */
    priceVsContractBp: integer('price_vs_contract_bp'),
    /** This supplier's prices vs the cheapest other supplier's contract price for the same parts, basis points. */
    priceVsOthersBp: integer('price_vs_others_bp'),
    qualityScoreComputed: integer('quality_score_computed').notNull(),
    deliveryScoreComputed: integer('delivery_score_computed').notNull(),
    priceScoreComputed: integer('price_score_computed').notNull(),
    qualityScore: integer('quality_score').notNull(),
    deliveryScore: integer('delivery_score').notNull(),
    priceScore: integer('price_score').notNull(),
    /** Weighted total 0–100 (quality 40 %, delivery 30 %, price 30 %), from the (possibly edited) scores. */
    totalScore: integer('total_score').notNull(),
    note: text('note').notNull().default(''),
    computedAt: tz('computed_at').notNull(),
    editedByName: text('edited_by_name'),
    editedAt: tz('edited_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('supplier_evaluations_period_uq').on(t.supplierId, t.periodStart, t.periodEnd),
    check(
      'supplier_evaluations_scores_ck',
      sql`${t.qualityScore} BETWEEN 0 AND 100 AND ${t.deliveryScore} BETWEEN 0 AND 100 AND ${t.priceScore} BETWEEN 0 AND 100`,
    ),
  ],
);

/** Purchase plans (采购计划): proposed from data for one receiving location, edited, approved by the head. */
export const purchasePlans = pgTable(
  'purchase_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown as "JH000123". */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    /** Where the goods are received (the central warehouse or a branch store). */
    locationId: uuid('location_id')
      .notNull()
      .references(() => stockLocations.id),
    branchId: uuid('branch_id'),
    /** draft | submitted | approved | rejected | ordered | cancelled */
    status: text('status').notNull(),
    /** The inputs of the proposal: weeks of usage looked at, horizon, seasonal factor (basis points). */
    basis: jsonb('basis').notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: tz('decided_at'),
    rejectReason: text('reject_reason').notNull().default(''),
    /** Client-chosen key of the create request: a retried create acts once. */
    requestId: text('request_id').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    unique('purchase_plans_request_uq').on(t.createdBy, t.requestId),
    index('purchase_plans_branch_idx').on(t.branchId, t.createdAt),
  ],
);

export const purchasePlanLines = pgTable(
  'purchase_plan_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => purchasePlans.id),
    line: integer('line').notNull(),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    /** What the proposal computed (0 for a line added by hand). */
    suggestedQuantity: integer('suggested_quantity').notNull(),
    /** What will be ordered (edited); 0 drops the line from the orders. */
    quantity: integer('quantity').notNull(),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    contractId: uuid('contract_id').references(() => supplierContracts.id),
    unitPriceFen: fen('unit_price_fen').notNull(),
    /** Why: on hand, reorder point, open requisitions, usage per week, seasonal factor. */
    reasons: jsonb('reasons').notNull(),
  },
  (t) => [
    unique('purchase_plan_lines_line_uq').on(t.planId, t.line),
    unique('purchase_plan_lines_part_uq').on(t.planId, t.partId),
    check('purchase_plan_lines_qty_ck', sql`${t.quantity} >= 0 AND ${t.suggestedQuantity} >= 0`),
    check('purchase_plan_lines_price_ck', sql`${t.unitPriceFen} >= 0`),
  ],
);

/** Purchase orders (采购订单), one per supplier of an approved plan (or made by hand). */
export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown as "CG000123". */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    planId: uuid('plan_id').references(() => purchasePlans.id),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    contractId: uuid('contract_id').references(() => supplierContracts.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => stockLocations.id),
    branchId: uuid('branch_id'),
    /** open | partially_received | received | cancelled | closed (short-closed with a reason) */
    status: text('status').notNull(),
    orderedAt: tz('ordered_at').notNull(),
    /** Promised delivery date (order date + the contract's delivery days), in the branch's zone. */
    expectedOn: date('expected_on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    closeReason: text('close_reason').notNull().default(''),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('purchase_orders_supplier_idx').on(t.supplierId, t.orderedAt),
    index('purchase_orders_status_idx').on(t.status, t.expectedOn),
    uniqueIndex('purchase_orders_plan_supplier_uq').on(t.planId, t.supplierId).where(sql`${t.planId} IS NOT NULL`),
  ],
);

export const purchaseOrderLines = pgTable(
  'purchase_order_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => purchaseOrders.id),
    line: integer('line').notNull(),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    quantity: integer('quantity').notNull(),
    unitPriceFen: fen('unit_price_fen').notNull(),
    receivedQuantity: integer('received_quantity').notNull().default(0),
  },
  (t) => [
    unique('purchase_order_lines_line_uq').on(t.orderId, t.line),
    check(
      'purchase_order_lines_qty_ck',
      sql`${t.quantity} > 0 AND ${t.receivedQuantity} >= 0 AND ${t.receivedQuantity} <= ${t.quantity}`,
    ),
    check('purchase_order_lines_price_ck', sql`${t.unitPriceFen} >= 0`),
  ],
);

/**
 * A delivery received against a purchase order (到货验收). Its lines are `receipt` ledger rows posted with request id
 * `po-receipt:<requestId>`; `on_time` compares the receipt day with the order's expected date.
 */
export const purchaseReceipts = pgTable(
  'purchase_receipts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown as "RK000123". */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => purchaseOrders.id),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    requestId: text('request_id').notNull().unique(),
    onTime: boolean('on_time').notNull(),
    /** Units received in this delivery (sum of its lines). */
    quantity: integer('quantity').notNull(),
    valueFen: fen('value_fen').notNull(),
    note: text('note').notNull().default(''),
    receivedBy: uuid('received_by').notNull(),
    receivedByName: text('received_by_name').notNull(),
    receivedAt: tz('received_at').notNull(),
  },
  (t) => [
    index('purchase_receipts_order_idx').on(t.orderId),
    index('purchase_receipts_supplier_idx').on(t.supplierId, t.receivedAt),
  ],
);

/**
 * Parts alerts (配件预警): clocks that ran out (requisition approval, issue), old parts not returned, valuable units
 * not accounted for. One open alert per dedupe key.
 */
export const partsAlerts = pgTable(
  'parts_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** requisition_approval_overdue | requisition_issue_overdue | old_part_overdue | valuable_unaccounted */
    kind: text('kind').notNull(),
    branchId: uuid('branch_id'),
    requisitionId: uuid('requisition_id').references(() => requisitions.id),
    dedupeKey: text('dedupe_key').notNull(),
    details: jsonb('details').notNull(),
    raisedAt: tz('raised_at').notNull(),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedByName: text('acknowledged_by_name'),
    acknowledgedAt: tz('acknowledged_at'),
  },
  (t) => [
    unique('parts_alerts_dedupe_uq').on(t.dedupeKey),
    index('parts_alerts_open_idx').on(t.branchId, t.raisedAt).where(sql`${t.acknowledgedAt} IS NULL`),
  ],
);

/**
 * Old-part returns (旧件回收): each valuable unit fitted on a job owes the removed old part back to the warehouse.
 * pending → returned | waived (with a reason).
 */
export const oldPartReturns = pgTable(
  'old_part_returns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown as "JJ000123". */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    branchId: uuid('branch_id'),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    requisitionId: uuid('requisition_id').references(() => requisitions.id),
    requisitionLineId: uuid('requisition_line_id').references(() => requisitionLines.id),
    workOrderId: uuid('work_order_id'),
    workOrderNumber: text('work_order_number').notNull().default(''),
    technicianId: uuid('technician_id'),
    technicianName: text('technician_name').notNull().default(''),
    /** The new unit's serial fitted on the job ('' when none). */
    newSerial: text('new_serial').notNull().default(''),
    /** pending | returned | waived */
    status: text('status').notNull(),
    dueAt: tz('due_at').notNull(),
    /** The old unit's serial as read from its label ('' when unreadable). */
    oldSerial: text('old_serial').notNull().default(''),
    /** Condition notes at return, or the waiver's reason. */
    note: text('note').notNull().default(''),
    /** Where the old part was put (a store); not stock: old parts are not in the ledger's quantities. */
    receivedLocationId: uuid('received_location_id').references(() => stockLocations.id),
    closedBy: uuid('closed_by'),
    closedByName: text('closed_by_name'),
    closedAt: tz('closed_at'),
    /** Key of the creating event (e.g. "issue:<movementId>:<unit>"): created once however often retried. */
    sourceKey: text('source_key').notNull().unique(),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [index('old_part_returns_open_idx').on(t.branchId, t.status, t.dueAt)],
);
