/**
 * Route optimizer (VRPTW with skills): public door. Pure computation, no I/O. See README.md.
 */
export { insertUrgent, solve } from './solve';
export type * from './types';
export { runInWorker, type WorkerSolveOptions } from './worker';
