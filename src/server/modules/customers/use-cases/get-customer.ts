import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import type { CustomerCard } from '@shared/contracts/customers.contract';
import { customerCard } from './customer-card';

/** GET /api/customers/:customerId — the card, masked per the reader's roles. */
export async function getCustomer(ctx: Ctx, customerId: string): Promise<CustomerCard> {
  requireActor(ctx.actor);
  return customerCard(ctx, customerId);
}
