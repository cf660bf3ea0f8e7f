import type { WARRANTY_STATUSES } from '@shared/contracts/customers.contract';

export type WarrantyStatus = (typeof WARRANTY_STATUSES)[number];

/** The company's default zone (DOMAIN.md): the date a warranty ends is a local calendar date. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** "YYYY-MM-DD" of an instant in a time zone. */
export function localDate(now: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** In warranty through the end date inclusive (local date); unknown when no end date is on file. */
export function warrantyStatus(warrantyEnd: string | null, now: Date, timeZone = DEFAULT_TIME_ZONE): WarrantyStatus {
  if (!warrantyEnd) return 'unknown';
  return warrantyEnd >= localDate(now, timeZone) ? 'in_warranty' : 'expired';
}
