import type { RequisitionStatus } from './parts';

/**
 * The requisition (配件领用申请) life cycle as one pure function:
 *
 *   submitted ──decide──▶ approved | partially_approved | rejected
 *   approved / partially_approved ──issue──▶ issued
 *   submitted / approved / partially_approved ──cancel──▶ cancelled
 *
 * `decide` carries each line's requested and approved quantities: every line approved in full → approved;
 * anything less (a line cut, or some lines rejected) with at least one unit approved → partially_approved;
 * nothing approved → rejected. An illegal event is an error value, never a silent no-op.
 */
export interface LineDecisionOutcome {
  requested: number;
  approved: number;
}

export type RequisitionEvent =
  | { type: 'decide'; lines: readonly LineDecisionOutcome[] }
  | { type: 'issue' }
  | { type: 'cancel' };

export type TransitionResult =
  | { ok: true; status: RequisitionStatus }
  | { ok: false; reason: 'illegal_transition' | 'invalid_event' };

export function transitionRequisition(state: RequisitionStatus, event: RequisitionEvent): TransitionResult {
  switch (event.type) {
    case 'decide': {
      if (state !== 'submitted') return { ok: false, reason: 'illegal_transition' };
      const { lines } = event;
      if (lines.length < 1) return { ok: false, reason: 'invalid_event' };
      for (const l of lines) {
        if (!Number.isInteger(l.requested) || !Number.isInteger(l.approved))
          return { ok: false, reason: 'invalid_event' };
        if (l.requested < 1 || l.approved < 0 || l.approved > l.requested)
          return { ok: false, reason: 'invalid_event' };
      }
      if (lines.every((l) => l.approved === 0)) return { ok: true, status: 'rejected' };
      const full = lines.every((l) => l.approved === l.requested);
      return { ok: true, status: full ? 'approved' : 'partially_approved' };
    }
    case 'issue':
      return state === 'approved' || state === 'partially_approved'
        ? { ok: true, status: 'issued' }
        : { ok: false, reason: 'illegal_transition' };
    case 'cancel':
      return state === 'submitted' || state === 'approved' || state === 'partially_approved'
        ? { ok: true, status: 'cancelled' }
        : { ok: false, reason: 'illegal_transition' };
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** Statuses still waiting for someone (the pending list of heads and warehouse keepers). */
export const OPEN_REQUISITION_STATUSES: readonly RequisitionStatus[] = ['submitted', 'approved', 'partially_approved'];
