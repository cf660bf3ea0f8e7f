import { DISPLAY_TIME_ZONE } from '@web/lib/format';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** Drops and moves snap to a quarter of an hour. */
export const SNAP_MS = 15 * MINUTE_MS;

/** Today's date (YYYY-MM-DD) in a zone (the branch's; Beijing time by default). */
export function todayIn(tz: string = DISPLAY_TIME_ZONE, now: number = Date.now()): string {
  return dayjs(now).tz(tz).format('YYYY-MM-DD');
}

export function addDays(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}

/** A wall-clock time of a day in a zone → epoch ms. `hhmm` "07:00". */
export function zonedMs(date: string, hhmm: string, tz: string): number {
  return dayjs.tz(`${date}T${hhmm}:00`, tz).valueOf();
}

/** "14:05" in the zone. */
export function formatHm(at: string | number, tz: string): string {
  return dayjs(at).tz(tz).format('HH:mm');
}

/** "YYYY-MM-DD" of an instant in the zone. */
export function dateOf(at: string | number, tz: string): string {
  return dayjs(at).tz(tz).format('YYYY-MM-DD');
}

/** "14:00–15:30", with the date in front when it is not `day`. */
export function formatWindow(w: { start: string; end: string }, tz: string, day?: string): string {
  const d = dateOf(w.start, tz);
  const prefix = day && d !== day ? `${dayjs(w.start).tz(tz).format('MM-DD')} ` : '';
  return `${prefix}${formatHm(w.start, tz)}–${formatHm(w.end, tz)}`;
}

export function snapMs(ms: number, step = SNAP_MS): number {
  return Math.round(ms / step) * step;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Minutes between two instants (rounded down, never negative). */
export function minutesBetween(from: string | number, to: number): number {
  return Math.max(0, Math.floor((to - new Date(from).getTime()) / MINUTE_MS));
}
