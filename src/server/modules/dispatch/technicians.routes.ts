import { bindEndpoint, type HttpDeps } from '@server/platform/http/server';
import * as c from '@shared/contracts/dispatch.contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { addCalendarEntry } from './use-cases/technicians/add-calendar-entry';
import { addCertificate } from './use-cases/technicians/add-certificate';
import { addTraining } from './use-cases/technicians/add-training';
import { createTechnician } from './use-cases/technicians/create-technician';
import { decideAvailabilityRequest } from './use-cases/technicians/decide-availability-request';
import { getPublicTechnicianPhoto } from './use-cases/technicians/get-public-technician-photo';
import { getTechnician } from './use-cases/technicians/get-technician';
import { getTechnicianPhoto, type PhotoFile } from './use-cases/technicians/get-technician-photo';
import { listAvailabilityRequests } from './use-cases/technicians/list-availability-requests';
import { listCertificateAlerts } from './use-cases/technicians/list-certificate-alerts';
import { listMyAvailabilityRequests } from './use-cases/technicians/list-my-availability-requests';
import { listTechnicians } from './use-cases/technicians/list-technicians';
import { requestAvailability } from './use-cases/technicians/request-availability';
import { setTechnicianPhoto } from './use-cases/technicians/set-technician-photo';
import { setTechnicianSkills } from './use-cases/technicians/set-technician-skills';
import { updateCertificate } from './use-cases/technicians/update-certificate';
import { updateTechnician } from './use-cases/technicians/update-technician';

/** An image reply: its own type, never sniffed, never stored by a cache. */
function sendPhoto(reply: FastifyReply, file: PhotoFile): Buffer {
  reply.header('content-type', file.contentType);
  reply.header('content-disposition', 'inline');
  reply.header('cache-control', 'private, no-store');
  reply.header('x-content-type-options', 'nosniff');
  return file.data;
}

/** Technician profiles, certificates, training, calendar and availability (see README "Technicians"). */
export function registerTechniciansRoutes(app: FastifyInstance, deps: HttpDeps): void {
  bindEndpoint(app, deps, c.listTechnicians, async ({ ctx, query }) => listTechnicians(ctx, query));
  bindEndpoint(app, deps, c.listCertificateAlerts, async ({ ctx, query }) => listCertificateAlerts(ctx, query));
  bindEndpoint(app, deps, c.getTechnician, async ({ ctx, params }) => getTechnician(ctx, params.technicianId));
  bindEndpoint(app, deps, c.createTechnician, async ({ ctx, body }) => createTechnician(ctx, body));
  bindEndpoint(app, deps, c.updateTechnician, async ({ ctx, params, body }) =>
    updateTechnician(ctx, params.technicianId, body),
  );
  bindEndpoint(app, deps, c.setTechnicianSkills, async ({ ctx, params, body }) =>
    setTechnicianSkills(ctx, params.technicianId, body),
  );
  bindEndpoint(app, deps, c.addCertificate, async ({ ctx, params, body }) =>
    addCertificate(ctx, params.technicianId, body),
  );
  bindEndpoint(app, deps, c.updateCertificate, async ({ ctx, params, body }) =>
    updateCertificate(ctx, params.technicianId, params.certificateId, body),
  );
  bindEndpoint(app, deps, c.addTraining, async ({ ctx, params, body }) => addTraining(ctx, params.technicianId, body));
  bindEndpoint(app, deps, c.setTechnicianPhoto, async ({ ctx, params, body }) =>
    setTechnicianPhoto(ctx, params.technicianId, body),
  );
  bindEndpoint(app, deps, c.getTechnicianPhoto, async ({ ctx, params, reply }) =>
    sendPhoto(reply, await getTechnicianPhoto(ctx, params.technicianId)),
  );
  bindEndpoint(app, deps, c.getPublicTechnicianPhoto, async ({ ctx, params, reply }) =>
    sendPhoto(reply, await getPublicTechnicianPhoto(ctx, params.token)),
  );

  bindEndpoint(app, deps, c.requestAvailability, async ({ ctx, body }) => requestAvailability(ctx, body));
  bindEndpoint(app, deps, c.listMyAvailabilityRequests, async ({ ctx, query }) =>
    listMyAvailabilityRequests(ctx, query),
  );
  bindEndpoint(app, deps, c.listAvailabilityRequests, async ({ ctx, query }) => listAvailabilityRequests(ctx, query));
  bindEndpoint(app, deps, c.decideAvailabilityRequest, async ({ ctx, params, body }) =>
    decideAvailabilityRequest(ctx, params.entryId, body),
  );
  bindEndpoint(app, deps, c.addCalendarEntry, async ({ ctx, params, body }) =>
    addCalendarEntry(ctx, params.technicianId, body),
  );
}
