/** Login throttling (issue 2): 5 failures per account or 20 per address within 15 minutes. */
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export interface FailureCount {
  n: number;
  oldest: Date | null;
}

/** Seconds until the window frees a slot, or null when not locked. Pure. */
export function lockedFor(failures: FailureCount, limit: number, now: Date): number | null {
  if (failures.n < limit || !failures.oldest) return null;
  const until = failures.oldest.getTime() + LOCKOUT_WINDOW_MS;
  const seconds = Math.ceil((until - now.getTime()) / 1000);
  return seconds > 0 ? seconds : null;
}
