import { staffUsers, writeAudit } from '@server/modules/identity';
import { canAccessBranch, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { findTechnician, findTechnicianByStaffNo, insertTechnicianIfNew } from '../../technicians.repository';
import { auditFacts, type ProfileInput, profilePatch, shiftIssues } from './profile-fields';
import { technicianDetail } from './technician-detail';
import { issue } from './technician-support';

export interface CreateTechnicianInput extends ProfileInput {
  userId: string;
  staffNo: string;
  home: { lat: number; lng: number; label: string };
}

/** A new profile's shift and capacity unless given: Monday to Saturday, 08:30–18:00, 6 jobs, 8 hours. */
export const PROFILE_DEFAULTS = {
  workDays: [1, 2, 3, 4, 5, 6],
  shiftStart: '08:30',
  shiftEnd: '18:00',
  maxJobsPerDay: 6,
  maxMinutesPerDay: 480,
} as const;

/**
 * POST /api/technicians — the profile of a user who holds the technician role, in the branch of that user (which
 * must be the actor's own unless company-wide). One profile per user and unique staff numbers (409 CONFLICT).
 */
export async function createTechnician(ctx: Ctx, input: CreateTechnicianInput): Promise<TechnicianDetail> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const user = (await staffUsers(tx.db, [input.userId])).get(input.userId);
    // A user of another branch is reported like an unknown one (no existence leak).
    if (!user || (user.branchId !== null && !canAccessBranch(actor, user.branchId))) {
      throw AppError.validation([issue(tx, 'userId', 'not_found', '未找到该用户', 'No such user')]);
    }
    if (!user.roles.includes('technician')) {
      throw AppError.validation([
        issue(tx, 'userId', 'not_a_technician', '该用户不是维修工程师', 'This user does not hold the technician role'),
      ]);
    }
    if (!user.branchId) {
      throw AppError.validation([
        issue(tx, 'userId', 'no_branch', '该用户未分配网点', 'This user belongs to no branch'),
      ]);
    }
    const staffNo = input.staffNo.toUpperCase();
    const existing = await findTechnician(tx.db, user.id);
    if (existing) {
      throw new AppError('CONFLICT', {
        technicianId: existing.userId,
        issues: [issue(tx, 'userId', 'profile_exists', '该用户已有工程师档案', 'This user already has a profile')],
      });
    }
    const staffNoConflict = () =>
      new AppError('CONFLICT', {
        issues: [issue(tx, 'staffNo', 'staff_no_taken', '工号已被使用', 'This staff number is taken')],
      });
    if (await findTechnicianByStaffNo(tx.db, staffNo)) throw staffNoConflict();
    const fields = { ...PROFILE_DEFAULTS, ...profilePatch(input) };
    const shift = shiftIssues(tx, fields.shiftStart, fields.shiftEnd);
    if (shift.length) throw AppError.validation(shift);
    const row = await insertTechnicianIfNew(tx.db, {
      ...fields,
      workDays: [...fields.workDays],
      userId: user.id,
      branchId: user.branchId,
      staffNo,
      name: user.displayName,
      homeLat: input.home.lat,
      homeLng: input.home.lng,
      homeLabel: input.home.label,
      createdAt: tx.now,
      updatedAt: tx.now,
    });
    // Lost a race with another request for the same user or staff number.
    if (!row) throw (await findTechnician(tx.db, user.id)) ? new AppError('CONFLICT') : staffNoConflict();
    await writeAudit(tx, {
      action: 'technician.created',
      objectType: 'technician',
      objectId: row.userId,
      after: auditFacts(row),
    });
    return technicianDetail(tx, row);
  });
}
