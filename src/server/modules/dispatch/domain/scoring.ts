import type { SkillLevel } from './requirements';
import type { Slot } from './slots';

/** What the ranking weighs for one eligible technician (DOMAIN.md: travel, workload, skill, van parts, history). */
export interface CandidateFacts {
  technicianId: string;
  slot: Slot;
  jobsPlanned: number;
  minutesPlanned: number;
  /** Their lowest level among the job's skills, and the highest level the job needs (null: no skills). */
  level: SkillLevel | null;
  neededLevel: SkillLevel | null;
  /** Likely parts of the fault all in their van (true), some missing (false), unknown (null). */
  vanHasParts: boolean | null;
  /** They did the visit this order is a rework of: avoided (a second opinion is the policy). */
  reworkOfTheirJob: boolean;
  /** From when the day could start (now, or the shift start): waiting beyond it costs a little. */
  earliestPossible: Date;
  preferred: { start: Date; end: Date } | null;
}

/** Weights in "minutes of travel" per unit, so the score reads as an equivalent detour. */
export const WEIGHTS = {
  travelMinute: 1,
  waitMinute: 0.2,
  job: 12,
  plannedMinute: 0.05,
  levelSurplus: 6,
  rework: 120,
  partsInVan: -10,
  partsMissing: 10,
  preferredLateMinute: 0.5,
} as const;

export interface Scored {
  facts: CandidateFacts;
  score: number;
}

const MIN = 60_000;

export function score(f: CandidateFacts): number {
  const wait = Math.max(0, (f.slot.start.getTime() - f.earliestPossible.getTime()) / MIN - f.slot.travelMinutes);
  const surplus = f.level !== null && f.neededLevel !== null ? Math.max(0, f.level - f.neededLevel) : 0;
  const preferredLate =
    f.preferred && f.slot.start > f.preferred.end ? (f.slot.start.getTime() - f.preferred.end.getTime()) / MIN : 0;
  return (
    WEIGHTS.travelMinute * f.slot.travelMinutes +
    WEIGHTS.waitMinute * wait +
    WEIGHTS.job * f.jobsPlanned +
    WEIGHTS.plannedMinute * f.minutesPlanned +
    WEIGHTS.levelSurplus * surplus +
    (f.reworkOfTheirJob ? WEIGHTS.rework : 0) +
    (f.vanHasParts === true ? WEIGHTS.partsInVan : f.vanHasParts === false ? WEIGHTS.partsMissing : 0) +
    WEIGHTS.preferredLateMinute * preferredLate
  );
}

/** Best first; ties by earlier start, then by id, so the order is stable. */
export function rank(candidates: readonly CandidateFacts[]): Scored[] {
  return candidates
    .map((facts) => ({ facts, score: Math.round(score(facts) * 10) / 10 }))
    .sort(
      (a, b) =>
        a.score - b.score ||
        a.facts.slot.start.getTime() - b.facts.slot.start.getTime() ||
        a.facts.technicianId.localeCompare(b.facts.technicianId),
    );
}
