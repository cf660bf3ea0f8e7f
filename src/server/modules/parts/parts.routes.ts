import { bindEndpoint, type HttpDeps } from '@server/platform/http/server';
import * as c from '@shared/contracts/parts.contract';
import * as st from '@shared/contracts/stocktakes.contract';
import type { FastifyInstance } from 'fastify';
import { registerPartsHealthRoutes } from './parts-health.routes';
import { registerPurchasingRoutes } from './purchasing.routes';
import { createPart, getPart, listParts, setStockLevel, updatePart } from './use-cases/catalog';
import { createStockLocation, listStockLocations, updateStockLocation } from './use-cases/locations';
import { postStockMovement } from './use-cases/post-stock-movement';
import {
  approveRequisition,
  cancelRequisition,
  createRequisition,
  getRequisition,
  issueRequisition,
  listRequisitions,
} from './use-cases/requisitions';
import { reverseStockMovement } from './use-cases/reverse-stock-movement';
import {
  getSerialHistory,
  getStockBalances,
  getStockValue,
  listReorderAlerts,
  listStockMovements,
} from './use-cases/stock-queries';
import {
  approveStocktake,
  cancelStocktake,
  getStocktake,
  listStocktakes,
  recordCounts,
  recountStocktake,
  startStocktake,
  submitStocktake,
} from './use-cases/stocktakes';

export function registerPartsRoutes(app: FastifyInstance, deps: HttpDeps): void {
  bindEndpoint(app, deps, c.listParts, async ({ ctx, query }) => listParts(ctx, query));
  bindEndpoint(app, deps, c.getPart, async ({ ctx, params }) => getPart(ctx, params.partId));
  bindEndpoint(app, deps, c.createPart, async ({ ctx, body }) => createPart(ctx, body));
  bindEndpoint(app, deps, c.updatePart, async ({ ctx, params, body }) => updatePart(ctx, params.partId, body));
  bindEndpoint(app, deps, c.setStockLevel, async ({ ctx, params, body }) =>
    setStockLevel(ctx, params.partId, params.locationId, body),
  );
  bindEndpoint(app, deps, c.listStockLocations, async ({ ctx, query }) => listStockLocations(ctx, query));
  bindEndpoint(app, deps, c.createStockLocation, async ({ ctx, body }) => createStockLocation(ctx, body));
  bindEndpoint(app, deps, c.updateStockLocation, async ({ ctx, params, body }) =>
    updateStockLocation(ctx, params.locationId, body),
  );
  bindEndpoint(app, deps, c.postStockMovement, async ({ ctx, body }) => postStockMovement(ctx, body));
  bindEndpoint(app, deps, c.reverseStockMovement, async ({ ctx, params, body }) =>
    reverseStockMovement(ctx, params.movementId, body),
  );
  bindEndpoint(app, deps, c.listStockMovements, async ({ ctx, query }) => listStockMovements(ctx, query));
  bindEndpoint(app, deps, c.getStockBalances, async ({ ctx, query }) => getStockBalances(ctx, query));
  bindEndpoint(app, deps, c.getStockValue, async ({ ctx }) => getStockValue(ctx));
  bindEndpoint(app, deps, c.listReorderAlerts, async ({ ctx, query }) => listReorderAlerts(ctx, query));
  bindEndpoint(app, deps, c.getSerialHistory, async ({ ctx, params }) => getSerialHistory(ctx, params.serial));
  bindEndpoint(app, deps, c.listRequisitions, async ({ ctx, query }) => listRequisitions(ctx, query));
  bindEndpoint(app, deps, c.getRequisition, async ({ ctx, params }) => getRequisition(ctx, params.requisitionId));
  bindEndpoint(app, deps, c.createRequisition, async ({ ctx, body }) => createRequisition(ctx, body));
  bindEndpoint(app, deps, c.approveRequisition, async ({ ctx, params, body }) =>
    approveRequisition(ctx, params.requisitionId, body),
  );
  bindEndpoint(app, deps, c.issueRequisition, async ({ ctx, params, body }) =>
    issueRequisition(ctx, params.requisitionId, body),
  );
  bindEndpoint(app, deps, c.cancelRequisition, async ({ ctx, params, body }) =>
    cancelRequisition(ctx, params.requisitionId, body),
  );
  bindEndpoint(app, deps, st.listStocktakes, async ({ ctx, query }) => listStocktakes(ctx, query));
  bindEndpoint(app, deps, st.getStocktake, async ({ ctx, params }) => getStocktake(ctx, params.stocktakeId));
  bindEndpoint(app, deps, st.startStocktake, async ({ ctx, body }) => startStocktake(ctx, body));
  bindEndpoint(app, deps, st.recordCounts, async ({ ctx, params, body }) =>
    recordCounts(ctx, params.stocktakeId, body),
  );
  bindEndpoint(app, deps, st.submitStocktake, async ({ ctx, params, body }) =>
    submitStocktake(ctx, params.stocktakeId, body),
  );
  bindEndpoint(app, deps, st.approveStocktake, async ({ ctx, params, body }) =>
    approveStocktake(ctx, params.stocktakeId, body),
  );
  bindEndpoint(app, deps, st.recountStocktake, async ({ ctx, params, body }) =>
    recountStocktake(ctx, params.stocktakeId, body),
  );
  bindEndpoint(app, deps, st.cancelStocktake, async ({ ctx, params, body }) =>
    cancelStocktake(ctx, params.stocktakeId, body),
  );
  registerPartsHealthRoutes(app, deps);
  registerPurchasingRoutes(app, deps);
}
