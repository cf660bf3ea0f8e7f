import type { Ctx } from '@server/platform/context';
import { isAppError } from '@server/platform/errors';
import type { QueueItem, queueResultSchema, Visit } from '@shared/contracts/field.contract';
import { ERROR_MESSAGES } from '@shared/errors';
import type { z } from 'zod';
import { stepsAfterVersion } from '../field.repository';
import { advanceVisit, completeVisit, type StepBody } from './advance-visit';
import { recordConsent } from './consent';
import { type FieldServices, readableVisit, type StepResult } from './visit-support';
import { logEntry, visitView } from './visit-view';

type QueueResult = z.infer<typeof queueResultSchema>;

async function runItem(ctx: Ctx, item: QueueItem, version: number, services: FieldServices): Promise<StepResult> {
  switch (item.kind) {
    case 'step':
      return advanceVisit(ctx, item.visitId, { ...item.body, version } as StepBody, 'offline');
    case 'consent':
      return recordConsent(ctx, item.visitId, { ...item.body, version }, services, 'offline');
    case 'complete':
      return completeVisit(ctx, item.visitId, { ...item.body, version }, 'offline');
    default: {
      const never: never = item;
      throw new Error(`unknown queue item ${String(never)}`);
    }
  }
}

/**
 * POST /api/field/sync — the phone's offline queue, replayed in order. Each item runs as its own transaction through
 * the same use case as online, with its idempotency key (an item applied before — the network dropped the answer —
 * is `replayed`, never done twice). The first item of a visit carries the version the phone had; the next items of
 * the same visit follow it. A visit changed meanwhile by someone else (an office edit, a cancellation, a
 * reassignment) makes the item a `conflict`: nothing is overwritten, the answer holds the phone's item, the visit as
 * it is now and the changes made since. After a conflict or a refusal, the visit's later items are `blocked` (they
 * depend on it); other visits go on.
 */
export async function syncOfflineQueue(
  ctx: Ctx,
  input: { items: QueueItem[] },
  services: FieldServices,
): Promise<{ results: QueueResult[]; serverTime: string }> {
  const results: QueueResult[] = [];
  const chain = new Map<string, number>();
  const blocked = new Set<string>();
  for (const [index, item] of input.items.entries()) {
    const base = {
      index,
      visitId: item.visitId,
      idempotencyKey: item.body.idempotencyKey,
      version: null,
      error: null,
      conflict: null,
    };
    if (blocked.has(item.visitId)) {
      results.push({ ...base, status: 'blocked' });
      continue;
    }
    const version = item.body.version ?? chain.get(item.visitId);
    if (version === undefined) {
      blocked.add(item.visitId);
      results.push({
        ...base,
        status: 'rejected',
        error: {
          code: 'VALIDATION_FAILED',
          message:
            ctx.request.locale === 'zh-CN'
              ? '每个上门记录的第一条离线操作须带版本号'
              : 'The first item of a visit carries its version',
          details: { issues: [{ path: `items.${index}.body.version`, code: 'required' }] },
        },
      });
      continue;
    }
    try {
      const r = await runItem(ctx, item, version, services);
      chain.set(item.visitId, r.versionAfter);
      results.push({ ...base, status: r.replayed ? 'replayed' : 'applied', version: r.versionAfter });
    } catch (err) {
      if (!isAppError(err)) throw err;
      blocked.add(item.visitId);
      if (err.code === 'VERSION_CONFLICT') {
        const visit = await readableVisit(ctx, item.visitId);
        const theirs: Visit = await visitView(ctx, visit);
        const changes = (await stepsAfterVersion(ctx.db, visit.id, version)).map(logEntry);
        results.push({
          ...base,
          status: 'conflict',
          version: visit.version,
          conflict: { yours: item as unknown as Record<string, unknown>, theirs, changes },
        });
        continue;
      }
      const details = err.details;
      const message =
        typeof details?.message === 'string' ? details.message : ERROR_MESSAGES[err.code][ctx.request.locale];
      results.push({
        ...base,
        status: 'rejected',
        error: { code: err.code, message, ...(details ? { details } : {}) },
      });
    }
  }
  return { results, serverTime: ctx.now.toISOString() };
}
