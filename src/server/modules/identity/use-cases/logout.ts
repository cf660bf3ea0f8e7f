import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { endSession } from '../identity.repository';
import { writeAudit } from './write-audit';

export async function logout(ctx: Ctx): Promise<void> {
  const actor = requireActor(ctx.actor);
  if (!actor.sessionId) return;
  const sessionId = actor.sessionId;
  await withTransaction(ctx, async (tx) => {
    await endSession(tx.db, sessionId, ctx.now, 'logout');
    await writeAudit(tx, { action: 'auth.logout', objectType: 'session', objectId: sessionId });
  });
}
