import { z } from 'zod';
import { PART_CATEGORIES } from '../domain/parts';
import { endpoint, isoDateTime, paged, pageQuery, uuid } from './endpoint';

// Stocktakes (库存盘点): policy ch. 7, issue 5 "Stocktakes and stock health". A stocktake freezes the book balances
// of one location at creation, takes counts, and on approval posts the differences as `adjustment` ledger rows.

/** counting → submitted → approved; counting | submitted → cancelled; submitted → counting (recount). */
export const STOCKTAKE_STATUSES = ['counting', 'submitted', 'approved', 'cancelled'] as const;
export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];
/** full: every part at the location; cycle: the parts of some categories. */
export const STOCKTAKE_SCOPES = ['full', 'cycle'] as const;
export type StocktakeScope = (typeof STOCKTAKE_SCOPES)[number];

export const stocktakeStatusSchema = z.enum(STOCKTAKE_STATUSES);
const categorySchema = z.enum(PART_CATEGORIES);

export const stocktakeLineSchema = z.object({
  id: uuid,
  line: z.number().int(),
  partId: uuid,
  partCode: z.string(),
  partName: z.string(),
  spec: z.string(),
  unit: z.string(),
  category: categorySchema,
  lot: z.string(),
  serial: z.string(),
  expiryDate: z.iso.date().nullable(),
  /** The book balance frozen when the stocktake was created. */
  snapshotQuantity: z.number().int(),
  /** null until counted. */
  countedQuantity: z.number().int().nullable(),
  /** counted − snapshot; null until counted. */
  differenceQuantity: z.number().int().nullable(),
  /** The average cost the difference is valued at: frozen at submit (before that: the current average). */
  unitCostFen: z.number().int(),
  differenceValueFen: z.number().int().nullable(),
  countedByName: z.string().nullable(),
  countedAt: isoDateTime.nullable(),
  /** The adjustment posted for this line on approval. */
  movementId: uuid.nullable(),
});

export const stocktakeReportSchema = z.object({
  lines: z.number().int(),
  linesCounted: z.number().int(),
  /** Counted lines whose count equals the snapshot. */
  linesMatching: z.number().int(),
  /** linesMatching / linesCounted in basis points (10000 = 100 %), rounded down; null before any count. */
  accuracyBasisPoints: z.number().int().nullable(),
  /** Sum of the positive differences' value (fen, ≥ 0). */
  gainValueFen: z.number().int(),
  /** Sum of the negative differences' value (fen, ≤ 0, signed like the ledger). */
  lossValueFen: z.number().int(),
  netValueFen: z.number().int(),
});

export const stocktakeSchema = z.object({
  id: uuid,
  /** "PD000123". */
  number: z.string(),
  locationId: uuid,
  locationCode: z.string(),
  locationName: z.string(),
  branchId: uuid.nullable(),
  scope: z.enum(STOCKTAKE_SCOPES),
  categories: z.array(categorySchema),
  status: stocktakeStatusSchema,
  note: z.string(),
  createdByName: z.string(),
  submittedByName: z.string().nullable(),
  submittedAt: isoDateTime.nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: isoDateTime.nullable(),
  cancelledByName: z.string().nullable(),
  cancelledAt: isoDateTime.nullable(),
  cancelReason: z.string(),
  report: stocktakeReportSchema,
  lines: z.array(stocktakeLineSchema),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Stocktake = z.infer<typeof stocktakeSchema>;
export const stocktakeSummarySchema = stocktakeSchema.omit({ lines: true });
export type StocktakeSummary = z.infer<typeof stocktakeSummarySchema>;

const params = z.strictObject({ stocktakeId: uuid });
const version = z.number().int().min(1);

export const listStocktakes = endpoint({
  operationId: 'listStocktakes',
  method: 'GET',
  path: '/api/stocktakes',
  access: 'parts.read',
  summary: 'Stocktakes of the locations I may see, newest first (with the accuracy report, without lines)',
  tags: ['stocktakes'],
  query: z.strictObject({
    ...pageQuery,
    status: stocktakeStatusSchema.optional(),
    locationId: uuid.optional(),
  }),
  response: paged(stocktakeSummarySchema),
});

export const getStocktake = endpoint({
  operationId: 'getStocktake',
  method: 'GET',
  path: '/api/stocktakes/:stocktakeId',
  access: 'parts.read',
  summary: 'One stocktake: its frozen snapshot, counts, differences and accuracy report',
  tags: ['stocktakes'],
  params,
  response: stocktakeSchema,
});

export const startStocktake = endpoint({
  operationId: 'startStocktake',
  method: 'POST',
  path: '/api/stocktakes',
  access: 'parts.manage',
  summary: 'Start a stocktake of one location (full, or a cycle count by category): freezes the book balances',
  tags: ['stocktakes'],
  status: 201,
  idempotent: true,
  body: z.strictObject({
    locationId: uuid,
    scope: z.enum(STOCKTAKE_SCOPES),
    /** Cycle counts only: the categories to count. */
    categories: z.array(categorySchema).min(1).max(PART_CATEGORIES.length).optional(),
    note: z.string().trim().max(500).optional(),
  }),
  response: stocktakeSchema,
});

export const recordCounts = endpoint({
  operationId: 'recordCounts',
  method: 'PUT',
  path: '/api/stocktakes/:stocktakeId/counts',
  access: 'stock.move',
  summary: 'Enter (or re-enter) counted quantities per line while counting (with version)',
  tags: ['stocktakes'],
  params,
  body: z.strictObject({
    version,
    counts: z
      .array(z.strictObject({ lineId: uuid, countedQuantity: z.number().int().min(0).max(100_000) }))
      .min(1)
      .max(1000),
  }),
  response: stocktakeSchema,
});

export const submitStocktake = endpoint({
  operationId: 'submitStocktake',
  method: 'POST',
  path: '/api/stocktakes/:stocktakeId/submit',
  access: 'stock.move',
  summary: 'Submit the counts (every line counted): differences are valued at the current average cost',
  tags: ['stocktakes'],
  params,
  body: z.strictObject({ version }),
  response: stocktakeSchema,
});

export const approveStocktake = endpoint({
  operationId: 'approveStocktake',
  method: 'POST',
  path: '/api/stocktakes/:stocktakeId/approve',
  access: 'parts.manage',
  summary:
    'Approve a submitted stocktake (not your own submission): posts the differences as adjustments, once; refused when the book moved since the snapshot',
  tags: ['stocktakes'],
  idempotent: true,
  params,
  body: z.strictObject({ version }),
  response: stocktakeSchema,
});

export const recountStocktake = endpoint({
  operationId: 'recountStocktake',
  method: 'POST',
  path: '/api/stocktakes/:stocktakeId/recount',
  access: 'parts.manage',
  summary:
    'Send a submitted stocktake back to counting: lines whose book moved are re-snapshotted and their counts cleared',
  tags: ['stocktakes'],
  params,
  body: z.strictObject({ version }),
  response: stocktakeSchema,
});

export const cancelStocktake = endpoint({
  operationId: 'cancelStocktake',
  method: 'POST',
  path: '/api/stocktakes/:stocktakeId/cancel',
  access: 'parts.manage',
  summary: 'Cancel a stocktake that is not approved (nothing is posted)',
  tags: ['stocktakes'],
  params,
  body: z.strictObject({ version, reason: z.string().trim().min(2).max(200) }),
  response: stocktakeSchema,
});

export const stocktakesEndpoints = [
  listStocktakes,
  getStocktake,
  startStocktake,
  recordCounts,
  submitStocktake,
  approveStocktake,
  recountStocktake,
  cancelStocktake,
] as const;
