import { describe, expect, it } from 'vitest';
import { addDays, defaultTurnoverPeriod, expiryTone, formatTurnover, splitMinutes, todayIn } from './stock-health';

describe('stock health helpers', () => {
  it('takes today in Beijing, not in UTC', () => {
    // 2026-03-01 17:30 UTC is already 2 March in Beijing.
    expect(todayIn(new Date('2026-03-01T17:30:00Z'))).toBe('2026-03-02');
    expect(todayIn(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
  });

  it('adds calendar days across months and leap days', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(defaultTurnoverPeriod('2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(defaultTurnoverPeriod('2026-03-31', 1)).toEqual({ from: '2026-03-31', to: '2026-03-31' });
  });

  it('formats turnover from basis points with two decimals', () => {
    expect(formatTurnover(12_500)).toBe('1.25');
    expect(formatTurnover(10_000)).toBe('1.00');
    expect(formatTurnover(3)).toBe('0.00');
    expect(formatTurnover(49)).toBe('0.00');
    expect(formatTurnover(50)).toBe('0.01');
    expect(formatTurnover(null)).toBe('—');
  });

  it('splits minutes into days, hours and minutes', () => {
    expect(splitMinutes(0)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(splitMinutes(1_530)).toEqual({ days: 1, hours: 1, minutes: 30 });
    expect(splitMinutes(-5)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it('grades expiry: expired, within 30 days, later', () => {
    expect(expiryTone(-1)).toBe('expired');
    expect(expiryTone(0)).toBe('soon');
    expect(expiryTone(30)).toBe('soon');
    expect(expiryTone(31)).toBe('later');
  });
});
