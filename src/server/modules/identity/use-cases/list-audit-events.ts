import type { Ctx } from '@server/platform/context';
import { listAudit } from '../identity.repository';
import { iso } from '../identity.views';

export interface ListAuditInput {
  page?: number;
  pageSize?: number;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
}

export async function listAuditEvents(ctx: Ctx, input: ListAuditInput) {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  const { items, total } = await listAudit(
    ctx.db,
    {
      actor: input.actor,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      from: input.from ? new Date(input.from) : undefined,
      to: input.to ? new Date(input.to) : undefined,
    },
    page,
    pageSize,
  );
  return {
    items: items.map((e) => ({
      id: e.id,
      at: iso(e.at),
      actorId: e.actorId,
      actorName: e.actorName,
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId,
      ip: e.ip,
      requestId: e.requestId,
      before: e.before ?? null,
      after: e.after ?? null,
      details: e.details ?? null,
    })),
    total,
    page,
    pageSize,
  };
}
