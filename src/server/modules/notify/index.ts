// The public door of the notify module: the only file other modules import.

export type { TemplateName, TemplateVariables } from './domain/templates';
export { loadNotifyConfig, type NotifyConfig } from './notify.config';
export { registerNotifyJobs } from './notify.jobs';
export { registerNotifyRoutes } from './notify.routes';
export type { WorkOrderMessageStatus } from './notify.views';
export { anonymiseMessages } from './use-cases/anonymise-messages';
export { type EnqueueMessageInput, enqueueMessage } from './use-cases/enqueue-message';
export { listMessagesForWorkOrder } from './use-cases/list-messages-for-work-order';
export {
  type RequestVerificationCodeInput,
  requestVerificationCode,
} from './use-cases/request-verification-code';
export { type VerifyCodeInput, verifyCode } from './use-cases/verify-code';
