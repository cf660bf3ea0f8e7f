import { describe, expect, it } from 'vitest';
import { REQUISITION_STATUSES, type RequisitionStatus } from './parts';
import { type RequisitionEvent, transitionRequisition } from './requisition-lifecycle';

/** A decision of `lines` lines of 2 units each, `full` of them approved in full, `cut` approved 1, the rest 0. */
const decide = (full: number, cut = 0, lines = 3): RequisitionEvent => ({
  type: 'decide',
  lines: Array.from({ length: lines }, (_, i) => ({ requested: 2, approved: i < full ? 2 : i < full + cut ? 1 : 0 })),
});
const raw = (lines: { requested: number; approved: number }[]): RequisitionEvent => ({ type: 'decide', lines });

describe('transitionRequisition', () => {
  it('decide: every line in full → approved, some → partially_approved, none → rejected', () => {
    expect(transitionRequisition('submitted', decide(3))).toEqual({ ok: true, status: 'approved' });
    expect(transitionRequisition('submitted', decide(1))).toEqual({ ok: true, status: 'partially_approved' });
    expect(transitionRequisition('submitted', decide(0))).toEqual({ ok: true, status: 'rejected' });
  });

  it('decide: a line approved for less than asked makes it partially_approved, even with every line approved', () => {
    expect(transitionRequisition('submitted', decide(2, 1))).toEqual({ ok: true, status: 'partially_approved' });
    expect(transitionRequisition('submitted', decide(0, 3))).toEqual({ ok: true, status: 'partially_approved' });
    expect(transitionRequisition('submitted', decide(0, 1))).toEqual({ ok: true, status: 'partially_approved' });
    expect(transitionRequisition('submitted', raw([{ requested: 5, approved: 4 }]))).toEqual({
      ok: true,
      status: 'partially_approved',
    });
    expect(transitionRequisition('submitted', raw([{ requested: 5, approved: 5 }]))).toEqual({
      ok: true,
      status: 'approved',
    });
  });

  it('decide refuses nonsense quantities', () => {
    const invalid = { ok: false, reason: 'invalid_event' };
    expect(transitionRequisition('submitted', raw([{ requested: 2, approved: 3 }]))).toEqual(invalid);
    expect(transitionRequisition('submitted', raw([{ requested: 2, approved: -1 }]))).toEqual(invalid);
    expect(transitionRequisition('submitted', raw([]))).toEqual(invalid);
    expect(transitionRequisition('submitted', raw([{ requested: 0, approved: 0 }]))).toEqual(invalid);
    expect(transitionRequisition('submitted', raw([{ requested: 2, approved: 1.5 }]))).toEqual(invalid);
    expect(transitionRequisition('submitted', raw([{ requested: 2.5, approved: 1 }]))).toEqual(invalid);
  });

  it('only a submitted requisition is decided, once', () => {
    for (const s of REQUISITION_STATUSES.filter((x) => x !== 'submitted')) {
      expect(transitionRequisition(s, decide(3))).toEqual({ ok: false, reason: 'illegal_transition' });
    }
  });

  it('issue only after (partial) approval', () => {
    const table: [RequisitionStatus, boolean][] = [
      ['submitted', false],
      ['approved', true],
      ['partially_approved', true],
      ['rejected', false],
      ['issued', false],
      ['cancelled', false],
    ];
    for (const [s, ok] of table) {
      expect(transitionRequisition(s, { type: 'issue' })).toEqual(
        ok ? { ok: true, status: 'issued' } : { ok: false, reason: 'illegal_transition' },
      );
    }
  });

  it('cancel while nothing was issued', () => {
    const table: [RequisitionStatus, boolean][] = [
      ['submitted', true],
      ['approved', true],
      ['partially_approved', true],
      ['rejected', false],
      ['issued', false],
      ['cancelled', false],
    ];
    for (const [s, ok] of table) {
      expect(transitionRequisition(s, { type: 'cancel' }).ok).toBe(ok);
    }
  });
});
