import type { JobRunner } from '@server/platform/jobs/jobs';
import './parts.events';
import { runFollowUpSweep } from './use-cases/follow-up-sweep';
import { fireApprovalClock, fireIssueClock } from './use-cases/requisition-clocks';

/** Registers the parts job handlers on the runner (composition root). */
export function registerPartsJobs(jobs: JobRunner): void {
  jobs.register('parts.requisitionApprovalDue', fireApprovalClock);
  jobs.register('parts.requisitionIssueDue', fireIssueClock);
  jobs.register('parts.followUpSweep', runFollowUpSweep);
}
