// The public door of the field module: the only file other modules import.
import { onWorkOrderStatusChange } from '@server/modules/intake';
import './field.events';
import { onOrderStatusChange } from './use-cases/visit-lifecycle';

// Visits follow their order's appointments in the same transaction (assign opens one, reassign / unassign /
// decline withdraws it, cancel cancels it).
onWorkOrderStatusChange(onOrderStatusChange);

export { registerFieldJobs } from './field.jobs';
export { registerFieldRoutes } from './field.routes';
export { diskPhotoStore, type PhotoStore } from './photo-store';
