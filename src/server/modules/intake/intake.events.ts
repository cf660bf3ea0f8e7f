// Events and job kinds of the intake module, declared next to their emitter.
import type { AlertKind } from '@shared/contracts/intake.contract';
import type { ClockName, IntakeClockName } from './domain/clocks';

declare module '@server/platform/events/events' {
  interface AppEvents {
    /** A work order was created (any channel). */
    'intake.workOrderCreated': { workOrderId: string; branchId: string; channel: string };
    /** A work order changed status through the life cycle. */
    'intake.workOrderStatusChanged': { workOrderId: string; branchId: string; from: string; to: string; event: string };
    /** An SLA clock ran out (fires once per clock run); also emitted for SLA alerts raised by later modules. */
    'intake.slaBreached': { workOrderId: string; branchId: string; clock: ClockName; alertId: string };
    /** A work-order alert of any kind was raised (raiseWorkOrderAlert; once per job id / dedupe key). */
    'intake.alertRaised': {
      alertId: string;
      workOrderId: string;
      branchId: string;
      kind: AlertKind;
      clock: ClockName | null;
    };
  }
}

declare module '@server/platform/jobs/jobs' {
  interface JobKinds {
    /** An intake clock's deadline: raises an alert unless the order already left the clock's status. */
    'intake.slaClock': { workOrderId: string; clock: IntakeClockName; dueAt: string };
  }
}
