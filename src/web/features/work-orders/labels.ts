import { REVIEW_MISSING_ITEM_LABELS } from '@shared/contracts/intake.contract';
import type { WorkOrderStatus } from '@shared/domain/work-order';
import type { MessageKey } from '@web/lib/i18n';

/** Tag colours of the statuses: waiting ones warm, moving ones blue/purple, finished green, cancelled red. */
export const STATUS_COLORS: Record<WorkOrderStatus, string> = {
  new: 'gold',
  returned: 'volcano',
  ready: 'cyan',
  assigned: 'blue',
  accepted: 'geekblue',
  en_route: 'purple',
  on_site: 'purple',
  diagnosed: 'magenta',
  in_repair: 'processing',
  waiting_parts: 'orange',
  completed: 'green',
  settled: 'lime',
  closed: 'default',
  cancelled: 'red',
};

/** Timeline event names (life-cycle events plus the ones the intake module writes). Unknown ones show raw. */
const EVENT_KEYS: Record<string, MessageKey> = {
  created: 'wo.event.created',
  edited: 'wo.event.edited',
  approve: 'wo.event.approve',
  return: 'wo.event.return',
  resubmit: 'wo.event.resubmit',
  assign: 'wo.event.assign',
  accept: 'wo.event.accept',
  reject: 'wo.event.reject',
  unassign: 'wo.event.unassign',
  reassign: 'wo.event.reassign',
  depart: 'wo.event.depart',
  arrive: 'wo.event.arrive',
  diagnose: 'wo.event.diagnose',
  consent: 'wo.event.consent',
  wait_parts: 'wo.event.wait_parts',
  resume: 'wo.event.resume',
  complete: 'wo.event.complete',
  settle: 'wo.event.settle',
  close: 'wo.event.close',
  cancel: 'wo.event.cancel',
  sla_breach: 'wo.event.sla_breach',
  sms_queued: 'wo.event.sms_queued',
  photo_attached: 'wo.event.photo_attached',
  customer_new_time: 'wo.event.customer_new_time',
  alert_acknowledged: 'wo.event.alert_acknowledged',
  assignment_declined: 'wo.event.assignment_declined',
  late_reported: 'wo.event.late_reported',
  late_predicted: 'wo.event.late_predicted',
  customer_contacted: 'wo.event.customer_contacted',
  sms_skipped: 'wo.event.sms_skipped',
  step_skipped: 'wo.event.step_skipped',
  repair_delayed: 'wo.event.repair_delayed',
  follow_up_needed: 'wo.event.follow_up_needed',
};

export function eventMessageKey(event: string): MessageKey | undefined {
  return Object.hasOwn(EVENT_KEYS, event) ? EVENT_KEYS[event] : undefined;
}

/** The model as stored; "unknown" (the customer does not know it) is shown in words. */
export function isUnknownModel(model: string): boolean {
  const m = model.trim().toLowerCase();
  return m === '' || m === 'unknown' || m === '不清楚';
}

/** A missing item named by the reviewer: the usual ones in words, free text as typed. */
export function missingItemLabel(item: string, lang: 'zh-CN' | 'en-US'): string {
  return Object.hasOwn(REVIEW_MISSING_ITEM_LABELS, item)
    ? REVIEW_MISSING_ITEM_LABELS[item as keyof typeof REVIEW_MISSING_ITEM_LABELS][lang]
    : item;
}
