import { createSystemCtx } from '@server/platform/context';
import type { HttpDeps } from '@server/platform/http/server';
import './intake.events';
import { scrubCustomerOrders } from './use-cases/scrub-customer-orders';

/** Reactions of intake to lower modules' events (delivered after their commit). */
export function subscribeIntakeEvents(deps: HttpDeps): void {
  deps.bus.on('customers.customerAnonymised', async ({ customerId }) => {
    const ctx = createSystemCtx({ ...deps, now: deps.clock.now(), requestId: 'intake.customerAnonymised' });
    const n = await scrubCustomerOrders(ctx, customerId);
    ctx.log.info({ customerId, orders: n }, 'scrubbed the orders of an anonymised customer');
  });
}
