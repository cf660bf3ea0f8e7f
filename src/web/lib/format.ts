import type { Locale } from '@shared/errors';
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Times in the UI are shown in the company's zone (ARCHITECTURE: UTC stored, shown in the branch's zone). */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Locale, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withSeconds}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, {
      timeZone: DISPLAY_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  return f;
}

/** "2025/07/01 14:05:09" (zh-CN) or "07/01/2025, 14:05:09" (en-US), in Asia/Shanghai; "—" for none. */
export function formatDateTime(iso: string | null | undefined, lang: Locale, opts: { seconds?: boolean } = {}): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(lang, opts.seconds ?? true).format(date);
}

/** The hour of day (0–23) in Asia/Shanghai, for greetings. */
export function hourInDisplayZone(now: Date = new Date()): number {
  const h = new Intl.DateTimeFormat('en-US', { timeZone: DISPLAY_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(now)
    .find((p) => p.type === 'hour')?.value;
  return Number(h ?? 0);
}

/**
 * A wall-clock time picked in a date picker, read as Beijing time, as an ISO string with offset
 * ("2025-07-01T08:00:00+08:00"), so filters mean the same as the times shown in tables.
 */
export function pickedToIso(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), DISPLAY_TIME_ZONE).format();
}
