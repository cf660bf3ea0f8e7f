// What the customer sees on the tracking page and may do there. Pure.
import { CUSTOMER_STATUS_TEXT, type WorkOrderStatus } from '@shared/domain/work-order';
import type { Locale } from '@shared/errors';

/** Timeline events written by the tracking page (kind `note`, actor "客户"). */
export const CUSTOMER_NEW_TIME_EVENT = 'customer_new_time';
/** The timeline's actor name for the customer's own actions. */
export const CUSTOMER_ACTOR_NAME = '客户';

/** Before the technician sets off, the customer may move the appointment or cancel on their own. */
const SELF_SERVICE: readonly WorkOrderStatus[] = ['new', 'returned', 'ready', 'assigned', 'accepted'];
/** A new time also makes sense while waiting for parts (a new visit is planned). */
const NEW_TIME: readonly WorkOrderStatus[] = [...SELF_SERVICE, 'waiting_parts'];
const FINISHED: readonly WorkOrderStatus[] = ['completed', 'settled', 'closed', 'cancelled'];

export interface CustomerActions {
  requestNewTime: boolean;
  cancel: boolean;
  requestMyData: boolean;
  requestDeletion: boolean;
}

/**
 * The buttons of the tracking page. Once the technician is on the way the customer calls the hotline instead
 * (a cancel then is the agent's, with the visit in view). An anonymised customer has no data left to ask for.
 */
export function customerActions(status: WorkOrderStatus, anonymised: boolean): CustomerActions {
  return {
    requestNewTime: NEW_TIME.includes(status),
    cancel: SELF_SERVICE.includes(status),
    requestMyData: !anonymised,
    requestDeletion: !anonymised,
  };
}

/** The ETA is shown while the order is open. */
export function showsEstimate(status: WorkOrderStatus): boolean {
  return !FINISHED.includes(status);
}

export interface TimelineInputEntry {
  at: string;
  kind: string;
  event: string;
  toStatus: WorkOrderStatus | null;
  reason: string | null;
  details: unknown;
}

export interface CustomerTimelineEntry {
  at: string;
  kind: 'status' | 'customer';
  status: WorkOrderStatus | null;
  text: string;
}

const TZ = 'Asia/Shanghai';

function hm(d: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    d,
  );
}
function ymd(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    d,
  );
}

/** "2026-07-20 09:00–12:00" (China time); the end's date too when it is another day. */
export function formatWindow(window: { start: string; end: string }): string {
  const s = new Date(window.start);
  const e = new Date(window.end);
  const sameDay = ymd(s) === ymd(e);
  return `${ymd(s)} ${hm(s)}–${sameDay ? '' : `${ymd(e)} `}${hm(e)}`;
}

function windowOf(details: unknown): { start: string; end: string } | null {
  const w = (details as { preferredWindow?: unknown } | null)?.preferredWindow as
    | { start?: unknown; end?: unknown }
    | undefined;
  return w && typeof w.start === 'string' && typeof w.end === 'string' ? { start: w.start, end: w.end } : null;
}

/**
 * The order's timeline in customer words: status changes (CUSTOMER_STATUS_TEXT; a cancel with its reason) and the
 * customer's own requests. Staff notes, edits, SLA alerts, notices and staff names are left out. `mask` hides
 * mobile numbers typed into free text.
 */
export function customerTimeline(
  entries: readonly TimelineInputEntry[],
  locale: Locale,
  mask: (text: string) => string = (t) => t,
): CustomerTimelineEntry[] {
  const zh = locale === 'zh-CN';
  const out: CustomerTimelineEntry[] = [];
  for (const e of entries) {
    if (e.kind === 'transition' && e.toStatus) {
      let text = CUSTOMER_STATUS_TEXT[e.toStatus][locale];
      if (e.event === 'created') text = zh ? `报修已提交。${text}` : `Request submitted. ${text}`;
      if (e.toStatus === 'cancelled' && e.reason) {
        text += zh ? `（原因：${mask(e.reason)}）` : ` (reason: ${mask(e.reason)})`;
      }
      out.push({ at: e.at, kind: 'status', status: e.toStatus, text });
    } else if (e.kind === 'note' && e.event === CUSTOMER_NEW_TIME_EVENT) {
      const w = windowOf(e.details);
      const when = w ? formatWindow(w) : '';
      const note = e.reason ? mask(e.reason) : '';
      const text = zh
        ? `您申请改约到 ${when}${note ? `：${note}` : ''}，调度将与您确认`
        : `You asked for a new time: ${when}${note ? ` — ${note}` : ''}; dispatch will confirm`;
      out.push({ at: e.at, kind: 'customer', status: null, text });
    }
  }
  return out;
}
