import { type Issue, issue, type RuleBreak, ruleBreak } from './issues';

// The visit's clocks (DOMAIN.md "Clocks", policy ch. 4.3): lateness against the appointment window, the simple
// fault's time limit, the complex fault's expected finish, and when a delay must be explained.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How much later than the step's time a phone's clock may be (clock drift) before its time is refused. */
export const CLOCK_SKEW_MS = 5 * MINUTE;
/** An offline step older than this is refused: the visit record must not be rewritten days later. */
export const MAX_OFFLINE_AGE_MS = 72 * HOUR;

/**
 * The time a step happened: the phone's time for a step queued offline (`occurredAt`), else now. A time in the
 * future (beyond clock drift) or older than three days is refused; a time before the previous step is moved up to
 * it (the log stays in order; phones' clocks differ).
 */
export function stepTime(input: {
  occurredAt: Date | null;
  now: Date;
  previousAt: Date | null;
}): { ok: true; at: Date } | { ok: false; issue: Issue } {
  const { occurredAt, now, previousAt } = input;
  if (!occurredAt) return { ok: true, at: previousAt && previousAt > now ? previousAt : now };
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return { ok: false, issue: issue('occurredAt', 'in_future', '时间不能晚于现在', 'The time is in the future') };
  }
  if (occurredAt.getTime() < now.getTime() - MAX_OFFLINE_AGE_MS) {
    return {
      ok: false,
      issue: issue(
        'occurredAt',
        'too_old',
        '离线记录超过 72 小时，请联系调度处理',
        'Offline steps older than 72 hours are refused',
      ),
    };
  }
  const at = occurredAt.getTime() > now.getTime() ? now : occurredAt;
  return { ok: true, at: previousAt && at < previousAt ? previousAt : at };
}

/** Minutes late against the appointment window (arrival after its end), rounded up; 0 when on time. */
export function lateMinutes(arrivedAt: Date, windowEnd: Date | null): number {
  if (!windowEnd) return 0;
  const late = arrivedAt.getTime() - windowEnd.getTime();
  return late > 0 ? Math.ceil(late / MINUTE) : 0;
}

/** The ETA given on departure: after the departure, within 12 hours. */
export function checkEta(at: Date, eta: Date): Issue | null {
  if (eta.getTime() <= at.getTime() || eta.getTime() > at.getTime() + 12 * HOUR) {
    return issue(
      'etaAt',
      'range',
      '预计到达时间应在出发之后 12 小时内',
      'The ETA must be within 12 hours after departure',
    );
  }
  return null;
}

/** A complex fault's expected finish, told to the customer: after now, within 7 days. */
export function checkExpectedFinish(at: Date, finish: Date, path = 'expectedFinishAt'): Issue | null {
  if (finish.getTime() <= at.getTime() || finish.getTime() > at.getTime() + 7 * 24 * HOUR) {
    return issue(
      path,
      'range',
      '预计完成时间应在现在之后 7 天内',
      'The expected finish must be within the next 7 days',
    );
  }
  return null;
}

/**
 * When the repair must be done by: a simple fault within the set time of arrival (setting sla.simpleRepairMinutes,
 * default 2 h); a complex one by the expected finish told to the customer. Null before arrival, or for a complex
 * fault with no expected finish yet.
 */
export function repairDueAt(input: {
  complexity: 'simple' | 'complex';
  arrivedAt: Date | null;
  simpleLimitMinutes: number;
  expectedFinishAt: Date | null;
}): Date | null {
  if (!input.arrivedAt) return null;
  if (input.complexity === 'simple') return new Date(input.arrivedAt.getTime() + input.simpleLimitMinutes * MINUTE);
  return input.expectedFinishAt;
}

/**
 * Past the time limit (or the expected finish) the technician must say why before going on (policy ch. 4.3: tell the
 * customer and dispatch): every step is refused until a delay with a reason and a new finish time is reported.
 */
export function delayRequired(at: Date, dueAt: Date | null): RuleBreak | null {
  if (!dueAt || at.getTime() <= dueAt.getTime()) return null;
  return ruleBreak(
    'delay_reason_required',
    '已超过预计完成时间，请先报告延误原因和新的完成时间（将通知客户和调度）',
    'The repair is past its time limit: report the reason and a new finish time first (the customer and dispatch are told)',
    { dueAt: dueAt.toISOString() },
  );
}

/** A reported delay's new finish: after now and after the time it replaces, within 7 days. */
export function checkNewFinish(at: Date, newFinish: Date, dueAt: Date | null): Issue | null {
  const range = checkExpectedFinish(at, newFinish, 'newFinishAt');
  if (range) return range;
  if (dueAt && newFinish.getTime() <= dueAt.getTime()) {
    return issue(
      'newFinishAt',
      'not_later',
      '新的完成时间应晚于原定时间',
      'The new finish must be later than the one it replaces',
    );
  }
  return null;
}

/** Great-circle distance in metres (check-in position vs the address's map point). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h))));
}

/** A check-in further than this from the address's map point is flagged for dispatch (not refused). */
export const FAR_FROM_ADDRESS_M = 1000;
