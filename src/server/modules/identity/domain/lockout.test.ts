import { describe, expect, it } from 'vitest';
import { LOCKOUT_WINDOW_MS, lockedFor } from './lockout';

describe('lockedFor', () => {
  const now = new Date('2026-07-01T00:00:00Z');
  it('is not locked below the limit', () => {
    expect(lockedFor({ n: 4, oldest: new Date(now.getTime() - 1000) }, 5, now)).toBeNull();
  });
  it('is locked at the limit until the oldest failure leaves the window', () => {
    expect(lockedFor({ n: 5, oldest: new Date(now.getTime() - 60_000) }, 5, now)).toBe(14 * 60);
  });
  it('is free once the window has passed', () => {
    expect(lockedFor({ n: 5, oldest: new Date(now.getTime() - LOCKOUT_WINDOW_MS) }, 5, now)).toBeNull();
  });
});
