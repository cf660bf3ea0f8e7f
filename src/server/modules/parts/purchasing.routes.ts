import { bindEndpoint, type HttpDeps } from '@server/platform/http/server';
import * as c from '@shared/contracts/purchasing.contract';
import type { FastifyInstance } from 'fastify';
import {
  cancelPurchaseOrder,
  closePurchaseOrder,
  createPurchaseOrder,
  getPurchaseOrder,
  listPurchaseOrders,
  receivePurchaseOrder,
} from './use-cases/purchase-orders';
import {
  cancelPurchasePlan,
  createPurchasePlan,
  decidePurchasePlan,
  getPurchasePlan,
  listPurchasePlans,
  orderPurchasePlan,
  submitPurchasePlan,
  updatePurchasePlan,
} from './use-cases/purchase-plans';
import {
  computeSupplierEvaluations,
  listSupplierRanking,
  updateSupplierEvaluation,
} from './use-cases/supplier-evaluations';
import {
  createSupplier,
  createSupplierContract,
  getSupplier,
  getSupplierContractFile,
  listSuppliers,
  updateSupplier,
  updateSupplierContract,
  uploadSupplierContractFile,
} from './use-cases/suppliers';

/** RFC 6266 / 5987: an ASCII fallback name and the uploaded (possibly Chinese) name. */
function attachment(asciiName: string, fileName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function registerPurchasingRoutes(app: FastifyInstance, deps: HttpDeps): void {
  bindEndpoint(app, deps, c.listSuppliers, async ({ ctx, query }) => listSuppliers(ctx, query));
  bindEndpoint(app, deps, c.getSupplier, async ({ ctx, params }) => getSupplier(ctx, params.supplierId));
  bindEndpoint(app, deps, c.createSupplier, async ({ ctx, body }) => createSupplier(ctx, body));
  bindEndpoint(app, deps, c.updateSupplier, async ({ ctx, params, body }) =>
    updateSupplier(ctx, params.supplierId, body),
  );
  bindEndpoint(app, deps, c.createSupplierContract, async ({ ctx, params, body }) =>
    createSupplierContract(ctx, params.supplierId, body),
  );
  bindEndpoint(app, deps, c.updateSupplierContract, async ({ ctx, params, body }) =>
    updateSupplierContract(ctx, params.contractId, body),
  );
  bindEndpoint(app, deps, c.uploadSupplierContractFile, async ({ ctx, params, body }) =>
    uploadSupplierContractFile(ctx, params.contractId, body),
  );
  bindEndpoint(app, deps, c.getSupplierContractFile, async ({ ctx, params, reply }) => {
    const file = await getSupplierContractFile(ctx, params.contractId);
    reply.header('content-type', file.contentType);
    reply.header('content-disposition', attachment(file.asciiName, file.fileName));
    // A contract carries prices and signatures: never kept by a shared cache or the browser's disk, never sniffed.
    reply.header('cache-control', 'private, no-store');
    reply.header('x-content-type-options', 'nosniff');
    return file.data;
  });
  bindEndpoint(app, deps, c.computeSupplierEvaluations, async ({ ctx, body }) => computeSupplierEvaluations(ctx, body));
  bindEndpoint(app, deps, c.updateSupplierEvaluation, async ({ ctx, params, body }) =>
    updateSupplierEvaluation(ctx, params.evaluationId, body),
  );
  bindEndpoint(app, deps, c.listSupplierRanking, async ({ ctx, query }) => listSupplierRanking(ctx, query));
  bindEndpoint(app, deps, c.listPurchasePlans, async ({ ctx, query }) => listPurchasePlans(ctx, query));
  bindEndpoint(app, deps, c.getPurchasePlan, async ({ ctx, params }) => getPurchasePlan(ctx, params.planId));
  bindEndpoint(app, deps, c.createPurchasePlan, async ({ ctx, body }) => createPurchasePlan(ctx, body));
  bindEndpoint(app, deps, c.updatePurchasePlan, async ({ ctx, params, body }) =>
    updatePurchasePlan(ctx, params.planId, body),
  );
  bindEndpoint(app, deps, c.submitPurchasePlan, async ({ ctx, params, body }) =>
    submitPurchasePlan(ctx, params.planId, body),
  );
  bindEndpoint(app, deps, c.decidePurchasePlan, async ({ ctx, params, body }) =>
    decidePurchasePlan(ctx, params.planId, body),
  );
  bindEndpoint(app, deps, c.cancelPurchasePlan, async ({ ctx, params, body }) =>
    cancelPurchasePlan(ctx, params.planId, body),
  );
  bindEndpoint(app, deps, c.orderPurchasePlan, async ({ ctx, params, body }) =>
    orderPurchasePlan(ctx, params.planId, body),
  );
  bindEndpoint(app, deps, c.listPurchaseOrders, async ({ ctx, query }) => listPurchaseOrders(ctx, query));
  bindEndpoint(app, deps, c.getPurchaseOrder, async ({ ctx, params }) => getPurchaseOrder(ctx, params.orderId));
  bindEndpoint(app, deps, c.createPurchaseOrder, async ({ ctx, body }) => createPurchaseOrder(ctx, body));
  bindEndpoint(app, deps, c.cancelPurchaseOrder, async ({ ctx, params, body }) =>
    cancelPurchaseOrder(ctx, params.orderId, body),
  );
  bindEndpoint(app, deps, c.closePurchaseOrder, async ({ ctx, params, body }) =>
    closePurchaseOrder(ctx, params.orderId, body),
  );
  bindEndpoint(app, deps, c.receivePurchaseOrder, async ({ ctx, params, body }) =>
    receivePurchaseOrder(ctx, params.orderId, body),
  );
}
