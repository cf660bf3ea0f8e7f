import type { Ctx } from '@server/platform/context';
import type { AcUnit } from '@shared/contracts/customers.contract';
import { findUnit } from '../customers.repository';
import { toUnit } from '../customers.views';

export type UnitInfo = AcUnit & { customerId: string };

/** An AC unit with its warranty status as of ctx.now, or null. */
export async function unitInfo(ctx: Ctx, unitId: string): Promise<UnitInfo | null> {
  const row = await findUnit(ctx.db, unitId);
  return row ? { ...toUnit(row, ctx.now), customerId: row.customerId } : null;
}
