import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { Branch } from '@shared/contracts/identity.contract';
import { findBranch, updateBranchVersioned } from '../identity.repository';
import { toBranch } from '../identity.views';
import { writeAudit } from './write-audit';

export interface UpdateBranchInput {
  version: number;
  name?: string;
  city?: string;
  address?: string;
  phone?: string;
  timeZone?: string;
  active?: boolean;
}

export async function updateBranch(ctx: Ctx, branchId: string, input: UpdateBranchInput): Promise<Branch> {
  return withTransaction(ctx, async (tx) => {
    const before = await findBranch(tx.db, branchId);
    if (!before) throw new AppError('NOT_FOUND');
    const { version, ...patch } = input;
    const after = await updateBranchVersioned(tx.db, branchId, version, patch, ctx.now);
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    await writeAudit(tx, {
      action: 'branch.updated',
      objectType: 'branch',
      objectId: branchId,
      before: toBranch(before),
      after: toBranch(after),
    });
    return toBranch(after);
  });
}
