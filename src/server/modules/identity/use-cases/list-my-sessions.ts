import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { listLiveSessionsOfUser } from '../identity.repository';
import { iso } from '../identity.views';

export async function listMySessions(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const rows = await listLiveSessionsOfUser(ctx.db, actor.userId, ctx.now);
  return {
    items: rows.map((s) => ({
      id: s.id,
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      expiresAt: iso(s.expiresAt),
      ip: s.ip,
      userAgent: s.userAgent,
      current: s.id === actor.sessionId,
    })),
  };
}
