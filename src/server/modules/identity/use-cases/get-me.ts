import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { Me } from '@shared/contracts/identity.contract';
import { findBranch, findUserById } from '../identity.repository';
import { toMe } from '../identity.views';

export async function getMe(ctx: Ctx): Promise<Me> {
  const actor = requireActor(ctx.actor);
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const branch = user.branchId ? await findBranch(ctx.db, user.branchId) : null;
  return toMe(user, branch);
}
