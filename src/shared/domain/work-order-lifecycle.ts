import type { WorkOrderStatus } from './work-order';

/**
 * The work-order life cycle as one pure function. Every status change in the system goes through
 * `transition`; an illegal event is an error value, never a silent no-op.
 */
export type WorkOrderEvent =
  | { type: 'approve' }
  | { type: 'return'; missingItems: string[] }
  | { type: 'resubmit' }
  | { type: 'assign' }
  | { type: 'accept' }
  | { type: 'reject'; reason: string }
  | { type: 'unassign'; reason: string }
  | { type: 'reassign'; reason: string }
  | { type: 'depart' }
  | { type: 'arrive' }
  | { type: 'diagnose' }
  | { type: 'consent' }
  | { type: 'wait_parts'; reason: string }
  | { type: 'resume' }
  | { type: 'complete' }
  | { type: 'settle' }
  | { type: 'close' }
  | { type: 'cancel'; reason: string };

export type WorkOrderEventType = WorkOrderEvent['type'];

export const EVENT_TYPES: readonly WorkOrderEventType[] = [
  'approve',
  'return',
  'resubmit',
  'assign',
  'accept',
  'reject',
  'unassign',
  'reassign',
  'depart',
  'arrive',
  'diagnose',
  'consent',
  'wait_parts',
  'resume',
  'complete',
  'settle',
  'close',
  'cancel',
];

/** Statuses from which an order may still be cancelled: every one before `completed`. */
export const CANCELLABLE: readonly WorkOrderStatus[] = [
  'new',
  'returned',
  'ready',
  'assigned',
  'accepted',
  'en_route',
  'on_site',
  'diagnosed',
  'in_repair',
  'waiting_parts',
];

/** The legal moves: event → (from → to). Anything not listed is illegal. */
export const TRANSITIONS: Record<WorkOrderEventType, Partial<Record<WorkOrderStatus, WorkOrderStatus>>> = {
  approve: { new: 'ready' },
  return: { new: 'returned' },
  resubmit: { returned: 'new' },
  assign: { ready: 'assigned' },
  accept: { assigned: 'accepted' },
  reject: { assigned: 'ready', accepted: 'ready' },
  unassign: { assigned: 'ready', accepted: 'ready' },
  reassign: { assigned: 'assigned', accepted: 'assigned', en_route: 'assigned' },
  depart: { accepted: 'en_route' },
  arrive: { en_route: 'on_site' },
  diagnose: { on_site: 'diagnosed' },
  consent: { diagnosed: 'in_repair' },
  wait_parts: { diagnosed: 'waiting_parts', in_repair: 'waiting_parts' },
  resume: { waiting_parts: 'in_repair' },
  complete: { in_repair: 'completed' },
  settle: { completed: 'settled' },
  close: { settled: 'closed' },
  cancel: Object.fromEntries(CANCELLABLE.map((s) => [s, 'cancelled'])) as Partial<
    Record<WorkOrderStatus, WorkOrderStatus>
  >,
};

export type TransitionResult =
  | { ok: true; to: WorkOrderStatus }
  | { ok: false; reason: 'illegal_transition' | 'reason_required' | 'missing_items_required' };

export function transition(from: WorkOrderStatus, event: WorkOrderEvent): TransitionResult {
  const to = TRANSITIONS[event.type][from];
  if (!to) return { ok: false, reason: 'illegal_transition' };
  switch (event.type) {
    case 'return':
      if (event.missingItems.filter((s) => s.trim()).length === 0)
        return { ok: false, reason: 'missing_items_required' };
      return { ok: true, to };
    case 'reject':
    case 'unassign':
    case 'reassign':
    case 'wait_parts':
    case 'cancel':
      if (!event.reason.trim()) return { ok: false, reason: 'reason_required' };
      return { ok: true, to };
    case 'approve':
    case 'resubmit':
    case 'assign':
    case 'accept':
    case 'depart':
    case 'arrive':
    case 'diagnose':
    case 'consent':
    case 'resume':
    case 'complete':
    case 'settle':
    case 'close':
      return { ok: true, to };
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** The events a user could apply now (for buttons). */
export function allowedEvents(from: WorkOrderStatus): WorkOrderEventType[] {
  return EVENT_TYPES.filter((e) => TRANSITIONS[e][from] !== undefined);
}
