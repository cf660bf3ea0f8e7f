import { z } from 'zod';
import {
  LINE_DECISIONS,
  LOCATION_KINDS,
  MOVEMENT_KINDS,
  PART_CATEGORIES,
  REQUISITION_PURPOSES,
  REQUISITION_STATUSES,
} from '../domain/parts';
import { endpoint, isoDateTime, paged, pageQuery, uuid } from './endpoint';

// Parts (配件), stock locations, the stock ledger (出入库记录) and requisitions (配件领用申请): policy ch. 7.
// Money is integer fen; quantities are whole units of the part's unit.

export const partCategorySchema = z.enum(PART_CATEGORIES);
export const locationKindSchema = z.enum(LOCATION_KINDS);
export const movementKindSchema = z.enum(MOVEMENT_KINDS);
export const requisitionStatusSchema = z.enum(REQUISITION_STATUSES);
export const requisitionPurposeSchema = z.enum(REQUISITION_PURPOSES);
export const lineDecisionSchema = z.enum(LINE_DECISIONS);

const fen = z.number().int().min(0).max(1_000_000_000_00);
const qty = z.number().int().min(1).max(100_000);
const dateOnly = z.iso.date();
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/, { message: 'letters, digits and "-" (2–40)' });
/** A request id chosen by the client for one posting: a retry with the same id acts once. */
export const requestIdSchema = z.string().regex(/^[\x21-\x7e]{8,100}$/, { message: '8–100 visible ASCII characters' });
const lot = z.string().trim().min(1).max(40);
const serial = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$/, { message: 'letters, digits and . _ / -' });
const workOrderNumber = z
  .string()
  .trim()
  .regex(/^WO-\d{8}-\d{4,6}$/, { message: 'WO-YYYYMMDD-NNNN' });
const reason = z.string().trim().min(2).max(200);
const note = z.string().trim().max(500);

// ---------- views ----------

