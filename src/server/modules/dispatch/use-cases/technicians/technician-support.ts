import { getSetting } from '@server/modules/identity';
import { assertBranchAccess, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { FieldIssue } from '@shared/errors';
import { localDay } from '../../domain/day-time';
import { findTechnician, lockTechnician, type TechnicianRow } from '../../technicians.repository';

// Helpers shared by the technician use cases: the branch's calendar, access-checked loading, localised issues.

export function msg(ctx: Ctx, zh: string, en: string): string {
  return ctx.request.locale === 'zh-CN' ? zh : en;
}

export function issue(ctx: Ctx, path: string, code: string, zh: string, en: string): FieldIssue {
  return { path, code, message: msg(ctx, zh, en) };
}

export interface BranchDay {
  timeZone: string;
  /** The branch's local calendar day of ctx.now. */
  today: string;
}

/** The branch's zone (setting `branch.timeZone`) and its local day now. */
export async function branchDay(ctx: Ctx, branchId: string | null): Promise<BranchDay> {
  const timeZone = await getSetting(ctx.db, 'branch.timeZone', branchId);
  return { timeZone, today: localDay(ctx.now, timeZone) };
}

/**
 * The technician profile, if the actor may see it: unknown or in another branch → NOT_FOUND (no existence leak).
 * `lock` takes a row lock for a change in the caller's transaction.
 */
export async function technicianFor(
  ctx: Ctx,
  technicianId: string,
  opts: { lock?: boolean } = {},
): Promise<TechnicianRow> {
  const actor = requireActor(ctx.actor);
  const row = opts.lock ? await lockTechnician(ctx.db, technicianId) : await findTechnician(ctx.db, technicianId);
  if (!row) throw new AppError('NOT_FOUND');
  assertBranchAccess(actor, row.branchId);
  return row;
}

/** 409 VERSION_CONFLICT unless the client's version is the stored one. */
export function expectVersion(stored: number, given: number): void {
  if (stored !== given) throw new AppError('VERSION_CONFLICT', { currentVersion: stored });
}
