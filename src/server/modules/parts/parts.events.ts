// Events and job kinds of the parts module, declared next to their emitter.
import '@server/platform/events/events';
import '@server/platform/jobs/jobs';
import type { PartsAlertKind } from '@shared/contracts/parts-health.contract';

declare module '@server/platform/events/events' {
  interface AppEvents {
    /** A parts alert was raised (a requisition clock ran out, an old part or a valuable unit overdue); once per alert. */
    'parts.alertRaised': {
      alertId: string;
      kind: PartsAlertKind;
      branchId: string | null;
      requisitionId: string | null;
    };
  }
}

declare module '@server/platform/jobs/jobs' {
  interface JobKinds {
    /** The approval deadline of a requisition: an alert if it is still awaiting the head's decision. */
    'parts.requisitionApprovalDue': { requisitionId: string; dueAt: string };
    /** The issue deadline of an approved requisition: an alert if the warehouse has not issued it. */
    'parts.requisitionIssueDue': { requisitionId: string; dueAt: string };
    /** Daily: old parts not returned in time, valuable units too long in a van; re-arms itself for the next day. */
    'parts.followUpSweep': Record<string, never>;
  }
}
