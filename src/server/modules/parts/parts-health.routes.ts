import { bindEndpoint, type HttpDeps } from '@server/platform/http/server';
import * as h from '@shared/contracts/parts-health.contract';
import type { FastifyInstance } from 'fastify';
import { listOldPartReturns, recordOldPartReturn, waiveOldPartReturn } from './use-cases/old-part-returns';
import { acknowledgePartsAlert, listPartsAlerts } from './use-cases/parts-alerts';
import { listPendingRequisitions } from './use-cases/pending-requisitions';
import { getStockTurnover, listExpiringStock, listSlowMovingStock } from './use-cases/stock-health';
import { listValuableFollowUp } from './use-cases/valuable-follow-up';

/** Stock health reports, parts alerts, old-part returns and the valuable follow-up (parts-health.contract.ts). */
export function registerPartsHealthRoutes(app: FastifyInstance, deps: HttpDeps): void {
  bindEndpoint(app, deps, h.listExpiringStock, async ({ ctx, query }) => listExpiringStock(ctx, query));
  bindEndpoint(app, deps, h.listSlowMovingStock, async ({ ctx, query }) => listSlowMovingStock(ctx, query));
  bindEndpoint(app, deps, h.getStockTurnover, async ({ ctx, query }) => getStockTurnover(ctx, query));
  bindEndpoint(app, deps, h.listPendingRequisitions, async ({ ctx, query }) => listPendingRequisitions(ctx, query));
  bindEndpoint(app, deps, h.listPartsAlerts, async ({ ctx, query }) => listPartsAlerts(ctx, query));
  bindEndpoint(app, deps, h.acknowledgePartsAlert, async ({ ctx, params }) =>
    acknowledgePartsAlert(ctx, params.alertId),
  );
  bindEndpoint(app, deps, h.listOldPartReturns, async ({ ctx, query }) => listOldPartReturns(ctx, query));
  bindEndpoint(app, deps, h.recordOldPartReturn, async ({ ctx, params, body }) =>
    recordOldPartReturn(ctx, params.returnId, body),
  );
  bindEndpoint(app, deps, h.waiveOldPartReturn, async ({ ctx, params, body }) =>
    waiveOldPartReturn(ctx, params.returnId, body),
  );
  bindEndpoint(app, deps, h.listValuableFollowUp, async ({ ctx, query }) => listValuableFollowUp(ctx, query));
}
