import { type CustomerSummary, maskAddressDetail, type UnitInfo } from '@server/modules/customers';
import type { workOrderDetailSchema } from '@shared/contracts/intake.contract';
import {
  type AlertKind,
  type ClockName,
  type FaultCategory,
  type FaultCode,
  OPEN_STATUSES,
  type TimelineEntry,
  type WorkOrderAlert,
  type WorkOrderAttachment,
  type WorkOrderSummary,
} from '@shared/contracts/intake.contract';
import { FULL_MOBILE_PATTERN, maskPhone } from '@shared/domain/phone';
import type { Channel, Priority, UnitType, WorkOrderStatus } from '@shared/domain/work-order';
import type { z } from 'zod';
import type {
  AlertListRow,
  AttachmentInfo,
  FaultCategoryRow,
  FaultCodeRow,
  TimelineRow,
  WorkOrderRow,
} from './intake.repository';

export const iso = (d: Date) => d.toISOString();

/** Free text may carry a typed mobile number: shown masked like every phone (138****1234). */
export function maskMobilesIn(text: string): string {
  return text.replace(FULL_MOBILE_PATTERN, (m) => maskPhone(m));
}
/** The same for every string inside a JSON value (timeline and alert details carry the customer's own words). */
export function maskMobilesDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskMobilesIn(value);
  if (Array.isArray(value)) return value.map(maskMobilesDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskMobilesDeep(v)]));
  }
  return value;
}
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function isOpen(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/**
 * The order's customer as the reader may see them: customers' masked summary, narrowed to the order's phone and
 * address. The full street address stays only while the order is open (agent); after that it is masked too.
 */
export function orderCustomer(order: WorkOrderRow, summary: CustomerSummary | undefined) {
  if (!summary) {
    return { id: order.customerId, name: '***', nameMasked: '***', phone: null, address: null, anonymised: false };
  }
  const phone = summary.phones.find((p) => p.id === order.phoneId) ?? null;
  const address = summary.addresses.find((a) => a.id === order.addressId) ?? null;
  const keepFull = address?.detailFull === true && isOpen(order.status);
  return {
    id: summary.id,
    name: summary.name,
    nameMasked: summary.nameMasked,
    phone: phone ? { id: phone.id, masked: phone.masked, kind: phone.kind } : null,
    address: address
      ? {
          id: address.id,
          city: address.city,
          district: address.district,
          detail: keepFull || !address.detailFull ? address.detail : maskAddressDetail(address.district),
          detailFull: keepFull,
          lat: address.lat,
          lng: address.lng,
        }
      : null,
    anonymised: summary.anonymised,
  };
}

export function toSummary(
  order: WorkOrderRow,
  summary: CustomerSummary | undefined,
  flags: { openAlerts: number; overdue: boolean; sla?: { clock: ClockName; dueAt: Date } | null | undefined },
): WorkOrderSummary {
  return {
    id: order.id,
    number: order.number,
    branchId: order.branchId,
    status: order.status as WorkOrderStatus,
    channel: order.channel as Channel,
    priority: order.priority as Priority,
    faultCategory: order.faultCategory as WorkOrderSummary['faultCategory'],
    faultCodeId: order.faultCodeId,
    description: maskMobilesIn(order.description),
    district: order.district,
    customer: orderCustomer(order, summary),
    unit: { id: order.unitId, brand: order.unitBrand, model: order.unitModel, type: order.unitType as UnitType },
    preferredWindow:
      order.preferredStart && order.preferredEnd
        ? { start: iso(order.preferredStart), end: iso(order.preferredEnd) }
        : null,
    estimatedAt: iso(order.estimatedAt),
    overdue: flags.overdue,
    openAlerts: flags.openAlerts,
    slaClock: flags.sla?.clock ?? null,
    slaDueAt: flags.sla ? iso(flags.sla.dueAt) : null,
    createdAt: iso(order.createdAt),
    statusChangedAt: iso(order.statusChangedAt),
    updatedAt: iso(order.updatedAt),
    version: order.version,
  };
}

export function toUnitView(order: WorkOrderRow, info: UnitInfo | null): z.infer<typeof workOrderDetailSchema>['unit'] {
  if (info) {
    return {
      id: info.id,
      brand: info.brand,
      model: info.model,
      type: info.type,
      serial: info.serial,
      refrigerant: info.refrigerant,
      installDate: info.installDate,
      warrantyEnd: info.warrantyEnd,
      warrantyStatus: info.warrantyStatus,
    };
  }
  return {
    id: order.unitId,
    brand: order.unitBrand,
    model: order.unitModel,
    type: order.unitType as UnitType,
    serial: '',
    refrigerant: 'unknown',
    installDate: null,
    warrantyEnd: null,
    warrantyStatus: 'unknown',
  };
}

export function toTimeline(row: TimelineRow): TimelineEntry {
  return {
    id: row.id,
    at: iso(row.at),
    actorId: row.actorId,
    actorName: row.actorName,
    kind: row.kind as TimelineEntry['kind'],
    event: row.event,
    fromStatus: (row.fromStatus as WorkOrderStatus | null) ?? null,
    toStatus: (row.toStatus as WorkOrderStatus | null) ?? null,
    reason: row.reason === null ? null : maskMobilesIn(row.reason),
    details: maskMobilesDeep(row.details ?? null),
  };
}

export function toAlert(r: AlertListRow): WorkOrderAlert {
  return {
    id: r.alert.id,
    workOrderId: r.alert.workOrderId,
    workOrderNumber: r.number,
    workOrderStatus: r.status as WorkOrderStatus,
    priority: r.priority as Priority,
    district: r.district,
    branchId: r.alert.branchId,
    kind: r.alert.kind as AlertKind,
    clock: (r.alert.clock as ClockName | null) ?? null,
    dueAt: iso(r.alert.dueAt),
    firedAt: iso(r.alert.firedAt),
    details: maskMobilesDeep(r.alert.details ?? null),
    acknowledgedAt: isoOrNull(r.alert.acknowledgedAt),
    acknowledgedByName: r.alert.acknowledgedByName,
  };
}

export function toAttachment(row: AttachmentInfo): WorkOrderAttachment {
  return { id: row.id, kind: row.kind, contentType: row.contentType, size: row.size, createdAt: iso(row.createdAt) };
}

export function toFaultCode(row: FaultCodeRow): FaultCode {
  return {
    id: row.id,
    brand: row.brand,
    code: row.code,
    categoryCode: row.categoryCode as FaultCode['categoryCode'],
    meaningZh: row.meaningZh,
    meaningEn: row.meaningEn,
    complexity: row.complexity as FaultCode['complexity'],
    requiredSkills: row.requiredSkills as FaultCode['requiredSkills'],
    standardMinutes: row.standardMinutes,
    likelyParts: row.likelyParts,
    version: row.version,
  };
}

export function toCategory(row: FaultCategoryRow, codes: FaultCodeRow[]): FaultCategory {
  return {
    code: row.code as FaultCategory['code'],
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    complexity: row.complexity as FaultCategory['complexity'],
    requiredSkills: row.requiredSkills as FaultCategory['requiredSkills'],
    standardMinutes: row.standardMinutes,
    difficulty: row.difficulty,
    likelyParts: row.likelyParts,
    sort: row.sort,
    active: row.active,
    version: row.version,
    codes: codes.filter((c) => c.categoryCode === row.code).map(toFaultCode),
  };
}
