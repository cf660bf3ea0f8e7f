import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import { endSession, listLiveSessionsOfUser } from '../identity.repository';
import { writeAudit } from './write-audit';

/** Ends one of the caller's own sessions (another user's session id answers NOT_FOUND). */
export async function endMySession(ctx: Ctx, sessionId: string): Promise<void> {
  const actor = requireActor(ctx.actor);
  await withTransaction(ctx, async (tx) => {
    const mine = await listLiveSessionsOfUser(tx.db, actor.userId, ctx.now);
    if (!mine.some((s) => s.id === sessionId)) throw new AppError('NOT_FOUND');
    await endSession(tx.db, sessionId, ctx.now, 'ended_by_user');
    await writeAudit(tx, { action: 'auth.session.ended', objectType: 'session', objectId: sessionId });
  });
}
