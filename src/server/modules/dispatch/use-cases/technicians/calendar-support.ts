import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { FieldIssue } from '@shared/errors';
import { type CalendarFields, type CalendarIssue, checkCalendarFields, timeTaken } from '../../domain/availability';
import { activeAppointmentsOverlapping, calendarOfDay, type TechnicianRow } from '../../technicians.repository';
import { issue, msg } from './technician-support';

const ISSUE_TEXT: Record<CalendarIssue['code'], [string, string]> = {
  required_together: [
    '开始和结束时间须同时填写（或都不填表示全天）',
    'Give both a start and an end time (or neither: the whole day)',
  ],
  end_before_start: ['结束时间须晚于开始时间', 'The end must be after the start'],
  not_allowed: ['调休为全天，不填时间', 'A day off is a whole day: no times'],
  in_the_past: ['不能申请过去的日期', 'The day is in the past'],
  too_far: ['最多可提前一年申请', 'At most a year ahead'],
};

/** The fields of a calendar entry, checked; VALIDATION_FAILED with every problem. */
export function assertCalendarFields(ctx: Ctx, f: CalendarFields, today: string, opts: { allowPast: boolean }): void {
  const issues: FieldIssue[] = checkCalendarFields(f, today, opts).map((i) => {
    const [zh, en] = ISSUE_TEXT[i.code];
    return issue(ctx, i.path, i.code, zh, en);
  });
  if (issues.length) throw AppError.validation(issues);
}

/** One entry per kind and day: a pending or approved one of the same kind that day is a 409 CONFLICT naming it. */
export async function assertNoDuplicate(ctx: Ctx, technicianId: string, f: CalendarFields): Promise<void> {
  const same = (await calendarOfDay(ctx.db, technicianId, f.day)).find(
    (e) => e.kind === f.kind && (e.status === 'pending' || e.status === 'approved'),
  );
  if (same) {
    throw new AppError('CONFLICT', {
      entryId: same.id,
      status: same.status,
      issues: [
        {
          path: 'day',
          code: 'already_requested',
          message: msg(ctx, '当天已有同类申请', 'There already is such an entry on that day'),
        },
      ],
    });
  }
}

/**
 * The numbers of the technician's active appointments in the time an approved leave or day off takes (they must
 * be reassigned); empty for an extra shift. `excludeEntryId`: the entry being approved, not yet counted.
 */
export async function conflictingAppointments(
  ctx: Ctx,
  tech: TechnicianRow,
  entry: CalendarFields,
  timeZone: string,
  excludeEntryId?: string,
): Promise<string[]> {
  if (entry.kind === 'extra_shift') return [];
  const approved = (await calendarOfDay(ctx.db, tech.userId, entry.day))
    .filter((e) => e.status === 'approved' && e.id !== excludeEntryId)
    .map((e) => ({
      kind: e.kind as CalendarFields['kind'],
      status: e.status,
      startTime: e.startTime,
      endTime: e.endTime,
    }));
  const intervals = timeTaken(entry, tech, approved, timeZone);
  const out: string[] = [];
  for (const i of intervals) {
    for (const n of await activeAppointmentsOverlapping(ctx.db, tech.userId, i.start, i.end)) {
      if (!out.includes(n)) out.push(n);
    }
  }
  return out;
}
