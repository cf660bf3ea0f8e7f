// The public door of the dispatch module: the only file other modules import.
import { onWorkOrderStatusChange, setTechnicianCardProvider } from '@server/modules/intake';
import './dispatch.events';
import { onOrderStatusChange } from './dispatch.subscriptions';
import './technicians.events';
import { technicianCard } from './use-cases/technician-card';

// The customer's tracking page (intake) shows the assigned technician through this provider.
setTechnicianCardProvider(technicianCard);
// Appointments follow their order's status in the same transaction (cancel frees the time, …).
onWorkOrderStatusChange(onOrderStatusChange);

export { registerDispatchJobs } from './dispatch.jobs';
export { registerDispatchRoutes } from './dispatch.routes';
export { registerTechniciansRoutes } from './technicians.routes';
// The real use cases the demo seed drives (src/server/db/seed/seed-dispatch.ts).
export { assignWorkOrder } from './use-cases/assign-work-order';
// The field module (layer above) drives the technician's visit through these.
export { activeJobOfOrder, type FieldJob, technicianFacts } from './use-cases/field-job';
export { bookFollowUpAppointment } from './use-cases/follow-up-appointment';
export { listMyAppointments } from './use-cases/list-my-jobs';
export { computeRecommendation } from './use-cases/recommend-technicians';
export { systemActor } from './use-cases/system-actor';
export { acceptAssignment, confirmCustomerContact } from './use-cases/technician-actions';
// The demo seed's technician profiles (src/server/db/seed/seed-technicians.ts).
export {
  importTechnicianProfile,
  type TechnicianProfileImport,
} from './use-cases/technicians/import-technician-profile';
