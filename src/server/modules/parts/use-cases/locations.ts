import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { StockLocation } from '@shared/contracts/parts.contract';
import type { LocationKind } from '@shared/domain/parts';
import {
  findLocation,
  findLocationByCode,
  findVanOf,
  insertLocation,
  pageLocations,
  updateLocationVersioned,
} from '../parts.repository';
import { toLocation } from '../parts.views';
import { canSeeLocation, fieldError, locationScope } from './parts-support';

/** GET /api/stock-locations */
export async function listStockLocations(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; kind?: LocationKind; q?: string },
) {
  const actor = requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const { items, total } = await pageLocations(
    ctx.db,
    { scope: locationScope(actor), ...(q.kind ? { kind: q.kind } : {}), ...(q.q ? { q: q.q } : {}) },
    page,
    pageSize,
  );
  return { items: items.map(toLocation), total, page, pageSize };
}

export interface NewLocationInput {
  code: string;
  name: string;
  kind: LocationKind;
  branchId: string | null;
  technicianId?: string;
}

/**
 * POST /api/stock-locations — the central warehouse has no branch; a store and a van belong to one; a van names its
 * technician (one van each). A branch-bound actor creates locations of their own branch only.
 */
export async function createStockLocation(ctx: Ctx, input: NewLocationInput): Promise<StockLocation> {
  const actor = requireActor(ctx.actor);
  if (input.kind === 'central' && input.branchId !== null) {
    throw fieldError(ctx, 'branchId', 'must_be_null', '中心仓不属于网点', 'the central warehouse has no branch');
  }
  if (input.kind !== 'central' && input.branchId === null) {
    throw fieldError(ctx, 'branchId', 'required', '请选择网点', 'a store or van belongs to a branch');
  }
  if (input.kind === 'van' && !input.technicianId) {
    throw fieldError(ctx, 'technicianId', 'required', '车载库须指定工程师', 'a van names its technician');
  }
  if (input.kind !== 'van' && input.technicianId) {
    throw fieldError(ctx, 'technicianId', 'not_allowed', '只有车载库指定工程师', 'only a van names a technician');
  }
  if (!canSeeLocation(actor, { branchId: input.branchId })) {
    throw fieldError(ctx, 'branchId', 'not_found', '不存在或无权访问', 'not found');
  }
  return createLocationRecord(ctx, input);
}

/** Shared by the endpoint and the seed: unique code (409 with a field issue) and one van per technician. */
export async function createLocationRecord(ctx: Ctx, input: NewLocationInput): Promise<StockLocation> {
  const code = input.code.toUpperCase();
  const zh = ctx.request.locale === 'zh-CN';
  return withTransaction(ctx, async (tx) => {
    if (await findLocationByCode(tx.db, code)) {
      throw new AppError('CONFLICT', {
        issues: [{ path: 'code', code: 'taken', message: zh ? '库位编码已存在' : 'this location code is taken' }],
      });
    }
    if (input.technicianId && (await findVanOf(tx.db, input.technicianId))) {
      throw new AppError('CONFLICT', {
        issues: [
          {
            path: 'technicianId',
            code: 'taken',
            message: zh ? '该工程师已有车载库' : 'this technician already has a van',
          },
        ],
      });
    }
    const l = await insertLocation(tx.db, {
      code,
      name: input.name,
      kind: input.kind,
      branchId: input.branchId,
      technicianId: input.technicianId ?? null,
      createdAt: tx.now,
      updatedAt: tx.now,
    });
    await writeAudit(tx, {
      action: 'stock_location.created',
      objectType: 'stock_location',
      objectId: l.id,
      after: { code, name: l.name, kind: l.kind, branchId: l.branchId, technicianId: l.technicianId },
    });
    return toLocation(l);
  });
}

/** PATCH /api/stock-locations/:locationId */
export async function updateStockLocation(
  ctx: Ctx,
  locationId: string,
  input: { version: number; name?: string; active?: boolean },
): Promise<StockLocation> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const before = await findLocation(tx.db, locationId, 'update');
    if (!before || !canSeeLocation(actor, before)) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    const { version, ...set } = input;
    const after = await updateLocationVersioned(tx.db, locationId, version, set, tx.now);
    if (!after) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, {
      action: 'stock_location.updated',
      objectType: 'stock_location',
      objectId: locationId,
      before: { name: before.name, active: before.active },
      after: { name: after.name, active: after.active },
    });
    return toLocation(after);
  });
}

export interface SeedStockLocationsInput {
  central: { code: string; name: string };
  stores: { code: string; name: string; branchId: string }[];
  vans: { code: string; name: string; branchId: string; technicianId: string }[];
}

/** The demo (or first-install) locations; idempotent: existing codes and technicians with a van are skipped. */
export async function seedStockLocations(ctx: Ctx, input: SeedStockLocationsInput): Promise<{ created: number }> {
  let created = 0;
  const all: NewLocationInput[] = [
    { ...input.central, kind: 'central', branchId: null },
    ...input.stores.map((s) => ({ ...s, kind: 'branch' as const })),
    ...input.vans.map((v) => ({ ...v, kind: 'van' as const })),
  ];
  for (const l of all) {
    if (await findLocationByCode(ctx.db, l.code.toUpperCase())) continue;
    if (l.technicianId && (await findVanOf(ctx.db, l.technicianId))) continue;
    await createLocationRecord(ctx, l);
    created++;
  }
  return { created };
}
