import { describe, expect, it } from 'vitest';
import { type CalendarException, shiftOn } from './calendar';

const TZ = 'Asia/Shanghai';
// Monday to Saturday, 08:30–18:00 local. 2026-07-15 is a Wednesday, 2026-07-19 a Sunday.
const PATTERN = { workDays: [1, 2, 3, 4, 5, 6], shiftStart: '08:30', shiftEnd: '18:00' };
const WED = '2026-07-15';
const SUN = '2026-07-19';
const local = (hhmm: string, day = WED) => new Date(`${day}T${hhmm}:00+08:00`);

const entry = (
  kind: CalendarException['kind'],
  startTime: string | null = null,
  endTime: string | null = null,
  status = 'approved',
): CalendarException => ({ kind, status, startTime, endTime });

describe('shiftOn', () => {
  it('follows the weekly pattern on a working day, in UTC for Asia/Shanghai (UTC+8)', () => {
    const { shift, offReason } = shiftOn(WED, PATTERN, [], TZ);
    expect(offReason).toBeNull();
    expect(shift?.start.toISOString()).toBe('2026-07-15T00:30:00.000Z');
    expect(shift?.end.toISOString()).toBe('2026-07-15T10:00:00.000Z');
  });

  it('an early shift starts on the previous UTC day', () => {
    const { shift } = shiftOn(WED, { ...PATTERN, shiftStart: '06:00' }, [], TZ);
    expect(shift?.start.toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('a rest day of the pattern is not worked', () => {
    expect(shiftOn(SUN, PATTERN, [], TZ)).toEqual({ shift: null, offReason: 'rest_day' });
  });

  it('an extra shift makes a rest day a working day, with its own hours or the usual shift', () => {
    expect(shiftOn(SUN, PATTERN, [entry('extra_shift', '10:00', '16:00')], TZ)).toEqual({
      shift: { start: local('10:00', SUN), end: local('16:00', SUN) },
      offReason: null,
    });
    expect(shiftOn(SUN, PATTERN, [entry('extra_shift')], TZ)).toEqual({
      shift: { start: local('08:30', SUN), end: local('18:00', SUN) },
      offReason: null,
    });
  });

  it('an extra shift on a working day extends it at either end', () => {
    expect(shiftOn(WED, PATTERN, [entry('extra_shift', '18:00', '21:00')], TZ).shift).toEqual({
      start: local('08:30'),
      end: local('21:00'),
    });
    expect(shiftOn(WED, PATTERN, [entry('extra_shift', '07:00', '09:00')], TZ).shift).toEqual({
      start: local('07:00'),
      end: local('18:00'),
    });
    // Inside the usual shift: changes nothing.
    expect(shiftOn(WED, PATTERN, [entry('extra_shift', '10:00', '12:00')], TZ).shift).toEqual({
      start: local('08:30'),
      end: local('18:00'),
    });
  });

  it('a whole-day leave or day off removes the day, with its reason', () => {
    expect(shiftOn(WED, PATTERN, [entry('leave')], TZ)).toEqual({ shift: null, offReason: 'leave' });
    expect(shiftOn(WED, PATTERN, [entry('day_off')], TZ)).toEqual({ shift: null, offReason: 'day_off' });
    // Even with an extra shift the same day.
    expect(shiftOn(SUN, PATTERN, [entry('extra_shift', '09:00', '12:00'), entry('leave')], TZ).shift).toBeNull();
  });

  it('a part-day leave at the start of the shift moves the start', () => {
    expect(shiftOn(WED, PATTERN, [entry('leave', '08:00', '12:00')], TZ).shift).toEqual({
      start: local('12:00'),
      end: local('18:00'),
    });
  });

  it('a part-day leave at the end of the shift moves the end', () => {
    expect(shiftOn(WED, PATTERN, [entry('leave', '14:00', '19:00')], TZ).shift).toEqual({
      start: local('08:30'),
      end: local('14:00'),
    });
  });

  it('a part-day leave in the middle keeps the larger side', () => {
    // 08:30–10:00 (1.5 h) vs 11:00–18:00 (7 h): the afternoon stays.
    expect(shiftOn(WED, PATTERN, [entry('leave', '10:00', '11:00')], TZ).shift).toEqual({
      start: local('11:00'),
      end: local('18:00'),
    });
    // 08:30–15:00 vs 16:00–18:00: the morning stays.
    expect(shiftOn(WED, PATTERN, [entry('leave', '15:00', '16:00')], TZ).shift).toEqual({
      start: local('08:30'),
      end: local('15:00'),
    });
  });

  it('a part-day leave outside the shift changes nothing; one covering the whole shift removes the day', () => {
    expect(shiftOn(WED, PATTERN, [entry('leave', '19:00', '21:00')], TZ).shift).toEqual({
      start: local('08:30'),
      end: local('18:00'),
    });
    expect(shiftOn(WED, PATTERN, [entry('leave', '08:00', '18:30')], TZ)).toEqual({ shift: null, offReason: 'leave' });
  });

  it('two part-day leaves shorten from both ends', () => {
    expect(
      shiftOn(WED, PATTERN, [entry('leave', '08:30', '10:00'), entry('leave', '16:00', '18:00')], TZ).shift,
    ).toEqual({ start: local('10:00'), end: local('16:00') });
  });

  it('ignores entries that are not approved', () => {
    for (const status of ['pending', 'rejected', 'cancelled']) {
      expect(shiftOn(WED, PATTERN, [entry('leave', null, null, status)], TZ).shift).toEqual({
        start: local('08:30'),
        end: local('18:00'),
      });
      expect(shiftOn(SUN, PATTERN, [entry('extra_shift', '09:00', '12:00', status)], TZ)).toEqual({
        shift: null,
        offReason: 'rest_day',
      });
    }
  });
});
