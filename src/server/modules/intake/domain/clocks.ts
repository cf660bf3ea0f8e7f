import type { SettingKey } from '@shared/domain/settings';
import type { Priority, WorkOrderStatus } from '@shared/domain/work-order';

/**
 * The intake clocks (DOMAIN.md "Clocks"): each runs while the order is in one status, so it starts when the
 * order enters that status and stops when it leaves it (review: created → ready / returned / cancelled;
 * dispatch: ready → assigned / cancelled). Later modules own the clocks of later stages.
 */
export type ClockName = 'review' | 'dispatch';

export const CLOCK_STATUS: Record<ClockName, WorkOrderStatus> = { review: 'new', dispatch: 'ready' };
const CLOCK_NAMES = Object.keys(CLOCK_STATUS) as ClockName[];

export function clockChanges(
  from: WorkOrderStatus | null,
  to: WorkOrderStatus,
): { start: ClockName[]; stop: ClockName[] } {
  if (from === to) return { start: [], stop: [] };
  return {
    stop: CLOCK_NAMES.filter((c) => from !== null && CLOCK_STATUS[c] === from),
    start: CLOCK_NAMES.filter((c) => CLOCK_STATUS[c] === to),
  };
}

/** The setting that holds a clock's duration (urgent orders have their own dispatch deadline). */
export function clockSetting(clock: ClockName, priority: Priority): SettingKey {
  if (clock === 'review') return 'sla.reviewMinutes';
  return priority === 'urgent' ? 'sla.dispatchUrgentMinutes' : 'sla.dispatchMinutes';
}

/** The dedupe key of a clock's pending job: one per order and clock. */
export function clockKey(clock: ClockName, workOrderId: string): string {
  return `sla:${clock}:${workOrderId}`;
}
