import type { ClockName } from '@shared/contracts/intake.contract';
import type { SettingKey } from '@shared/domain/settings';
import type { Priority, WorkOrderStatus } from '@shared/domain/work-order';

/** Every SLA clock that can raise a work-order alert (DOMAIN.md "Clocks"); see CLOCKS in the intake contract. */
export type { ClockName };

/**
 * The clocks intake itself runs (DOMAIN.md "Clocks"): each runs while the order is in one status, so it starts when
 * the order enters that status and stops when it leaves it (review: created → ready / returned / cancelled;
 * dispatch: ready → assigned / cancelled). Dispatch and field own the later clocks (contact, arrival, simple repair):
 * they start them and raise their breaches through `raiseWorkOrderAlert`.
 */
export type IntakeClockName = 'review' | 'dispatch';

export const CLOCK_STATUS: Record<IntakeClockName, WorkOrderStatus> = { review: 'new', dispatch: 'ready' };
const INTAKE_CLOCKS = Object.keys(CLOCK_STATUS) as IntakeClockName[];

export function isIntakeClock(clock: string | null | undefined): clock is IntakeClockName {
  return clock === 'review' || clock === 'dispatch';
}

/** The intake clock that runs while an order is in this status (review while new, dispatch while ready), if any. */
export function runningClock(status: string): IntakeClockName | null {
  return INTAKE_CLOCKS.find((c) => CLOCK_STATUS[c] === status) ?? null;
}

export function clockChanges(
  from: WorkOrderStatus | null,
  to: WorkOrderStatus,
): { start: IntakeClockName[]; stop: IntakeClockName[] } {
  if (from === to) return { start: [], stop: [] };
  return {
    stop: INTAKE_CLOCKS.filter((c) => from !== null && CLOCK_STATUS[c] === from),
    start: INTAKE_CLOCKS.filter((c) => CLOCK_STATUS[c] === to),
  };
}

/** The setting that holds a clock's duration (urgent orders have their own dispatch deadline). */
export function clockSetting(clock: IntakeClockName, priority: Priority): SettingKey {
  if (clock === 'review') return 'sla.reviewMinutes';
  return priority === 'urgent' ? 'sla.dispatchUrgentMinutes' : 'sla.dispatchMinutes';
}

/** The dedupe key of a clock's pending job: one per order and clock (any module's clock may use it). */
export function clockKey(clock: ClockName, workOrderId: string): string {
  return `sla:${clock}:${workOrderId}`;
}
