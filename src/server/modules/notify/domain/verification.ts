// The rules of SMS verification codes (policy ch. 2, the public repair and tracking pages). Pure.

/** A code is valid for 10 minutes … */
export const CODE_TTL_MS = 10 * 60_000;
/** … and dies after 5 wrong tries. */
export const MAX_TRIES = 5;
/** At most 5 codes per phone per calendar day (Asia/Shanghai) … */
export const MAX_CODES_PER_PHONE_PER_DAY = 5;
/** … and 20 per client address per rolling hour. */
export const MAX_CODES_PER_IP_PER_HOUR = 20;
export const IP_WINDOW_MS = 60 * 60_000;

/** China has one time zone, UTC+8, and no daylight saving time. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** Midnight (Asia/Shanghai) that starts the day of `now`, as a UTC instant. */
export function shanghaiDayStart(now: Date): Date {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(local - (local % DAY_MS) - SHANGHAI_OFFSET_MS);
}

/** Seconds until the next Asia/Shanghai midnight (at least 1). */
export function secondsToNextShanghaiDay(now: Date): number {
  const next = shanghaiDayStart(now).getTime() + DAY_MS;
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

/** Seconds until the oldest code of the address's window leaves it (at least 1). */
export function secondsUntilIpWindowFrees(oldest: Date, now: Date): number {
  return Math.max(1, Math.ceil((oldest.getTime() + IP_WINDOW_MS - now.getTime()) / 1000));
}
