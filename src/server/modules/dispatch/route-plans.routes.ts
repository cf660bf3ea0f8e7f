import type { HttpDeps } from '@server/platform/http/server';
import { bindEndpoint } from '@server/platform/http/server';
import * as c from '@shared/contracts/dispatch-plans.contract';
import type { FastifyInstance } from 'fastify';
import { failAbandonedRoutePlans } from './route-plans.repository';
import { applyPlan } from './use-cases/route-plans/apply-plan';
import { discardPlan } from './use-cases/route-plans/discard-plan';
import { getPlan } from './use-cases/route-plans/get-plan';
import { insertUrgentOrder } from './use-cases/route-plans/insert-urgent-order';
import { planDay } from './use-cases/route-plans/plan-day';
import { RoutePlanRunner } from './use-cases/route-plans/plan-runner';
import { HEARTBEAT_STALE_MS } from './use-cases/route-plans/plan-view';
import { stopPlan } from './use-cases/route-plans/stop-plan';

/**
 * Route planning: "Plan the day" (a background optimizer run per plan, in a worker thread), its progress, stop,
 * apply and discard; "Insert now". At start-up, plans left `running` by a process that is gone (heartbeat older
 * than HEARTBEAT_STALE_MS) are marked failed; at shutdown, this process's runs stop and keep their best plan.
 */
export function registerRoutePlanRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const runner = new RoutePlanRunner(deps);
  app.addHook('onReady', async () => {
    const now = deps.clock.now();
    try {
      const n = await failAbandonedRoutePlans(
        deps.db,
        new Date(now.getTime() - HEARTBEAT_STALE_MS),
        now,
        'abandoned: its server process stopped',
      );
      if (n > 0) deps.log.warn({ plans: n }, 'route plans left running by a stopped process marked failed');
    } catch (err) {
      deps.log.warn({ err }, 'route plans: abandoned check failed');
    }
  });
  app.addHook('preClose', async () => runner.closeAll());

  bindEndpoint(app, deps, c.planDay, async ({ ctx, body }) => planDay(ctx, body, runner));
  bindEndpoint(app, deps, c.getPlan, async ({ ctx, params }) => getPlan(ctx, params.planId, runner));
  bindEndpoint(app, deps, c.stopPlan, async ({ ctx, params }) => stopPlan(ctx, params.planId, runner));
  bindEndpoint(app, deps, c.applyPlan, async ({ ctx, params, body }) => applyPlan(ctx, params.planId, body, runner));
  bindEndpoint(app, deps, c.discardPlan, async ({ ctx, params }) => discardPlan(ctx, params.planId, runner));
  bindEndpoint(app, deps, c.insertUrgentOrder, async ({ ctx, params, body }) =>
    insertUrgentOrder(ctx, params.workOrderId, body),
  );
}
