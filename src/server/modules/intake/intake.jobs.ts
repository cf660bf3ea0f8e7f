import type { JobRunner } from '@server/platform/jobs/jobs';
import './intake.events';
import { fireSlaClock } from './use-cases/fire-sla-clock';

/** Registers the intake job handlers on the runner (composition root). */
export function registerIntakeJobs(jobs: JobRunner): void {
  jobs.register('intake.slaClock', fireSlaClock);
}
