/** Pure helpers of the stock health page (库存健康): dates of a report period, turnover and age in words. */

/** Today (YYYY-MM-DD) in a time zone, Asia/Shanghai by default (the reports count calendar days there). */
export function todayIn(now: Date = new Date(), timeZone = 'Asia/Shanghai'): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A calendar date plus n days (n may be negative), as YYYY-MM-DD; calendar arithmetic, no time zone involved. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The default turnover period: the last `days` days up to and including today. */
export function defaultTurnoverPeriod(today: string, days = 90): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** Turnover in basis points → "1.25" (times turned over, 2 decimals, exact); "—" when there is none. */
export function formatTurnover(bp: number | null): string {
  if (bp === null) return '—';
  const neg = bp < 0;
  const abs = Math.abs(Math.trunc(bp));
  const hundredths = Math.round(abs / 100);
  return `${neg ? '-' : ''}${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** Minutes → whole days, hours and minutes (for "waiting 1 d 3 h"). */
export function splitMinutes(minutes: number): { days: number; hours: number; minutes: number } {
  const m = Math.max(0, Math.floor(minutes));
  return { days: Math.floor(m / 1440), hours: Math.floor((m % 1440) / 60), minutes: m % 60 };
}

/** How urgent an expiry looks: expired, within 30 days, later. */
export function expiryTone(daysLeft: number): 'expired' | 'soon' | 'later' {
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= 30) return 'soon';
  return 'later';
}
