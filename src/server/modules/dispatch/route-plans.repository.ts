import type { Db } from '@server/platform/db/client';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { routePlans } from './dispatch.schema';

export type RoutePlanRow = typeof routePlans.$inferSelect;
export type NewRoutePlan = typeof routePlans.$inferInsert;

export async function insertRoutePlan(db: Db, values: NewRoutePlan): Promise<RoutePlanRow> {
  const rows = await db.insert(routePlans).values(values).returning();
  return rows[0] as RoutePlanRow;
}

export async function findRoutePlan(db: Db, id: string): Promise<RoutePlanRow | null> {
  const rows = await db.select().from(routePlans).where(eq(routePlans.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function lockRoutePlan(db: Db, id: string): Promise<RoutePlanRow | null> {
  const rows = await db.select().from(routePlans).where(eq(routePlans.id, id)).limit(1).for('update');
  return rows[0] ?? null;
}

/** The newest `running` plan of a branch and day, if any. */
export async function runningRoutePlan(db: Db, branchId: string, day: string): Promise<RoutePlanRow | null> {
  const rows = await db
    .select()
    .from(routePlans)
    .where(and(eq(routePlans.branchId, branchId), eq(routePlans.day, day), eq(routePlans.status, 'running')))
    .orderBy(desc(routePlans.createdAt))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Merges `patch` into the progress of a plan that is still running (the stop flag set by another request survives);
 * returns the merged progress, or null when the plan no longer runs.
 */
export async function mergeRoutePlanProgress(
  db: Db,
  id: string,
  patch: Record<string, unknown>,
): Promise<Record<string, unknown> | null> {
  const rows = await db
    .update(routePlans)
    .set({ progress: sql`coalesce(${routePlans.progress}, '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb` })
    .where(and(eq(routePlans.id, id), eq(routePlans.status, 'running')))
    .returning({ progress: routePlans.progress });
  const row = rows[0];
  return row ? ((row.progress as Record<string, unknown> | null) ?? {}) : null;
}

/** Changes a plan's status (and other columns) when it is in one of `from`; version + 1. Null when it is not. */
export async function updateRoutePlanStatus(
  db: Db,
  id: string,
  from: readonly string[],
  patch: Partial<NewRoutePlan>,
): Promise<RoutePlanRow | null> {
  const rows = await db
    .update(routePlans)
    .set({ ...patch, version: sql`${routePlans.version} + 1` })
    .where(and(eq(routePlans.id, id), inArray(routePlans.status, [...from])))
    .returning();
  return rows[0] ?? null;
}

/** Marks `running` plans whose last heartbeat (or start) is older than `before` as failed; returns how many. */
export async function failAbandonedRoutePlans(db: Db, before: Date, at: Date, error: string): Promise<number> {
  const rows = await db
    .update(routePlans)
    .set({
      status: 'failed',
      finishedAt: at,
      progress: sql`coalesce(${routePlans.progress}, '{}'::jsonb) || ${JSON.stringify({ error })}::jsonb`,
      version: sql`${routePlans.version} + 1`,
    })
    .where(
      and(
        eq(routePlans.status, 'running'),
        lt(
          sql`coalesce((${routePlans.progress}->>'heartbeatAt')::timestamptz, ${routePlans.createdAt})`,
          sql`${before.toISOString()}::timestamptz`,
        ),
      ),
    )
    .returning({ id: routePlans.id });
  return rows.length;
}
