import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import { hashPassword } from '../domain/password';
import { endSessionsOfUser, findUserById, updateUser } from '../identity.repository';
import { writeAudit } from './write-audit';

/** An administrator sets a new password; the user's sessions end and they must change it at next login. */
export async function resetUserPassword(ctx: Ctx, userId: string, newPassword: string): Promise<void> {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new AppError('NOT_FOUND');
  const passwordHash = await hashPassword(newPassword);
  await withTransaction(ctx, async (tx) => {
    await updateUser(tx.db, userId, { passwordHash, mustChangePassword: true, demo: false }, ctx.now);
    const ended = await endSessionsOfUser(tx.db, userId, ctx.now, 'password_reset');
    await writeAudit(tx, {
      action: 'user.password.reset',
      objectType: 'user',
      objectId: userId,
      details: { endedSessions: ended },
    });
  });
}
