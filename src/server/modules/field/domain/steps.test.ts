import { FOLLOW_UP_STEPS, VISIT_STEPS, type VisitStep } from '@shared/domain/field';
import { describe, expect, it } from 'vitest';
import { checkAction, isComplete, progressOf, type StepRecord, sequenceOf } from './steps';

const at = new Date('2026-07-15T02:00:00Z');
let n = 0;
const rec = (step: VisitStep, skipped = false, order: number | null = ++n): StepRecord => ({
  step,
  skipped,
  order,
  at,
});
const upTo = (last: VisitStep): StepRecord[] => {
  const out: StepRecord[] = [];
  for (const s of VISIT_STEPS) {
    out.push(rec(s));
    if (s === last) break;
  }
  return out;
};
const open = { status: 'open' as const, kind: 'first' as const };

describe('the order of a visit’s steps', () => {
  it('has the policy’s order, and a follow-up visit repeats neither acceptance, diagnosis, quote nor consent', () => {
    expect(sequenceOf('first')).toEqual([
      'accept',
      'contacted',
      'depart',
      'arrive',
      'show_id',
      'safety',
      'diagnosis',
      'quote',
      'consent',
      'repair',
      'tests',
      'handover',
      'site_cleaned',
      'signature',
      'complete',
    ]);
    expect(sequenceOf('follow_up')).toEqual(FOLLOW_UP_STEPS);
    for (const s of ['accept', 'diagnosis', 'quote', 'consent'] as const) expect(FOLLOW_UP_STEPS).not.toContain(s);
  });

  it('the next step is the first one not done or skipped', () => {
    expect(progressOf('first', []).next).toBe('accept');
    expect(progressOf('first', upTo('arrive')).next).toBe('show_id');
    expect(progressOf('first', [...upTo('arrive'), rec('show_id', true)]).next).toBe('safety');
    expect(progressOf('first', upTo('complete')).next).toBeNull();
  });

  it('a step recorded out of order does not count until the steps before it are done', () => {
    const p = progressOf('first', [rec('accept'), rec('depart')]);
    expect(p.next).toBe('contacted');
    expect(isComplete(p, 'depart')).toBe(false);
  });

  it('redoing an earlier step sends the later ones back (a new diagnosis needs a new quote)', () => {
    const records = [...upTo('quote'), rec('diagnosis')];
    const p = progressOf('first', records);
    expect(isComplete(p, 'diagnosis')).toBe(true);
    expect(isComplete(p, 'quote')).toBe(false);
    expect(p.next).toBe('quote');
  });

  it('steps done outside the app (dispatch’s acceptance and contact) count whenever they happened', () => {
    const p = progressOf('first', [rec('accept', false, null), rec('contacted', false, null), rec('depart', false, 3)]);
    expect(p.next).toBe('arrive');
    // A step recorded by the app wins over the one taken from dispatch.
    const q = progressOf('first', [rec('accept', false, 5), rec('accept', false, null)]);
    expect(q.steps[0]).toMatchObject({ status: 'done', order: 5 });
  });
});

describe('what may happen now', () => {
  it('allows only the next step', () => {
    const p = progressOf('first', upTo('arrive'));
    expect(checkAction(open, p, { type: 'step', step: 'show_id' })).toBeNull();
    expect(checkAction(open, p, { type: 'step', step: 'safety' })).toMatchObject({
      kind: 'order',
      reason: 'out_of_order',
      details: { next: 'show_id' },
    });
  });

  it('refuses a step done already, except the diagnosis and quote before consent', () => {
    const p = progressOf('first', upTo('quote'));
    expect(checkAction(open, p, { type: 'step', step: 'arrive' })).toMatchObject({ reason: 'already_done' });
    expect(checkAction(open, p, { type: 'step', step: 'diagnosis' })).toBeNull();
    expect(checkAction(open, p, { type: 'step', step: 'quote' })).toBeNull();
    const consented = progressOf('first', upTo('consent'));
    expect(checkAction(open, consented, { type: 'step', step: 'quote' })).toMatchObject({ reason: 'already_done' });
    expect(checkAction(open, consented, { type: 'step', step: 'diagnosis' })).toMatchObject({
      reason: 'already_done',
    });
  });

  it('skips only the skippable steps, in their turn', () => {
    const p = progressOf('first', upTo('arrive'));
    expect(checkAction(open, p, { type: 'skip', step: 'show_id' })).toBeNull();
    const q = progressOf('first', upTo('show_id'));
    expect(checkAction(open, q, { type: 'skip', step: 'safety' })).toMatchObject({
      kind: 'rule',
      reason: 'not_skippable',
    });
    for (const must of ['accept', 'arrive', 'diagnosis', 'quote', 'consent', 'repair', 'tests', 'complete'] as const) {
      expect(checkAction(open, progressOf('first', []), { type: 'skip', step: must })?.reason).toBe('not_skippable');
    }
    // Skippable but not its turn yet.
    expect(checkAction(open, progressOf('first', []), { type: 'skip', step: 'handover' })?.reason).toBe('out_of_order');
  });

  it('waiting for parts ends a visit after the diagnosis (follow-up: after arriving) and before the tests', () => {
    expect(checkAction(open, progressOf('first', upTo('safety')), { type: 'waiting_parts' })?.reason).toBe('not_now');
    expect(checkAction(open, progressOf('first', upTo('diagnosis')), { type: 'waiting_parts' })).toBeNull();
    expect(checkAction(open, progressOf('first', upTo('repair')), { type: 'waiting_parts' })).toBeNull();
    expect(checkAction(open, progressOf('first', upTo('tests')), { type: 'waiting_parts' })?.reason).toBe('not_now');
    const followUp = { status: 'open' as const, kind: 'follow_up' as const };
    const arrived = progressOf('follow_up', [rec('contacted'), rec('depart'), rec('arrive')]);
    expect(checkAction(followUp, arrived, { type: 'waiting_parts' })).toBeNull();
  });

  it('a delay is reported between arrival and completion', () => {
    expect(checkAction(open, progressOf('first', upTo('depart')), { type: 'delay' })?.reason).toBe('not_now');
    expect(checkAction(open, progressOf('first', upTo('arrive')), { type: 'delay' })).toBeNull();
    expect(checkAction(open, progressOf('first', upTo('complete')), { type: 'delay' })?.reason).toBe('not_now');
  });

  it('nothing happens on a closed visit, and a follow-up has no diagnosis step', () => {
    const closed = { status: 'waiting_parts' as const, kind: 'first' as const };
    expect(checkAction(closed, progressOf('first', []), { type: 'step', step: 'accept' })?.reason).toBe('visit_closed');
    const followUp = { status: 'open' as const, kind: 'follow_up' as const };
    expect(checkAction(followUp, progressOf('follow_up', []), { type: 'step', step: 'diagnosis' })?.reason).toBe(
      'not_in_visit',
    );
    expect(checkAction(followUp, progressOf('follow_up', []), { type: 'step', step: 'contacted' })).toBeNull();
  });
});
