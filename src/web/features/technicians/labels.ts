import type { CalendarEntry } from '@shared/contracts/dispatch.contract';
import type { TFunction } from '@web/lib/i18n';

export type CertificateState = 'valid' | 'expiring' | 'expired';

export const CERT_STATE_COLORS: Record<CertificateState, string> = {
  valid: 'success',
  expiring: 'warning',
  expired: 'error',
};

export const CALENDAR_STATUS_COLORS: Record<CalendarEntry['status'], string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};

/** "一、二、三" / "Mon, Tue, Wed" for ISO weekdays. */
export function weekdaysText(t: TFunction, days: readonly number[]): string {
  return [...days]
    .sort((a, b) => a - b)
    .map((d) => t(`tech.weekday.${d}` as 'tech.weekday.1'))
    .join(t('tech.weekdaysSep'));
}

/** The weekly pattern in words: "周一、二… 08:30–18:00". */
export function patternText(t: TFunction, p: { workDays: readonly number[]; shiftStart: string; shiftEnd: string }) {
  return t('tech.pattern', { days: weekdaysText(t, p.workDays), start: p.shiftStart, end: p.shiftEnd });
}

/** "剩 10 天" / "过期 3 天" / "今天到期". */
export function daysLeftText(t: TFunction, daysLeft: number): string {
  if (daysLeft === 0) return t('tech.expiresToday');
  return daysLeft > 0 ? t('tech.daysLeft', { days: daysLeft }) : t('tech.daysOverdue', { days: -daysLeft });
}

/** "全天" or "13:00–18:00". */
export function entryTimeText(t: TFunction, e: Pick<CalendarEntry, 'startTime' | 'endTime'>): string {
  return e.startTime && e.endTime ? `${e.startTime}–${e.endTime}` : t('avail.wholeDay');
}
