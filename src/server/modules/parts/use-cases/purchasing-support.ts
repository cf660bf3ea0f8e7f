import { getSetting } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { localDay } from '../domain/local-day';

// Helpers shared by the purchasing use cases: the calendar of a branch (central: the company's zone).

/** The time zone of a branch (setting `branch.timeZone`); the company's for the central warehouse (null). */
export async function zoneOf(ctx: Ctx, branchId: string | null): Promise<string> {
  return getSetting(ctx.db, 'branch.timeZone', branchId);
}

/** The local calendar day of ctx.now in a branch's zone. */
export async function todayOf(ctx: Ctx, branchId: string | null): Promise<string> {
  return localDay(ctx.now, await zoneOf(ctx, branchId));
}

/** A memo of `todayOf` for the branches of a list. */
export async function todayByBranch(
  ctx: Ctx,
  branchIds: readonly (string | null)[],
): Promise<(branchId: string | null) => string> {
  const days = new Map<string | null, string>();
  for (const b of new Set(branchIds)) days.set(b, await todayOf(ctx, b));
  const fallback = days.get(null) ?? localDay(ctx.now, 'Asia/Shanghai');
  return (b) => days.get(b) ?? fallback;
}

export function msg(ctx: Ctx, zh: string, en: string): string {
  return ctx.request.locale === 'zh-CN' ? zh : en;
}
