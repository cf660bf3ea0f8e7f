import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { FaultCode, SkillCode } from '@shared/contracts/intake.contract';
import { findFaultCode, updateFaultCodeVersioned } from '../intake.repository';
import { toFaultCode } from '../intake.views';

export interface UpdateFaultCodeInput {
  version: number;
  categoryCode?: string;
  meaningZh?: string;
  meaningEn?: string;
  complexity?: 'simple' | 'complex';
  requiredSkills?: SkillCode[];
  standardMinutes?: number;
  likelyParts?: string[];
}

/** An admin edits a brand error code (optimistic locking); audited with before and after. */
export async function updateFaultCode(ctx: Ctx, id: string, input: UpdateFaultCodeInput): Promise<FaultCode> {
  return withTransaction(ctx, async (tx) => {
    const before = await findFaultCode(tx.db, id);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    const { version, ...rest } = input;
    const patch = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    if (patch.requiredSkills) patch.requiredSkills = [...new Set(patch.requiredSkills as string[])];
    const after = await updateFaultCodeVersioned(tx.db, id, version, patch);
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    await writeAudit(tx, { action: 'fault.code.updated', objectType: 'fault_code', objectId: id, before, after });
    return toFaultCode(after);
  });
}
