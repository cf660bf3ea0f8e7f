import { describe, expect, it } from 'vitest';
import { checkCalendarFields, mergeIntervals, timeTaken } from './availability';

const TZ = 'Asia/Shanghai';
const PATTERN = { workDays: [1, 2, 3, 4, 5, 6], shiftStart: '08:30', shiftEnd: '18:00' };
// 2026-07-15 is a Wednesday; Shanghai is UTC+8.
const at = (hhmm: string, day = '2026-07-15') => new Date(`${day}T${hhmm}:00+08:00`);

describe('checkCalendarFields', () => {
  const today = '2026-07-15';
  it('accepts a whole-day leave, a part-day leave, a day off and an extra shift', () => {
    expect(checkCalendarFields({ day: today, kind: 'leave' }, today, { allowPast: false })).toEqual([]);
    expect(
      checkCalendarFields({ day: '2026-07-16', kind: 'leave', startTime: '13:00', endTime: '18:00' }, today, {
        allowPast: false,
      }),
    ).toEqual([]);
    expect(checkCalendarFields({ day: '2026-07-20', kind: 'day_off' }, today, { allowPast: false })).toEqual([]);
    expect(
      checkCalendarFields({ day: '2026-07-19', kind: 'extra_shift', startTime: '09:00', endTime: '17:00' }, today, {
        allowPast: false,
      }),
    ).toEqual([]);
  });

  it('wants both times or neither, the end after the start, and no times on a day off', () => {
    expect(checkCalendarFields({ day: today, kind: 'leave', startTime: '13:00' }, today, { allowPast: false })).toEqual(
      [{ path: 'endTime', code: 'required_together' }],
    );
    expect(checkCalendarFields({ day: today, kind: 'leave', endTime: '13:00' }, today, { allowPast: false })).toEqual([
      { path: 'startTime', code: 'required_together' },
    ]);
    expect(
      checkCalendarFields({ day: today, kind: 'leave', startTime: '13:00', endTime: '13:00' }, today, {
        allowPast: false,
      }),
    ).toEqual([{ path: 'endTime', code: 'end_before_start' }]);
    expect(
      checkCalendarFields({ day: today, kind: 'day_off', startTime: '09:00', endTime: '12:00' }, today, {
        allowPast: false,
      }),
    ).toEqual([{ path: 'startTime', code: 'not_allowed' }]);
  });

  it('refuses past days (unless allowed) and days more than a year ahead', () => {
    expect(checkCalendarFields({ day: '2026-07-14', kind: 'leave' }, today, { allowPast: false })).toEqual([
      { path: 'day', code: 'in_the_past' },
    ]);
    expect(checkCalendarFields({ day: '2026-07-14', kind: 'leave' }, today, { allowPast: true })).toEqual([]);
    expect(checkCalendarFields({ day: '2027-07-16', kind: 'leave' }, today, { allowPast: false })).toEqual([]);
    expect(checkCalendarFields({ day: '2027-07-17', kind: 'leave' }, today, { allowPast: false })).toEqual([
      { path: 'day', code: 'too_far' },
    ]);
  });
});

describe('timeTaken', () => {
  it('a whole-day leave or day off takes the whole local day', () => {
    const whole = [{ start: at('00:00'), end: at('00:00', '2026-07-16') }];
    expect(timeTaken({ day: '2026-07-15', kind: 'leave' }, PATTERN, [], TZ)).toEqual(whole);
    expect(timeTaken({ day: '2026-07-15', kind: 'day_off' }, PATTERN, [], TZ)).toEqual(whole);
  });

  it('an extra shift takes nothing', () => {
    expect(timeTaken({ day: '2026-07-19', kind: 'extra_shift' }, PATTERN, [], TZ)).toEqual([]);
  });

  it('an afternoon leave takes the afternoon to the end of the shift', () => {
    expect(
      timeTaken({ day: '2026-07-15', kind: 'leave', startTime: '13:00', endTime: '18:00' }, PATTERN, [], TZ),
    ).toEqual([{ start: at('13:00'), end: at('18:00') }]);
  });

  it('a leave in the middle of the shift also takes the shorter side that shiftOn drops', () => {
    // 12:00–14:00: 3.5 h before, 4 h after → the shift becomes 14:00–18:00, so 08:30–14:00 is taken.
    expect(
      timeTaken({ day: '2026-07-15', kind: 'leave', startTime: '12:00', endTime: '14:00' }, PATTERN, [], TZ),
    ).toEqual([{ start: at('08:30'), end: at('14:00') }]);
  });

  it('a part-day leave on a rest day takes only its own hours', () => {
    // 2026-07-19 is a Sunday (not in the pattern).
    expect(
      timeTaken({ day: '2026-07-19', kind: 'leave', startTime: '09:00', endTime: '11:00' }, PATTERN, [], TZ),
    ).toEqual([{ start: at('09:00', '2026-07-19'), end: at('11:00', '2026-07-19') }]);
  });
});

describe('mergeIntervals', () => {
  it('joins overlapping and touching intervals and drops empty ones', () => {
    expect(
      mergeIntervals([
        { start: at('13:00'), end: at('15:00') },
        { start: at('09:00'), end: at('10:00') },
        { start: at('10:00'), end: at('11:00') },
        { start: at('14:00'), end: at('16:00') },
        { start: at('17:00'), end: at('17:00') },
      ]),
    ).toEqual([
      { start: at('09:00'), end: at('11:00') },
      { start: at('13:00'), end: at('16:00') },
    ]);
  });
});
