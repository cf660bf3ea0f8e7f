import { z } from 'zod';
import { PART_CATEGORIES } from '../domain/parts';
import { endpoint, isoDateTime, paged, pageQuery, uuid } from './endpoint';
import { requestIdSchema, stockMovementSchema } from './parts.contract';

// Purchasing (采购): suppliers (供应商) with contracts (采购合同) and evaluations (供应商评价), purchase plans
// (采购计划) proposed from the stock data, purchase orders (采购订单) per supplier and receipts against them
// (到货入库). Policy ch. 7, issue 5. Money is integer fen; dates without time are the branch's calendar days.

export const SUPPLIER_CONTRACT_STATUSES = ['active', 'terminated'] as const;
export type SupplierContractStatus = (typeof SUPPLIER_CONTRACT_STATUSES)[number];

/** draft → submitted → approved → ordered; submitted → rejected; draft | submitted | approved → cancelled. */
export const PURCHASE_PLAN_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'ordered', 'cancelled'] as const;
export type PurchasePlanStatus = (typeof PURCHASE_PLAN_STATUSES)[number];

/** open → partially_received → received; open → cancelled (nothing received); partially_received → closed. */
export const PURCHASE_ORDER_STATUSES = ['open', 'partially_received', 'received', 'cancelled', 'closed'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

/** The file types a contract scan may have (checked against the bytes, not only the declared type). */
export const CONTRACT_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ContractFileType = (typeof CONTRACT_FILE_TYPES)[number];
/** At most 5 MB decoded. */
export const CONTRACT_FILE_MAX_BYTES = 5 * 1024 * 1024;

const fen = z.number().int().min(0).max(1_000_000_000_00);
const qty = z.number().int().min(1).max(100_000);
const dateOnly = z.iso.date();
const version = z.number().int().min(1);
const note = z.string().trim().max(500);
const reason = z.string().trim().min(2).max(200);
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/, { message: 'letters, digits and "-" (2–40)' });
const lot = z.string().trim().min(1).max(40);
const serial = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$/, { message: 'letters, digits and . _ / -' });

// ---------- views ----------

export const supplierSchema = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  contactName: z.string(),
  /** A business contact's phone (not customer data). */
  contactPhone: z.string(),
  email: z.string(),
  address: z.string(),
  creditCode: z.string(),
  note: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Supplier = z.infer<typeof supplierSchema>;

export const supplierSummarySchema = supplierSchema.extend({
  /** Active contracts whose period covers today. */
  currentContracts: z.number().int(),
  /** The total score of the latest evaluated period (null: never evaluated). */
  latestTotalScore: z.number().int().nullable(),
  latestPeriodEnd: dateOnly.nullable(),
});
export type SupplierSummary = z.infer<typeof supplierSummarySchema>;

export const contractPriceSchema = z.object({
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  spec: z.string(),
  unit: z.string(),
  unitPriceFen: z.number().int(),
});

export const contractFileInfoSchema = z.object({
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedByName: z.string(),
  uploadedAt: isoDateTime,
});

