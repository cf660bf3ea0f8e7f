import type { Ctx } from '@server/platform/context';
import type { FieldIssue } from '@shared/errors';
import { minutesOf } from '../../domain/day-time';
import type { TechnicianRow } from '../../technicians.repository';
import { issue } from './technician-support';

/** The editable profile fields of createTechnician / updateTechnician, as the contract parses them. */
export interface ProfileInput {
  workPhone?: string;
  home?: { lat: number; lng: number; label: string };
  workDays?: number[];
  shiftStart?: string;
  shiftEnd?: string;
  maxJobsPerDay?: number;
  maxMinutesPerDay?: number;
  vanLocation?: string;
  active?: boolean;
}

/** The profile columns an input sets (only the fields it carries). Work days are kept sorted, without repeats. */
export function profilePatch(input: ProfileInput): Partial<TechnicianRow> {
  return {
    ...(input.workPhone !== undefined ? { workPhone: input.workPhone } : {}),
    ...(input.home !== undefined
      ? { homeLat: input.home.lat, homeLng: input.home.lng, homeLabel: input.home.label }
      : {}),
    ...(input.workDays !== undefined ? { workDays: [...new Set(input.workDays)].sort((a, b) => a - b) } : {}),
    ...(input.shiftStart !== undefined ? { shiftStart: input.shiftStart } : {}),
    ...(input.shiftEnd !== undefined ? { shiftEnd: input.shiftEnd } : {}),
    ...(input.maxJobsPerDay !== undefined ? { maxJobsPerDay: input.maxJobsPerDay } : {}),
    ...(input.maxMinutesPerDay !== undefined ? { maxMinutesPerDay: input.maxMinutesPerDay } : {}),
    ...(input.vanLocation !== undefined ? { vanLocation: input.vanLocation } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  };
}

/** The shift must end after it starts (both in the branch's local time). */
export function shiftIssues(ctx: Ctx, shiftStart: string, shiftEnd: string): FieldIssue[] {
  if (minutesOf(shiftEnd) > minutesOf(shiftStart)) return [];
  return [issue(ctx, 'shiftEnd', 'end_before_start', '下班时间须晚于上班时间', 'The shift must end after it starts')];
}

/** The facts an audit row keeps of a profile (no photo). */
export function auditFacts(t: TechnicianRow) {
  return {
    staffNo: t.staffNo,
    name: t.name,
    branchId: t.branchId,
    workPhone: t.workPhone,
    home: { lat: t.homeLat, lng: t.homeLng, label: t.homeLabel },
    workDays: t.workDays,
    shiftStart: t.shiftStart,
    shiftEnd: t.shiftEnd,
    maxJobsPerDay: t.maxJobsPerDay,
    maxMinutesPerDay: t.maxMinutesPerDay,
    vanLocation: t.vanLocation,
    active: t.active,
    version: t.version,
  };
}
