import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'number' });

/** The parts catalog (配件目录). Company-wide; money in integer fen. */
export const parts = pgTable(
  'parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Unique, stored upper case, e.g. "CAP-35UF-450V". */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    spec: text('spec').notNull().default(''),
    unit: text('unit').notNull(),
    /** One of PART_CATEGORIES. */
    category: text('category').notNull(),
    /** 公司指定配件. */
    designated: boolean('designated').notNull().default(false),
    serialTracked: boolean('serial_tracked').notNull().default(false),
    lotTracked: boolean('lot_tracked').notNull().default(false),
    warrantyMonths: integer('warranty_months').notNull().default(0),
    standardCostFen: fen('standard_cost_fen').notNull().default(0),
    /** Weighted average cost, maintained by receipts (domain/average-cost.ts); never edited by hand. */
    avgCostFen: fen('avg_cost_fen').notNull().default(0),
    compatibleModels: text('compatible_models').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('parts_category_idx').on(t.category),
    check('parts_standard_cost_ck', sql`${t.standardCostFen} >= 0`),
    check('parts_avg_cost_ck', sql`${t.avgCostFen} >= 0`),
    check('parts_serial_or_lot_ck', sql`NOT (${t.serialTracked} AND ${t.lotTracked})`),
  ],
);

/** Stock locations: the central warehouse (no branch), branch stores, one van per technician. */
export const stockLocations = pgTable(
  'stock_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Unique, upper case: "WH-CENTRAL", "ST-GZ-TH", "VAN-TH-001" (the technician profile's van location). */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** central | branch | van */
    kind: text('kind').notNull(),
    branchId: uuid('branch_id'),
    /** The van's technician (user id); null for stores. */
    technicianId: uuid('technician_id'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('stock_locations_branch_idx').on(t.branchId),
    uniqueIndex('stock_locations_one_van_per_technician_uq')
      .on(t.technicianId)
      .where(sql`${t.technicianId} IS NOT NULL`),
  ],
);

/** Reorder point and quantity of a part at one location. */
export const partStockLevels = pgTable(
  'part_stock_levels',
  {
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => stockLocations.id),
    reorderPoint: integer('reorder_point').notNull(),
    reorderQuantity: integer('reorder_quantity').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partId, t.locationId] }),
    check('part_stock_levels_ck', sql`${t.reorderPoint} >= 0 AND ${t.reorderQuantity} >= 0`),
  ],
);

/**
 * The ledger (出入库记录): append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). Quantity is signed:
 * + into `location_id`, − out of it. One request id per posting; (request_id, line) is unique, so a retried
 * posting acts once. `seq` orders the ledger.
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    requestId: text('request_id').notNull(),
    line: integer('line').notNull(),
    /** One of MOVEMENT_KINDS. */
    kind: text('kind').notNull(),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => stockLocations.id),
    lot: text('lot').notNull().default(''),
    serial: text('serial').notNull().default(''),
    expiryDate: date('expiry_date', { mode: 'string' }),
    quantity: integer('quantity').notNull(),
    /** The unit cost the movement carried (receipt: actual purchase price; others: the average at the time). */
    unitCostFen: fen('unit_cost_fen').notNull(),
    valueFen: fen('value_fen').notNull(),
    /** The other side of a transfer. */
    counterLocationId: uuid('counter_location_id'),
    workOrderId: uuid('work_order_id'),
    workOrderNumber: text('work_order_number').notNull().default(''),
    requisitionId: uuid('requisition_id'),
    /** A reversal names the movement it reverses (each movement is reversed at most once). */
    reversalOf: uuid('reversal_of').unique(),
    reason: text('reason').notNull().default(''),
    note: text('note').notNull().default(''),
    supplier: text('supplier').notNull().default(''),
    /** Receipts against a purchase order and returns to a supplier name the supplier (evaluations read these). */
    supplierId: uuid('supplier_id'),
    purchaseOrderId: uuid('purchase_order_id'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull().default(''),
    at: tz('at').notNull(),
  },
  (t) => [
    unique('stock_movements_request_line_uq').on(t.requestId, t.line),
    index('stock_movements_part_idx').on(t.partId, t.seq),
    index('stock_movements_location_idx').on(t.locationId, t.seq),
    index('stock_movements_serial_idx').on(t.serial).where(sql`${t.serial} <> ''`),
    check('stock_movements_quantity_ck', sql`${t.quantity} <> 0`),
    check('stock_movements_serial_one_ck', sql`${t.serial} = '' OR abs(${t.quantity}) = 1`),
  ],
);

/**
 * Balance per (part, location, lot, serial), maintained in the same transaction as each movement.
 * CHECK (quantity >= 0): stock never goes negative, whatever the concurrency. A serial is in at most one place.
 */
export const stockBalances = pgTable(
  'stock_balances',
  {
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    locationId: uuid('location_id')
      .notNull()
      .references(() => stockLocations.id),
    lot: text('lot').notNull().default(''),
    serial: text('serial').notNull().default(''),
    expiryDate: date('expiry_date', { mode: 'string' }),
    quantity: integer('quantity').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partId, t.locationId, t.lot, t.serial] }),
    index('stock_balances_location_idx').on(t.locationId),
    uniqueIndex('stock_balances_serial_once_uq')
      .on(t.partId, t.serial)
      .where(sql`${t.serial} <> '' AND ${t.quantity} > 0`),
    check('stock_balances_quantity_ck', sql`${t.quantity} >= 0`),
    check('stock_balances_serial_ck', sql`${t.serial} = '' OR ${t.quantity} <= 1`),
  ],
);

