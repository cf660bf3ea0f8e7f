import type { DataCipher } from '@server/platform/crypto';
import type { AcUnit, PrivacyRequest } from '@shared/contracts/customers.contract';
import type { REFRIGERANTS, UNIT_TYPES } from '@shared/domain/work-order';
import type { AddressRow, ConsentRow, CustomerRow, PhoneRow, PrivacyRequestRow, UnitRow } from './customers.repository';
import type { PlainAddress, PlainContact, PlainPhone } from './domain/masking';
import { warrantyStatus } from './domain/warranty';

// Rows → contract shapes. Decryption happens here; masking in domain/masking.ts.

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function plainPhone(p: PhoneRow): PlainPhone {
  return { id: p.id, masked: p.phoneMasked, kind: p.kind as PlainPhone['kind'], isPrimary: p.isPrimary };
}

export function plainAddress(cipher: DataCipher, a: AddressRow): PlainAddress {
  return {
    id: a.id,
    city: a.city,
    district: a.district,
    detail: cipher.decrypt(a.detailEnc),
    lat: a.lat,
    lng: a.lng,
    label: a.label,
  };
}

export function plainContact(
  cipher: DataCipher,
  c: CustomerRow,
  phones: readonly PhoneRow[],
  addresses: readonly AddressRow[],
): PlainContact {
  return {
    name: cipher.decrypt(c.nameEnc),
    nameMasked: c.nameMasked,
    phones: phones.map(plainPhone),
    addresses: addresses.map((a) => plainAddress(cipher, a)),
  };
}

export function toUnit(u: UnitRow, now: Date): AcUnit {
  return {
    id: u.id,
    addressId: u.addressId,
    brand: u.brand,
    model: u.model,
    serial: u.serial,
    type: u.type as (typeof UNIT_TYPES)[number],
    refrigerant: u.refrigerant as (typeof REFRIGERANTS)[number],
    installDate: u.installDate,
    warrantyEnd: u.warrantyEnd,
    warrantyStatus: warrantyStatus(u.warrantyEnd, now),
    createdAt: iso(u.createdAt),
  };
}

export function toConsent(c: ConsentRow) {
  return {
    id: c.id,
    purpose: c.purpose as 'service_contact' | 'sms_notifications' | 'privacy_policy',
    granted: c.granted,
    channel: c.channel,
    at: iso(c.at),
  };
}

/** What `privacy_requests.result` holds: who handled it, and for an export the data, encrypted. */
export interface PrivacyResult {
  handledByName?: string | null;
  /** The exported JSON, encrypted like every personal field. */
  exportEnc?: string;
  /** Set when a later deletion wiped the exported data. */
  exportWipedAt?: string;
}

export function privacyResult(r: PrivacyRequestRow): PrivacyResult {
  return r.result && typeof r.result === 'object' ? (r.result as PrivacyResult) : {};
}

export function toPrivacyRequest(r: PrivacyRequestRow, customerNameMasked: string): PrivacyRequest {
  const result = privacyResult(r);
  return {
    id: r.id,
    customerId: r.customerId,
    customerNameMasked,
    kind: r.kind as PrivacyRequest['kind'],
    status: r.status as PrivacyRequest['status'],
    channel: r.channel,
    note: r.note,
    requestedAt: iso(r.requestedAt),
    handledAt: isoOrNull(r.handledAt),
    handledByName: result.handledByName ?? null,
    hasResult: typeof result.exportEnc === 'string',
    version: r.version,
  };
}

/** The request with its exported data decrypted (null unless a completed, unwiped export). */
export function toPrivacyRequestDetail(cipher: DataCipher, r: PrivacyRequestRow, customerNameMasked: string) {
  const result = privacyResult(r);
  return {
    ...toPrivacyRequest(r, customerNameMasked),
    result: typeof result.exportEnc === 'string' ? (JSON.parse(cipher.decrypt(result.exportEnc)) as unknown) : null,
  };
}
