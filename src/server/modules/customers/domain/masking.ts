import type { CustomerAddress, CustomerPhone } from '@shared/contracts/customers.contract';
import type { Role } from '@shared/domain/roles';

/**
 * Masking of customer data per role: the Privacy table of DOMAIN.md in one place. Pure, no I/O.
 *
 * | role                                    | name   | phone  | address                          |
 * |-----------------------------------------|--------|--------|----------------------------------|
 * | agent                                   | full   | masked | full (they handle intake)        |
 * | dispatcher, head, manager, finance      | masked | masked | district + map point             |
 * | technician (own-jobs window: dispatch)  | masked | hidden | hidden                           |
 * | warehouse, admin, auditor, no actor     | hidden | hidden | hidden                           |
 *
 * The full phone never passes through here: only its stored mask does. The full number comes from the
 * audited reveal (agent) or, for the system (notifications, tracking), from `getContact`.
 * A user with several roles gets, per field, the widest view of their roles.
 */
export type NameView = 'hidden' | 'masked' | 'full';
export type PhoneView = 'hidden' | 'masked';
export type AddressView = 'hidden' | 'district' | 'full';
export interface ContactView {
  name: NameView;
  phone: PhoneView;
  address: AddressView;
}

const HIDDEN: ContactView = { name: 'hidden', phone: 'hidden', address: 'hidden' };
const DISTRICT_ONLY: ContactView = { name: 'masked', phone: 'masked', address: 'district' };

export const ROLE_CONTACT_VIEW: Record<Role, ContactView> = {
  agent: { name: 'full', phone: 'masked', address: 'full' },
  dispatcher: DISTRICT_ONLY,
  head: DISTRICT_ONLY,
  manager: DISTRICT_ONLY,
  finance: DISTRICT_ONLY,
  // Full contact for own jobs from `assigned` until 72 h after `completed` arrives with dispatch.
  technician: { name: 'masked', phone: 'hidden', address: 'hidden' },
  warehouse: HIDDEN,
  admin: HIDDEN,
  auditor: HIDDEN,
};

const NAME_RANK: Record<NameView, number> = { hidden: 0, masked: 1, full: 2 };
const PHONE_RANK: Record<PhoneView, number> = { hidden: 0, masked: 1 };
const ADDRESS_RANK: Record<AddressView, number> = { hidden: 0, district: 1, full: 2 };

function widest<T extends string>(rank: Record<T, number>, values: T[], none: T): T {
  return values.reduce((best, v) => (rank[v] > rank[best] ? v : best), none);
}

/** The view of a set of roles (null = the system or no actor: nothing; callers that need data use getContact). */
export function contactViewFor(roles: readonly Role[] | null | undefined): ContactView {
  const views = (roles ?? []).map((r) => ROLE_CONTACT_VIEW[r]);
  return {
    name: widest(
      NAME_RANK,
      views.map((v) => v.name),
      'hidden',
    ),
    phone: widest(
      PHONE_RANK,
      views.map((v) => v.phone),
      'hidden',
    ),
    address: widest(
      ADDRESS_RANK,
      views.map((v) => v.address),
      'hidden',
    ),
  };
}

export const ANONYMISED_NAME = '已注销客户';
export const ANONYMISED_PHONE_MASK = '***';
export const HIDDEN_NAME = '***';
const TITLES = /^(.)(先生|女士|小姐|阿姨|叔叔|师傅|老师|总|经理)$/u;

/** "王小明" → "王**", "王五" → "王*", "王先生" stays (a title names nobody), "John Smith" → "J***". */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return HIDDEN_NAME;
  if (TITLES.test(name.trim())) return name.trim();
  const first = chars[0] as string;
  if (/^[A-Za-z]$/.test(first)) return `${first}***`;
  return `${first}${'*'.repeat(Math.min(Math.max(chars.length - 1, 1), 3))}`;
}

/** "天河区****": the district stays in clear, the street part never. */
export function maskAddressDetail(district: string): string {
  return `${district}****`;
}

export interface PlainPhone {
  id: string;
  /** The stored mask ("138****1234"); the full number is never an input here. */
  masked: string;
  kind: 'mobile' | 'landline';
  isPrimary: boolean;
}

export interface PlainAddress {
  id: string;
  city: string;
  district: string;
  /** Decrypted street part. */
  detail: string;
  lat: number | null;
  lng: number | null;
  label: string;
}

export interface PlainContact {
  /** Decrypted full name. */
  name: string;
  /** The stored masked name. */
  nameMasked: string;
  phones: PlainPhone[];
  addresses: PlainAddress[];
}

export interface MaskedContact {
  name: string;
  nameMasked: string;
  nameFull: boolean;
  phones: CustomerPhone[];
  addresses: CustomerAddress[];
}

/** THE masking rule: what of a customer's contact data a reader with these roles sees. */
export function maskContact(roles: readonly Role[] | null | undefined, c: PlainContact): MaskedContact {
  const view = contactViewFor(roles);
  const name = view.name === 'full' ? c.name : view.name === 'masked' ? c.nameMasked : HIDDEN_NAME;
  return {
    name,
    nameMasked: view.name === 'hidden' ? HIDDEN_NAME : c.nameMasked,
    nameFull: view.name === 'full',
    phones:
      view.phone === 'hidden'
        ? []
        : c.phones.map((p) => ({ id: p.id, masked: p.masked, kind: p.kind, isPrimary: p.isPrimary })),
    addresses: view.address === 'hidden' ? [] : c.addresses.map((a) => maskAddress(view.address, a)),
  };
}

/** One address at a visible level (`hidden` is treated as `district`: callers drop hidden addresses). */
export function maskAddress(view: AddressView, a: PlainAddress): CustomerAddress {
  const full = view === 'full';
  return {
    id: a.id,
    city: a.city,
    district: a.district,
    detail: full ? a.detail : maskAddressDetail(a.district),
    detailFull: full,
    lat: a.lat,
    lng: a.lng,
    label: a.label,
  };
}

/** One line for lists: "广州市天河区体育西路 1 号" (full) / "广州市天河区****" (district) / null (hidden). */
export function addressLine(view: AddressView, a: Pick<PlainAddress, 'city' | 'district' | 'detail'>): string | null {
  if (view === 'hidden') return null;
  return `${a.city}${a.district}${view === 'full' ? a.detail : '****'}`;
}
