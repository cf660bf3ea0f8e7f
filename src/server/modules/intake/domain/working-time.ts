/**
 * Wall-clock arithmetic in a branch's time zone (pure, no I/O). Times are UTC `Date`s; the zone only decides
 * where a day and its working hours begin and end. Uses the zone's offset at the instant (exact for
 * Asia/Shanghai, which has no daylight saving; within an hour around a DST change elsewhere).
 */
export interface WorkingHours {
  /** "08:00" */
  start: string;
  /** "20:00" */
  end: string;
}

const MINUTE = 60_000;

interface LocalParts {
  year: number;
  month: number;
  day: number;
  minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localParts(at: Date, timeZone: string): LocalParts & { second: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const n = (k: string) => Number(parts[k]);
  return {
    year: n('year'),
    month: n('month'),
    day: n('day'),
    minuteOfDay: n('hour') * 60 + n('minute'),
    second: n('second'),
  };
}

/** Offset of the zone at that instant, in minutes east of UTC (Asia/Shanghai: 480). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, 0, p.minuteOfDay, p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / MINUTE);
}

/** "20260715" — the local calendar day of an instant. */
export function localDayKey(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
}

function hhmm(s: string): number {
  const [h, m] = s.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The instant of local time `minuteOfDay` on the local day of `at`, `plusDays` later. */
function localTime(at: Date, timeZone: string, minuteOfDay: number, plusDays = 0): Date {
  const p = localParts(at, timeZone);
  const guess = Date.UTC(p.year, p.month - 1, p.day + plusDays, 0, minuteOfDay);
  return new Date(guess - offsetMinutes(new Date(guess), timeZone) * MINUTE);
}

/** The first working instant at or after `at` (working hours every day of the week). */
export function alignToWorking(at: Date, hours: WorkingHours, timeZone: string): Date {
  const start = hhmm(hours.start);
  const end = hhmm(hours.end);
  const m = localParts(at, timeZone).minuteOfDay;
  if (m < start) return localTime(at, timeZone, start);
  if (m >= end) return localTime(at, timeZone, start, 1);
  return at;
}

/** `from` plus `minutes` of working time (time outside working hours does not count). */
export function addWorkingMinutes(from: Date, minutes: number, hours: WorkingHours, timeZone: string): Date {
  const end = hhmm(hours.end);
  let t = alignToWorking(from, hours, timeZone);
  let remaining = Math.max(0, minutes);
  // Bounded: each loop consumes at least one working day.
  for (let guard = 0; guard < 3660; guard++) {
    const dayEnd = localTime(t, timeZone, end);
    const available = (dayEnd.getTime() - t.getTime()) / MINUTE;
    if (remaining <= available) return new Date(t.getTime() + remaining * MINUTE);
    remaining -= available;
    t = alignToWorking(dayEnd, hours, timeZone);
  }
  return t;
}

/** Due time of a clock: calendar minutes, or working minutes when the branch counts in working hours. */
export function clockDueAt(
  from: Date,
  minutes: number,
  mode: 'calendar' | 'working',
  hours: WorkingHours,
  timeZone: string,
): Date {
  return mode === 'working'
    ? addWorkingMinutes(from, minutes, hours, timeZone)
    : new Date(from.getTime() + minutes * MINUTE);
}
