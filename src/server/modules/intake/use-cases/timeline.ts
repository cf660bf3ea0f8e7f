import type { Ctx } from '@server/platform/context';
import type { WorkOrderStatus } from '@shared/domain/work-order';
import { insertTimeline } from '../intake.repository';

export interface TimelineInput {
  kind: 'transition' | 'note' | 'alert' | 'notice';
  event: string;
  from?: WorkOrderStatus | null;
  to?: WorkOrderStatus | null;
  reason?: string | null;
  details?: unknown;
  /** Who acted when there is no user (public channels: "客户"); default the user, else the system. */
  actorName?: string | null;
}

/** Appends one timeline entry for the order, with ctx's actor and time. */
export async function addTimeline(ctx: Ctx, workOrderId: string, input: TimelineInput): Promise<void> {
  await insertTimeline(ctx.db, {
    workOrderId,
    at: ctx.now,
    actorId: ctx.actor?.userId ?? null,
    actorName: input.actorName !== undefined ? input.actorName : (ctx.actor?.displayName ?? null),
    kind: input.kind,
    event: input.event,
    fromStatus: input.from ?? null,
    toStatus: input.to ?? null,
    reason: input.reason ?? null,
    details: input.details ?? null,
  });
}

/** Public door for later modules: a note or notice on an order's timeline (contact confirmed, late report …). */
export async function addWorkOrderNote(
  ctx: Ctx,
  workOrderId: string,
  input: { kind: 'note' | 'notice'; event: string; reason?: string | null; details?: unknown },
): Promise<void> {
  await addTimeline(ctx, workOrderId, input);
}
