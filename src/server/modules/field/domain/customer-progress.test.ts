import { VISIT_STEP_CUSTOMER_TEXT, VISIT_STEP_LABELS, VISIT_STEPS } from '@shared/domain/field';
import { describe, expect, it } from 'vitest';
import { type CustomerVisitFacts, customerVisit, lastDelay, recordAvailable, shownVisits } from './customer-progress';
import { progressOf, type StepRecord } from './steps';

const at = (hhmm: string) => new Date(`2026-07-15T${hhmm}:00+08:00`);

const facts = (over: Partial<CustomerVisitFacts> = {}): CustomerVisitFacts => ({
  visitNo: 1,
  kind: 'first',
  status: 'open',
  windowStart: at('10:00'),
  windowEnd: at('12:00'),
  etaAt: null,
  arrivedAt: null,
  expectedFinishAt: null,
  finishedAt: null,
  ...over,
});

describe('customer words for the steps', () => {
  it('has both languages for every step, and differs from the technician’s jargon where it matters', () => {
    for (const step of VISIT_STEPS) {
      expect(VISIT_STEP_CUSTOMER_TEXT[step]['zh-CN'].length, step).toBeGreaterThan(0);
      expect(VISIT_STEP_CUSTOMER_TEXT[step]['en-US'].length, step).toBeGreaterThan(0);
    }
    expect(VISIT_STEP_CUSTOMER_TEXT.arrive['zh-CN']).not.toBe(VISIT_STEP_LABELS.arrive['zh-CN']);
    expect(VISIT_STEP_CUSTOMER_TEXT.handover['en-US']).not.toBe(VISIT_STEP_LABELS.handover['en-US']);
  });
});

describe('shownVisits', () => {
  it('drops withdrawn and cancelled visits and sorts by number', () => {
    const list = [
      { visitNo: 3, status: 'proposed' },
      { visitNo: 1, status: 'withdrawn' },
      { visitNo: 2, status: 'waiting_parts' },
      { visitNo: 4, status: 'cancelled' },
    ];
    expect(shownVisits(list).map((v) => v.visitNo)).toEqual([2, 3]);
  });
});

describe('recordAvailable', () => {
  it('is the customer’s once the visit is completed, or ended waiting for parts', () => {
    expect(recordAvailable({ status: 'completed', finishedAt: at('12:00') })).toBe(true);
    expect(recordAvailable({ status: 'waiting_parts', finishedAt: at('12:00') })).toBe(true);
    expect(recordAvailable({ status: 'waiting_parts', finishedAt: null })).toBe(false);
    expect(recordAvailable({ status: 'open', finishedAt: null })).toBe(false);
    expect(recordAvailable({ status: 'proposed', finishedAt: null })).toBe(false);
  });
});

describe('lastDelay', () => {
  it('takes the latest delay row by log position, ignores other rows and malformed data', () => {
    const rows = [
      { id: 5, step: 'delay', reason: '  等待物业开门  ', data: { newFinishAt: at('15:00').toISOString() } },
      { id: 9, step: 'delay', reason: '配件型号不符，回仓库调换', data: { newFinishAt: at('17:30').toISOString() } },
      { id: 7, step: 'delay', reason: 'x', data: { newFinishAt: at('16:00').toISOString() } },
      { id: 11, step: 'skip', reason: '客户不在', data: {} },
      { id: 12, step: 'delay', reason: 'bad', data: { newFinishAt: 'not a time' } },
    ];
    expect(lastDelay(rows)).toEqual({ reason: '配件型号不符，回仓库调换', newFinishAt: at('17:30').toISOString() });
    expect(lastDelay(rows.slice(0, 1))).toEqual({ reason: '等待物业开门', newFinishAt: at('15:00').toISOString() });
    expect(lastDelay([])).toBeNull();
  });
});

describe('customerVisit', () => {
  it('maps each step to done / skipped / to do in the caller’s words, times of done steps only', () => {
    const records: StepRecord[] = [
      { step: 'accept', skipped: false, order: null, at: at('08:40') },
      { step: 'contacted', skipped: false, order: 1, at: at('08:50') },
      { step: 'depart', skipped: false, order: 2, at: at('09:30') },
      { step: 'arrive', skipped: false, order: 3, at: at('10:05') },
      { step: 'show_id', skipped: true, order: 4, at: at('10:06') },
    ];
    const progress = progressOf('first', records);
    const v = customerVisit(
      facts({ etaAt: at('10:00'), arrivedAt: at('10:05') }),
      progress.steps,
      [{ id: 4, step: 'skip', reason: '客户由物业人员陪同，本人不在', data: {} }],
      'zh-CN',
    );
    expect(v.steps.map((s) => [s.step, s.status])).toEqual(
      VISIT_STEPS.map((s) => [
        s,
        ['accept', 'contacted', 'depart', 'arrive'].includes(s) ? 'done' : s === 'show_id' ? 'skipped' : 'todo',
      ]),
    );
    expect(v.steps[0]).toEqual({
      step: 'accept',
      label: VISIT_STEP_CUSTOMER_TEXT.accept['zh-CN'],
      status: 'done',
      at: at('08:40').toISOString(),
    });
    expect(v.steps.find((s) => s.step === 'show_id')).toEqual({
      step: 'show_id',
      label: '出示工作证',
      status: 'skipped',
      at: at('10:06').toISOString(),
    });
    // The skip's reason is nowhere in what the customer gets.
    expect(JSON.stringify(v)).not.toContain('物业');
    expect(v.steps.filter((s) => s.status === 'todo').every((s) => s.at === null)).toBe(true);
    expect(v).toMatchObject({
      visitNo: 1,
      kind: 'first',
      status: 'open',
      window: { start: at('10:00').toISOString(), end: at('12:00').toISOString() },
      etaAt: at('10:00').toISOString(),
      arrivedAt: at('10:05').toISOString(),
      expectedFinishAt: null,
      delay: null,
      finishedAt: null,
      recordAvailable: false,
    });
  });

  it('labels follow the locale; a follow-up has its own steps; a proposed follow-up has no window yet', () => {
    const v = customerVisit(
      facts({ visitNo: 2, kind: 'follow_up', status: 'proposed' }),
      progressOf('follow_up', []).steps,
      [],
      'en-US',
    );
    expect(v.window).toBeNull();
    expect(v.steps.map((s) => s.step)).not.toContain('diagnosis');
    expect(v.steps[0]).toMatchObject({ step: 'contacted', label: VISIT_STEP_CUSTOMER_TEXT.contacted['en-US'] });
  });

  it('carries the expected finish, the last delay and the finish; the record once completed', () => {
    const v = customerVisit(
      facts({
        status: 'completed',
        expectedFinishAt: at('18:00'),
        finishedAt: at('17:50'),
        arrivedAt: at('10:05'),
      }),
      progressOf('first', []).steps,
      [{ id: 3, step: 'delay', reason: '等待配件送达', data: { newFinishAt: at('18:00').toISOString() } }],
      'zh-CN',
    );
    expect(v).toMatchObject({
      expectedFinishAt: at('18:00').toISOString(),
      delay: { reason: '等待配件送达', newFinishAt: at('18:00').toISOString() },
      finishedAt: at('17:50').toISOString(),
      recordAvailable: true,
    });
  });
});
