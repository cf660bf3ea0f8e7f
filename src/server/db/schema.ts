// Composes every module's tables for drizzle-kit and the typed database handle.
export * from '../platform/jobs/jobs.schema';
export * from '../modules/identity/identity.schema';
