// The public door of the intake module: the only file other modules import.
import './intake.events';

export { registerChannelsRoutes } from './channels/channels.routes';
export { checkPhoto, type PhotoCheck, type PhotoContentType } from './channels/domain/photo';
export { setTechnicianCardProvider, type TechnicianCard } from './channels/technician-card';
// The tracking page's door for field (a higher module): the visits step by step, and the customer's authorisation
// (link token or tracking session; failures counted per address) for the service record opened from that page.
export {
  resolveTrackedOrder,
  type TrackedOrder,
  type TrackingAuthInput,
} from './channels/use-cases/tracking-access';
export { setVisitProgressProvider, type TrackedVisit, type VisitProgressProvider } from './channels/visit-progress';
export { type ClockName, clockKey, type IntakeClockName } from './domain/clocks';
export { type Estimate, estimateRepair } from './domain/estimate';
export { requiredSkillsFor, UNIT_TYPE_SKILL } from './domain/fault-catalog-data';
export { formatOrderNumber, ORDER_NUMBER_PATTERN } from './domain/order-number';
export { registerIntakeJobs } from './intake.jobs';
export type { WorkOrderRow } from './intake.repository';
export { registerIntakeRoutes } from './intake.routes';
export { maskMobilesDeep, maskMobilesIn } from './intake.views';
export { type CancelWorkOrderInput, cancelOrder } from './use-cases/cancel-work-order';
export { computeEstimate, type EstimateRequest } from './use-cases/compute-estimate';
export {
  type CreatedWorkOrder,
  type CreateWorkOrderInput,
  createWorkOrder,
  hashTrackingToken,
} from './use-cases/create-work-order';
export {
  type DispatchOrder,
  dispatchOrder,
  dispatchOrders,
  dispatchQueue,
} from './use-cases/dispatch-view';
export { buildDetail as workOrderDetail, getWorkOrder } from './use-cases/get-work-order';
export { listFaultCategories } from './use-cases/list-fault-categories';
export { notifyCustomer, trackingUrl, trackingUrlForNumber } from './use-cases/notify-customer';
export { type RaiseWorkOrderAlertInput, raiseWorkOrderAlert } from './use-cases/raise-work-order-alert';
export { seedFaultCatalog } from './use-cases/seed-fault-catalog';
export { addWorkOrderNote } from './use-cases/timeline';
export {
  changeWorkOrderStatus,
  lockOrderFor as lockWorkOrderFor,
  onWorkOrderStatusChange,
  type StatusChange,
  type StatusChangeHook,
  type TransitionInput,
} from './use-cases/transition-work-order';
export { findWorkOrderForTracking, type WorkOrderRecord, workOrderRecord } from './use-cases/work-order-record';
