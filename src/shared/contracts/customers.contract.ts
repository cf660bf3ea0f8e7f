import { z } from 'zod';
import { CHANNELS, REFRIGERANTS, UNIT_TYPES } from '../domain/work-order';
import { endpoint, isoDateTime, paged, pageQuery, uuid } from './endpoint';

// Customers (客户), their phones, addresses, AC units, consents and privacy requests (policy ch. 2, 9.2).
// Personal data is masked per the Privacy table of DOMAIN.md: every response here is already masked for the
// caller's roles; the full phone or address only comes from `revealCustomerContact` (audited, with a reason).

export const channelSchema = z.enum(CHANNELS);
export const unitTypeSchema = z.enum(UNIT_TYPES);
export const refrigerantSchema = z.enum(REFRIGERANTS);
export const phoneKindSchema = z.enum(['mobile', 'landline']);
export const WARRANTY_STATUSES = ['in_warranty', 'expired', 'unknown'] as const;
export const warrantyStatusSchema = z.enum(WARRANTY_STATUSES);
export const CONSENT_PURPOSES = ['service_contact', 'sms_notifications', 'privacy_policy'] as const;
export const consentPurposeSchema = z.enum(CONSENT_PURPOSES);
export const PRIVACY_REQUEST_KINDS = ['export', 'delete'] as const;
export const privacyRequestKindSchema = z.enum(PRIVACY_REQUEST_KINDS);
export const PRIVACY_REQUEST_STATUSES = ['open', 'done', 'rejected'] as const;
export const privacyRequestStatusSchema = z.enum(PRIVACY_REQUEST_STATUSES);

// ---------- inputs (shared by the forms and the server) ----------

/** A customer's name as typed: 1–32 characters after trimming. */
export const customerNameInput = z.string().trim().min(1).max(32);
/**
 * A phone as typed ("138 1234 5678", "+86 13812345678", "020-38881234"). The server parses it with
 * `parsePhone` (src/shared/domain/phone.ts) and answers a field error `invalid_phone` when it is neither a
 * mainland mobile (1[3-9] + 9 digits) nor a landline with area code.
 */
export const phoneInput = z.string().trim().min(1).max(32);
const latSchema = z.number().min(-90).max(90);
const lngSchema = z.number().min(-180).max(180);
const dateOnly = z.iso.date();

export const addressInput = z.strictObject({
  city: z.string().trim().min(1).max(32),
  /** 区/县, e.g. 天河区: kept in clear for routing and statistics. */
  district: z.string().trim().min(1).max(32),
  /** Street, building, room: encrypted at rest. */
  detail: z.string().trim().min(1).max(200),
  lat: latSchema.optional(),
  lng: lngSchema.optional(),
  /** 家 / 公司 / … */
  label: z.string().trim().max(16).optional(),
});
export type AddressInput = z.output<typeof addressInput>;

export const acUnitInput = z.strictObject({
  /** The address the unit is installed at (one of the customer's). */
  addressId: uuid.optional(),
  brand: z.string().trim().min(1).max(32),
  /** The model as on the nameplate, or "unknown". */
  model: z.string().trim().min(1).max(64),
  serial: z.string().trim().max(64).optional(),
  type: unitTypeSchema,
  refrigerant: refrigerantSchema.optional(),
  installDate: dateOnly.optional(),
  warrantyEnd: dateOnly.optional(),
});
export type AcUnitInput = z.output<typeof acUnitInput>;

// ---------- views (already masked for the caller) ----------

export const customerPhoneSchema = z.object({
  id: uuid,
  /** Always masked here: "138****1234", "020-****5678"; "***" once anonymised. */
  masked: z.string(),
  kind: phoneKindSchema,
  isPrimary: z.boolean(),
});
export type CustomerPhone = z.infer<typeof customerPhoneSchema>;

