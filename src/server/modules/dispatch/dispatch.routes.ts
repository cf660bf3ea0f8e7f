import { requireActor } from '@server/platform/access';
import type { HttpDeps } from '@server/platform/http/server';
import { bindEndpoint } from '@server/platform/http/server';
import * as c from '@shared/contracts/dispatch.contract';
import type { FastifyInstance } from 'fastify';
import { DispatchStream, streamBranch } from './dispatch.stream';
import { registerRoutePlanRoutes } from './route-plans.routes';
import { assignWorkOrder, unassignWorkOrder } from './use-cases/assign-work-order';
import { getDispatchBoard } from './use-cases/get-dispatch-board';
import { listMyAppointments } from './use-cases/list-my-jobs';
import { recommendTechnicians } from './use-cases/recommend-technicians';
import {
  acceptAssignment,
  confirmCustomerContact,
  declineAssignment,
  reportLate,
  reportPosition,
  revealJobContact,
} from './use-cases/technician-actions';

/** Recommendation, assignment, the technician's own jobs, the dispatch board and its live stream. */
export function registerDispatchRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const stream = new DispatchStream(deps.bus, () => deps.clock.now());
  app.addHook('preClose', async () => stream.closeAll());

  bindEndpoint(app, deps, c.recommendTechnicians, async ({ ctx, params, query }) =>
    recommendTechnicians(ctx, params.workOrderId, query),
  );
  bindEndpoint(app, deps, c.assignWorkOrder, async ({ ctx, params, body }) =>
    assignWorkOrder(ctx, params.workOrderId, body, 'assign'),
  );
  bindEndpoint(app, deps, c.reassignWorkOrder, async ({ ctx, params, body }) =>
    assignWorkOrder(ctx, params.workOrderId, body, 'reassign'),
  );
  bindEndpoint(app, deps, c.unassignWorkOrder, async ({ ctx, params, body }) =>
    unassignWorkOrder(ctx, params.workOrderId, body),
  );
  bindEndpoint(app, deps, c.acceptAssignment, async ({ ctx, params, body }) =>
    acceptAssignment(ctx, params.assignmentId, body),
  );
  bindEndpoint(app, deps, c.declineAssignment, async ({ ctx, params, body }) =>
    declineAssignment(ctx, params.assignmentId, body),
  );
  bindEndpoint(app, deps, c.confirmCustomerContact, async ({ ctx, params, body }) =>
    confirmCustomerContact(ctx, params.assignmentId, body),
  );
  bindEndpoint(app, deps, c.reportLate, async ({ ctx, params, body }) => reportLate(ctx, params.assignmentId, body));
  bindEndpoint(app, deps, c.listMyAppointments, async ({ ctx, query }) => listMyAppointments(ctx, query));
  bindEndpoint(app, deps, c.revealJobContact, async ({ ctx, params }) => revealJobContact(ctx, params.assignmentId));
  bindEndpoint(app, deps, c.reportPosition, async ({ ctx, body }) => reportPosition(ctx, body));
  bindEndpoint(app, deps, c.getDispatchBoard, async ({ ctx, query }) =>
    getDispatchBoard(ctx, query, deps.config.mapTileUrl),
  );
  bindEndpoint(app, deps, c.streamDispatchEvents, async ({ ctx, query, reply }) => {
    const actor = requireActor(ctx.actor);
    stream.open(reply, { branchId: streamBranch(actor, query.branchId), technicianId: null });
    return undefined;
  });
  bindEndpoint(app, deps, c.streamMyEvents, async ({ ctx, reply }) => {
    const actor = requireActor(ctx.actor);
    stream.open(reply, { branchId: null, technicianId: actor.userId });
    return undefined;
  });
  registerRoutePlanRoutes(app, deps);
}
