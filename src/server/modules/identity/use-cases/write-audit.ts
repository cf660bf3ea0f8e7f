import type { Ctx } from '@server/platform/context';
import { insertAudit } from '../identity.repository';

export interface AuditInput {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
  /** For events before a session exists (failed login): the name that was tried. */
  actorName?: string | null;
  actorId?: string | null;
}

/** Appends one audit event in the caller's transaction: actor, time (UTC), IP, object, before/after. */
export async function writeAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  await insertAudit(ctx.db, {
    at: ctx.now,
    actorId: input.actorId !== undefined ? input.actorId : (ctx.actor?.userId ?? null),
    actorName: input.actorName !== undefined ? input.actorName : (ctx.actor?.username ?? null),
    action: input.action,
    objectType: input.objectType ?? null,
    objectId: input.objectId ?? null,
    ip: ctx.request.ip,
    requestId: ctx.request.requestId,
    before: input.before ?? null,
    after: input.after ?? null,
    details: input.details ?? null,
  });
}