export const partSchema = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  spec: z.string(),
  unit: z.string(),
  category: partCategorySchema,
  designated: z.boolean(),
  serialTracked: z.boolean(),
  lotTracked: z.boolean(),
  warrantyMonths: z.number().int(),
  standardCostFen: z.number().int(),
  /** Weighted average cost (receipts at actual purchase price). */
  avgCostFen: z.number().int(),
  compatibleModels: z.array(z.string()),
  active: z.boolean(),
  /** Needs the serial at issue: serial-tracked, or standard cost above the setting `parts.valuableCostFen`. */
  valuable: z.boolean(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Part = z.infer<typeof partSchema>;

export const stockLevelSchema = z.object({
  locationId: uuid,
  locationCode: z.string(),
  reorderPoint: z.number().int(),
  reorderQuantity: z.number().int(),
  onHand: z.number().int(),
  version: z.number().int(),
});
export const partDetailSchema = partSchema.extend({ levels: z.array(stockLevelSchema) });
export type PartDetail = z.infer<typeof partDetailSchema>;

export const stockLocationSchema = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  kind: locationKindSchema,
  branchId: uuid.nullable(),
  technicianId: uuid.nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type StockLocation = z.infer<typeof stockLocationSchema>;

export const stockMovementSchema = z.object({
  id: uuid,
  seq: z.number().int(),
  requestId: z.string(),
  kind: movementKindSchema,
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  locationId: uuid,
  locationCode: z.string(),
  lot: z.string(),
  serial: z.string(),
  expiryDate: dateOnly.nullable(),
  /** Signed: + into the location, − out of it. */
  quantity: z.number().int(),
  unitCostFen: z.number().int(),
  valueFen: z.number().int(),
  counterLocationId: uuid.nullable(),
  workOrderId: uuid.nullable(),
  workOrderNumber: z.string(),
  requisitionId: uuid.nullable(),
  reversalOf: uuid.nullable(),
  reversed: z.boolean(),
  reason: z.string(),
  note: z.string(),
  supplier: z.string(),
  actorName: z.string(),
  at: isoDateTime,
});
export type StockMovement = z.infer<typeof stockMovementSchema>;

export const postingSchema = z.object({
  requestId: z.string(),
  movements: z.array(stockMovementSchema),
});
export type Posting = z.infer<typeof postingSchema>;

export const stockBalanceSchema = z.object({
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  spec: z.string(),
  unit: z.string(),
  category: partCategorySchema,
  locationId: uuid,
  locationCode: z.string(),
  locationName: z.string(),
  lot: z.string(),
  serial: z.string(),
  expiryDate: dateOnly.nullable(),
  quantity: z.number().int(),
  avgCostFen: z.number().int(),
  valueFen: z.number().int(),
});
export type StockBalance = z.infer<typeof stockBalanceSchema>;

export const locationValueSchema = z.object({
  locationId: uuid,
  locationCode: z.string(),
  locationName: z.string(),
  kind: locationKindSchema,
  quantity: z.number().int(),
  valueFen: z.number().int(),
});

export const reorderAlertSchema = z.object({
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  unit: z.string(),
  locationId: uuid,
  locationCode: z.string(),
  locationName: z.string(),
  onHand: z.number().int(),
  reorderPoint: z.number().int(),
  reorderQuantity: z.number().int(),
});

export const serialHistorySchema = z.object({
  serial: z.string(),
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  /** Where the unit is now (null: issued to a job, returned to the supplier or scrapped). */
  currentLocationId: uuid.nullable(),
  currentLocationCode: z.string().nullable(),
  movements: z.array(stockMovementSchema),
});

export const requisitionLineSchema = z.object({
  id: uuid,
  line: z.number().int(),
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  spec: z.string(),
  unit: z.string(),
  valuable: z.boolean(),
  serialTracked: z.boolean(),
  lotTracked: z.boolean(),
  quantity: z.number().int(),
  decision: lineDecisionSchema,
  approvedQuantity: z.number().int(),
  rejectReason: z.string(),
  issuedQuantity: z.number().int(),
  issuedSerials: z.array(z.string()),
});

export const requisitionSchema = z.object({
  id: uuid,
  number: z.string(),
  branchId: uuid.nullable(),
  requesterId: uuid,
  requesterName: z.string(),
  purpose: requisitionPurposeSchema,
  workOrderId: uuid.nullable(),
  workOrderNumber: z.string(),
  targetLocationId: uuid.nullable(),
  targetLocationCode: z.string().nullable(),
  sourceLocationId: uuid.nullable(),
  status: requisitionStatusSchema,
  note: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  issuedByName: z.string().nullable(),
  issuedAt: isoDateTime.nullable(),
  lines: z.array(requisitionLineSchema),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Requisition = z.infer<typeof requisitionSchema>;

// ---------- catalog ----------

const partParams = z.strictObject({ partId: uuid });
const partFields = {
  name: z.string().trim().min(1).max(60),
  spec: z.string().trim().max(120),
  unit: z.string().trim().min(1).max(8),
  category: partCategorySchema,
  designated: z.boolean(),
  serialTracked: z.boolean(),
  lotTracked: z.boolean(),
  warrantyMonths: z.number().int().min(0).max(120),
  standardCostFen: fen,
  compatibleModels: z.array(z.string().trim().min(1).max(64)).max(100),
};

export const listParts = endpoint({
  operationId: 'listParts',
  method: 'GET',
  path: '/api/parts',
  access: 'parts.read',
  summary: 'The parts catalog: filter by category, text (code, name, spec, compatible model), active',
  tags: ['parts'],
  query: z.strictObject({
    ...pageQuery,
    q: z.string().trim().min(1).max(50).optional(),
    category: partCategorySchema.optional(),
    active: z.enum(['true', 'false', 'all']).optional(),
  }),
  response: paged(partSchema),
});

export const getPart = endpoint({
  operationId: 'getPart',
  method: 'GET',
  path: '/api/parts/:partId',
  access: 'parts.read',
  summary: 'One part with its reorder levels and quantity on hand per visible location',
  tags: ['parts'],
  params: partParams,
  response: partDetailSchema,
});

export const createPart = endpoint({
  operationId: 'createPart',
  method: 'POST',
  path: '/api/parts',
  access: 'parts.manage',
  summary: 'Add a part to the catalog (code unique)',
  tags: ['parts'],
  status: 201,
  body: z.strictObject({ code, ...partFields }),
  response: partDetailSchema,
});

export const updatePart = endpoint({
  operationId: 'updatePart',
  method: 'PATCH',
  path: '/api/parts/:partId',
  access: 'parts.manage',
  summary: 'Edit a part (with version); tracking flags cannot change once the part has movements',
  tags: ['parts'],
  params: partParams,
  body: z.strictObject({
    version: z.number().int().min(1),
    name: partFields.name.optional(),
    spec: partFields.spec.optional(),
    unit: partFields.unit.optional(),
    category: partFields.category.optional(),
    designated: partFields.designated.optional(),
    serialTracked: partFields.serialTracked.optional(),
    lotTracked: partFields.lotTracked.optional(),
    warrantyMonths: partFields.warrantyMonths.optional(),
    standardCostFen: partFields.standardCostFen.optional(),
    compatibleModels: partFields.compatibleModels.optional(),
    active: z.boolean().optional(),
  }),
  response: partDetailSchema,
});

export const setStockLevel = endpoint({
  operationId: 'setStockLevel',
  method: 'PUT',
  path: '/api/parts/:partId/levels/:locationId',
  access: 'parts.manage',
  summary: 'Set the reorder point and quantity of a part at a location (version 0 to create)',
  tags: ['parts'],
  params: z.strictObject({ partId: uuid, locationId: uuid }),
  body: z.strictObject({
    version: z.number().int().min(0),
    reorderPoint: z.number().int().min(0).max(100_000),
    reorderQuantity: z.number().int().min(0).max(100_000),
  }),
  response: partDetailSchema,
});

// ---------- locations ----------

export const listStockLocations = endpoint({
  operationId: 'listStockLocations',
  method: 'GET',
  path: '/api/stock-locations',
  access: 'parts.read',
  summary: 'Stock locations I may see: the central warehouse and my branch’s stores and vans',
  tags: ['parts'],
  query: z.strictObject({
    ...pageQuery,
    kind: locationKindSchema.optional(),
    q: z.string().trim().min(1).max(50).optional(),
  }),
  response: paged(stockLocationSchema),
});

export const createStockLocation = endpoint({
  operationId: 'createStockLocation',
  method: 'POST',
  path: '/api/stock-locations',
  access: 'parts.manage',
  summary: 'Add a location: a branch store or a technician van (code unique; one van per technician)',
  tags: ['parts'],
  status: 201,
  body: z.strictObject({
    code,
    name: z.string().trim().min(1).max(60),
    kind: locationKindSchema,
    branchId: uuid.nullable(),
    technicianId: uuid.optional(),
  }),
  response: stockLocationSchema,
});

export const updateStockLocation = endpoint({
  operationId: 'updateStockLocation',
  method: 'PATCH',
  path: '/api/stock-locations/:locationId',
  access: 'parts.manage',
  summary: 'Rename or (de)activate a location (with version)',
  tags: ['parts'],
  params: z.strictObject({ locationId: uuid }),
  body: z.strictObject({
    version: z.number().int().min(1),
    name: z.string().trim().min(1).max(60).optional(),
    active: z.boolean().optional(),
  }),
  response: stockLocationSchema,
});

// ---------- ledger ----------

const moveBase = { requestId: requestIdSchema, partId: uuid, note: note.optional() };
const unitsOrSerials = {
  quantity: qty.optional(),
  /** Serial-tracked parts: one serial per unit (quantity is then the number of serials). */
  serials: z.array(serial).min(1).max(200).optional(),
  lot: lot.optional(),
};

export const stockMovementInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('receipt'),
    ...moveBase,
    ...unitsOrSerials,
    locationId: uuid,
    unitCostFen: fen,
    expiryDate: dateOnly.optional(),
    supplier: z.string().trim().max(60).optional(),
  }),
  z.strictObject({
    kind: z.literal('transfer'),
    ...moveBase,
    ...unitsOrSerials,
    fromLocationId: uuid,
    toLocationId: uuid,
  }),
  z.strictObject({
    kind: z.literal('issue'),
    ...moveBase,
    ...unitsOrSerials,
    locationId: uuid,
    workOrderId: uuid,
    workOrderNumber: workOrderNumber.optional(),
  }),
  z.strictObject({
    kind: z.literal('return_from_job'),
    ...moveBase,
    ...unitsOrSerials,
    locationId: uuid,
    workOrderId: uuid,
    workOrderNumber: workOrderNumber.optional(),
    expiryDate: dateOnly.optional(),
  }),
  z.strictObject({
    kind: z.literal('return_to_supplier'),
    ...moveBase,
    ...unitsOrSerials,
    locationId: uuid,
    supplier: z.string().trim().max(60).optional(),
    /** The supplier (purchasing) the units go back to: counted as defects in its evaluation. */
    supplierId: uuid.optional(),
    reason,
  }),
  z.strictObject({ kind: z.literal('scrap'), ...moveBase, ...unitsOrSerials, locationId: uuid, reason }),
  z.strictObject({
    kind: z.literal('adjustment'),
    ...moveBase,
    locationId: uuid,
    lot: lot.optional(),
    serial: serial.optional(),
    expiryDate: dateOnly.optional(),
    /** Signed: + found, − missing. */
    delta: z
      .number()
      .int()
      .min(-100_000)
      .max(100_000)
      .refine((n) => n !== 0, { message: 'must not be 0' }),
    reason,
  }),
]);
export type StockMovementInput = z.output<typeof stockMovementInput>;

