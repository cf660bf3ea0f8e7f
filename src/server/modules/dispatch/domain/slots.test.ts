import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Booked, earliestSlot, type Slot, type SlotQuery, travelBefore } from './slots';
import type { Point, TravelModel } from './travel';

const MIN = 60_000;
const at = (hhmm: string) => new Date(`2026-07-15T${hhmm}:00+08:00`);
const DAY0 = at('00:00').getTime();
const minute = (d: Date) => (d.getTime() - DAY0) / MIN;
const hm = (d: Date | undefined) => (d ? new Date(d.getTime() + 8 * 60 * MIN).toISOString().slice(11, 16) : null);

/** A grid city: 10 minutes per unit of Manhattan distance, whatever the time of day (no parking time). */
const grid: TravelModel = {
  minutes: (a: Point, b: Point) => Math.round(10 * (Math.abs(a.lat - b.lat) + Math.abs(a.lng - b.lng))),
};
/** The grid, `factor` times slower before local minute `until` (rush hour): a later start may arrive earlier. */
const rushGrid = (until: number, factor: number): TravelModel => ({
  minutes: (a, b, departAt) => grid.minutes(a, b, departAt) * (minute(departAt) < until ? factor : 1),
});
const HOME: Point = { lat: 0, lng: 0 };
const p = (lat: number, lng = 0): Point => ({ lat, lng });

function query(over: Partial<SlotQuery> = {}): SlotQuery {
  return {
    shift: { start: at('08:00'), end: at('18:00') },
    booked: [],
    home: HOME,
    point: p(2), // 20 minutes from home
    durationMinutes: 60,
    notBefore: at('08:00'),
    travel: grid,
    ...over,
  };
}

const book = (start: string, end: string, point: Point | null = p(2)): Booked => ({
  start: at(start),
  end: at(end),
  point,
});

