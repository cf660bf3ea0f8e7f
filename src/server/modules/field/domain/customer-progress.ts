// The visits as the customer's tracking page shows them. Pure: no I/O.
import type { TrackingView } from '@shared/contracts/channels.contract';
import { VISIT_STEP_CUSTOMER_TEXT, type VisitKind, type VisitStatus } from '@shared/domain/field';
import type { Locale } from '@shared/errors';
import type { StepState } from './steps';

export type CustomerVisit = TrackingView['visits'][number];

/** The facts of a visit the customer may see (the row has far more: positions, notes, quote, …). */
export interface CustomerVisitFacts {
  visitNo: number;
  kind: VisitKind;
  status: VisitStatus;
  windowStart: Date | null;
  windowEnd: Date | null;
  etaAt: Date | null;
  arrivedAt: Date | null;
  expectedFinishAt: Date | null;
  finishedAt: Date | null;
}

/** A log row as far as delays go: `step` delay, the reason, and `data.newFinishAt`. */
export interface LogFacts {
  id: number;
  step: string;
  reason: string | null;
  data: unknown;
}

const HIDDEN: readonly VisitStatus[] = ['withdrawn', 'cancelled'];

/**
 * The visits the customer sees, in order: not a withdrawn one (the order went to another technician or back to the
 * queue) nor a cancelled one.
 */
export function shownVisits<T extends { status: string; visitNo: number }>(visits: readonly T[]): T[] {
  return visits.filter((v) => !HIDDEN.includes(v.status as VisitStatus)).sort((a, b) => a.visitNo - b.visitNo);
}

/** The service record is the customer's once the visit is over: completed, or ended waiting for parts. */
export function recordAvailable(v: { status: string; finishedAt: Date | null }): boolean {
  return v.status === 'completed' || (v.status === 'waiting_parts' && v.finishedAt !== null);
}

/** The last delay reported (the customer had it by SMS): its reason and new finish. */
export function lastDelay(rows: readonly LogFacts[]): { reason: string; newFinishAt: string } | null {
  let last: { reason: string; newFinishAt: string; id: number } | null = null;
  for (const r of rows) {
    if (r.step !== 'delay') continue;
    const at = (r.data as { newFinishAt?: unknown } | null)?.newFinishAt;
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) continue;
    if (!last || r.id > last.id)
      last = { reason: (r.reason ?? '').trim(), newFinishAt: new Date(at).toISOString(), id: r.id };
  }
  return last ? { reason: last.reason, newFinishAt: last.newFinishAt } : null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * One visit for the tracking page: each step in the customer's words, done / skipped / to do with its time (a skip
 * shows as skipped, never with the technician's reason), the ETA, arrival, expected finish (a complex repair, or
 * moved by a delay), the last delay, the finish, and whether the record can be opened. A follow-up proposed to
 * dispatch has no window yet for the customer (they are told once dispatch confirms it).
 */
export function customerVisit(
  visit: CustomerVisitFacts,
  steps: readonly StepState[],
  log: readonly LogFacts[],
  locale: Locale,
): CustomerVisit {
  const windowShown = visit.status !== 'proposed' && visit.windowStart && visit.windowEnd;
  return {
    visitNo: visit.visitNo,
    kind: visit.kind,
    status: visit.status,
    window: windowShown
      ? { start: (visit.windowStart as Date).toISOString(), end: (visit.windowEnd as Date).toISOString() }
      : null,
    steps: steps.map((s) => ({
      step: s.step,
      label: VISIT_STEP_CUSTOMER_TEXT[s.step][locale],
      status: s.status,
      at: s.status === 'todo' ? null : iso(s.at),
    })),
    etaAt: iso(visit.etaAt),
    arrivedAt: iso(visit.arrivedAt),
    expectedFinishAt: iso(visit.expectedFinishAt),
    delay: lastDelay(log),
    finishedAt: iso(visit.finishedAt),
    recordAvailable: recordAvailable(visit),
  };
}
