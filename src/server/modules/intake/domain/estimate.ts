import type { Priority } from '@shared/domain/work-order';
import { addWorkingMinutes, alignToWorking, type WorkingHours } from './working-time';

/**
 * The estimated repair time promised to the customer (pure). Not a constant: it grows with the district's
 * current backlog of open orders, follows the technicians' working hours, and respects the customer's window.
 *
 *   start     = now + lead (review, dispatch, travel; calendar time — the hotline and dispatch run around the clock)
 *               then + queue (backlog × minutes per queued order), counted in working time
 *   window    : a start before the preferred window waits for it; a start after its end is reported as missed
 *   estimated = start + the fault's standard minutes, in working time
 */
export interface EstimateInput {
  now: Date;
  priority: Priority;
  /** Standard labour minutes of the fault (the brand code's when known, else the category's). */
  standardMinutes: number;
  /** Open orders in the district ahead of this one (for an urgent order: the urgent ones only). */
  backlog: number;
  /** Working minutes each queued order adds (setting intake.backlogMinutesPerOrder). */
  minutesPerQueuedOrder: number;
  /** Review + dispatch deadline + travel, in minutes. */
  leadMinutes: number;
  workingHours: WorkingHours;
  timeZone: string;
  preferredWindow?: { start: Date; end: Date } | null;
}

export type WindowFit = 'none' | 'waited' | 'within' | 'missed';

export interface Estimate {
  estimatedAt: Date;
  startAt: Date;
  standardMinutes: number;
  backlog: number;
  queueMinutes: number;
  leadMinutes: number;
  /** How the preferred window shaped the start: none given, waited for it, already inside it, or missed it. */
  window: WindowFit;
}

const MINUTE = 60_000;

export function estimateRepair(input: EstimateInput): Estimate {
  const backlog = Math.max(0, Math.floor(input.backlog));
  const queueMinutes = backlog * Math.max(0, input.minutesPerQueuedOrder);
  const leadMinutes = Math.max(0, input.leadMinutes);
  const afterLead = new Date(input.now.getTime() + leadMinutes * MINUTE);
  let startAt = addWorkingMinutes(afterLead, queueMinutes, input.workingHours, input.timeZone);
  let window: WindowFit = 'none';
  const w = input.preferredWindow;
  if (w) {
    if (startAt.getTime() < w.start.getTime()) {
      startAt = alignToWorking(w.start, input.workingHours, input.timeZone);
      window = 'waited';
    } else if (startAt.getTime() <= w.end.getTime()) {
      window = 'within';
    } else {
      window = 'missed';
    }
  }
  const estimatedAt = addWorkingMinutes(startAt, input.standardMinutes, input.workingHours, input.timeZone);
  return {
    estimatedAt,
    startAt,
    standardMinutes: input.standardMinutes,
    backlog,
    queueMinutes,
    leadMinutes,
    window,
  };
}