describe('earliestSlot', () => {
  it('the first gap, driving from home at the shift start; the arrival rounded up to 15 minutes', () => {
    const slot = earliestSlot(query());
    expect(slot).toEqual({ start: at('08:30'), end: at('09:30'), travelMinutes: 20, travelFrom: 'home' });
    // 15 minutes away: arrives 08:15 exactly.
    expect(earliestSlot(query({ point: { lat: 1.5, lng: 0 } }))?.start).toEqual(at('08:15'));
    // The same place as home: no travel, starts with the shift.
    expect(earliestSlot(query({ point: HOME }))).toMatchObject({ start: at('08:00'), travelMinutes: 0 });
  });

  it('rounds to other boundaries when asked', () => {
    expect(earliestSlot(query({ roundMinutes: 30, point: p(1) }))?.start).toEqual(at('08:30'));
    expect(earliestSlot(query({ roundMinutes: 5, point: p(1) }))?.start).toEqual(at('08:10'));
  });

  it('the travel into the job and on to the next appointment must both fit in the gap', () => {
    // Next appointment at 10:00 at a place 30 minutes from the job.
    const next = book('10:00', '11:00', p(5));
    // 60 minutes: 08:30–09:30, then 30 minutes' drive, there at 10:00 — fits exactly.
    expect(earliestSlot(query({ booked: [next] }))).toMatchObject({ start: at('08:30'), travelFrom: 'home' });
    // 75 minutes: 08:30–09:45 + 30 > 10:00 — after the appointment: 11:00 + 30 minutes back.
    expect(earliestSlot(query({ booked: [next], durationMinutes: 75 }))).toEqual({
      start: at('11:30'),
      end: at('12:45'),
      travelMinutes: 30,
      travelFrom: 'previous_job',
    });
  });

  it('a gap between two appointments counts travel from the first and to the second', () => {
    const booked = [book('08:00', '09:00', p(2)), book('11:00', '12:00', p(4)), book('12:30', '17:00', p(2))];
    // From p(2) at 09:00 to p(3): 10 min → 09:15 (rounded); 09:15–10:15, then 10 min to p(4): 10:25 ≤ 11:00.
    expect(earliestSlot(query({ booked, point: p(3) }))).toEqual({
      start: at('09:15'),
      end: at('10:15'),
      travelMinutes: 10,
      travelFrom: 'previous_job',
    });
    // 120 minutes do not fit before 11:00, nor between 12:00 and 12:30, nor after 17:00 (18:00 end).
    expect(earliestSlot(query({ booked, point: p(3), durationMinutes: 120 }))).toBeNull();
  });

  it('the order of the booked appointments does not matter', () => {
    const booked = [book('13:00', '14:00'), book('08:30', '12:00'), book('15:00', '16:00')];
    expect(earliestSlot(query({ booked }))).toEqual(earliestSlot(query({ booked: [...booked].reverse() })));
    // Not before 08:30 (20 minutes from home, 08:30–09:30 overlaps); 12:00–13:00 fits between two jobs at the place.
    expect(earliestSlot(query({ booked }))).toMatchObject({ start: at('12:00'), travelFrom: 'previous_job' });
  });

  it('null when the day has no room', () => {
    expect(earliestSlot(query({ booked: [book('08:00', '18:00')] }))).toBeNull();
    expect(earliestSlot(query({ durationMinutes: 600 }))).toBeNull();
    // Too late in the day to drive there and do the job.
    expect(earliestSlot(query({ notBefore: at('17:00') }))).toBeNull();
  });

  it('notBefore (now, for today): the technician sets off no earlier; an appointment of the past is still a place to leave from', () => {
    expect(earliestSlot(query({ notBefore: at('10:07') }))).toMatchObject({ start: at('10:30'), travelFrom: 'home' });
    const slot = earliestSlot(query({ notBefore: at('10:07'), booked: [book('08:00', '09:00', p(4))] }));
    expect(slot).toMatchObject({ start: at('10:30'), travelMinutes: 20, travelFrom: 'previous_job' });
  });

  it('starts inside the customer’s preferred window when feasible', () => {
    const preferred = { start: at('14:00'), end: at('16:00') };
    expect(earliestSlot(query({ preferred }))).toMatchObject({ start: at('14:00'), end: at('15:00') });
    // Busy at the start of the window: the first feasible start inside it.
    expect(earliestSlot(query({ preferred, booked: [book('13:00', '14:30', p(2))] }))?.start).toEqual(at('14:30'));
    // A window starting before the shift: the first start of the day.
    expect(earliestSlot(query({ preferred: { start: at('06:00'), end: at('09:00') } }))?.start).toEqual(at('08:30'));
  });

  it('falls back to the earliest feasible start when the preferred window cannot be met', () => {
    const preferred = { start: at('14:00'), end: at('15:00') };
    expect(earliestSlot(query({ preferred, booked: [book('13:30', '16:00')] }))?.start).toEqual(at('08:30'));
    // A window already past (now is after it): the earliest from now.
    expect(
      earliestSlot(query({ preferred: { start: at('08:00'), end: at('09:00') }, notBefore: at('12:00') }))?.start,
    ).toEqual(at('12:30'));
  });

  it('an unknown place (no map point) counts the default travel time both ways', () => {
    expect(earliestSlot(query({ point: null }))).toMatchObject({ start: at('08:30'), travelMinutes: 30 });
    expect(earliestSlot(query({ point: null, unknownTravelMinutes: 45 }))?.start).toEqual(at('08:45'));
    // And to a next appointment: 08:30–09:30 + 30 > 09:45.
    expect(earliestSlot(query({ point: null, booked: [book('09:45', '17:00')] }))).toBeNull();
  });

  it('a later start can fit where the earliest does not, when the roads clear up (rush hour ends)', () => {
    // 90 minutes to the next place before 09:30, 20 minutes after (a non-FIFO road network, like the city model's
    // speed bands): ending at 09:00 arrives at 10:30, too late for 10:00; ending at 09:30 arrives at 09:50.
    const rush: TravelModel = {
      minutes: (a, b, departAt) => (a.lat === b.lat && a.lng === b.lng ? 0 : departAt < at('09:30') ? 90 : 20),
    };
    const slot = earliestSlot(
      query({ travel: rush, home: p(2), point: p(2), booked: [book('10:00', '18:00', p(5))], roundMinutes: 15 }),
    );
    expect(slot).toEqual({ start: at('08:30'), end: at('09:30'), travelMinutes: 0, travelFrom: 'home' });
  });

  it('never ends after the shift, even when an appointment lies beyond it (e.g. kept after a part-day leave)', () => {
    // Shift cut to 08:00–12:00 by a leave; the 16:00 appointment is still on the books, waiting to be moved.
    const slot = earliestSlot(
      query({
        shift: { start: at('08:00'), end: at('12:00') },
        booked: [book('08:00', '11:30'), book('16:00', '17:00')],
      }),
    );
    expect(slot).toBeNull();
  });
});

