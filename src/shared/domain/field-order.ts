import { FOLLOW_UP_STEPS, VISIT_STEPS, type VisitKind, type VisitStep } from './field';

// The order rules of a visit's steps that both the server (src/server/modules/field/domain/steps.ts) and the phone's
// offline layer (which applies a queued step to its cached copy of the visit) need. Pure data and functions only.

/** The steps of a visit of this kind, in order. */
export function sequenceOf(kind: VisitKind): readonly VisitStep[] {
  return kind === 'follow_up' ? FOLLOW_UP_STEPS : VISIT_STEPS;
}

/** Steps that may be done again (a new version replaces the old) until the customer has agreed to the plan. */
export const REDOABLE_BEFORE_CONSENT: readonly VisitStep[] = ['diagnosis', 'quote'];
