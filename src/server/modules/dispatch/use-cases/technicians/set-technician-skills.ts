import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import type { SkillCode } from '@shared/contracts/intake.contract';
import { listSkills, replaceSkills, updateTechnicianVersioned } from '../../technicians.repository';
import { technicianDetail } from './technician-detail';
import { expectVersion, issue, technicianFor } from './technician-support';

export interface SetTechnicianSkillsInput {
  version: number;
  skills: { skill: SkillCode; level: 1 | 2 | 3 }[];
}

/**
 * PUT /api/technicians/:technicianId/skills — replaces every skill and level at once (the profile's version goes
 * up; stale → 409). A skill named twice is a field error. Audited with before and after.
 */
export async function setTechnicianSkills(
  ctx: Ctx,
  technicianId: string,
  input: SetTechnicianSkillsInput,
): Promise<TechnicianDetail> {
  return withTransaction(ctx, async (tx) => {
    const before = await technicianFor(tx, technicianId, { lock: true });
    expectVersion(before.version, input.version);
    const dupes = input.skills
      .map((_s, i) => i)
      .filter((i) => input.skills.findIndex((s) => s.skill === input.skills[i]?.skill) < i);
    if (dupes.length) {
      throw AppError.validation(
        dupes.map((i) => issue(tx, `skills.${i}.skill`, 'duplicate', '技能重复', 'This skill is listed twice')),
      );
    }
    const oldSkills = await listSkills(tx.db, [technicianId]);
    const after = await updateTechnicianVersioned(tx.db, technicianId, input.version, {}, tx.now);
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    await replaceSkills(tx.db, technicianId, input.skills);
    await writeAudit(tx, {
      action: 'technician.skills.set',
      objectType: 'technician',
      objectId: technicianId,
      before: { skills: oldSkills.map((s) => ({ skill: s.skill, level: s.level })), version: before.version },
      after: { skills: input.skills, version: after.version },
    });
    return technicianDetail(tx, after);
  });
}
