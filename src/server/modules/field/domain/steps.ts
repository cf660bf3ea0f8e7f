import {
  SKIPPABLE_STEPS,
  VISIT_STEP_LABELS,
  type VisitKind,
  type VisitStatus,
  type VisitStep,
} from '@shared/domain/field';
import { REDOABLE_BEFORE_CONSENT, sequenceOf } from '@shared/domain/field-order';
import { orderBreak, type RuleBreak, ruleBreak } from './issues';

// The order data the phone's offline layer needs too lives in shared (field-order.ts).
export { REDOABLE_BEFORE_CONSENT, sequenceOf };

/** One recorded step of the visit's log (done or skipped). */
export interface StepRecord {
  step: VisitStep;
  skipped: boolean;
  /**
   * Position in the visit's append-only log (insertion order). Null for a step done outside the field app and
   * taken from its owner (the appointment's acceptance and customer contact, recorded by dispatch): always valid.
   */
  order: number | null;
  at: Date;
}

export type StepStatus = 'done' | 'skipped' | 'todo';

export interface StepState {
  step: VisitStep;
  status: StepStatus;
  at: Date | null;
  order: number | null;
}

export interface Progress {
  kind: VisitKind;
  steps: StepState[];
  /** The first step not done or skipped (null: every step is complete). */
  next: VisitStep | null;
}

/**
 * Where a visit stands, from its log. A step counts when it is done (or skipped) after every step before it: the
 * steps form a chain, so redoing an earlier step (a new diagnosis before the customer agreed) sends the later
 * ones (the quote made for the old diagnosis) back to be done again. Once a step is missing, none after it counts.
 */
export function progressOf(kind: VisitKind, records: readonly StepRecord[]): Progress {
  const steps: StepState[] = [];
  let floor = Number.NEGATIVE_INFINITY;
  let broken = false;
  for (const step of sequenceOf(kind)) {
    const mine = records.filter((r) => r.step === step);
    // The latest record of the step in the log; a step recorded elsewhere (order null) only when the log has none.
    const logged = mine.filter((r) => r.order !== null).sort((a, b) => (a.order as number) - (b.order as number));
    const latest = logged[logged.length - 1] ?? mine.find((r) => r.order === null) ?? null;
    const valid = !broken && latest !== null && (latest.order === null || latest.order > floor);
    if (valid && latest) {
      steps.push({ step, status: latest.skipped ? 'skipped' : 'done', at: latest.at, order: latest.order });
      if (latest.order !== null) floor = Math.max(floor, latest.order);
    } else {
      broken = true;
      steps.push({ step, status: 'todo', at: null, order: null });
    }
  }
  return { kind, steps, next: steps.find((s) => s.status === 'todo')?.step ?? null };
}

export function isComplete(progress: Progress, step: VisitStep): boolean {
  const s = progress.steps.find((x) => x.step === step);
  return s !== undefined && s.status !== 'todo';
}

export type VisitAction =
  | { type: 'step'; step: VisitStep }
  | { type: 'skip'; step: VisitStep }
  | { type: 'waiting_parts' }
  | { type: 'delay' };

const label = (s: VisitStep) => VISIT_STEP_LABELS[s];

/**
 * May this action happen now? Steps go in order (each after every step before it is done or skipped); a step done
 * already is refused, except the diagnosis and the quote before the customer's consent; only the skippable steps
 * may be skipped; waiting for parts ends a visit after the diagnosis (on a follow-up: after arriving) and before
 * the tests; a delay is reported between arriving and completion. Returns null when allowed.
 */
export function checkAction(
  visit: { status: VisitStatus; kind: VisitKind },
  progress: Progress,
  action: VisitAction,
): RuleBreak | null {
  if (visit.status !== 'open') {
    return orderBreak(
      'visit_closed',
      '该上门记录已结束，不能再操作',
      'This visit is over; nothing more can be recorded',
      {
        status: visit.status,
      },
    );
  }
  const sequence = sequenceOf(visit.kind);
  if (action.type === 'waiting_parts') {
    const after: VisitStep = visit.kind === 'follow_up' ? 'arrive' : 'diagnosis';
    if (!isComplete(progress, after) || isComplete(progress, 'tests')) {
      return orderBreak(
        'not_now',
        `须在${label(after)['zh-CN']}之后、测试之前登记待配件`,
        `Waiting for parts is recorded after ${label(after)['en-US']} and before the tests`,
        { after },
      );
    }
    return null;
  }
  if (action.type === 'delay') {
    if (!isComplete(progress, 'arrive') || isComplete(progress, 'complete')) {
      return orderBreak(
        'not_now',
        '到达之后、完工之前才能报告延误',
        'A delay is reported after arriving and before completion',
      );
    }
    return null;
  }
  const { step } = action;
  if (!sequence.includes(step)) {
    return orderBreak('not_in_visit', '此类上门没有这一步', 'This kind of visit has no such step', { step });
  }
  if (action.type === 'skip' && !SKIPPABLE_STEPS.includes(step)) {
    return ruleBreak(
      'not_skippable',
      `「${label(step)['zh-CN']}」是制度要求的步骤，不能跳过`,
      `"${label(step)['en-US']}" is required by the policy and cannot be skipped`,
      { step },
    );
  }
  if (isComplete(progress, step)) {
    const redo = action.type === 'step' && REDOABLE_BEFORE_CONSENT.includes(step) && !isComplete(progress, 'consent');
    if (!redo) {
      return orderBreak(
        'already_done',
        `「${label(step)['zh-CN']}」已完成`,
        `"${label(step)['en-US']}" is done already`,
        {
          step,
        },
      );
    }
    return null;
  }
  if (progress.next !== step) {
    const next = progress.next as VisitStep;
    return orderBreak('out_of_order', `请先完成「${label(next)['zh-CN']}」`, `Do "${label(next)['en-US']}" first`, {
      step,
      next,
    });
  }
  return null;
}
