// Events and job kinds of the field module.
import '@server/platform/events/events';
import '@server/platform/jobs/jobs';

declare module '@server/platform/events/events' {
  interface AppEvents {
    /** A visit moved (a step, a skip, consent, completion, an office edit, a closure): screens refresh. */
    'field.visitChanged': {
      visitId: string;
      workOrderId: string;
      technicianId: string;
      branchId: string;
      step: string;
    };
  }
}

declare module '@server/platform/jobs/jobs' {
  interface JobKinds {
    /**
     * The repair's deadline (simple fault: arrival + sla.simpleRepairMinutes; complex: the expected finish): if the
     * visit is still open and its deadline did not move, dispatch is alerted (once per deadline).
     */
    'field.repairDue': { visitId: string; dueAt: string };
  }
}
