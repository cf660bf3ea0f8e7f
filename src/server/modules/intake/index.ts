// The public door of the intake module: the only file other modules import.
import './intake.events';

export { registerChannelsRoutes } from './channels/channels.routes';
export { type ClockName, clockKey } from './domain/clocks';
export { type Estimate, estimateRepair } from './domain/estimate';
export { requiredSkillsFor, UNIT_TYPE_SKILL } from './domain/fault-catalog-data';
export { formatOrderNumber, ORDER_NUMBER_PATTERN } from './domain/order-number';
export { registerIntakeJobs } from './intake.jobs';
export type { WorkOrderRow } from './intake.repository';
export { registerIntakeRoutes } from './intake.routes';
export { type CancelWorkOrderInput, cancelOrder } from './use-cases/cancel-work-order';
export { computeEstimate, type EstimateRequest } from './use-cases/compute-estimate';
export {
  type CreatedWorkOrder,
  type CreateWorkOrderInput,
  createWorkOrder,
  hashTrackingToken,
} from './use-cases/create-work-order';
export { buildDetail as workOrderDetail, getWorkOrder } from './use-cases/get-work-order';
export { trackingUrl } from './use-cases/notify-customer';
export { seedFaultCatalog } from './use-cases/seed-fault-catalog';
export { changeWorkOrderStatus, type TransitionInput } from './use-cases/transition-work-order';
export { findWorkOrderForTracking, type WorkOrderRecord, workOrderRecord } from './use-cases/work-order-record';
