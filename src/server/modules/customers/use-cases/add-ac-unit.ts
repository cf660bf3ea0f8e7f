import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { AcUnit, AcUnitInput } from '@shared/contracts/customers.contract';
import { findUnit } from '../customers.repository';
import { toUnit } from '../customers.views';
import { addUnit } from './add-unit';

/** POST /api/customers/:customerId/units — the new unit with its warranty status. */
export async function addAcUnit(ctx: Ctx, customerId: string, input: AcUnitInput): Promise<AcUnit> {
  requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const id = await addUnit(tx, customerId, input);
    const row = await findUnit(tx.db, id);
    if (!row) throw new Error('unit vanished');
    return toUnit(row, tx.now);
  });
}
