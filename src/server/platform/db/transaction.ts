import type { Ctx } from '../context';
import { BufferedSink } from '../events/events';

/**
 * Runs `fn` in one database transaction. Events emitted through ctx.events inside are delivered after
 * the commit, and dropped on rollback. A nested call joins the outer transaction.
 * On PGlite (one session) the driver serialises transactions: they never interleave.
 */
export async function withTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  const sink = new BufferedSink();
  const result = await ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx, events: sink, inTransaction: true }));
  await ctx.bus.deliver(sink.pending);
  return result;
}
