import { staffUsers } from '@server/modules/identity';
import { branchScope, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import type { TechnicianSummary } from '@shared/contracts/dispatch.contract';
import { EXPIRY_ALERT_DAYS } from '../../domain/certificates';
import { addDays } from '../../domain/day-time';
import { listCertificates, listSkills, pageTechnicians, type TechnicianFilter } from '../../technicians.repository';
import { toSummary } from '../../technicians.views';
import { branchDay } from './technician-support';

export interface ListTechniciansQuery {
  page?: number;
  pageSize?: number;
  branchId?: string;
  skill?: string;
  certificateState?: 'valid' | 'expiring' | 'expired';
  q?: string;
  /** Default: active profiles only. */
  active?: 'true' | 'false' | 'all';
}

/**
 * GET /api/technicians — the technicians of the reader's branch (every branch for company-wide roles), by staff
 * number: filters by branch, skill, worst certificate state and name / staff number, active only by default.
 */
export async function listTechnicians(ctx: Ctx, query: ListTechniciansQuery) {
  const actor = requireActor(ctx.actor);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const scope = branchScope(actor);
  // Certificate states are judged on the local day of the branch being looked at.
  const { today } = await branchDay(ctx, query.branchId ?? scope ?? null);
  const active = query.active ?? 'true';
  const f: TechnicianFilter = {
    ...(scope !== undefined ? { scopeBranchId: scope } : {}),
    ...(query.branchId ? { branchId: query.branchId } : {}),
    ...(query.skill ? { skill: query.skill } : {}),
    ...(query.q ? { q: query.q } : {}),
    ...(active !== 'all' ? { active: active === 'true' } : {}),
    ...(query.certificateState
      ? { certificateState: { state: query.certificateState, today, horizonDay: addDays(today, EXPIRY_ALERT_DAYS) } }
      : {}),
  };
  const { items, total } = await pageTechnicians(ctx.db, f, page, pageSize);
  const ids = items.map((t) => t.userId);
  const [users, skills, certificates] = await Promise.all([
    staffUsers(ctx.db, ids),
    listSkills(ctx.db, ids),
    listCertificates(ctx.db, ids),
  ]);
  const out: TechnicianSummary[] = items.map((t) =>
    toSummary(t, {
      username: users.get(t.userId)?.username ?? '',
      skills: skills.filter((s) => s.technicianId === t.userId),
      certificates: certificates.filter((c) => c.technicianId === t.userId),
      today,
    }),
  );
  return { items: out, total, page, pageSize };
}
