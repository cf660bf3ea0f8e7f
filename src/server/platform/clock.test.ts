import { describe, expect, it } from 'vitest';
import { FakeClock, systemClock } from './clock';

describe('FakeClock', () => {
  it('starts at the given instant and moves only when told', () => {
    const c = new FakeClock('2026-01-01T00:00:00Z');
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    c.advance(1500);
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:01.500Z');
    c.advanceMinutes(90);
    expect(c.now().toISOString()).toBe('2026-01-01T01:30:01.500Z');
    c.set(new Date('2027-05-05T05:05:05Z'));
    expect(c.now().toISOString()).toBe('2027-05-05T05:05:05.000Z');
  });

  it('returns a fresh Date each time, so callers cannot move the clock by mutating it', () => {
    const c = new FakeClock();
    const d = c.now();
    d.setFullYear(2000);
    expect(c.now().getUTCFullYear()).toBe(2026);
  });

  it('the system clock is the real time', () => {
    const before = Date.now();
    const t = systemClock.now().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
  });
});
