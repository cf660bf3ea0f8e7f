import { isoWeekday, minutesOf, zonedTime } from './day-time';

export interface ShiftPattern {
  workDays: readonly number[];
  shiftStart: string;
  shiftEnd: string;
}

export interface CalendarException {
  kind: 'leave' | 'day_off' | 'extra_shift';
  /** Approved entries only count. */
  status: string;
  startTime: string | null;
  endTime: string | null;
}

export type OffReason = 'rest_day' | 'leave' | 'day_off';

export interface DayShift {
  /** Working interval of the day (UTC), or null when not working. */
  shift: { start: Date; end: Date } | null;
  offReason: OffReason | null;
}

/**
 * The working time of one local day: the weekly pattern, then approved exceptions — an extra shift makes a rest
 * day a working day (its hours, or the usual shift); a whole-day leave or day off removes the day; a part-day
 * leave shortens the shift from the start or the end (the larger remaining part is kept).
 */
export function shiftOn(
  day: string,
  pattern: ShiftPattern,
  exceptions: readonly CalendarException[],
  timeZone: string,
): DayShift {
  const approved = exceptions.filter((e) => e.status === 'approved');
  let startMin: number | null = pattern.workDays.includes(isoWeekday(day)) ? minutesOf(pattern.shiftStart) : null;
  let endMin: number | null = startMin === null ? null : minutesOf(pattern.shiftEnd);
  const extra = approved.find((e) => e.kind === 'extra_shift');
  if (extra) {
    const s = minutesOf(extra.startTime ?? pattern.shiftStart);
    const e = minutesOf(extra.endTime ?? pattern.shiftEnd);
    startMin = startMin === null ? s : Math.min(startMin, s);
    endMin = endMin === null ? e : Math.max(endMin, e);
  }
  if (startMin === null || endMin === null) return { shift: null, offReason: 'rest_day' };
  for (const off of approved.filter((e) => e.kind !== 'extra_shift')) {
    if (!off.startTime || !off.endTime) return { shift: null, offReason: off.kind === 'leave' ? 'leave' : 'day_off' };
    const ls = minutesOf(off.startTime);
    const le = minutesOf(off.endTime);
    if (le <= startMin || ls >= endMin) continue;
    const before = ls - startMin;
    const after = endMin - le;
    if (before <= 0 && after <= 0) return { shift: null, offReason: off.kind === 'leave' ? 'leave' : 'day_off' };
    if (before >= after) endMin = ls;
    else startMin = le;
  }
  if (endMin <= startMin) return { shift: null, offReason: 'leave' };
  return {
    shift: { start: zonedTime(day, startMin, timeZone), end: zonedTime(day, endMin, timeZone) },
    offReason: null,
  };
}
