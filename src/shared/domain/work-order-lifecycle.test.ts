import { describe, expect, it } from 'vitest';
import { WORK_ORDER_STATUSES, type WorkOrderStatus } from './work-order';
import {
  allowedEvents,
  CANCELLABLE,
  EVENT_TYPES,
  TRANSITIONS,
  transition,
  type WorkOrderEvent,
  type WorkOrderEventType,
} from './work-order-lifecycle';

function sample(type: WorkOrderEventType, reason = 'because'): WorkOrderEvent {
  switch (type) {
    case 'return':
      return { type, missingItems: reason ? ['地址门牌号'] : [] };
    case 'reject':
    case 'unassign':
    case 'reassign':
    case 'wait_parts':
    case 'cancel':
      return { type, reason };
    default:
      return { type } as WorkOrderEvent;
  }
}

/** The expected table, written out independently of TRANSITIONS. */
const EXPECTED: [WorkOrderStatus, WorkOrderEventType, WorkOrderStatus][] = [
  ['new', 'approve', 'ready'],
  ['new', 'return', 'returned'],
  ['returned', 'resubmit', 'new'],
  ['ready', 'assign', 'assigned'],
  ['assigned', 'accept', 'accepted'],
  ['assigned', 'reject', 'ready'],
  ['accepted', 'reject', 'ready'],
  ['assigned', 'unassign', 'ready'],
  ['accepted', 'unassign', 'ready'],
  ['assigned', 'reassign', 'assigned'],
  ['accepted', 'reassign', 'assigned'],
  ['en_route', 'reassign', 'assigned'],
  ['accepted', 'depart', 'en_route'],
  ['en_route', 'arrive', 'on_site'],
  ['on_site', 'diagnose', 'diagnosed'],
  ['diagnosed', 'consent', 'in_repair'],
  ['diagnosed', 'wait_parts', 'waiting_parts'],
  ['in_repair', 'wait_parts', 'waiting_parts'],
  ['waiting_parts', 'resume', 'in_repair'],
  ['in_repair', 'complete', 'completed'],
  ['completed', 'settle', 'settled'],
  ['settled', 'close', 'closed'],
  ...CANCELLABLE.map((s) => [s, 'cancel', 'cancelled'] as [WorkOrderStatus, WorkOrderEventType, WorkOrderStatus]),
];

describe('work-order life cycle', () => {
  const legal = new Map(EXPECTED.map(([from, ev, to]) => [`${from}/${ev}`, to]));

  // Every (status, event) pair: legal ones land where DOMAIN.md says, every other pair is refused.
  for (const from of WORK_ORDER_STATUSES) {
    for (const ev of EVENT_TYPES) {
      const expected = legal.get(`${from}/${ev}`);
      it(`${from} --${ev}--> ${expected ?? 'illegal'}`, () => {
        const r = transition(from, sample(ev));
        if (expected) expect(r).toEqual({ ok: true, to: expected });
        else expect(r).toEqual({ ok: false, reason: 'illegal_transition' });
      });
    }
  }

  it('the table has exactly the expected moves', () => {
    const actual = EVENT_TYPES.flatMap((ev) =>
      Object.entries(TRANSITIONS[ev]).map(([from, to]) => `${from}/${ev}/${to}`),
    ).sort();
    expect(actual).toEqual(EXPECTED.map(([f, e, t]) => `${f}/${e}/${t}`).sort());
  });

  it('cancel is possible from every state before completed and from none after', () => {
    for (const s of WORK_ORDER_STATUSES) {
      const r = transition(s, { type: 'cancel', reason: '客户不需要了' });
      expect(r.ok).toBe(CANCELLABLE.includes(s));
    }
    expect(CANCELLABLE).not.toContain('completed');
  });

  it('requires a reason or missing items where the policy needs one', () => {
    expect(transition('new', { type: 'cancel', reason: '  ' })).toEqual({ ok: false, reason: 'reason_required' });
    expect(transition('new', { type: 'return', missingItems: [] })).toEqual({
      ok: false,
      reason: 'missing_items_required',
    });
    expect(transition('assigned', { type: 'reject', reason: '' })).toEqual({ ok: false, reason: 'reason_required' });
  });

  it('terminal states allow nothing', () => {
    expect(allowedEvents('closed')).toEqual([]);
    expect(allowedEvents('cancelled')).toEqual([]);
    expect(allowedEvents('new')).toEqual(['approve', 'return', 'cancel']);
  });
});
