import { describe, expect, it } from 'vitest';
import { clockChanges, clockKey, clockSetting, isIntakeClock, runningClock } from './clocks';
import { formatOrderNumber, ORDER_NUMBER_PATTERN, orderDay } from './order-number';

describe('intake clocks', () => {
  it('review runs while new; dispatch while ready', () => {
    expect(clockChanges(null, 'new')).toEqual({ start: ['review'], stop: [] });
    expect(clockChanges('new', 'ready')).toEqual({ start: ['dispatch'], stop: ['review'] });
    expect(clockChanges('new', 'returned')).toEqual({ start: [], stop: ['review'] });
    expect(clockChanges('returned', 'new')).toEqual({ start: ['review'], stop: [] });
    expect(clockChanges('new', 'cancelled')).toEqual({ start: [], stop: ['review'] });
    expect(clockChanges('ready', 'assigned')).toEqual({ start: [], stop: ['dispatch'] });
    expect(clockChanges('ready', 'cancelled')).toEqual({ start: [], stop: ['dispatch'] });
    expect(clockChanges('assigned', 'ready')).toEqual({ start: ['dispatch'], stop: [] });
    expect(clockChanges('assigned', 'assigned')).toEqual({ start: [], stop: [] });
    expect(clockChanges('on_site', 'diagnosed')).toEqual({ start: [], stop: [] });
  });

  it('durations come from the settings, urgent dispatch has its own', () => {
    expect(clockSetting('review', 'urgent')).toBe('sla.reviewMinutes');
    expect(clockSetting('dispatch', 'normal')).toBe('sla.dispatchMinutes');
    expect(clockSetting('dispatch', 'urgent')).toBe('sla.dispatchUrgentMinutes');
    expect(clockKey('review', 'abc')).toBe('sla:review:abc');
    expect(clockKey('arrival', 'abc')).toBe('sla:arrival:abc');
  });

  it("intake runs review and dispatch only; the later clocks are other modules'", () => {
    expect(runningClock('new')).toBe('review');
    expect(runningClock('ready')).toBe('dispatch');
    expect(runningClock('assigned')).toBeNull();
    expect(runningClock('returned')).toBeNull();
    expect(isIntakeClock('dispatch')).toBe(true);
    expect(isIntakeClock('arrival')).toBe(false);
    expect(isIntakeClock(null)).toBe(false);
  });
});

describe('order numbers', () => {
  it('WO-YYYYMMDD-NNNN, dated in Shanghai', () => {
    expect(orderDay(new Date('2026-07-15T15:59:00Z'))).toBe('20260715');
    expect(orderDay(new Date('2026-07-15T16:00:00Z'))).toBe('20260716');
    expect(formatOrderNumber('20260715', 7)).toBe('WO-20260715-0007');
    expect(formatOrderNumber('20260715', 12345)).toBe('WO-20260715-12345');
    expect(ORDER_NUMBER_PATTERN.test('WO-20260715-0007')).toBe(true);
  });
});
