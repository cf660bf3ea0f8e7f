import { staffUsers, writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { updateTechnicianVersioned } from '../../technicians.repository';
import { auditFacts, type ProfileInput, profilePatch, shiftIssues } from './profile-fields';
import { technicianDetail } from './technician-detail';
import { branchDay, expectVersion, technicianFor } from './technician-support';

export interface UpdateTechnicianInput extends ProfileInput {
  version: number;
}

/** Fields whose change moves the technician's working time on the board. */
const CALENDAR_FIELDS = ['workDays', 'shiftStart', 'shiftEnd', 'active'] as const;

/**
 * PATCH /api/technicians/:technicianId — home base, phone, shift, work days, capacity, van, active; under optimistic
 * locking (stale → 409, nothing changes). The name copy is refreshed from the user. Audited with what changed.
 */
export async function updateTechnician(
  ctx: Ctx,
  technicianId: string,
  input: UpdateTechnicianInput,
): Promise<TechnicianDetail> {
  return withTransaction(ctx, async (tx) => {
    const before = await technicianFor(tx, technicianId, { lock: true });
    expectVersion(before.version, input.version);
    const patch = profilePatch(input);
    const shift = shiftIssues(tx, patch.shiftStart ?? before.shiftStart, patch.shiftEnd ?? before.shiftEnd);
    if (shift.length) throw AppError.validation(shift);
    const user = (await staffUsers(tx.db, [technicianId])).get(technicianId);
    const after = await updateTechnicianVersioned(
      tx.db,
      technicianId,
      input.version,
      { ...patch, ...(user ? { name: user.displayName } : {}) },
      tx.now,
    );
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    const b = auditFacts(before);
    const a = auditFacts(after);
    const changed = (Object.keys(a) as (keyof typeof a)[]).filter(
      (k) => k !== 'version' && JSON.stringify(a[k]) !== JSON.stringify(b[k]),
    );
    await writeAudit(tx, {
      action: 'technician.updated',
      objectType: 'technician',
      objectId: technicianId,
      before: b,
      after: a,
      details: { fields: changed },
    });
    if (changed.some((k) => (CALENDAR_FIELDS as readonly string[]).includes(k))) {
      const { today } = await branchDay(tx, after.branchId);
      tx.events.emit('dispatch.calendarChanged', { technicianId, branchId: after.branchId, day: today });
    }
    return technicianDetail(tx, after);
  });
}
