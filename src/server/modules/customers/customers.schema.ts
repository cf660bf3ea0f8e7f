import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Customers (客户). Personal fields are encrypted at rest (DataCipher, "v1:…"); phones are found through a
 * blind index. A deleted (anonymised) customer keeps its id and statistics, not its personal data.
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Encrypted full name. */
    nameEnc: text('name_enc').notNull(),
    /** Surname + title for masked display, e.g. "王先生" / "王**". */
    nameMasked: text('name_masked').notNull(),
    /** Blind index of the normalised full name: exact-name search without decrypting. */
    nameIndex: text('name_index').notNull(),
    firstChannel: text('first_channel').notNull(),
    note: text('note').notNull().default(''),
    anonymisedAt: tz('anonymised_at'),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [index('customers_name_idx').on(t.nameIndex)],
);

export const customerPhones = pgTable(
  'customer_phones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    phoneEnc: text('phone_enc').notNull(),
    /** HMAC of the normalised number: unique, so one phone belongs to one customer (dedupe). */
    phoneIndex: text('phone_index').notNull().unique(),
    /** "138****1234" or "020-****5678". */
    phoneMasked: text('phone_masked').notNull(),
    kind: text('kind').notNull(), // mobile | landline
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [index('customer_phones_customer_idx').on(t.customerId)],
);

export const customerAddresses = pgTable(
  'customer_addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** 区 (e.g. 天河区): kept in clear for routing, backlog and statistics. */
    city: text('city').notNull(),
    district: text('district').notNull(),
    /** Encrypted street address (street, building, room). */
    detailEnc: text('detail_enc').notNull(),
    /** Map point (WGS-84 degrees), for dispatch; approximate is fine. */
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    label: text('label').notNull().default(''),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [index('customer_addresses_customer_idx').on(t.customerId)],
);

export const acUnits = pgTable(
  'ac_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    addressId: uuid('address_id').references(() => customerAddresses.id),
    brand: text('brand').notNull(),
    model: text('model').notNull(),
    serial: text('serial').notNull().default(''),
    /** split_wall | cabinet | ceiling | ducted | vrf | window | unknown */
    type: text('type').notNull(),
    /** R22 | R410A | R32 | R290 | unknown */
    refrigerant: text('refrigerant').notNull().default('unknown'),
    installDate: date('install_date', { mode: 'string' }),
    warrantyEnd: date('warranty_end', { mode: 'string' }),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [index('ac_units_customer_idx').on(t.customerId)],
);

export const customerConsents = pgTable(
  'customer_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** service_contact | sms_notifications | privacy_policy */
    purpose: text('purpose').notNull(),
    granted: boolean('granted').notNull(),
    channel: text('channel').notNull(),
    at: tz('at').notNull(),
  },
  (t) => [index('customer_consents_customer_idx').on(t.customerId)],
);

export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** export | delete */
    kind: text('kind').notNull(),
    /** open | done | rejected */
    status: text('status').notNull().default('open'),
    channel: text('channel').notNull(),
    note: text('note').notNull().default(''),
    requestedAt: tz('requested_at').notNull(),
    handledBy: uuid('handled_by'),
    handledAt: tz('handled_at'),
    result: jsonb('result'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('privacy_requests_status_idx').on(t.status, t.requestedAt)],
);
