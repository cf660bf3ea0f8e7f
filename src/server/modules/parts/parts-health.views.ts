import type {
  OldPartReturn,
  OldPartReturnStatus,
  PartsAlert,
  PartsAlertKind,
} from '@shared/contracts/parts-health.contract';
import { requisitionNumber } from './parts.views';
import type { PartsAlertRow, ReturnWithNames } from './parts-health.repository';

export const oldPartReturnNumber = (seq: number) => `JJ${String(seq).padStart(6, '0')}`;

export function toOldPartReturn(x: ReturnWithNames, now: Date): OldPartReturn {
  const r = x.r;
  return {
    id: r.id,
    number: oldPartReturnNumber(r.seq),
    branchId: r.branchId,
    partId: r.partId,
    partCode: x.partCode,
    partName: x.partName,
    unit: x.unit,
    requisitionId: r.requisitionId,
    requisitionNumber: x.requisitionSeq === null ? null : requisitionNumber(x.requisitionSeq),
    workOrderId: r.workOrderId,
    workOrderNumber: r.workOrderNumber,
    technicianId: r.technicianId,
    technicianName: r.technicianName,
    newSerial: r.newSerial,
    status: r.status as OldPartReturnStatus,
    dueAt: r.dueAt.toISOString(),
    overdue: r.status === 'pending' && r.dueAt.getTime() < now.getTime(),
    oldSerial: r.oldSerial,
    note: r.note,
    receivedLocationId: r.receivedLocationId,
    receivedLocationCode: x.receivedLocationCode,
    closedByName: r.closedByName,
    closedAt: r.closedAt?.toISOString() ?? null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function toPartsAlert(a: PartsAlertRow): PartsAlert {
  const d = (a.details ?? {}) as Record<string, unknown>;
  return {
    id: a.id,
    kind: a.kind as PartsAlertKind,
    branchId: a.branchId,
    dueAt: str(d.dueAt),
    raisedAt: a.raisedAt.toISOString(),
    requisitionId: a.requisitionId,
    requisitionNumber: str(d.requisitionNumber),
    requesterName: str(d.requesterName),
    oldPartReturnId: str(d.oldPartReturnId),
    oldPartReturnNumber: str(d.oldPartReturnNumber),
    partId: str(d.partId),
    partCode: str(d.partCode),
    partName: str(d.partName),
    serial: str(d.serial),
    quantity: typeof d.quantity === 'number' ? d.quantity : null,
    locationId: str(d.locationId),
    locationCode: str(d.locationCode),
    technicianId: str(d.technicianId),
    technicianName: str(d.technicianName),
    workOrderNumber: str(d.workOrderNumber),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedByName: a.acknowledgedByName,
  };
}
