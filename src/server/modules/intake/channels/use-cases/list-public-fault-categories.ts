import type { Ctx } from '@server/platform/context';
import type { FaultCategoryCode } from '@shared/contracts/intake.contract';
import { listCategories } from '../../intake.repository';

/** The active fault categories for the public repair page: code and names only, in catalog order. */
export async function listPublicFaultCategories(
  ctx: Ctx,
): Promise<{ items: { code: FaultCategoryCode; nameZh: string; nameEn: string }[] }> {
  const rows = await listCategories(ctx.db, false);
  return {
    items: rows.map((r) => ({ code: r.code as FaultCategoryCode, nameZh: r.nameZh, nameEn: r.nameEn })),
  };
}
