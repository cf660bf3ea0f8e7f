// Composes every module's tables for drizzle-kit and the typed database handle.

export * from '../modules/customers/customers.schema';
export * from '../modules/dispatch/dispatch.schema';
export * from '../modules/field/field.schema';
export * from '../modules/identity/identity.schema';
export * from '../modules/intake/channels/channels.schema';
export * from '../modules/intake/intake.schema';
export * from '../modules/notify/notify.schema';
export * from '../modules/parts/parts.schema';
export * from '../modules/parts/purchasing.schema';
export * from '../platform/http/idempotency.schema';
export * from '../platform/jobs/jobs.schema';
