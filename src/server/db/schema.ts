// Composes every module's tables for drizzle-kit and the typed database handle.

export * from '../modules/identity/identity.schema';
export * from '../platform/jobs/jobs.schema';
