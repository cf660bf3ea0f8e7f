import { describe, expect, it } from 'vitest';
import { secondsToNextShanghaiDay, secondsUntilIpWindowFrees, shanghaiDayStart } from './verification';

describe('verification code clock rules', () => {
  it('starts the day at midnight in Shanghai (16:00 UTC the day before)', () => {
    expect(shanghaiDayStart(new Date('2026-07-15T02:00:00Z')).toISOString()).toBe('2026-07-14T16:00:00.000Z');
    expect(shanghaiDayStart(new Date('2026-07-15T15:59:59Z')).toISOString()).toBe('2026-07-14T16:00:00.000Z');
    expect(shanghaiDayStart(new Date('2026-07-15T16:00:00Z')).toISOString()).toBe('2026-07-15T16:00:00.000Z');
    expect(shanghaiDayStart(new Date('2026-12-31T23:30:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('counts the seconds to the next Shanghai day and until the address window frees', () => {
    expect(secondsToNextShanghaiDay(new Date('2026-07-15T15:59:30Z'))).toBe(30);
    expect(secondsToNextShanghaiDay(new Date('2026-07-15T16:00:00Z'))).toBe(86_400);
    expect(secondsUntilIpWindowFrees(new Date('2026-07-15T02:00:00Z'), new Date('2026-07-15T02:20:00Z'))).toBe(2400);
    expect(secondsUntilIpWindowFrees(new Date('2026-07-15T02:00:00Z'), new Date('2026-07-15T03:00:00Z'))).toBe(1);
  });
});
