import { localDayKey } from './working-time';

/** Order numbers are dated in China Standard Time, whatever the branch (one sequence per company per day). */
export const ORDER_NUMBER_TIME_ZONE = 'Asia/Shanghai';

/** The counter day of an instant: "20260715". */
export function orderDay(at: Date): string {
  return localDayKey(at, ORDER_NUMBER_TIME_ZONE);
}

/** WO-YYYYMMDD-NNNN (four digits at least; the 10,000th order of a day simply gets five). */
export function formatOrderNumber(day: string, sequence: number): string {
  return `WO-${day}-${String(sequence).padStart(4, '0')}`;
}

export const ORDER_NUMBER_PATTERN = /^WO-\d{8}-\d{4,}$/;