export const customerAddressSchema = z.object({
  id: uuid,
  city: z.string(),
  district: z.string(),
  /** Full for roles that handle intake (agent); otherwise masked like "天河区****". */
  detail: z.string(),
  /** True when `detail` is the full street address. */
  detailFull: z.boolean(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  label: z.string(),
});
export type CustomerAddress = z.infer<typeof customerAddressSchema>;

export const acUnitSchema = z.object({
  id: uuid,
  addressId: uuid.nullable(),
  brand: z.string(),
  model: z.string(),
  serial: z.string(),
  type: unitTypeSchema,
  refrigerant: refrigerantSchema,
  installDate: dateOnly.nullable(),
  warrantyEnd: dateOnly.nullable(),
  /** From warrantyEnd and today's date in Asia/Shanghai: unknown when no warranty end is on file. */
  warrantyStatus: warrantyStatusSchema,
  createdAt: isoDateTime,
});
export type AcUnit = z.infer<typeof acUnitSchema>;

export const consentSchema = z.object({
  id: uuid,
  purpose: consentPurposeSchema,
  granted: z.boolean(),
  channel: z.string(),
  at: isoDateTime,
});

export const privacyRequestSchema = z.object({
  id: uuid,
  customerId: uuid,
  /** The customer's masked name ("王**"), or "已注销客户" once anonymised. */
  customerNameMasked: z.string(),
  kind: privacyRequestKindSchema,
  status: privacyRequestStatusSchema,
  channel: z.string(),
  note: z.string(),
  requestedAt: isoDateTime,
  handledAt: isoDateTime.nullable(),
  handledByName: z.string().nullable(),
  /** An export that is done and still downloadable (wiped when the customer is later deleted). */
  hasResult: z.boolean(),
  version: z.number().int(),
});
export type PrivacyRequest = z.infer<typeof privacyRequestSchema>;

/** One privacy request with its result: the exported data (decrypted) for a completed export, else null. */
export const privacyRequestDetailSchema = privacyRequestSchema.extend({ result: z.unknown().nullable() });

/** A customer in a list: masked per the caller's roles. `name` is full for agents, masked for others. */
export const customerSummarySchema = z.object({
  id: uuid,
  name: z.string(),
  nameMasked: z.string(),
  /** Empty for roles that may not see phones at all. */
  phones: z.array(customerPhoneSchema),
  /** Empty for roles that may not see addresses at all. */
  addresses: z.array(customerAddressSchema),
  unitsCount: z.number().int(),
  anonymised: z.boolean(),
  createdAt: isoDateTime,
});
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

/** The customer card: everything on file, masked per the caller's roles. */
export const customerCardSchema = z.object({
  id: uuid,
  name: z.string(),
  nameMasked: z.string(),
  /** True when `name` is the full name. */
  nameFull: z.boolean(),
  firstChannel: z.string(),
  note: z.string(),
  anonymised: z.boolean(),
  anonymisedAt: isoDateTime.nullable(),
  phones: z.array(customerPhoneSchema),
  addresses: z.array(customerAddressSchema),
  units: z.array(acUnitSchema),
  consents: z.array(consentSchema),
  privacyRequests: z.array(privacyRequestSchema),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  version: z.number().int(),
});
export type CustomerCard = z.infer<typeof customerCardSchema>;

/** What a reveal returns: the full values asked for (each reveal is an audit event with its reason). */
export const revealedContactSchema = z.object({
  customerId: uuid,
  name: z.string(),
  phone: z.object({ id: uuid, number: z.string(), kind: phoneKindSchema }).nullable(),
  address: z
    .object({
      id: uuid,
      city: z.string(),
      district: z.string(),
      detail: z.string(),
      /** city + district + detail, ready to read out or paste into a map. */
      text: z.string(),
      lat: z.number().nullable(),
      lng: z.number().nullable(),
    })
    .nullable(),
});
export type RevealedContact = z.infer<typeof revealedContactSchema>;

const customerParams = z.strictObject({ customerId: uuid });

// ---------- customers ----------

export const searchCustomers = endpoint({
  operationId: 'searchCustomers',
  method: 'GET',
  path: '/api/customers',
  access: 'customers.read',
  summary:
    'Find customers by a full phone number (blind index) or an exact full name; without q, the newest customers. Masked.',
  tags: ['customers'],
  query: z.strictObject({ ...pageQuery, q: z.string().trim().max(64).optional() }),
  response: paged(customerSummarySchema),
  personalData: true,
});

export const getCustomer = endpoint({
  operationId: 'getCustomer',
  method: 'GET',
  path: '/api/customers/:customerId',
  access: 'customers.read',
  summary: 'The customer card: phones, addresses, AC units with warranty status, consents, privacy requests (masked)',
  tags: ['customers'],
  params: customerParams,
  response: customerCardSchema,
  personalData: true,
});

export const createCustomer = endpoint({
  operationId: 'createCustomer',
  method: 'POST',
  path: '/api/customers',
  access: 'customers.manage',
  summary: 'Create a customer with a phone (and an address); a phone already on file answers 409 with its customerId',
  tags: ['customers'],
  status: 201,
  body: z.strictObject({
    name: customerNameInput,
    phone: phoneInput,
    channel: channelSchema,
    address: addressInput.optional(),
    note: z.string().trim().max(500).optional(),
  }),
  response: customerCardSchema,
  personalData: true,
});

export const updateCustomer = endpoint({
  operationId: 'updateCustomer',
  method: 'PATCH',
  path: '/api/customers/:customerId',
  access: 'customers.manage',
  summary: 'Edit the name or note; `version` guards against stale edits',
  tags: ['customers'],
  params: customerParams,
  body: z.strictObject({
    version: z.number().int().min(1),
    name: customerNameInput.optional(),
    note: z.string().trim().max(500).optional(),
  }),
  response: customerCardSchema,
  personalData: true,
});

export const addCustomerPhone = endpoint({
  operationId: 'addCustomerPhone',
  method: 'POST',
  path: '/api/customers/:customerId/phones',
  access: 'customers.manage',
  summary: "Add a phone to a customer; a phone on file (this or another customer's) answers 409 with its customerId",
  tags: ['customers'],
  status: 201,
  params: customerParams,
  body: z.strictObject({ phone: phoneInput, isPrimary: z.boolean().optional() }),
  response: customerPhoneSchema,
});

export const addCustomerAddress = endpoint({
  operationId: 'addCustomerAddress',
  method: 'POST',
  path: '/api/customers/:customerId/addresses',
  access: 'customers.manage',
  summary: 'Add an address (city, district, detail, map point) to a customer',
  tags: ['customers'],
  status: 201,
  params: customerParams,
  body: addressInput,
  response: customerAddressSchema,
  personalData: true,
});

export const addAcUnit = endpoint({
  operationId: 'addAcUnit',
  method: 'POST',
  path: '/api/customers/:customerId/units',
  access: 'customers.manage',
  summary: 'Add an AC unit (brand, model, serial, type, refrigerant, install date, warranty end) to a customer',
  tags: ['customers'],
  status: 201,
  params: customerParams,
  body: acUnitInput,
  response: acUnitSchema,
});

export const recordCustomerConsent = endpoint({
  operationId: 'recordCustomerConsent',
  method: 'POST',
  path: '/api/customers/:customerId/consents',
  access: 'customers.manage',
  summary: "Record a customer's consent (or its withdrawal) for a purpose, with the channel it was given on",
  tags: ['customers'],
  status: 201,
  params: customerParams,
  body: z.strictObject({ purpose: consentPurposeSchema, granted: z.boolean(), channel: channelSchema }),
  response: consentSchema,
});

export const revealCustomerContact = endpoint({
  operationId: 'revealCustomerContact',
  method: 'POST',
  path: '/api/customers/:customerId/reveal',
  access: 'customers.reveal',
  summary:
    'Show the full phone and/or address, with a reason; audited (customer.contact.revealed). Neither id given: the primary phone.',
  tags: ['customers'],
  params: customerParams,
  body: z.strictObject({
    reason: z.string().trim().min(2).max(200),
    phoneId: uuid.optional(),
    addressId: uuid.optional(),
  }),
  response: revealedContactSchema,
  personalData: true,
});

// ---------- privacy requests ----------

export const createPrivacyRequest = endpoint({
  operationId: 'createPrivacyRequest',
  method: 'POST',
  path: '/api/customers/:customerId/privacy-requests',
  access: 'privacy.manage',
  summary:
    "Record a customer's request for a copy (export) or deletion of their data, taken by staff (e.g. on the hotline)",
  tags: ['privacy'],
  status: 201,
  params: customerParams,
  body: z.strictObject({
    kind: privacyRequestKindSchema,
    channel: channelSchema,
    note: z.string().trim().max(500).optional(),
  }),
  response: privacyRequestSchema,
});

export const listPrivacyRequests = endpoint({
  operationId: 'listPrivacyRequests',
  method: 'GET',
  path: '/api/privacy-requests',
  access: 'privacy.manage',
  summary: 'Privacy requests (export / delete), open first by default; filtered and paginated',
  tags: ['privacy'],
  query: z.strictObject({
    ...pageQuery,
    status: privacyRequestStatusSchema.optional(),
    kind: privacyRequestKindSchema.optional(),
    customerId: uuid.optional(),
  }),
  response: paged(privacyRequestSchema),
});

export const getPrivacyRequest = endpoint({
  operationId: 'getPrivacyRequest',
  method: 'GET',
  path: '/api/privacy-requests/:requestId',
  access: 'privacy.manage',
  summary: 'One privacy request; a completed export carries the data (each download is audited)',
  tags: ['privacy'],
  params: z.strictObject({ requestId: uuid }),
  response: privacyRequestDetailSchema,
  personalData: true,
});

export const handlePrivacyRequest = endpoint({
  operationId: 'handlePrivacyRequest',
  method: 'POST',
  path: '/api/privacy-requests/:requestId/handle',
  access: 'privacy.manage',
  summary:
    'Complete (export: the data as JSON in `result`; delete: anonymise the customer) or reject (note required) an open request',
  tags: ['privacy'],
  params: z.strictObject({ requestId: uuid }),
  body: z.strictObject({
    action: z.enum(['complete', 'reject']),
    /** Required (2+ characters) to reject; optional otherwise. */
    note: z.string().trim().max(500),
    version: z.number().int().min(1),
  }),
  response: privacyRequestDetailSchema,
  personalData: true,
});

export const customersEndpoints = [
  searchCustomers,
  getCustomer,
  createCustomer,
  updateCustomer,
  addCustomerPhone,
  addCustomerAddress,
  addAcUnit,
  recordCustomerConsent,
  revealCustomerContact,
  createPrivacyRequest,
  listPrivacyRequests,
  getPrivacyRequest,
  handlePrivacyRequest,
] as const;
