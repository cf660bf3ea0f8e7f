import { getSetting } from '@server/modules/identity';
import { branchScope, requireActor } from '@server/platform/access';
import type { Actor, Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { PartDetail } from '@shared/contracts/parts.contract';
import { findLocation, findPart, type LocationRow, type LocationScope, levelsOfPart } from '../parts.repository';
import { toPart } from '../parts.views';

/** The locations an actor sees: the central warehouse (no branch) and their own branch's; all for company-wide roles. */
export function locationScope(actor: Actor): LocationScope {
  return branchScope(actor);
}

export function canSeeLocation(actor: Actor, l: Pick<LocationRow, 'branchId'>): boolean {
  return actor.companyWide || l.branchId === null || (actor.branchId !== null && l.branchId === actor.branchId);
}

/** A location the actor may see (another branch's → NOT_FOUND, no existence leak), as a field error when `field`. */
export async function visibleLocation(ctx: Ctx, id: string, field?: string): Promise<LocationRow> {
  const actor = requireActor(ctx.actor);
  const l = await findLocation(ctx.db, id);
  if (!l || !canSeeLocation(actor, l)) {
    if (field) throw notFoundField(ctx, field);
    throw new AppError('NOT_FOUND');
  }
  return l;
}

export function notFoundField(ctx: Ctx, path: string): AppError {
  return AppError.field(path, 'not_found', ctx.request.locale === 'zh-CN' ? '不存在或无权访问' : 'not found');
}

export function fieldError(ctx: Ctx, path: string, code: string, zh: string, en: string): AppError {
  return AppError.field(path, code, ctx.request.locale === 'zh-CN' ? zh : en);
}

export function rule(ctx: Ctx, reason: string, zh: string, en: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('BUSINESS_RULE', { reason, message: ctx.request.locale === 'zh-CN' ? zh : en, ...extra });
}

export async function valuableCostFen(ctx: Ctx): Promise<number> {
  return getSetting(ctx.db, 'parts.valuableCostFen', null);
}

export async function partDetail(ctx: Ctx, partId: string): Promise<PartDetail> {
  const actor = requireActor(ctx.actor);
  const p = await findPart(ctx.db, partId);
  if (!p) throw new AppError('NOT_FOUND');
  const levels = await levelsOfPart(ctx.db, partId, locationScope(actor));
  return {
    ...toPart(p, await valuableCostFen(ctx)),
    levels: levels.map((l) => ({
      locationId: l.locationId,
      locationCode: l.locationCode,
      reorderPoint: Number(l.reorderPoint),
      reorderQuantity: Number(l.reorderQuantity),
      onHand: Number(l.onHand),
      version: Number(l.version),
    })),
  };
}