// ---------- against a brute-force search ----------

/** Every start minute of the day checked directly against the rules (no gaps, no cleverness). */
function bruteForce(q: SlotQuery): { start: number; travelMinutes: number; from: 'home' | 'previous_job' } | null {
  const round = q.roundMinutes ?? 15;
  const unknown = q.unknownTravelMinutes ?? 30;
  const leg = (a: Point | null, b: Point | null, departMinute: number) =>
    a && b ? q.travel.minutes(a, b, new Date(DAY0 + departMinute * MIN)) : unknown;
  const S = minute(q.shift.start);
  const E = minute(q.shift.end);
  const N = minute(q.notBefore);
  const booked = q.booked.map((b) => ({ s: minute(b.start), e: minute(b.end), point: b.point }));
  const feasible = (s: number) => {
    const end = s + q.durationMinutes;
    if (s < S || end > E || (DAY0 / MIN + s) % round !== 0) return null;
    if (booked.some((b) => b.s < end && b.e > s)) return null;
    const before = booked.filter((b) => b.e <= s).sort((a, b) => b.e - a.e)[0];
    const after = booked.filter((b) => b.s >= end).sort((a, b) => a.s - b.s)[0];
    const depart = Math.max(before ? before.e : S, N);
    // The technician sets off as early as possible (travel by the departure time), waits if early.
    const travelIn = leg(before ? before.point : q.home, q.point, depart);
    if (depart + travelIn > s) return null;
    if (after && end + leg(q.point, after.point, end) > after.s) return null;
    return { start: s, travelMinutes: travelIn, from: before ? ('previous_job' as const) : ('home' as const) };
  };
  const search = (from: number, to: number) => {
    for (let s = Math.max(0, from); s <= to; s++) {
      const f = feasible(s);
      if (f) return f;
    }
    return null;
  };
  if (q.preferred) {
    const inWindow = search(minute(q.preferred.start), minute(q.preferred.end));
    if (inWindow) return inWindow;
  }
  return search(0, 24 * 60);
}

const pointArb = fc.option(fc.record({ lat: fc.integer({ min: 0, max: 4 }), lng: fc.integer({ min: 0, max: 3 }) }), {
  freq: 8,
  nil: null,
});

