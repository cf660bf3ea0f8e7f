import { describe, expect, it } from 'vitest';
import { type EstimateInput, estimateRepair } from './estimate';
import { addWorkingMinutes, alignToWorking, clockDueAt, localDayKey, offsetMinutes } from './working-time';

const TZ = 'Asia/Shanghai';
const HOURS = { start: '08:00', end: '20:00' };
/** Shanghai wall time → UTC Date. */
const sh = (local: string) => new Date(`${local}+08:00`);

const base: EstimateInput = {
  now: sh('2026-07-15T10:00:00'),
  priority: 'normal',
  standardMinutes: 120,
  backlog: 0,
  minutesPerQueuedOrder: 30,
  leadMinutes: 105,
  workingHours: HOURS,
  timeZone: TZ,
};

describe('working time', () => {
  it('knows the Shanghai offset and local day', () => {
    expect(offsetMinutes(new Date('2026-07-15T00:00:00Z'), TZ)).toBe(480);
    expect(localDayKey(new Date('2026-07-15T15:59:59Z'), TZ)).toBe('20260715');
    expect(localDayKey(new Date('2026-07-15T16:00:00Z'), TZ)).toBe('20260716');
  });

  it('aligns a time outside working hours to the next start', () => {
    expect(alignToWorking(sh('2026-07-15T06:30:00'), HOURS, TZ)).toEqual(sh('2026-07-15T08:00:00'));
    expect(alignToWorking(sh('2026-07-15T20:00:00'), HOURS, TZ)).toEqual(sh('2026-07-16T08:00:00'));
    expect(alignToWorking(sh('2026-07-15T23:59:00'), HOURS, TZ)).toEqual(sh('2026-07-16T08:00:00'));
    expect(alignToWorking(sh('2026-07-15T12:34:00'), HOURS, TZ)).toEqual(sh('2026-07-15T12:34:00'));
  });

  it('adds working minutes across the night', () => {
    expect(addWorkingMinutes(sh('2026-07-15T19:00:00'), 90, HOURS, TZ)).toEqual(sh('2026-07-16T08:30:00'));
    expect(addWorkingMinutes(sh('2026-07-15T10:00:00'), 0, HOURS, TZ)).toEqual(sh('2026-07-15T10:00:00'));
    // two full days and a half
    expect(addWorkingMinutes(sh('2026-07-15T08:00:00'), 12 * 60 * 2 + 360, HOURS, TZ)).toEqual(
      sh('2026-07-17T14:00:00'),
    );
  });

  it('clock due times: calendar minutes, or working minutes', () => {
    const at = sh('2026-07-15T19:50:00');
    expect(clockDueAt(at, 15, 'calendar', HOURS, TZ)).toEqual(sh('2026-07-15T20:05:00'));
    expect(clockDueAt(at, 15, 'working', HOURS, TZ)).toEqual(sh('2026-07-16T08:05:00'));
  });
});

describe('estimateRepair', () => {
  it('no backlog: now + lead, then the standard time', () => {
    const e = estimateRepair(base);
    expect(e.startAt).toEqual(sh('2026-07-15T11:45:00'));
    expect(e.estimatedAt).toEqual(sh('2026-07-15T13:45:00'));
    expect(e).toMatchObject({ backlog: 0, queueMinutes: 0, leadMinutes: 105, standardMinutes: 120, window: 'none' });
  });

  it('more open orders in the district → a later estimate (not a constant)', () => {
    const times = [0, 1, 4, 10, 30].map((backlog) => estimateRepair({ ...base, backlog }).estimatedAt.getTime());
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] as number);
    const e = estimateRepair({ ...base, backlog: 4 });
    expect(e.queueMinutes).toBe(120);
    expect(e.estimatedAt).toEqual(sh('2026-07-15T15:45:00'));
  });

  it('a longer fault takes longer', () => {
    const short = estimateRepair({ ...base, standardMinutes: 30 }).estimatedAt;
    const long = estimateRepair({ ...base, standardMinutes: 180 }).estimatedAt;
    expect(long.getTime() - short.getTime()).toBe(150 * 60_000);
  });

  it('an evening call is repaired the next working day', () => {
    const e = estimateRepair({ ...base, now: sh('2026-07-15T22:00:00') });
    expect(e.startAt).toEqual(sh('2026-07-16T08:00:00'));
    expect(e.estimatedAt).toEqual(sh('2026-07-16T10:00:00'));
  });

  it('a job that does not fit in the day continues the next morning', () => {
    const e = estimateRepair({ ...base, now: sh('2026-07-15T17:00:00') });
    expect(e.startAt).toEqual(sh('2026-07-15T18:45:00'));
    expect(e.estimatedAt).toEqual(sh('2026-07-16T08:45:00'));
  });

  it('respects the preferred window: waits for it, fits in it, or reports it missed', () => {
    const later = estimateRepair({
      ...base,
      preferredWindow: { start: sh('2026-07-16T14:00:00'), end: sh('2026-07-16T18:00:00') },
    });
    expect(later.window).toBe('waited');
    expect(later.startAt).toEqual(sh('2026-07-16T14:00:00'));
    expect(later.estimatedAt).toEqual(sh('2026-07-16T16:00:00'));

    const inside = estimateRepair({
      ...base,
      preferredWindow: { start: sh('2026-07-15T11:00:00'), end: sh('2026-07-15T17:00:00') },
    });
    expect(inside.window).toBe('within');
    expect(inside.startAt).toEqual(sh('2026-07-15T11:45:00'));

    const missed = estimateRepair({
      ...base,
      backlog: 20,
      preferredWindow: { start: sh('2026-07-15T11:00:00'), end: sh('2026-07-15T12:00:00') },
    });
    expect(missed.window).toBe('missed');
    expect(missed.startAt.getTime()).toBeGreaterThan(sh('2026-07-15T12:00:00').getTime());

    // a window starting at night waits for the working day
    const night = estimateRepair({
      ...base,
      preferredWindow: { start: sh('2026-07-16T06:00:00'), end: sh('2026-07-16T10:00:00') },
    });
    expect(night.startAt).toEqual(sh('2026-07-16T08:00:00'));
  });
});
