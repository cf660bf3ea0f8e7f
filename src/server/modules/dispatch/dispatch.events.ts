// Events and job kinds of the dispatch module (assignment side).
import '@server/platform/events/events';
import '@server/platform/jobs/jobs';

export type AssignmentChange =
  | 'assigned'
  | 'reassigned'
  | 'unassigned'
  | 'accepted'
  | 'declined'
  | 'contacted'
  | 'late'
  | 'cancelled';

declare module '@server/platform/events/events' {
  interface AppEvents {
    /** An appointment was made, moved, accepted, declined, ended … (the board and the technician's app refresh). */
    'dispatch.assignmentChanged': {
      assignmentId: string;
      workOrderId: string;
      technicianId: string;
      /** The technician who lost the job in a reassignment (their app refreshes too). */
      previousTechnicianId: string | null;
      branchId: string;
      change: AssignmentChange;
    };
    'dispatch.positionReported': { technicianId: string; branchId: string };
    /** A calendar entry was approved or recorded (the board's shifts change). Also declared in technicians.events.ts. */
    'dispatch.calendarChanged': { technicianId: string; branchId: string; day: string };
  }
}

declare module '@server/platform/jobs/jobs' {
  interface JobKinds {
    /** A dispatch clock of one appointment: contact (30 min after assignment) or arrival (the window's end). */
    'dispatch.clock': { assignmentId: string; clock: 'contact' | 'arrival'; dueAt: string };
    /** At an appointment's planned end: if its order is still open, the technician's next job is checked for lateness. */
    'dispatch.overrunCheck': { assignmentId: string };
    /** Auto-dispatch of a ready order (setting dispatch.autoDispatch). */
    'dispatch.autoAssign': { workOrderId: string };
  }
}
