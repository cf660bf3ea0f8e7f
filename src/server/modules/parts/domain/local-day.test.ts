import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDay, nextLocalHour, startOfDay, wholeDays } from './local-day';

const GZ = 'Asia/Shanghai';

describe('local days', () => {
  it('the local day of an instant and the instant a local day starts', () => {
    expect(localDay(new Date('2026-07-14T16:00:00Z'), GZ)).toBe('2026-07-15');
    expect(localDay(new Date('2026-07-14T15:59:59Z'), GZ)).toBe('2026-07-14');
    expect(startOfDay('2026-07-15', GZ).toISOString()).toBe('2026-07-14T16:00:00.000Z');
    expect(startOfDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });

  it('day arithmetic', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-07-15', '2026-07-10')).toBe(-5);
    expect(daysBetween('2025-12-31', '2026-03-01')).toBe(60);
    expect(wholeDays(new Date('2026-07-01T10:00:00Z'), new Date('2026-07-03T09:59:59Z'))).toBe(1);
    expect(wholeDays(new Date('2026-07-03T10:00:00Z'), new Date('2026-07-01T10:00:00Z'))).toBe(0);
  });

  it('the next local hour, strictly after now', () => {
    // 07:00 local → 08:00 the same day; 08:00 exactly → the next day; 20:00 → the next day.
    expect(nextLocalHour(new Date('2026-07-14T23:00:00Z'), 8, GZ).toISOString()).toBe('2026-07-15T00:00:00.000Z');
    expect(nextLocalHour(new Date('2026-07-15T00:00:00Z'), 8, GZ).toISOString()).toBe('2026-07-16T00:00:00.000Z');
    expect(nextLocalHour(new Date('2026-07-15T12:00:00Z'), 8, GZ).toISOString()).toBe('2026-07-16T00:00:00.000Z');
  });
});