export const postStockMovement = endpoint({
  operationId: 'postStockMovement',
  method: 'POST',
  path: '/api/stock-movements',
  access: 'stock.move',
  summary:
    'Post a movement: receipt, transfer (out + in), issue to a job, return from a job, return to supplier, scrap, adjustment. Acts once per requestId',
  tags: ['parts'],
  status: 201,
  idempotent: true,
  body: stockMovementInput,
  response: postingSchema,
});

export const reverseStockMovement = endpoint({
  operationId: 'reverseStockMovement',
  method: 'POST',
  path: '/api/stock-movements/:movementId/reverse',
  access: 'stock.move',
  summary: 'Correct a mistake by a reversing movement with a reason (each movement once; a transfer as a pair)',
  tags: ['parts'],
  status: 201,
  idempotent: true,
  params: z.strictObject({ movementId: uuid }),
  body: z.strictObject({ requestId: requestIdSchema, reason }),
  response: postingSchema,
});

export const listStockMovements = endpoint({
  operationId: 'listStockMovements',
  method: 'GET',
  path: '/api/stock-movements',
  access: 'parts.read',
  summary: 'The ledger, newest first: by part, location, kind, work order',
  tags: ['parts'],
  query: z.strictObject({
    ...pageQuery,
    partId: uuid.optional(),
    locationId: uuid.optional(),
    kind: movementKindSchema.optional(),
    workOrderId: uuid.optional(),
  }),
  response: paged(stockMovementSchema),
});

