import { assertBranchAccess } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { User } from '@shared/contracts/identity.contract';
import { findBranch, findUserById } from '../identity.repository';
import { toUser } from '../identity.views';

export async function getUser(ctx: Ctx, userId: string): Promise<User> {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError('NOT_FOUND');
  assertBranchAccess(ctx.actor, user.branchId);
  return toUser(user, user.branchId ? await findBranch(ctx.db, user.branchId) : null);
}
