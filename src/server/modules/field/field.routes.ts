import type { Ctx } from '@server/platform/context';
import { bindEndpoint, type HttpDeps } from '@server/platform/http/server';
import * as c from '@shared/contracts/field.contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type FieldConfig, loadFieldConfig, photoStoreFrom } from './field.config';
import { diskPhotoStore } from './photo-store';
import { advanceVisit, completeVisit } from './use-cases/advance-visit';
import { decideQuoteApproval, getQuoteApproval, recordConsent } from './use-cases/consent';
import { editVisit, scheduleFollowUpVisit } from './use-cases/office';
import { getVisitPhoto, uploadVisitPhoto } from './use-cases/photos';
import { getVisit, listMyJobs, listWorkOrderVisits } from './use-cases/read-visits';
import { getServiceRecord } from './use-cases/service-record';
import { syncOfflineQueue } from './use-cases/sync-offline-queue';
import { getTrackedServiceRecord } from './use-cases/tracked-record';
import type { FieldServices, StepResult } from './use-cases/visit-support';
import { visitView } from './use-cases/visit-view';

/** A private reply of bytes of its own type: never sniffed, never stored by a cache. */
function sendBytes(reply: FastifyReply, contentType: string, data: Buffer, filename?: string): Buffer {
  reply.header('content-type', contentType);
  reply.header(
    'content-disposition',
    filename
      ? `inline; filename="${filename.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`
      : 'inline',
  );
  reply.header('cache-control', 'private, no-store');
  reply.header('x-content-type-options', 'nosniff');
  return data;
}

async function stepReply(ctx: Ctx, r: StepResult) {
  return { visit: await visitView(ctx, r.visit), replayed: r.replayed };
}

/** The technician's visits step by step, photos, consent, completion, the service record, the offline queue. */
export function registerFieldRoutes(
  app: FastifyInstance,
  deps: HttpDeps,
  config: FieldConfig = loadFieldConfig(process.env),
): void {
  const photos = photoStoreFrom(config, deps.config.dataDir);
  const services: FieldServices = {
    photos,
    readers: { disk: diskPhotoStore(deps.config.dataDir), [photos.kind]: photos },
    publicUrl: deps.config.publicUrl,
  };
  bindEndpoint(app, deps, c.listMyJobs, async ({ ctx, query }) => listMyJobs(ctx, query));
  bindEndpoint(app, deps, c.getVisit, async ({ ctx, params }) => getVisit(ctx, params.visitId));
  bindEndpoint(app, deps, c.listWorkOrderVisits, async ({ ctx, params }) =>
    listWorkOrderVisits(ctx, params.workOrderId),
  );
  bindEndpoint(app, deps, c.advanceVisit, async ({ ctx, params, body }) =>
    stepReply(ctx, await advanceVisit(ctx, params.visitId, body)),
  );
  bindEndpoint(app, deps, c.uploadVisitPhoto, async ({ ctx, params, body }) =>
    uploadVisitPhoto(ctx, params.visitId, body, services),
  );
  bindEndpoint(app, deps, c.getVisitPhoto, async ({ ctx, params, reply }) => {
    const photo = await getVisitPhoto(ctx, params.photoId, services);
    return sendBytes(reply, photo.contentType, photo.data);
  });
  bindEndpoint(app, deps, c.recordConsent, async ({ ctx, params, body }) =>
    stepReply(ctx, await recordConsent(ctx, params.visitId, body, services)),
  );
  bindEndpoint(app, deps, c.completeVisit, async ({ ctx, params, body }) =>
    stepReply(ctx, await completeVisit(ctx, params.visitId, body)),
  );
  bindEndpoint(app, deps, c.getServiceRecord, async ({ ctx, params, query, reply }) => {
    const doc = await getServiceRecord(ctx, params.visitId, query.format ?? 'html');
    return sendBytes(reply, doc.contentType, doc.data, doc.filename);
  });
  bindEndpoint(app, deps, c.getTrackedServiceRecord, async ({ ctx, params, query, reply }) => {
    const doc = await getTrackedServiceRecord(ctx, Number(params.visitNo), query);
    return sendBytes(reply, doc.contentType, doc.data, doc.filename);
  });
  bindEndpoint(app, deps, c.syncOfflineQueue, async ({ ctx, body }) => syncOfflineQueue(ctx, body, services));
  bindEndpoint(app, deps, c.editVisit, async ({ ctx, params, body }) => editVisit(ctx, params.visitId, body));
  bindEndpoint(app, deps, c.scheduleFollowUpVisit, async ({ ctx, params, body }) =>
    scheduleFollowUpVisit(ctx, params.visitId, body),
  );
  bindEndpoint(app, deps, c.getQuoteApproval, async ({ ctx, params }) => getQuoteApproval(ctx, params.token));
  bindEndpoint(app, deps, c.decideQuoteApproval, async ({ ctx, params, body }) =>
    decideQuoteApproval(ctx, params.token, body),
  );
}
