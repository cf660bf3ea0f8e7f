import type { Point, TravelModel } from './travel';

export interface Booked {
  start: Date;
  end: Date;
  point: Point | null;
}

export interface SlotQuery {
  shift: { start: Date; end: Date };
  /** The technician's other active appointments of the day, any order. */
  booked: readonly Booked[];
  home: Point;
  /** The job's map point; null when unknown (then `unknownTravelMinutes` is assumed). */
  point: Point | null;
  durationMinutes: number;
  /** The technician cannot set off before this instant (now, for today; the day's start otherwise). */
  notBefore: Date;
  /** The customer's preferred window: the slot starts inside it when possible. */
  preferred?: { start: Date; end: Date } | null;
  travel: TravelModel;
  /** Appointments start on these boundaries (minutes), for windows people can read: 15. */
  roundMinutes?: number;
  unknownTravelMinutes?: number;
}

export interface Slot {
  start: Date;
  end: Date;
  travelMinutes: number;
  travelFrom: 'home' | 'previous_job';
}

const MIN = 60_000;

function roundUp(t: number, minutes: number): number {
  const step = minutes * MIN;
  return Math.ceil(t / step) * step;
}

/**
 * The earliest feasible appointment in a technician's day: in each gap between their appointments (and the shift's
 * ends) the job fits when the technician can drive there from the previous place (home for the first), do the job,
 * and still drive on to the next appointment in time. Prefers a start inside the customer's preferred window;
 * falls back to the earliest feasible start at all. Null when the day has no room.
 */
export function earliestSlot(q: SlotQuery): Slot | null {
  const round = q.roundMinutes ?? 15;
  const unknown = q.unknownTravelMinutes ?? 30;
  const sorted = [...q.booked].sort((a, b) => a.start.getTime() - b.start.getTime());
  const leg = (from: Point | null, to: Point | null, at: Date) =>
    from && to ? q.travel.minutes(from, to, at) : unknown;

  const now = q.notBefore.getTime();
  /** The first slot arriving at or after `arriveFrom`; the technician cannot leave before `now`. */
  const tryFrom = (arriveFrom: number): Slot | null => {
    for (let i = 0; i <= sorted.length; i++) {
      const prev = i > 0 ? sorted[i - 1] : undefined;
      const next = sorted[i];
      const gapStart = prev ? prev.end.getTime() : q.shift.start.getTime();
      const gapEnd = next ? next.start.getTime() : q.shift.end.getTime();
      const depart = Math.max(gapStart, now);
      if (depart >= gapEnd) continue;
      const travelIn = leg(prev ? prev.point : q.home, q.point, new Date(depart));
      const first = roundUp(Math.max(depart + travelIn * MIN, arriveFrom, q.shift.start.getTime()), round);
      // Inside the shift even when the next appointment lies beyond it (one kept after a part-day leave was approved).
      const lastEnd = Math.min(gapEnd, q.shift.end.getTime());
      // The drive on depends on the hour: a later start may still reach the next appointment when an earlier one
      // does not (the rush hour ends), so each start of the gap is tried in turn.
      for (let start = first; start + q.durationMinutes * MIN <= lastEnd; start += round * MIN) {
        const end = start + q.durationMinutes * MIN;
        const travelOut = next ? leg(q.point, next.point, new Date(end)) : 0;
        if (!next || end + travelOut * MIN <= gapEnd) {
          return {
            start: new Date(start),
            end: new Date(end),
            travelMinutes: travelIn,
            travelFrom: prev ? 'previous_job' : 'home',
          };
        }
      }
    }
    return null;
  };

  if (q.preferred) {
    const within = tryFrom(q.preferred.start.getTime());
    if (within && within.start.getTime() <= q.preferred.end.getTime()) return within;
  }
  return tryFrom(now);
}

/** Travel into each appointment of a day (from home for the first), for the board's travel gaps. */
export function travelBefore(
  booked: readonly Booked[],
  home: Point,
  travel: TravelModel,
  unknownTravelMinutes = 30,
): number[] {
  const sorted = [...booked].sort((a, b) => a.start.getTime() - b.start.getTime());
  return sorted.map((b, i) => {
    const from = i === 0 ? home : (sorted[i - 1] as Booked).point;
    if (!from || !b.point) return unknownTravelMinutes;
    const depart = i === 0 ? new Date(b.start.getTime() - 60 * MIN) : (sorted[i - 1] as Booked).end;
    return travel.minutes(from, b.point, depart);
  });
}