/** Requisitions (配件领用申请): a technician or a warehouse keeper asks; the head decides; the warehouse issues. */
export const requisitions = pgTable(
  'requisitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown as "LY000123". */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    branchId: uuid('branch_id'),
    requesterId: uuid('requester_id').notNull(),
    requesterName: text('requester_name').notNull(),
    /** job | van */
    purpose: text('purpose').notNull(),
    workOrderId: uuid('work_order_id'),
    workOrderNumber: text('work_order_number').notNull().default(''),
    /** Van stock: the van issued into. */
    targetLocationId: uuid('target_location_id').references(() => stockLocations.id),
    /** Chosen at issue. */
    sourceLocationId: uuid('source_location_id').references(() => stockLocations.id),
    status: text('status').notNull(),
    note: text('note').notNull().default(''),
    /** Client-chosen key of the create request: a retried create acts once. */
    requestId: text('request_id').notNull(),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: tz('decided_at'),
    issuedBy: uuid('issued_by'),
    issuedByName: text('issued_by_name'),
    issuedAt: tz('issued_at'),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    unique('requisitions_request_uq').on(t.requesterId, t.requestId),
    index('requisitions_branch_status_idx').on(t.branchId, t.status, t.createdAt),
    index('requisitions_requester_idx').on(t.requesterId, t.createdAt),
  ],
);

export const requisitionLines = pgTable(
  'requisition_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requisitionId: uuid('requisition_id')
      .notNull()
      .references(() => requisitions.id),
    line: integer('line').notNull(),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    quantity: integer('quantity').notNull(),
    /** pending | approved | rejected */
    decision: text('decision').notNull().default('pending'),
    approvedQuantity: integer('approved_quantity').notNull().default(0),
    rejectReason: text('reject_reason').notNull().default(''),
    issuedQuantity: integer('issued_quantity').notNull().default(0),
    /** Serials handed out for this line (valuable parts). */
    issuedSerials: text('issued_serials').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    unique('requisition_lines_line_uq').on(t.requisitionId, t.line),
    check(
      'requisition_lines_qty_ck',
      sql`${t.quantity} > 0 AND ${t.approvedQuantity} >= 0 AND ${t.approvedQuantity} <= ${t.quantity} AND ${t.issuedQuantity} >= 0 AND ${t.issuedQuantity} <= ${t.approvedQuantity}`,
    ),
  ],
);

/**
 * Stocktakes (库存盘点) of one location: full, or a cycle count of some categories. The book balances are frozen
 * into `stocktake_lines` at creation; approval posts the differences as `adjustment` movements.
 */
export const stocktakes = pgTable(
  'stocktakes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown as "PD000123". */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    locationId: uuid('location_id')
      .notNull()
      .references(() => stockLocations.id),
    /** The location's branch (null: the central warehouse), for scoping. */
    branchId: uuid('branch_id'),
    /** full | cycle */
    scope: text('scope').notNull(),
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    /** counting | submitted | approved | cancelled */
    status: text('status').notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    submittedBy: uuid('submitted_by'),
    submittedByName: text('submitted_by_name'),
    submittedAt: tz('submitted_at'),
    approvedBy: uuid('approved_by'),
    approvedByName: text('approved_by_name'),
    approvedAt: tz('approved_at'),
    cancelledByName: text('cancelled_by_name'),
    cancelledAt: tz('cancelled_at'),
    cancelReason: text('cancel_reason').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('stocktakes_branch_idx').on(t.branchId, t.createdAt),
    index('stocktakes_location_idx').on(t.locationId, t.createdAt),
    /** One open stocktake per location: two would freeze and adjust the same book twice. */
    uniqueIndex('stocktakes_one_open_per_location_uq')
      .on(t.locationId)
      .where(sql`${t.status} IN ('counting', 'submitted')`),
  ],
);

/** One frozen book balance (part, lot, serial) of a stocktake and its count. */
export const stocktakeLines = pgTable(
  'stocktake_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stocktakeId: uuid('stocktake_id')
      .notNull()
      .references(() => stocktakes.id),
    line: integer('line').notNull(),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    lot: text('lot').notNull().default(''),
    serial: text('serial').notNull().default(''),
    expiryDate: date('expiry_date', { mode: 'string' }),
    /** The book balance when the stocktake was created (or re-snapshotted by a recount). */
    snapshotQuantity: integer('snapshot_quantity').notNull(),
    countedQuantity: integer('counted_quantity'),
    countedByName: text('counted_by_name'),
    countedAt: tz('counted_at'),
    /** Average cost frozen at submit. */
    unitCostFen: fen('unit_cost_fen'),
    /** The adjustment posted on approval. */
    movementId: uuid('movement_id'),
  },
  (t) => [
    unique('stocktake_lines_line_uq').on(t.stocktakeId, t.line),
    unique('stocktake_lines_key_uq').on(t.stocktakeId, t.partId, t.lot, t.serial),
    check(
      'stocktake_lines_qty_ck',
      sql`${t.snapshotQuantity} >= 0 AND (${t.countedQuantity} IS NULL OR ${t.countedQuantity} >= 0)`,
    ),
  ],
);
