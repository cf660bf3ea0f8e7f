import { bindEndpoint, type HttpDeps } from '@server/platform/http/server';
import * as c from '@shared/contracts/intake.contract';
import type { FastifyInstance } from 'fastify';
import { subscribeIntakeEvents } from './intake.subscriptions';
import { acknowledgeWorkOrderAlert } from './use-cases/acknowledge-work-order-alert';
import { cancelWorkOrder } from './use-cases/cancel-work-order';
import { createFaultCode } from './use-cases/create-fault-code';
import { createStaffWorkOrder } from './use-cases/create-staff-work-order';
import { estimateRepairTime } from './use-cases/estimate-repair-time';
import { exportWorkOrders, XLSX_TYPE } from './use-cases/export-work-orders';
import { getWorkOrder } from './use-cases/get-work-order';
import { getWorkOrderAttachment } from './use-cases/get-work-order-attachment';
import { listFaultCategories } from './use-cases/list-fault-categories';
import { listWorkOrderAlerts } from './use-cases/list-work-order-alerts';
import { listWorkOrders } from './use-cases/list-work-orders';
import { setPublicBaseUrl } from './use-cases/notify-customer';
import { resubmitWorkOrder } from './use-cases/resubmit-work-order';
import { reviewWorkOrder } from './use-cases/review-work-order';
import { updateFaultCategory } from './use-cases/update-fault-category';
import { updateFaultCode } from './use-cases/update-fault-code';
import { updateWorkOrder } from './use-cases/update-work-order';

/**
 * Binds the intake endpoints (and subscribes intake to the lower modules' events it reacts to); the tracking links
 * sent to customers take the platform config's public address.
 */
export function registerIntakeRoutes(app: FastifyInstance, deps: HttpDeps): void {
  setPublicBaseUrl(deps.config.publicUrl);
  subscribeIntakeEvents(deps);
  bindEndpoint(app, deps, c.listFaultCategories, async ({ ctx, query }) => listFaultCategories(ctx, query));
  bindEndpoint(app, deps, c.updateFaultCategory, async ({ ctx, params, body }) =>
    updateFaultCategory(ctx, params.code, body),
  );
  bindEndpoint(app, deps, c.createFaultCode, async ({ ctx, body }) => createFaultCode(ctx, body));
  bindEndpoint(app, deps, c.updateFaultCode, async ({ ctx, params, body }) =>
    updateFaultCode(ctx, params.faultCodeId, body),
  );

  bindEndpoint(app, deps, c.estimateRepairTime, async ({ ctx, query }) => estimateRepairTime(ctx, query));
  bindEndpoint(app, deps, c.listWorkOrders, async ({ ctx, query }) => listWorkOrders(ctx, query));
  bindEndpoint(app, deps, c.exportWorkOrders, async ({ ctx, query, reply }) => {
    const file = await exportWorkOrders(ctx, query);
    reply.header('content-type', XLSX_TYPE);
    reply.header('content-disposition', `attachment; filename="${file.filename}"`);
    return file.data;
  });
  bindEndpoint(app, deps, c.createWorkOrder, async ({ ctx, body }) => createStaffWorkOrder(ctx, body));
  bindEndpoint(app, deps, c.getWorkOrder, async ({ ctx, params }) => getWorkOrder(ctx, params.workOrderId));
  bindEndpoint(app, deps, c.getWorkOrderAttachment, async ({ ctx, params, reply }) => {
    const file = await getWorkOrderAttachment(ctx, params.workOrderId, params.attachmentId);
    reply.header('content-type', file.contentType);
    reply.header('content-disposition', `inline; filename="${file.filename}"`);
    // A customer's photo may show their home and family: never kept by a shared cache or the browser's disk.
    reply.header('cache-control', 'private, no-store');
    reply.header('x-content-type-options', 'nosniff');
    return file.data;
  });
  bindEndpoint(app, deps, c.updateWorkOrder, async ({ ctx, params, body }) =>
    updateWorkOrder(ctx, params.workOrderId, body),
  );
  bindEndpoint(app, deps, c.reviewWorkOrder, async ({ ctx, params, body }) =>
    reviewWorkOrder(ctx, params.workOrderId, body),
  );
  bindEndpoint(app, deps, c.resubmitWorkOrder, async ({ ctx, params, body }) =>
    resubmitWorkOrder(ctx, params.workOrderId, body),
  );
  bindEndpoint(app, deps, c.cancelWorkOrder, async ({ ctx, params, body }) =>
    cancelWorkOrder(ctx, params.workOrderId, body),
  );

  bindEndpoint(app, deps, c.listWorkOrderAlerts, async ({ ctx, query }) => listWorkOrderAlerts(ctx, query));
  bindEndpoint(app, deps, c.acknowledgeWorkOrderAlert, async ({ ctx, params }) =>
    acknowledgeWorkOrderAlert(ctx, params.alertId),
  );
}
