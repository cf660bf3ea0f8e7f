import type { JobRunner } from '@server/platform/jobs/jobs';
import './dispatch.events';
import { autoAssign, checkOverrun, fireDispatchClock } from './use-cases/dispatch-jobs';

/** Registers the dispatch job handlers on the runner (composition root). */
export function registerDispatchJobs(jobs: JobRunner): void {
  jobs.register('dispatch.clock', fireDispatchClock);
  jobs.register('dispatch.overrunCheck', checkOverrun);
  jobs.register('dispatch.autoAssign', autoAssign);
}
