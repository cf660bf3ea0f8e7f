import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { PartDetail } from '@shared/contracts/parts.contract';
import type { PartCategory } from '@shared/domain/parts';
import {
  findLevel,
  findPart,
  findPartByCode,
  insertLevel,
  insertPart,
  pageParts,
  partHasMovements,
  updateLevelVersioned,
  updatePartVersioned,
} from '../parts.repository';
import { toPart } from '../parts.views';
import { fieldError, partDetail, rule, valuableCostFen, visibleLocation } from './parts-support';

export interface PartFields {
  name: string;
  spec: string;
  unit: string;
  category: PartCategory;
  designated: boolean;
  serialTracked: boolean;
  lotTracked: boolean;
  warrantyMonths: number;
  standardCostFen: number;
  compatibleModels: string[];
}

function checkTracking(ctx: Ctx, f: { serialTracked?: boolean; lotTracked?: boolean }): void {
  if (f.serialTracked && f.lotTracked) {
    throw fieldError(
      ctx,
      'lotTracked',
      'serial_and_lot',
      '不能同时按序列号和批次管理',
      'a part is tracked by serial or by lot, not both',
    );
  }
}

/** GET /api/parts */
export async function listParts(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; q?: string; category?: PartCategory; active?: 'true' | 'false' | 'all' },
) {
  requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const active = q.active ?? 'true';
  const { items, total } = await pageParts(
    ctx.db,
    {
      ...(q.q ? { q: q.q } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(active !== 'all' ? { active: active === 'true' } : {}),
    },
    page,
    pageSize,
  );
  const valuable = await valuableCostFen(ctx);
  return { items: items.map((p) => toPart(p, valuable)), total, page, pageSize };
}

/** GET /api/parts/:partId */
export async function getPart(ctx: Ctx, partId: string): Promise<PartDetail> {
  return partDetail(ctx, partId);
}

/** POST /api/parts — code unique (stored upper case): a taken code is 409 CONFLICT with a field issue. */
export async function createPart(ctx: Ctx, input: PartFields & { code: string }): Promise<PartDetail> {
  requireActor(ctx.actor);
  checkTracking(ctx, input);
  const code = input.code.toUpperCase();
  return withTransaction(ctx, async (tx) => {
    if (await findPartByCode(tx.db, code)) throw codeTaken(ctx);
    const p = await insertPart(tx.db, { ...input, code, createdAt: tx.now, updatedAt: tx.now });
    await writeAudit(tx, {
      action: 'part.created',
      objectType: 'part',
      objectId: p.id,
      after: { code, name: p.name, standardCostFen: p.standardCostFen, serialTracked: p.serialTracked },
    });
    return partDetail(tx, p.id);
  });
}

function codeTaken(ctx: Ctx): AppError {
  const zh = ctx.request.locale === 'zh-CN';
  return new AppError('CONFLICT', {
    issues: [{ path: 'code', code: 'taken', message: zh ? '配件编码已存在' : 'this part code is taken' }],
  });
}

/** PATCH /api/parts/:partId — optimistic version; tracking flags are fixed once the part has movements. */
export async function updatePart(
  ctx: Ctx,
  partId: string,
  input: Partial<PartFields> & { version: number; active?: boolean },
): Promise<PartDetail> {
  requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const before = await findPart(tx.db, partId, 'update');
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    const { version, ...set } = input;
    checkTracking(ctx, {
      serialTracked: set.serialTracked ?? before.serialTracked,
      lotTracked: set.lotTracked ?? before.lotTracked,
    });
    const trackingChanged =
      (set.serialTracked !== undefined && set.serialTracked !== before.serialTracked) ||
      (set.lotTracked !== undefined && set.lotTracked !== before.lotTracked);
    if (trackingChanged && (await partHasMovements(tx.db, partId))) {
      throw rule(
        ctx,
        'tracking_fixed',
        '该配件已有出入库记录，不能再修改序列号/批次管理方式',
        'the part has movements: its serial / lot tracking can no longer change',
      );
    }
    const after = await updatePartVersioned(tx.db, partId, version, set, tx.now);
    if (!after) throw new AppError('VERSION_CONFLICT');
    const changed = Object.keys(set).filter(
      (k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(after[k as keyof typeof after]),
    );
    await writeAudit(tx, {
      action: 'part.updated',
      objectType: 'part',
      objectId: partId,
      before: Object.fromEntries(changed.map((k) => [k, before[k as keyof typeof before]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k as keyof typeof after]])),
      details: { version: after.version },
    });
    return partDetail(tx, partId);
  });
}

/** PUT /api/parts/:partId/levels/:locationId — reorder point and quantity (version 0 creates). */
export async function setStockLevel(
  ctx: Ctx,
  partId: string,
  locationId: string,
  input: { version: number; reorderPoint: number; reorderQuantity: number },
): Promise<PartDetail> {
  requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    if (!(await findPart(tx.db, partId))) throw new AppError('NOT_FOUND');
    await visibleLocation(tx, locationId);
    const current = await findLevel(tx.db, partId, locationId);
    const set = { reorderPoint: input.reorderPoint, reorderQuantity: input.reorderQuantity };
    if (!current) {
      if (input.version !== 0) throw new AppError('VERSION_CONFLICT', { currentVersion: 0 });
      await insertLevel(tx.db, { partId, locationId, ...set, updatedAt: tx.now });
    } else {
      if (current.version !== input.version)
        throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
      if (!(await updateLevelVersioned(tx.db, { partId, locationId }, input.version, set, tx.now))) {
        throw new AppError('VERSION_CONFLICT');
      }
    }
    await writeAudit(tx, {
      action: 'part.level.set',
      objectType: 'part',
      objectId: partId,
      before: current ? { reorderPoint: current.reorderPoint, reorderQuantity: current.reorderQuantity } : null,
      after: set,
      details: { locationId },
    });
    return partDetail(tx, partId);
  });
}
