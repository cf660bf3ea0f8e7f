import { WORK_ORDER_STATUSES } from '@shared/domain/work-order';
import { describe, expect, it } from 'vitest';
import {
  customerActions,
  customerTimeline,
  formatWindow,
  showsEstimate,
  type TimelineInputEntry,
} from './customer-view';

const entry = (e: Partial<TimelineInputEntry>): TimelineInputEntry => ({
  at: '2026-07-15T02:00:00.000Z',
  kind: 'transition',
  event: 'approve',
  toStatus: null,
  reason: null,
  details: null,
  ...e,
});

describe('customerActions', () => {
  it('allows a new time and a cancel before the technician sets off; data requests unless anonymised', () => {
    const cancellable = WORK_ORDER_STATUSES.filter((s) => customerActions(s, false).cancel);
    expect(cancellable).toEqual(['new', 'returned', 'ready', 'assigned', 'accepted']);
    const newTime = WORK_ORDER_STATUSES.filter((s) => customerActions(s, false).requestNewTime);
    expect(newTime).toEqual(['new', 'returned', 'ready', 'assigned', 'accepted', 'waiting_parts']);
    expect(customerActions('closed', false)).toMatchObject({ requestMyData: true, requestDeletion: true });
    expect(customerActions('new', true)).toMatchObject({ requestMyData: false, requestDeletion: false });
  });

  it('shows the estimate only while open', () => {
    expect(WORK_ORDER_STATUSES.filter((s) => !showsEstimate(s))).toEqual([
      'completed',
      'settled',
      'closed',
      'cancelled',
    ]);
  });
});

describe('customerTimeline', () => {
  it('keeps status changes in plain words and the customer requests; drops notes, alerts, notices', () => {
    const out = customerTimeline(
      [
        entry({ event: 'created', toStatus: 'new' }),
        entry({ kind: 'notice', event: 'sms_queued' }),
        entry({ kind: 'note', event: 'edited', reason: '内部：客户脾气急' }),
        entry({ kind: 'alert', event: 'sla_breach' }),
        entry({ event: 'approve', toStatus: 'ready' }),
        entry({
          kind: 'note',
          event: 'customer_new_time',
          reason: '下午有人，电话13812345678',
          details: { preferredWindow: { start: '2026-07-20T06:00:00.000Z', end: '2026-07-20T10:00:00.000Z' } },
        }),
        entry({ event: 'cancel', toStatus: 'cancelled', reason: '已自行修好' }),
      ],
      'zh-CN',
      (t) => t.replace(/1[3-9]\d{9}/g, '138****5678'),
    );
    expect(out.map((e) => e.kind)).toEqual(['status', 'status', 'customer', 'status']);
    expect(out[0]?.text).toBe('报修已提交。我们已收到您的报修，正在核对信息');
    expect(out[1]).toMatchObject({ status: 'ready', text: '正在为您安排维修工程师' });
    expect(out[2]?.text).toBe('您申请改约到 2026-07-20 14:00–18:00：下午有人，电话138****5678，调度将与您确认');
    expect(out[3]?.text).toBe('报修已取消（原因：已自行修好）');
    expect(JSON.stringify(out)).not.toContain('内部');
  });

  it('speaks English on request', () => {
    const [e] = customerTimeline([entry({ event: 'assign', toStatus: 'assigned' })], 'en-US');
    expect(e?.text).toBe('A technician has been assigned');
  });

  it('formats a window in China time', () => {
    expect(formatWindow({ start: '2026-07-20T01:00:00Z', end: '2026-07-20T04:00:00Z' })).toBe('2026-07-20 09:00–12:00');
    expect(formatWindow({ start: '2026-07-20T14:00:00Z', end: '2026-07-21T02:00:00Z' })).toBe(
      '2026-07-20 22:00–2026-07-21 10:00',
    );
  });
});
