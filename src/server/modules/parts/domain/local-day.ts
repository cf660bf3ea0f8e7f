/**
 * Calendar days of a time zone (pure): "YYYY-MM-DD" days, UTC instants. Uses the zone's offset at the instant
 * (exact for Asia/Shanghai, which has no daylight saving). The parts module's own copy: it may not import dispatch.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function partsOf(at: Date, timeZone: string): Record<string, string> {
  return Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
}

/** The local calendar day of an instant, "2026-07-15". */
export function localDay(at: Date, timeZone: string): string {
  const p = partsOf(at, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

function offsetMinutes(at: Date, timeZone: string): number {
  const p = partsOf(at, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((asUtc - Math.floor(at.getTime() / MINUTE) * MINUTE) / MINUTE);
}

/** The instant a local day starts (local midnight). */
export function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  return new Date(guess - offsetMinutes(new Date(guess), timeZone) * MINUTE);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` ("YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** Whole days elapsed between two instants (rounded down; 0 when `to` is not later). */
export function wholeDays(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY));
}

/** The next instant strictly after `now` at local `hour`:00 (e.g. the next 08:00 in Guangzhou). */
export function nextLocalHour(now: Date, hour: number, timeZone: string): Date {
  const today = localDay(now, timeZone);
  for (let i = 0; i < 3; i++) {
    const at = new Date(startOfDay(addDays(today, i), timeZone).getTime() + hour * 3_600_000);
    if (at.getTime() > now.getTime()) return at;
  }
  return new Date(now.getTime() + DAY);
}
