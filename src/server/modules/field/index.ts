// The public door of the field module: the only file other modules import.
import { onWorkOrderStatusChange, setVisitProgressProvider } from '@server/modules/intake';
import './field.events';
import { trackingProgress } from './use-cases/tracking-progress';
import { onOrderStatusChange } from './use-cases/visit-lifecycle';

// Visits follow their order's appointments in the same transaction (assign opens one, reassign / unassign /
// decline withdraws it, cancel cancels it).
onWorkOrderStatusChange(onOrderStatusChange);
// The customer's tracking page (intake) shows the visits step by step through this provider.
setVisitProgressProvider(trackingProgress);

export { type FieldConfig, loadFieldConfig, photoStoreFrom } from './field.config';
export { registerFieldJobs } from './field.jobs';
export { registerFieldRoutes } from './field.routes';
export { diskPhotoStore, type PhotoStore } from './photo-store';
export { type S3PhotoStoreConfig, s3PhotoStore } from './photo-store-s3';
