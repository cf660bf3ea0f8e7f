import { describe, expect, it } from 'vitest';
import {
  checkEta,
  checkExpectedFinish,
  checkNewFinish,
  delayRequired,
  distanceMetres,
  lateMinutes,
  repairDueAt,
  stepTime,
} from './time-rules';

const t = (iso: string) => new Date(iso);
const now = t('2026-07-15T06:00:00Z');
const min = (m: number) => new Date(now.getTime() + m * 60_000);

describe('the time of a step', () => {
  it('is now for a step sent online, never before the previous step', () => {
    expect(stepTime({ occurredAt: null, now, previousAt: null })).toEqual({ ok: true, at: now });
    expect(stepTime({ occurredAt: null, now, previousAt: min(-5) })).toEqual({ ok: true, at: now });
  });

  it('is the phone’s time for a step queued offline, moved up to the previous step when the clock lags', () => {
    expect(stepTime({ occurredAt: min(-30), now, previousAt: min(-40) })).toEqual({ ok: true, at: min(-30) });
    expect(stepTime({ occurredAt: min(-30), now, previousAt: min(-20) })).toEqual({ ok: true, at: min(-20) });
    // A little drift ahead is taken as now.
    expect(stepTime({ occurredAt: min(3), now, previousAt: null })).toEqual({ ok: true, at: now });
  });

  it('refuses a time in the future beyond drift, or older than 72 hours', () => {
    expect(stepTime({ occurredAt: min(6), now, previousAt: null })).toMatchObject({
      ok: false,
      issue: { path: 'occurredAt', code: 'in_future' },
    });
    expect(stepTime({ occurredAt: min(-72 * 60 - 1), now, previousAt: null })).toMatchObject({
      ok: false,
      issue: { code: 'too_old' },
    });
  });
});

describe('lateness and deadlines', () => {
  it('counts minutes late after the window’s end, rounded up; on time is 0', () => {
    const end = t('2026-07-15T06:00:00Z');
    expect(lateMinutes(t('2026-07-15T05:59:00Z'), end)).toBe(0);
    expect(lateMinutes(end, end)).toBe(0);
    expect(lateMinutes(t('2026-07-15T06:00:01Z'), end)).toBe(1);
    expect(lateMinutes(t('2026-07-15T06:45:00Z'), end)).toBe(45);
    expect(lateMinutes(end, null)).toBe(0);
  });

  it('an ETA on departure is after it, within 12 hours', () => {
    expect(checkEta(now, min(30))).toBeNull();
    expect(checkEta(now, now)?.code).toBe('range');
    expect(checkEta(now, min(12 * 60 + 1))?.code).toBe('range');
  });

  it('an expected finish is in the next 7 days; a new finish is also later than the one it replaces', () => {
    expect(checkExpectedFinish(now, min(90))).toBeNull();
    expect(checkExpectedFinish(now, min(-1))?.code).toBe('range');
    expect(checkExpectedFinish(now, min(7 * 24 * 60 + 1))?.code).toBe('range');
    expect(checkNewFinish(now, min(60), min(30))).toBeNull();
    expect(checkNewFinish(now, min(20), min(30))).toMatchObject({ path: 'newFinishAt', code: 'not_later' });
  });

  it('a simple fault is due the set time after arrival; a complex one by its expected finish', () => {
    const arrivedAt = t('2026-07-15T02:00:00Z');
    expect(repairDueAt({ complexity: 'simple', arrivedAt, simpleLimitMinutes: 120, expectedFinishAt: null })).toEqual(
      t('2026-07-15T04:00:00Z'),
    );
    expect(
      repairDueAt({ complexity: 'complex', arrivedAt, simpleLimitMinutes: 120, expectedFinishAt: min(300) }),
    ).toEqual(min(300));
    expect(
      repairDueAt({ complexity: 'simple', arrivedAt: null, simpleLimitMinutes: 120, expectedFinishAt: null }),
    ).toBeNull();
  });

  it('past the deadline a delay must be reported first', () => {
    expect(delayRequired(now, null)).toBeNull();
    expect(delayRequired(now, now)).toBeNull();
    expect(delayRequired(now, min(-1))).toMatchObject({ reason: 'delay_reason_required' });
  });

  it('measures the check-in distance from the address', () => {
    expect(distanceMetres({ lat: 23.13, lng: 113.33 }, { lat: 23.13, lng: 113.33 })).toBe(0);
    const d = distanceMetres({ lat: 23.13, lng: 113.33 }, { lat: 23.14, lng: 113.33 });
    expect(d).toBeGreaterThan(1100);
    expect(d).toBeLessThan(1120);
  });
});
