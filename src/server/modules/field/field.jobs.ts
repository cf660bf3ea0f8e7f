import type { JobRunner } from '@server/platform/jobs/jobs';
import './field.events';
import { fireRepairDue } from './use-cases/repair-clock';

/** Registers the field job handlers on the runner (composition root). */
export function registerFieldJobs(jobs: JobRunner): void {
  jobs.register('field.repairDue', fireRepairDue);
}
