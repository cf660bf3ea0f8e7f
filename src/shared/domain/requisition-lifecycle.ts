import type { RequisitionStatus } from './parts';

/**
 * The requisition (配件领用申请) life cycle as one pure function:
 *
 *   submitted ──decide──▶ approved | partially_approved | rejected
 *   approved / partially_approved ──issue──▶ issued
 *   submitted / approved / partially_approved ──cancel──▶ cancelled
 *
 * `decide` carries the per-line outcome: every line approved → approved; some → partially_approved;
 * none → rejected. An illegal event is an error value, never a silent no-op.
 */
export type RequisitionEvent =
  | { type: 'decide'; approvedLines: number; totalLines: number }
  | { type: 'issue' }
  | { type: 'cancel' };

export type TransitionResult =
  | { ok: true; status: RequisitionStatus }
  | { ok: false; reason: 'illegal_transition' | 'invalid_event' };

export function transitionRequisition(state: RequisitionStatus, event: RequisitionEvent): TransitionResult {
  switch (event.type) {
    case 'decide': {
      if (state !== 'submitted') return { ok: false, reason: 'illegal_transition' };
      const { approvedLines, totalLines } = event;
      if (!Number.isInteger(approvedLines) || !Number.isInteger(totalLines) || totalLines < 1) {
        return { ok: false, reason: 'invalid_event' };
      }
      if (approvedLines < 0 || approvedLines > totalLines) return { ok: false, reason: 'invalid_event' };
      if (approvedLines === 0) return { ok: true, status: 'rejected' };
      return { ok: true, status: approvedLines === totalLines ? 'approved' : 'partially_approved' };
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
