import type { Ctx } from '@server/platform/context';
import type { FaultCategory } from '@shared/contracts/intake.contract';
import { listCategories, listFaultCodes } from '../intake.repository';
import { toCategory } from '../intake.views';

/** The fault catalog: active categories in their order, each with its brand codes (optionally of one brand). */
export async function listFaultCategories(
  ctx: Ctx,
  query: { brand?: string; includeInactive?: 'true' | 'false' },
): Promise<{ items: FaultCategory[] }> {
  const [categories, codes] = await Promise.all([
    listCategories(ctx.db, query.includeInactive === 'true'),
    listFaultCodes(ctx.db, query.brand),
  ]);
  return { items: categories.map((c) => toCategory(c, codes)) };
}
