import { type CalendarException, type ShiftPattern, shiftOn } from './calendar';
import { addDays, minutesOf, zonedTime } from './day-time';

// Calendar entries (leave, day off, extra shift): which fields fit together, and which working time an approved
// leave or day off takes away (the appointments in it must be reassigned). Pure.

export type CalendarKind = 'leave' | 'day_off' | 'extra_shift';

export interface CalendarFields {
  day: string;
  kind: CalendarKind;
  startTime?: string | null;
  endTime?: string | null;
}

export interface CalendarIssue {
  path: 'day' | 'startTime' | 'endTime';
  code: 'required_together' | 'end_before_start' | 'not_allowed' | 'in_the_past' | 'too_far';
}

/** How far ahead a request may look. */
export const MAX_DAYS_AHEAD = 366;

/**
 * A start and an end go together (both or neither), the end after the start; a day off is a whole day; the day is
 * not in the past (unless `allowPast`, for the head recording what happened) and at most a year ahead.
 */
export function checkCalendarFields(f: CalendarFields, today: string, opts: { allowPast: boolean }): CalendarIssue[] {
  const out: CalendarIssue[] = [];
  const start = f.startTime ?? null;
  const end = f.endTime ?? null;
  if (f.kind === 'day_off' && (start !== null || end !== null)) {
    out.push({ path: start !== null ? 'startTime' : 'endTime', code: 'not_allowed' });
  } else if ((start === null) !== (end === null)) {
    out.push({ path: start === null ? 'startTime' : 'endTime', code: 'required_together' });
  } else if (start !== null && end !== null && minutesOf(end) <= minutesOf(start)) {
    out.push({ path: 'endTime', code: 'end_before_start' });
  }
  if (!opts.allowPast && f.day < today) out.push({ path: 'day', code: 'in_the_past' });
  if (f.day > addDays(today, MAX_DAYS_AHEAD)) out.push({ path: 'day', code: 'too_far' });
  return out;
}

export interface Interval {
  start: Date;
  end: Date;
}

/**
 * The time an approved leave or day off takes from the technician on its day (UTC intervals): a whole-day entry
 * takes the whole local day; a part-day leave takes its own hours plus whatever working time `shiftOn` no longer
 * counts once it is approved (a leave in the middle of the shift cuts the shorter side away). An extra shift takes
 * nothing (empty).
 */
export function timeTaken(
  entry: CalendarFields,
  pattern: ShiftPattern,
  approvedBefore: readonly CalendarException[],
  timeZone: string,
): Interval[] {
  if (entry.kind === 'extra_shift') return [];
  const start = entry.startTime ?? null;
  const end = entry.endTime ?? null;
  if (start === null || end === null) {
    return [{ start: zonedTime(entry.day, 0, timeZone), end: zonedTime(addDays(entry.day, 1), 0, timeZone) }];
  }
  const own: Interval = { start: zonedTime(entry.day, start, timeZone), end: zonedTime(entry.day, end, timeZone) };
  const before = shiftOn(entry.day, pattern, approvedBefore, timeZone).shift;
  const after = shiftOn(
    entry.day,
    pattern,
    [...approvedBefore, { kind: entry.kind, status: 'approved', startTime: start, endTime: end }],
    timeZone,
  ).shift;
  const lost: Interval[] = [own];
  if (before) {
    if (!after) lost.push(before);
    else {
      if (after.start > before.start) lost.push({ start: before.start, end: after.start });
      if (after.end < before.end) lost.push({ start: after.end, end: before.end });
    }
  }
  return mergeIntervals(lost);
}

/** Overlapping or touching intervals joined, in time order. */
export function mergeIntervals(xs: readonly Interval[]): Interval[] {
  const sorted = [...xs].filter((x) => x.end > x.start).sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Interval[] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) {
      if (x.end > last.end) last.end = x.end;
    } else out.push({ start: x.start, end: x.end });
  }
  return out;
}
