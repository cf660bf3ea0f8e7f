import { writeAudit } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { FaultCategory, SkillCode } from '@shared/contracts/intake.contract';
import { findCategory, listFaultCodes, updateCategoryVersioned } from '../intake.repository';
import { toCategory } from '../intake.views';

export interface UpdateFaultCategoryInput {
  version: number;
  nameZh?: string;
  nameEn?: string;
  complexity?: 'simple' | 'complex';
  requiredSkills?: SkillCode[];
  standardMinutes?: number;
  difficulty?: number;
  likelyParts?: string[];
  sort?: number;
  active?: boolean;
}

/** An admin edits a category (optimistic locking); audited with before and after. */
export async function updateFaultCategory(
  ctx: Ctx,
  code: string,
  input: UpdateFaultCategoryInput,
): Promise<FaultCategory> {
  return withTransaction(ctx, async (tx) => {
    const before = await findCategory(tx.db, code);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    const { version, ...rest } = input;
    const patch = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    if (patch.requiredSkills) patch.requiredSkills = [...new Set(patch.requiredSkills as string[])];
    const after = await updateCategoryVersioned(tx.db, code, version, patch);
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    await writeAudit(tx, {
      action: 'fault.category.updated',
      objectType: 'fault_category',
      objectId: code,
      before,
      after,
    });
    return toCategory(after, await listFaultCodes(tx.db));
  });
}
