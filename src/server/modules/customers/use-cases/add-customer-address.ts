import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { AddressInput, CustomerAddress } from '@shared/contracts/customers.contract';
import { findAddress } from '../customers.repository';
import { plainAddress } from '../customers.views';
import { contactViewFor, maskAddress } from '../domain/masking';
import { addAddress } from './add-address';

/** POST /api/customers/:customerId/addresses — the new address, as the caller may see it. */
export async function addCustomerAddress(ctx: Ctx, customerId: string, input: AddressInput): Promise<CustomerAddress> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const id = await addAddress(tx, customerId, input);
    const row = await findAddress(tx.db, id);
    if (!row) throw new Error('address vanished');
    return maskAddress(contactViewFor(actor.roles).address, plainAddress(tx.cipher, row));
  });
}