export const getStockBalances = endpoint({
  operationId: 'getStockBalances',
  method: 'GET',
  path: '/api/stock-balances',
  access: 'parts.read',
  summary: 'Stock on hand with value (average cost) per part, location, lot and serial; zero rows left out',
  tags: ['parts'],
  query: z.strictObject({
    ...pageQuery,
    locationId: uuid.optional(),
    partId: uuid.optional(),
    category: partCategorySchema.optional(),
    q: z.string().trim().min(1).max(50).optional(),
  }),
  response: paged(stockBalanceSchema).extend({ totalQuantity: z.number().int(), totalValueFen: z.number().int() }),
});

export const getStockValue = endpoint({
  operationId: 'getStockValue',
  method: 'GET',
  path: '/api/stock-value',
  access: 'parts.read',
  summary: 'Quantity and value on hand per visible location',
  tags: ['parts'],
  response: z.object({ items: z.array(locationValueSchema), totalValueFen: z.number().int() }),
});

export const listReorderAlerts = endpoint({
  operationId: 'listReorderAlerts',
  method: 'GET',
  path: '/api/stock-reorder-alerts',
  access: 'parts.read',
  summary: 'Parts at or below their reorder point at a visible location',
  tags: ['parts'],
  query: z.strictObject({ ...pageQuery, locationId: uuid.optional() }),
  response: paged(reorderAlertSchema),
});

export const getSerialHistory = endpoint({
  operationId: 'getSerialHistory',
  method: 'GET',
  path: '/api/stock-serials/:serial',
  access: 'parts.read',
  summary: 'One serial-numbered unit: receipt, moves, issue to a work order, returns',
  tags: ['parts'],
  params: z.strictObject({ serial }),
  response: z.object({ items: z.array(serialHistorySchema) }),
});

