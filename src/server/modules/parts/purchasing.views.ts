import type {
  PlanLineReasons,
  PurchaseOrder,
  PurchaseOrderStatus,
  Supplier,
  SupplierEvaluation,
} from '@shared/contracts/purchasing.contract';
import type { LocationRow, PartRow } from './parts.repository';
import type { ContractRow, EvaluationRow, OrderLineRow, OrderRow, PlanRow, SupplierRow } from './purchasing.repository';

const numbered = (prefix: string) => (seq: number) => `${prefix}${String(seq).padStart(6, '0')}`;
/** 采购计划 "JH000123". */
export const planNumber = numbered('JH');
/** 采购订单 "CG000123". */
export const orderNumber = numbered('CG');
/** 入库单 "RK000123". */
export const receiptNumber = numbered('RK');

export function toSupplier(s: SupplierRow): Supplier {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    contactName: s.contactName,
    contactPhone: s.contactPhone,
    email: s.email,
    address: s.address,
    creditCode: s.creditCode,
    note: s.note,
    active: s.active,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function toEvaluation(e: EvaluationRow, supplier: SupplierRow | undefined): SupplierEvaluation {
  return {
    id: e.id,
    supplierId: e.supplierId,
    supplierCode: supplier?.code ?? '',
    supplierName: supplier?.name ?? '',
    periodStart: e.periodStart,
    periodEnd: e.periodEnd,
    receivedQuantity: e.receivedQuantity,
    defectQuantity: e.defectQuantity,
    deliveries: e.deliveries,
    deliveriesOnTime: e.deliveriesOnTime,
    priceVsContractBp: e.priceVsContractBp,
    priceVsOthersBp: e.priceVsOthersBp,
    qualityScoreComputed: e.qualityScoreComputed,
    deliveryScoreComputed: e.deliveryScoreComputed,
    priceScoreComputed: e.priceScoreComputed,
    qualityScore: e.qualityScore,
    deliveryScore: e.deliveryScore,
    priceScore: e.priceScore,
    totalScore: e.totalScore,
    edited:
      e.qualityScore !== e.qualityScoreComputed ||
      e.deliveryScore !== e.deliveryScoreComputed ||
      e.priceScore !== e.priceScoreComputed,
    note: e.note,
    computedAt: e.computedAt.toISOString(),
    editedByName: e.editedByName,
    editedAt: e.editedAt?.toISOString() ?? null,
    version: e.version,
  };
}

/** Stored reasons (jsonb) as the contract's shape; a missing field reads as 0 / empty. */
export function toReasons(raw: unknown): PlanLineReasons {
  const r = (raw ?? {}) as Partial<PlanLineReasons>;
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);
  return {
    manual: r.manual === true,
    onHand: n(r.onHand),
    reorderPoint: n(r.reorderPoint),
    reorderQuantity: n(r.reorderQuantity),
    openRequisitions: n(r.openRequisitions),
    onOrder: n(r.onOrder),
    usageWeeks: n(r.usageWeeks),
    weeklyUsage: Array.isArray(r.weeklyUsage) ? r.weeklyUsage.map(n) : [],
    horizonDays: n(r.horizonDays),
    seasonalFactorBp: r.seasonalFactorBp === undefined ? 10_000 : n(r.seasonalFactorBp),
    seasonalSource:
      r.seasonalSource === 'summer' || r.seasonalSource === 'last_year' ? r.seasonalSource : ('none' as const),
    forecast: n(r.forecast),
    projected: n(r.projected),
  };
}

export interface OrderContext {
  suppliers: Map<string, SupplierRow>;
  contracts: Map<string, ContractRow>;
  plans: Map<string, PlanRow>;
  locations: Map<string, LocationRow>;
  parts: Map<string, PartRow>;
  /** The local day per branch (null key = central), to tell overdue orders. */
  todayOf: (branchId: string | null) => string;
}

const WAITING: readonly PurchaseOrderStatus[] = ['open', 'partially_received'];

export function toOrder(o: OrderRow, lines: OrderLineRow[], c: OrderContext): PurchaseOrder {
  const own = lines.filter((l) => l.orderId === o.id);
  const supplier = c.suppliers.get(o.supplierId);
  const loc = c.locations.get(o.locationId);
  const status = o.status as PurchaseOrderStatus;
  return {
    id: o.id,
    number: orderNumber(o.seq),
    planId: o.planId,
    planNumber: o.planId ? planNumber(c.plans.get(o.planId)?.seq ?? 0) : null,
    supplierId: o.supplierId,
    supplierCode: supplier?.code ?? '',
    supplierName: supplier?.name ?? '',
    contractId: o.contractId,
    contractNumber: o.contractId ? (c.contracts.get(o.contractId)?.number ?? null) : null,
    locationId: o.locationId,
    locationCode: loc?.code ?? '',
    locationName: loc?.name ?? '',
    branchId: o.branchId,
    status,
    orderedAt: o.orderedAt.toISOString(),
    expectedOn: o.expectedOn,
    overdue: WAITING.includes(status) && o.expectedOn < c.todayOf(o.branchId),
    note: o.note,
    closeReason: o.closeReason,
    createdByName: o.createdByName,
    lines: own.map((l) => {
      const p = c.parts.get(l.partId);
      return {
        id: l.id,
        line: l.line,
        partId: l.partId,
        partCode: p?.code ?? '',
        partName: p?.name ?? '',
        spec: p?.spec ?? '',
        unit: p?.unit ?? '',
        serialTracked: p?.serialTracked ?? false,
        lotTracked: p?.lotTracked ?? false,
        quantity: l.quantity,
        unitPriceFen: l.unitPriceFen,
        amountFen: l.quantity * l.unitPriceFen,
        receivedQuantity: l.receivedQuantity,
        remainingQuantity: l.quantity - l.receivedQuantity,
      };
    }),
    quantity: own.reduce((s, l) => s + l.quantity, 0),
    receivedQuantity: own.reduce((s, l) => s + l.receivedQuantity, 0),
    totalFen: own.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0),
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
