import { createHash } from 'node:crypto';
import type { EndpointDef } from '@shared/contracts/endpoint';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../context';
import { withTransaction } from '../db/transaction';
import { AppError } from '../errors';
import { idempotencyKeys } from './idempotency.schema';

/**
 * The Idempotency-Key mechanism for endpoints flagged `idempotent: true` (a double-submitted form acts once).
 *
 * - No header: the request simply runs.
 * - First request with a key: the key row is inserted and the handler runs in ONE transaction; the response is
 *   stored with the row on commit. A handler error rolls both back, so a corrected retry may use the same key.
 * - Same key again, same operation and body: the stored response is sent again (`Idempotent-Replayed: true`),
 *   nothing runs. A concurrent duplicate waits on the key row (PostgreSQL unique index) and then replays.
 * - Same key with another body or operation: 422 BUSINESS_RULE `idempotency_key_reused`, nothing runs.
 * Keys are per caller (user id; `ip:<address>` on public endpoints) and kept for 24 hours.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
const KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;

/** JSON with object keys sorted, so the same body hashes the same whatever the key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(operationId: string, params: unknown, query: unknown, body: unknown): string {
  return createHash('sha256').update(stableJson({ operationId, params, query, body })).digest('hex');
}

export async function withIdempotency<T>(
  ctx: Ctx,
  endpoint: EndpointDef,
  req: FastifyRequest,
  reply: FastifyReply,
  run: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return run(ctx);
  const zh = ctx.request.locale === 'zh-CN';
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw AppError.field(
      'Idempotency-Key',
      'invalid_format',
      zh ? 'Idempotency-Key 须为 8–128 个可见 ASCII 字符' : 'Idempotency-Key must be 8–128 visible ASCII characters',
    );
  }
  const scope = ctx.actor ? ctx.actor.userId : `ip:${ctx.request.ip ?? 'unknown'}`;
  const hash = requestHash(endpoint.operationId, req.params ?? {}, req.query ?? {}, req.body ?? null);
  return withTransaction(ctx, async (tx) => {
    const where = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));
    await tx.db
      .delete(idempotencyKeys)
      .where(and(where, lt(idempotencyKeys.createdAt, new Date(tx.now.getTime() - IDEMPOTENCY_TTL_MS))));
    const inserted = await tx.db
      .insert(idempotencyKeys)
      .values({
        scope,
        key,
        operationId: endpoint.operationId,
        requestHash: hash,
        statusCode: 0,
        response: {},
        createdAt: tx.now,
      })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length === 0) {
      const [stored] = await tx.db.select().from(idempotencyKeys).where(where).limit(1);
      if (!stored || stored.operationId !== endpoint.operationId || stored.requestHash !== hash) {
        throw new AppError('BUSINESS_RULE', {
          reason: 'idempotency_key_reused',
          header: 'Idempotency-Key',
          message: zh
            ? '此 Idempotency-Key 已用于另一个不同的请求；新的请求请使用新的 Key'
            : 'This Idempotency-Key was already used for a different request; use a new key for a new request',
        });
      }
      if (stored.statusCode === 0) throw new AppError('CONFLICT', { reason: 'idempotency_key_in_progress' });
      reply.header('Idempotent-Replayed', 'true');
      return stored.response as T;
    }
    const result = await run(tx);
    await tx.db
      .update(idempotencyKeys)
      .set({
        statusCode: endpoint.status ?? 200,
        response: JSON.parse(JSON.stringify(result ?? {})) as Record<string, unknown>,
      })
      .where(where);
    return result;
  });
}
