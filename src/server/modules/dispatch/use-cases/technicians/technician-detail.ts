import { staffUsers } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { addDays } from '../../domain/day-time';
import {
  listCalendar,
  listCertificates,
  listSkills,
  listTrainings,
  type TechnicianRow,
} from '../../technicians.repository';
import { toDetail } from '../../technicians.views';
import { branchDay } from './technician-support';

/** How far back the detail's calendar reaches. */
export const CALENDAR_DAYS_BACK = 30;

/** The full profile of one technician (the caller has checked access). */
export async function technicianDetail(ctx: Ctx, row: TechnicianRow): Promise<TechnicianDetail> {
  const { today } = await branchDay(ctx, row.branchId);
  // One after the other: inside a transaction they share one connection.
  const users = await staffUsers(ctx.db, [row.userId]);
  const skills = await listSkills(ctx.db, [row.userId]);
  const certificates = await listCertificates(ctx.db, [row.userId]);
  const trainings = await listTrainings(ctx.db, row.userId);
  const calendar = await listCalendar(ctx.db, row.userId, addDays(today, -CALENDAR_DAYS_BACK));
  return toDetail(row, {
    username: users.get(row.userId)?.username ?? '',
    skills,
    certificates,
    trainings,
    calendar,
    today,
  });
}