/** A small random day: a shift, up to five non-overlapping appointments, a job, now, a preferred window. */
const dayArb = fc
  .record({
    shiftStart: fc.integer({ min: 6 * 60, max: 10 * 60 }),
    shiftLength: fc.integer({ min: 4 * 60, max: 12 * 60 }),
    cuts: fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 0, maxLength: 10 }),
    bookedPoints: fc.array(pointArb, { minLength: 5, maxLength: 5 }),
    home: fc.record({ lat: fc.integer({ min: 0, max: 4 }), lng: fc.integer({ min: 0, max: 3 }) }),
    point: pointArb,
    duration: fc.constantFrom(30, 60, 90, 120, 150),
    now: fc.option(fc.integer({ min: 0, max: 22 * 60 }), { nil: null }),
    preferred: fc.option(
      fc.record({ start: fc.integer({ min: 6 * 60, max: 20 * 60 }), length: fc.integer({ min: 0, max: 240 }) }),
      { nil: null },
    ),
    round: fc.constantFrom(5, 15, 30),
    rush: fc.option(fc.record({ until: fc.integer({ min: 7 * 60, max: 12 * 60 }), factor: fc.constantFrom(2, 3) }), {
      nil: null,
    }),
  })
  .map((r): SlotQuery => {
    const S = r.shiftStart;
    const E = Math.min(S + r.shiftLength, 23 * 60);
    // Cut points scaled into the shift and up to an hour either side of it (appointments kept after the shift
    // changed, e.g. a part-day leave approved), paired up as [start, end) of appointments.
    const lo = S - 60;
    const hi = E + 60;
    const cuts = [...new Set(r.cuts.map((c) => lo + Math.floor(((hi - lo) * c) / 1000)))].sort((a, b) => a - b);
    const booked: Booked[] = [];
    for (let i = 0; i + 1 < cuts.length; i += 2) {
      const s = cuts[i] as number;
      const e = cuts[i + 1] as number;
      if (e > s) {
        booked.push({
          start: new Date(DAY0 + s * MIN),
          end: new Date(DAY0 + e * MIN),
          point: r.bookedPoints[i / 2] ?? null,
        });
      }
    }
    const notBefore = r.now === null ? S : Math.max(S, r.now);
    return {
      shift: { start: new Date(DAY0 + S * MIN), end: new Date(DAY0 + E * MIN) },
      booked,
      home: r.home,
      point: r.point,
      durationMinutes: r.duration,
      notBefore: new Date(DAY0 + notBefore * MIN),
      preferred: r.preferred
        ? {
            start: new Date(DAY0 + r.preferred.start * MIN),
            end: new Date(DAY0 + (r.preferred.start + r.preferred.length) * MIN),
          }
        : null,
      travel: r.rush ? rushGrid(r.rush.until, r.rush.factor) : grid,
      roundMinutes: r.round,
    };
  });

describe('earliestSlot against a minute-by-minute search', () => {
  it('finds the same slot (or none) on random small days', () => {
    fc.assert(
      fc.property(dayArb, (q) => {
        const expected = bruteForce(q);
        const got: Slot | null = earliestSlot(q);
        if (!expected) {
          expect(got, `expected none, got ${hm(got?.start)}`).toBeNull();
          return;
        }
        expect(got, `expected ${expected.start}`).not.toBeNull();
        expect(hm(got?.start)).toBe(hm(new Date(DAY0 + expected.start * MIN)));
        expect(got?.end.getTime()).toBe(DAY0 + (expected.start + q.durationMinutes) * MIN);
        expect(got?.travelMinutes).toBe(expected.travelMinutes);
        expect(got?.travelFrom).toBe(expected.from);
      }),
      { numRuns: 400 },
    );
  });

  it('any slot found is free: no overlap with the booked appointments, inside the shift, after notBefore', () => {
    fc.assert(
      fc.property(dayArb, (q) => {
        const got = earliestSlot(q);
        if (!got) return;
        expect(got.start.getTime()).toBeGreaterThanOrEqual(q.shift.start.getTime());
        expect(got.end.getTime()).toBeLessThanOrEqual(q.shift.end.getTime());
        expect(got.start.getTime()).toBeGreaterThanOrEqual(q.notBefore.getTime());
        for (const b of q.booked) expect(b.start >= got.end || b.end <= got.start).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('travelBefore', () => {
  it('travel into each appointment: from home for the first, then from the previous one', () => {
    const booked = [book('13:00', '14:00', p(4)), book('09:00', '10:00', p(1)), book('11:00', '12:00', null)];
    expect(travelBefore(booked, HOME, grid)).toEqual([10, 30, 30]);
    expect(travelBefore(booked, HOME, grid, 15)).toEqual([10, 15, 15]);
    expect(travelBefore([], HOME, grid)).toEqual([]);
  });
});
