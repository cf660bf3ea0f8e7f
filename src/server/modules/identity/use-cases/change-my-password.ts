import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import { hashPassword, verifyPassword } from '../domain/password';
import { endSessionsOfUser, findUserById, updateUser } from '../identity.repository';
import { writeAudit } from './write-audit';

/** Changes the caller's password after checking the current one; ends the caller's other sessions. */
export async function changeMyPassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = requireActor(ctx.actor);
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const zh = ctx.request.locale === 'zh-CN';
    throw AppError.field('currentPassword', 'wrong_password', zh ? '当前密码不正确' : 'The current password is wrong');
  }
  if (input.currentPassword === input.newPassword) {
    const zh = ctx.request.locale === 'zh-CN';
    throw AppError.field(
      'newPassword',
      'same_as_current',
      zh ? '新密码不能与当前密码相同' : 'The new password must differ from the current one',
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  await withTransaction(ctx, async (tx) => {
    await updateUser(tx.db, user.id, { passwordHash, mustChangePassword: false, demo: false }, ctx.now);
    const ended = await endSessionsOfUser(tx.db, user.id, ctx.now, 'password_changed', actor.sessionId ?? undefined);
    await writeAudit(tx, {
      action: 'user.password.changed',
      objectType: 'user',
      objectId: user.id,
      details: { endedSessions: ended },
    });
  });
}
