import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import type { Me } from '@shared/contracts/identity.contract';
import type { Locale } from '@shared/errors';
import { updateUser } from '../identity.repository';
import { getMe } from './get-me';

export async function updateMyPreferences(ctx: Ctx, input: { language: Locale }): Promise<Me> {
  const actor = requireActor(ctx.actor);
  await updateUser(ctx.db, actor.userId, { language: input.language }, ctx.now);
  return getMe(ctx);
}