export const supplierContractSchema = z.object({
  id: uuid,
  supplierId: uuid,
  supplierCode: z.string(),
  supplierName: z.string(),
  number: z.string(),
  startsOn: dateOnly,
  endsOn: dateOnly,
  deliveryDays: z.number().int(),
  warrantyTerms: z.string(),
  paymentTerms: z.string(),
  status: z.enum(SUPPLIER_CONTRACT_STATUSES),
  /** Active and its period covers today. */
  current: z.boolean(),
  note: z.string(),
  prices: z.array(contractPriceSchema),
  file: contractFileInfoSchema.nullable(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type SupplierContract = z.infer<typeof supplierContractSchema>;

export const supplierEvaluationSchema = z.object({
  id: uuid,
  supplierId: uuid,
  supplierCode: z.string(),
  supplierName: z.string(),
  periodStart: dateOnly,
  periodEnd: dateOnly,
  /** Units received from the supplier in the period (ledger receipts naming it). */
  receivedQuantity: z.number().int(),
  /** Units returned to the supplier in the period (ledger returns naming it). */
  defectQuantity: z.number().int(),
  /** Deliveries (receipts against its orders) and those on or before the order's expected date. */
  deliveries: z.number().int(),
  deliveriesOnTime: z.number().int(),
  /** Paid ÷ contract price, basis points (10000 = at contract); null without contract prices. */
  priceVsContractBp: z.number().int().nullable(),
  /** Its contract prices ÷ the cheapest other supplier's for the same parts, basis points; null: no comparison. */
  priceVsOthersBp: z.number().int().nullable(),
  qualityScoreComputed: z.number().int(),
  deliveryScoreComputed: z.number().int(),
  priceScoreComputed: z.number().int(),
  qualityScore: z.number().int(),
  deliveryScore: z.number().int(),
  priceScore: z.number().int(),
  /** quality 40 % + delivery 30 % + price 30 %, of the (possibly edited) scores. */
  totalScore: z.number().int(),
  /** Some score differs from the computed one (edited by the head). */
  edited: z.boolean(),
  note: z.string(),
  computedAt: isoDateTime,
  editedByName: z.string().nullable(),
  editedAt: isoDateTime.nullable(),
  version: z.number().int(),
});
export type SupplierEvaluation = z.infer<typeof supplierEvaluationSchema>;

export const supplierDetailSchema = supplierSchema.extend({
  contracts: z.array(supplierContractSchema),
  /** Newest period first, at most 12. */
  evaluations: z.array(supplierEvaluationSchema),
});
export type SupplierDetail = z.infer<typeof supplierDetailSchema>;

/** Why a plan line asks for its quantity: the numbers the proposal used. */
export const planLineReasonsSchema = z.object({
  /** Added by hand (no proposal numbers). */
  manual: z.boolean(),
  onHand: z.number().int(),
  reorderPoint: z.number().int(),
  reorderQuantity: z.number().int(),
  /** Submitted and approved-not-issued requisition quantities of the location's branch. */
  openRequisitions: z.number().int(),
  /** Ordered and not yet received on open purchase orders for the location. */
  onOrder: z.number().int(),
  usageWeeks: z.number().int(),
  /** Net usage (issues − returns from jobs) per week, oldest first. */
  weeklyUsage: z.array(z.number().int()),
  horizonDays: z.number().int(),
  /** 10000 = ×1. */
  seasonalFactorBp: z.number().int(),
  /** none | summer (the ×1.5 default for capacitors, fan motors, refrigerants in Jun–Sep) | last_year. */
  seasonalSource: z.enum(['none', 'summer', 'last_year']),
  /** Expected usage over the horizon (rounded up). */
  forecast: z.number().int(),
  /** onHand + onOrder − openRequisitions − forecast. */
  projected: z.number().int(),
});
export type PlanLineReasons = z.infer<typeof planLineReasonsSchema>;

export const purchasePlanLineSchema = z.object({
  id: uuid,
  line: z.number().int(),
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  spec: z.string(),
  unit: z.string(),
  category: z.enum(PART_CATEGORIES),
  suggestedQuantity: z.number().int(),
  quantity: z.number().int(),
  supplierId: uuid.nullable(),
  supplierName: z.string().nullable(),
  contractId: uuid.nullable(),
  contractNumber: z.string().nullable(),
  unitPriceFen: z.number().int(),
  amountFen: z.number().int(),
  reasons: planLineReasonsSchema,
});

export const orderRefSchema = z.object({
  id: uuid,
  number: z.string(),
  supplierId: uuid,
  supplierName: z.string(),
  status: z.enum(PURCHASE_ORDER_STATUSES),
  totalFen: z.number().int(),
});

export const purchasePlanSchema = z.object({
  id: uuid,
  /** "JH000123". */
  number: z.string(),
  locationId: uuid,
  locationCode: z.string(),
  locationName: z.string(),
  branchId: uuid.nullable(),
  status: z.enum(PURCHASE_PLAN_STATUSES),
  basis: z.object({
    usageWeeks: z.number().int(),
    horizonDays: z.number().int(),
    /** The branch's calendar day the proposal was made. */
    proposedOn: dateOnly,
  }),
  note: z.string(),
  createdBy: uuid,
  createdByName: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  rejectReason: z.string(),
  lines: z.array(purchasePlanLineSchema),
  totalFen: z.number().int(),
  orders: z.array(orderRefSchema),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type PurchasePlan = z.infer<typeof purchasePlanSchema>;
export const purchasePlanSummarySchema = purchasePlanSchema
  .omit({ lines: true })
  .extend({ lineCount: z.number().int() });
export type PurchasePlanSummary = z.infer<typeof purchasePlanSummarySchema>;

export const purchaseOrderLineSchema = z.object({
  id: uuid,
  line: z.number().int(),
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  spec: z.string(),
  unit: z.string(),
  serialTracked: z.boolean(),
  lotTracked: z.boolean(),
  quantity: z.number().int(),
  unitPriceFen: z.number().int(),
  amountFen: z.number().int(),
  receivedQuantity: z.number().int(),
  remainingQuantity: z.number().int(),
});

export const purchaseReceiptSchema = z.object({
  id: uuid,
  /** "RK000123". */
  number: z.string(),
  orderId: uuid,
  orderNumber: z.string(),
  supplierId: uuid,
  supplierName: z.string(),
  requestId: z.string(),
  onTime: z.boolean(),
  quantity: z.number().int(),
  valueFen: z.number().int(),
  note: z.string(),
  receivedByName: z.string(),
  receivedAt: isoDateTime,
  movements: z.array(stockMovementSchema),
});
export type PurchaseReceipt = z.infer<typeof purchaseReceiptSchema>;

export const purchaseOrderSchema = z.object({
  id: uuid,
  /** "CG000123". */
  number: z.string(),
  planId: uuid.nullable(),
  planNumber: z.string().nullable(),
  supplierId: uuid,
  supplierCode: z.string(),
  supplierName: z.string(),
  contractId: uuid.nullable(),
  contractNumber: z.string().nullable(),
  locationId: uuid,
  locationCode: z.string(),
  locationName: z.string(),
  branchId: uuid.nullable(),
  status: z.enum(PURCHASE_ORDER_STATUSES),
  orderedAt: isoDateTime,
  expectedOn: dateOnly,
  /** Still waiting for goods after the expected day. */
  overdue: z.boolean(),
  note: z.string(),
  closeReason: z.string(),
  createdByName: z.string(),
  lines: z.array(purchaseOrderLineSchema),
  quantity: z.number().int(),
  receivedQuantity: z.number().int(),
  totalFen: z.number().int(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type PurchaseOrder = z.infer<typeof purchaseOrderSchema>;
export const purchaseOrderDetailSchema = purchaseOrderSchema.extend({
  receipts: z.array(purchaseReceiptSchema.omit({ movements: true })),
});
export type PurchaseOrderDetail = z.infer<typeof purchaseOrderDetailSchema>;

// ---------- suppliers ----------

const supplierParams = z.strictObject({ supplierId: uuid });
const supplierFields = {
  name: z.string().trim().min(1).max(80),
  contactName: z.string().trim().max(40),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{0,30}$/, { message: 'digits, spaces and + - ( )' }),
  email: z.union([z.literal(''), z.email().max(120)]),
  address: z.string().trim().max(200),
  /** 统一社会信用代码: 18 characters (digits and capital letters), or empty. */
  creditCode: z
    .string()
    .trim()
    .regex(/^([0-9A-Z]{18})?$/, { message: '18 digits or capital letters' }),
  note,
};

export const listSuppliers = endpoint({
  operationId: 'listSuppliers',
  method: 'GET',
  path: '/api/suppliers',
  access: 'parts.read',
  summary: 'Suppliers by code: search (code, name, contact), active filter; current contracts and latest total score',
  tags: ['purchasing'],
  query: z.strictObject({
    ...pageQuery,
    q: z.string().trim().min(1).max(50).optional(),
    active: z.enum(['true', 'false', 'all']).optional(),
  }),
  response: paged(supplierSummarySchema),
});

export const getSupplier = endpoint({
  operationId: 'getSupplier',
  method: 'GET',
  path: '/api/suppliers/:supplierId',
  access: 'parts.read',
  summary: 'One supplier: contacts, contracts with prices and file, recent evaluations',
  tags: ['purchasing'],
  params: supplierParams,
  response: supplierDetailSchema,
});

export const createSupplier = endpoint({
  operationId: 'createSupplier',
  method: 'POST',
  path: '/api/suppliers',
  access: 'purchasing.manage',
  summary: 'Add a supplier (code unique, stored upper case)',
  tags: ['purchasing'],
  status: 201,
  body: z.strictObject({
    code,
    name: supplierFields.name,
    contactName: supplierFields.contactName.optional(),
    contactPhone: supplierFields.contactPhone.optional(),
    email: supplierFields.email.optional(),
    address: supplierFields.address.optional(),
    creditCode: supplierFields.creditCode.optional(),
    note: note.optional(),
  }),
  response: supplierDetailSchema,
});

export const updateSupplier = endpoint({
  operationId: 'updateSupplier',
  method: 'PATCH',
  path: '/api/suppliers/:supplierId',
  access: 'purchasing.manage',
  summary: 'Edit a supplier or (de)activate it (with version)',
  tags: ['purchasing'],
  params: supplierParams,
  body: z.strictObject({
    version,
    name: supplierFields.name.optional(),
    contactName: supplierFields.contactName.optional(),
    contactPhone: supplierFields.contactPhone.optional(),
    email: supplierFields.email.optional(),
    address: supplierFields.address.optional(),
    creditCode: supplierFields.creditCode.optional(),
    note: note.optional(),
    active: z.boolean().optional(),
  }),
  response: supplierDetailSchema,
});

// ---------- contracts ----------

const contractParams = z.strictObject({ contractId: uuid });
const prices = z
  .array(z.strictObject({ partId: uuid, unitPriceFen: fen }))
  .min(1)
  .max(500);

export const createSupplierContract = endpoint({
  operationId: 'createSupplierContract',
  method: 'POST',
  path: '/api/suppliers/:supplierId/contracts',
  access: 'purchasing.manage',
  summary: 'Add a purchase contract: number, period, delivery days, warranty and payment terms, prices per part',
  tags: ['purchasing'],
  status: 201,
  params: supplierParams,
  body: z.strictObject({
    number: code,
    startsOn: dateOnly,
    endsOn: dateOnly,
    deliveryDays: z.number().int().min(0).max(365),
    warrantyTerms: z.string().trim().max(1000).optional(),
    paymentTerms: z.string().trim().max(500).optional(),
    note: note.optional(),
    prices,
  }),
  response: supplierContractSchema,
});

export const updateSupplierContract = endpoint({
  operationId: 'updateSupplierContract',
  method: 'PATCH',
  path: '/api/supplier-contracts/:contractId',
  access: 'purchasing.manage',
  summary: 'Edit a contract (with version); prices, when given, replace the whole price list; terminate it',
  tags: ['purchasing'],
  params: contractParams,
  body: z.strictObject({
    version,
    startsOn: dateOnly.optional(),
    endsOn: dateOnly.optional(),
    deliveryDays: z.number().int().min(0).max(365).optional(),
    warrantyTerms: z.string().trim().max(1000).optional(),
    paymentTerms: z.string().trim().max(500).optional(),
    note: note.optional(),
    status: z.enum(SUPPLIER_CONTRACT_STATUSES).optional(),
    prices: prices.optional(),
  }),
  response: supplierContractSchema,
});

export const uploadSupplierContractFile = endpoint({
  operationId: 'uploadSupplierContractFile',
  method: 'PUT',
  path: '/api/supplier-contracts/:contractId/file',
  access: 'purchasing.manage',
  summary: 'Attach the signed contract (PDF, JPEG or PNG whose bytes match, at most 5 MB, base64); replaces the last',
  tags: ['purchasing'],
  params: contractParams,
  body: z.strictObject({
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .regex(/^[^\\/:*?"<>|\p{Cc}]+$/u, { message: 'a plain file name' }),
    contentType: z.enum(CONTRACT_FILE_TYPES),
    dataBase64: z.string().min(8).max(7_000_000),
  }),
  bodyLimit: 7_200_000,
  response: supplierContractSchema,
});

export const getSupplierContractFile = endpoint({
  operationId: 'getSupplierContractFile',
  method: 'GET',
  path: '/api/supplier-contracts/:contractId/file',
  access: 'parts.read',
  summary: 'The attached contract file (attachment, private, no-store, nosniff); none attached answers 404',
  tags: ['purchasing'],
  params: contractParams,
  /** Binary: application/pdf | image/jpeg | image/png, Content-Disposition attachment. */
  response: z.any().describe('file'),
});

// ---------- evaluations ----------

const period = { periodStart: dateOnly, periodEnd: dateOnly };

export const computeSupplierEvaluations = endpoint({
  operationId: 'computeSupplierEvaluations',
  method: 'POST',
  path: '/api/supplier-evaluations/compute',
  access: 'purchasing.manage',
  summary:
    'Compute (or refresh) the evaluation of every supplier with activity in a period from the ledger and receipts; edited scores are kept',
  tags: ['purchasing'],
  body: z.strictObject(period),
  response: z.object({ items: z.array(supplierEvaluationSchema) }),
});

export const updateSupplierEvaluation = endpoint({
  operationId: 'updateSupplierEvaluation',
  method: 'PATCH',
  path: '/api/supplier-evaluations/:evaluationId',
  access: 'purchasing.approve',
  summary: 'Adjust the scores of an evaluation with a note (with version); the computed scores stay beside them',
  tags: ['purchasing'],
  params: z.strictObject({ evaluationId: uuid }),
  body: z.strictObject({
    version,
    qualityScore: z.number().int().min(0).max(100).optional(),
    deliveryScore: z.number().int().min(0).max(100).optional(),
    priceScore: z.number().int().min(0).max(100).optional(),
    note: reason,
  }),
  response: supplierEvaluationSchema,
});

export const listSupplierRanking = endpoint({
  operationId: 'listSupplierRanking',
  method: 'GET',
  path: '/api/supplier-ranking',
  access: 'parts.read',
  summary: 'Suppliers of one evaluated period by total score (the latest period when none is given), with figures',
  tags: ['purchasing'],
  query: z.strictObject({ periodStart: dateOnly.optional(), periodEnd: dateOnly.optional() }),
  response: z.object({
    periodStart: dateOnly.nullable(),
    periodEnd: dateOnly.nullable(),
    items: z.array(supplierEvaluationSchema.extend({ rank: z.number().int() })),
    /** Evaluated periods, newest first (at most 24). */
    periods: z.array(z.object(period)),
  }),
});

// ---------- purchase plans ----------

const planParams = z.strictObject({ planId: uuid });

export const listPurchasePlans = endpoint({
  operationId: 'listPurchasePlans',
  method: 'GET',
  path: '/api/purchase-plans',
  access: 'parts.read',
  summary: 'Purchase plans of the locations I may see, newest first',
  tags: ['purchasing'],
  query: z.strictObject({
    ...pageQuery,
    status: z.enum(PURCHASE_PLAN_STATUSES).optional(),
    locationId: uuid.optional(),
  }),
  response: paged(purchasePlanSummarySchema),
});

export const getPurchasePlan = endpoint({
  operationId: 'getPurchasePlan',
  method: 'GET',
  path: '/api/purchase-plans/:planId',
  access: 'parts.read',
  summary: 'One purchase plan with its lines, their reasons and the orders made from it',
  tags: ['purchasing'],
  params: planParams,
  response: purchasePlanSchema,
});

export const createPurchasePlan = endpoint({
  operationId: 'createPurchasePlan',
  method: 'POST',
  path: '/api/purchase-plans',
  access: 'purchasing.manage',
  summary:
    'Propose a purchase plan for a receiving location from reorder points, open requisitions, recent usage and the season (acts once per requestId)',
  tags: ['purchasing'],
  status: 201,
  idempotent: true,
  body: z.strictObject({
    requestId: requestIdSchema,
    locationId: uuid,
    /** Weeks of usage to look at (default 8). */
    usageWeeks: z.number().int().min(1).max(52).optional(),
    /** Days the plan should cover (default 30). */
    horizonDays: z.number().int().min(1).max(180).optional(),
    note: note.optional(),
  }),
  response: purchasePlanSchema,
});

export const updatePurchasePlan = endpoint({
  operationId: 'updatePurchasePlan',
  method: 'PUT',
  path: '/api/purchase-plans/:planId',
  access: 'purchasing.manage',
  summary:
    'Edit a draft plan (with version): the full list of lines — quantities, supplier per line; parts left out are removed, new parts added',
  tags: ['purchasing'],
  params: planParams,
  body: z.strictObject({
    version,
    note: note.optional(),
    lines: z
      .array(
        z.strictObject({
          partId: uuid,
          quantity: z.number().int().min(0).max(100_000),
          /** Left out: keep the line's supplier (new line: the cheapest current contract); null: none. */
          supplierId: uuid.nullable().optional(),
        }),
      )
      .max(500),
  }),
  response: purchasePlanSchema,
});

export const submitPurchasePlan = endpoint({
  operationId: 'submitPurchasePlan',
  method: 'POST',
  path: '/api/purchase-plans/:planId/submit',
  access: 'purchasing.manage',
  summary: 'Submit a draft plan for approval (at least one line to order)',
  tags: ['purchasing'],
  params: planParams,
  body: z.strictObject({ version }),
  response: purchasePlanSchema,
});

export const decidePurchasePlan = endpoint({
  operationId: 'decidePurchasePlan',
  method: 'POST',
  path: '/api/purchase-plans/:planId/decision',
  access: 'purchasing.approve',
  summary: 'Approve or reject a submitted plan (a rejection needs a reason; nobody approves a plan they created)',
  tags: ['purchasing'],
  params: planParams,
  body: z.strictObject({ version, decision: z.enum(['approve', 'reject']), reason: reason.optional() }),
  response: purchasePlanSchema,
});

export const cancelPurchasePlan = endpoint({
  operationId: 'cancelPurchasePlan',
  method: 'POST',
  path: '/api/purchase-plans/:planId/cancel',
  access: 'purchasing.manage',
  summary: 'Drop a plan that is not ordered yet (draft, submitted or approved), with a reason',
  tags: ['purchasing'],
  params: planParams,
  body: z.strictObject({ version, reason }),
  response: purchasePlanSchema,
});

export const orderPurchasePlan = endpoint({
  operationId: 'orderPurchasePlan',
  method: 'POST',
  path: '/api/purchase-plans/:planId/order',
  access: 'purchasing.manage',
  summary:
    'Turn an approved plan into one purchase order per supplier (lines with a quantity); a line without a supplier blocks it. Acts once',
  tags: ['purchasing'],
  idempotent: true,
  params: planParams,
  body: z.strictObject({ version }),
  response: purchasePlanSchema,
});

// ---------- purchase orders ----------

const orderParams = z.strictObject({ orderId: uuid });

export const listPurchaseOrders = endpoint({
  operationId: 'listPurchaseOrders',
  method: 'GET',
  path: '/api/purchase-orders',
  access: 'parts.read',
  summary: 'Purchase orders of the locations I may see, newest first: by status, supplier, plan, overdue',
  tags: ['purchasing'],
  query: z.strictObject({
    ...pageQuery,
    status: z.enum([...PURCHASE_ORDER_STATUSES, 'pending']).optional(),
    supplierId: uuid.optional(),
    planId: uuid.optional(),
    locationId: uuid.optional(),
    overdue: z.enum(['true']).optional(),
  }),
  response: paged(purchaseOrderSchema),
});

export const getPurchaseOrder = endpoint({
  operationId: 'getPurchaseOrder',
  method: 'GET',
  path: '/api/purchase-orders/:orderId',
  access: 'parts.read',
  summary: 'One purchase order: lines with quantities received, its receipts',
  tags: ['purchasing'],
  params: orderParams,
  response: purchaseOrderDetailSchema,
});

export const createPurchaseOrder = endpoint({
  operationId: 'createPurchaseOrder',
  method: 'POST',
  path: '/api/purchase-orders',
  access: 'purchasing.manage',
  summary:
    'Order from a supplier by hand (no plan): prices default to its current contract; expected day = today + delivery days',
  tags: ['purchasing'],
  status: 201,
  idempotent: true,
  body: z.strictObject({
    supplierId: uuid,
    locationId: uuid,
    expectedOn: dateOnly.optional(),
    note: note.optional(),
    lines: z
      .array(z.strictObject({ partId: uuid, quantity: qty, unitPriceFen: fen.optional() }))
      .min(1)
      .max(200),
  }),
  response: purchaseOrderDetailSchema,
});

export const cancelPurchaseOrder = endpoint({
  operationId: 'cancelPurchaseOrder',
  method: 'POST',
  path: '/api/purchase-orders/:orderId/cancel',
  access: 'purchasing.manage',
  summary: 'Cancel an order nothing was received on yet',
  tags: ['purchasing'],
  params: orderParams,
  body: z.strictObject({ version, reason }),
  response: purchaseOrderDetailSchema,
});

export const closePurchaseOrder = endpoint({
  operationId: 'closePurchaseOrder',
  method: 'POST',
  path: '/api/purchase-orders/:orderId/close',
  access: 'purchasing.manage',
  summary: 'Short-close a partially received order: the rest will not come (with a reason)',
  tags: ['purchasing'],
  params: orderParams,
  body: z.strictObject({ version, reason }),
  response: purchaseOrderDetailSchema,
});

export const receivePurchaseOrder = endpoint({
  operationId: 'receivePurchaseOrder',
  method: 'POST',
  path: '/api/purchase-orders/:orderId/receipts',
  access: 'stock.move',
  summary:
    'Receive goods against an order (partial allowed, more than ordered refused): receipts at the order price with lots / serials. Acts once per requestId',
  tags: ['purchasing'],
  status: 201,
  idempotent: true,
  params: orderParams,
  body: z.strictObject({
    requestId: requestIdSchema,
    note: note.optional(),
    lines: z
      .array(
        z.strictObject({
          orderLineId: uuid,
          quantity: qty.optional(),
          /** Serial-tracked parts: one serial per unit. */
          serials: z.array(serial).min(1).max(200).optional(),
          /** Lot-tracked parts: the lot and its expiry date (one entry per lot). */
          lot: lot.optional(),
          expiryDate: dateOnly.optional(),
        }),
      )
      .min(1)
      .max(100),
  }),
  response: z.object({ receipt: purchaseReceiptSchema, order: purchaseOrderDetailSchema }),
});

export const purchasingEndpoints = [
  listSuppliers,
  getSupplier,
  createSupplier,
  updateSupplier,
  createSupplierContract,
  updateSupplierContract,
  uploadSupplierContractFile,
  getSupplierContractFile,
  computeSupplierEvaluations,
  updateSupplierEvaluation,
  listSupplierRanking,
  listPurchasePlans,
  getPurchasePlan,
  createPurchasePlan,
  updatePurchasePlan,
  submitPurchasePlan,
  decidePurchasePlan,
  cancelPurchasePlan,
  orderPurchasePlan,
  listPurchaseOrders,
  getPurchaseOrder,
  createPurchaseOrder,
  cancelPurchaseOrder,
  closePurchaseOrder,
  receivePurchaseOrder,
] as const;
