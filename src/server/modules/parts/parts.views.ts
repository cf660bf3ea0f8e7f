import type { Part, Requisition, StockLocation, StockMovement } from '@shared/contracts/parts.contract';
import type {
  LineDecision,
  LocationKind,
  MovementKind,
  PartCategory,
  RequisitionPurpose,
  RequisitionStatus,
} from '@shared/domain/parts';
import type { LocationRow, MovementWithNames, PartRow, RequisitionLineRow, RequisitionRow } from './parts.repository';

/** Valuable (贵重配件): serial-tracked, or a standard cost above the setting `parts.valuableCostFen`. */
export function isValuable(p: Pick<PartRow, 'serialTracked' | 'standardCostFen'>, valuableCostFen: number): boolean {
  return p.serialTracked || p.standardCostFen > valuableCostFen;
}

export function toPart(p: PartRow, valuableCostFen: number): Part {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    spec: p.spec,
    unit: p.unit,
    category: p.category as PartCategory,
    designated: p.designated,
    serialTracked: p.serialTracked,
    lotTracked: p.lotTracked,
    warrantyMonths: p.warrantyMonths,
    standardCostFen: p.standardCostFen,
    avgCostFen: p.avgCostFen,
    compatibleModels: p.compatibleModels,
    active: p.active,
    valuable: isValuable(p, valuableCostFen),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toLocation(l: LocationRow): StockLocation {
  return {
    id: l.id,
    code: l.code,
    name: l.name,
    kind: l.kind as LocationKind,
    branchId: l.branchId,
    technicianId: l.technicianId,
    active: l.active,
    version: l.version,
  };
}

export function toMovement(r: MovementWithNames, reversed: Set<string>): StockMovement {
  const m = r.m;
  return {
    id: m.id,
    seq: m.seq,
    requestId: m.requestId,
    kind: m.kind as MovementKind,
    partId: m.partId,
    partCode: r.partCode,
    partName: r.partName,
    locationId: m.locationId,
    locationCode: r.locationCode,
    lot: m.lot,
    serial: m.serial,
    expiryDate: m.expiryDate,
    quantity: m.quantity,
    unitCostFen: m.unitCostFen,
    valueFen: m.valueFen,
    counterLocationId: m.counterLocationId,
    workOrderId: m.workOrderId,
    workOrderNumber: m.workOrderNumber,
    requisitionId: m.requisitionId,
    reversalOf: m.reversalOf,
    reversed: reversed.has(m.id),
    reason: m.reason,
    note: m.note,
    supplier: m.supplier,
    actorName: m.actorName,
    at: m.at.toISOString(),
  };
}

export function requisitionNumber(seq: number): string {
  return `LY${String(seq).padStart(6, '0')}`;
}

export function toRequisition(
  r: RequisitionRow,
  lines: RequisitionLineRow[],
  partsById: Map<string, PartRow>,
  locations: Map<string, LocationRow>,
  valuableCostFen: number,
): Requisition {
  return {
    id: r.id,
    number: requisitionNumber(r.seq),
    branchId: r.branchId,
    requesterId: r.requesterId,
    requesterName: r.requesterName,
    purpose: r.purpose as RequisitionPurpose,
    workOrderId: r.workOrderId,
    workOrderNumber: r.workOrderNumber,
    targetLocationId: r.targetLocationId,
    targetLocationCode: r.targetLocationId ? (locations.get(r.targetLocationId)?.code ?? null) : null,
    sourceLocationId: r.sourceLocationId,
    status: r.status as RequisitionStatus,
    note: r.note,
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    issuedByName: r.issuedByName,
    issuedAt: r.issuedAt?.toISOString() ?? null,
    lines: lines
      .filter((l) => l.requisitionId === r.id)
      .map((l) => {
        const p = partsById.get(l.partId);
        return {
          id: l.id,
          line: l.line,
          partId: l.partId,
          partCode: p?.code ?? '',
          partName: p?.name ?? '',
          spec: p?.spec ?? '',
          unit: p?.unit ?? '',
          valuable: p ? isValuable(p, valuableCostFen) : false,
          serialTracked: p?.serialTracked ?? false,
          lotTracked: p?.lotTracked ?? false,
          quantity: l.quantity,
          decision: l.decision as LineDecision,
          approvedQuantity: l.approvedQuantity,
          rejectReason: l.rejectReason,
          issuedQuantity: l.issuedQuantity,
          issuedSerials: l.issuedSerials,
        };
      }),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
