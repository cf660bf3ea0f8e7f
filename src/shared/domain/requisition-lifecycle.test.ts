import { describe, expect, it } from 'vitest';
import { REQUISITION_STATUSES, type RequisitionStatus } from './parts';
import { type RequisitionEvent, transitionRequisition } from './requisition-lifecycle';

const decide = (approvedLines: number, totalLines = 3): RequisitionEvent => ({
  type: 'decide',
  approvedLines,
  totalLines,
});

describe('transitionRequisition', () => {
  it('decide: all lines → approved, some → partially_approved, none → rejected', () => {
    expect(transitionRequisition('submitted', decide(3))).toEqual({ ok: true, status: 'approved' });
    expect(transitionRequisition('submitted', decide(1))).toEqual({ ok: true, status: 'partially_approved' });
    expect(transitionRequisition('submitted', decide(0))).toEqual({ ok: true, status: 'rejected' });
  });

  it('decide refuses nonsense counts', () => {
    expect(transitionRequisition('submitted', decide(4))).toEqual({ ok: false, reason: 'invalid_event' });
    expect(transitionRequisition('submitted', decide(-1))).toEqual({ ok: false, reason: 'invalid_event' });
    expect(transitionRequisition('submitted', decide(0, 0))).toEqual({ ok: false, reason: 'invalid_event' });
    expect(transitionRequisition('submitted', decide(1.5))).toEqual({ ok: false, reason: 'invalid_event' });
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