// ---------- requisitions ----------

const requisitionParams = z.strictObject({ requisitionId: uuid });

export const listRequisitions = endpoint({
  operationId: 'listRequisitions',
  method: 'GET',
  path: '/api/requisitions',
  access: 'parts.read',
  summary: 'Requisitions of my branch, newest first (a technician sees their own)',
  tags: ['requisitions'],
  query: z.strictObject({
    ...pageQuery,
    status: z.enum([...REQUISITION_STATUSES, 'open']).optional(),
    mine: z.enum(['true', 'false']).optional(),
  }),
  response: paged(requisitionSchema),
});

export const getRequisition = endpoint({
  operationId: 'getRequisition',
  method: 'GET',
  path: '/api/requisitions/:requisitionId',
  access: 'parts.read',
  summary: 'One requisition with its lines',
  tags: ['requisitions'],
  params: requisitionParams,
  response: requisitionSchema,
});

export const createRequisition = endpoint({
  operationId: 'createRequisition',
  method: 'POST',
  path: '/api/requisitions',
  access: 'requisitions.create',
  summary: 'Ask for parts for a work order or for van stock (acts once per requestId)',
  tags: ['requisitions'],
  status: 201,
  idempotent: true,
  body: z.strictObject({
    requestId: requestIdSchema,
    purpose: requisitionPurposeSchema,
    workOrderId: uuid.optional(),
    workOrderNumber: workOrderNumber.optional(),
    /** Van stock: the van to fill; a technician's own van when left out. */
    targetLocationId: uuid.optional(),
    note: note.optional(),
    lines: z
      .array(z.strictObject({ partId: uuid, quantity: qty }))
      .min(1)
      .max(30),
  }),
  response: requisitionSchema,
});

export const approveRequisition = endpoint({
  operationId: 'approveRequisition',
  method: 'POST',
  path: '/api/requisitions/:requisitionId/decision',
  access: 'requisitions.approve',
  summary: 'Approve or reject each line (partial quantities allowed; a rejection needs a reason)',
  tags: ['requisitions'],
  params: requisitionParams,
  body: z.strictObject({
    version: z.number().int().min(1),
    lines: z
      .array(
        z.strictObject({
          lineId: uuid,
          /** 0 = rejected. */
          approvedQuantity: z.number().int().min(0).max(100_000),
          reason: reason.optional(),
        }),
      )
      .min(1)
      .max(30),
  }),
  response: requisitionSchema,
});

export const issueRequisition = endpoint({
  operationId: 'issueRequisition',
  method: 'POST',
  path: '/api/requisitions/:requisitionId/issue',
  access: 'requisitions.issue',
  summary:
    'Issue what was approved from a store: into the van (transfer) or to the job (issue); valuable parts need serials',
  tags: ['requisitions'],
  status: 200,
  idempotent: true,
  params: requisitionParams,
  body: z.strictObject({
    version: z.number().int().min(1),
    requestId: requestIdSchema,
    sourceLocationId: uuid,
    lines: z
      .array(z.strictObject({ lineId: uuid, serials: z.array(serial).max(200).optional(), lot: lot.optional() }))
      .max(30),
  }),
  response: requisitionSchema,
});

export const cancelRequisition = endpoint({
  operationId: 'cancelRequisition',
  method: 'POST',
  path: '/api/requisitions/:requisitionId/cancel',
  access: 'requisitions.create',
  summary: 'Withdraw my requisition before it is issued',
  tags: ['requisitions'],
  params: requisitionParams,
  body: z.strictObject({ version: z.number().int().min(1) }),
  response: requisitionSchema,
});

export const partsEndpoints = [
  listParts,
  getPart,
  createPart,
  updatePart,
  setStockLevel,
  listStockLocations,
  createStockLocation,
  updateStockLocation,
  postStockMovement,
  reverseStockMovement,
  listStockMovements,
  getStockBalances,
  getStockValue,
  listReorderAlerts,
  getSerialHistory,
  listRequisitions,
  getRequisition,
  createRequisition,
  approveRequisition,
  issueRequisition,
  cancelRequisition,
] as const;
