import { z } from 'zod';
import type { Locale } from '../errors';
import { endpoint, isoDateTime, paged, pageQuery, uuid } from './endpoint';

// Notifications (notify): the outbox of SMS / WeChat / in-app messages and its message log, the SMS verification
// codes of the public pages, and the server endpoint the WeChat official account calls.

export const MESSAGE_CHANNELS = ['sms', 'wechat', 'inapp'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const messageChannelSchema = z.enum(MESSAGE_CHANNELS);

/** queued (waiting for the worker) → sent | failed (a retry is scheduled) → … → sent | dead (gave up). */
export const MESSAGE_STATUSES = ['queued', 'sent', 'failed', 'dead'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const messageStatusSchema = z.enum(MESSAGE_STATUSES);

export const MESSAGE_STATUS_LABELS: Record<MessageStatus, Record<Locale, string>> = {
  queued: { 'zh-CN': '排队中', 'en-US': 'Queued' },
  sent: { 'zh-CN': '已发送', 'en-US': 'Sent' },
  failed: { 'zh-CN': '发送失败（将重试）', 'en-US': 'Failed (will retry)' },
  dead: { 'zh-CN': '发送失败（已放弃）', 'en-US': 'Failed (gave up)' },
};

export const MESSAGE_CHANNEL_LABELS: Record<MessageChannel, Record<Locale, string>> = {
  sms: { 'zh-CN': '短信', 'en-US': 'SMS' },
  wechat: { 'zh-CN': '微信', 'en-US': 'WeChat' },
  inapp: { 'zh-CN': '站内消息', 'en-US': 'In-app' },
};

/** The message templates (their texts live in the server's notify module). */
export const MESSAGE_TEMPLATES = [
  'verification_code',
  'order_received',
  'order_returned',
  'order_cancelled',
  'technician_assigned',
  'eta_changed',
  'job_assigned',
  'job_unassigned',
  'technician_on_the_way',
  'repair_delayed',
  'quote_approval',
] as const;
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number];
export const messageTemplateSchema = z.enum(MESSAGE_TEMPLATES);

export const MESSAGE_TEMPLATE_LABELS: Record<MessageTemplate, Record<Locale, string>> = {
  verification_code: { 'zh-CN': '验证码', 'en-US': 'Verification code' },
  order_received: { 'zh-CN': '报修已受理', 'en-US': 'Order received' },
  order_returned: { 'zh-CN': '需补充信息', 'en-US': 'More information needed' },
  order_cancelled: { 'zh-CN': '工单已取消', 'en-US': 'Order cancelled' },
  technician_assigned: { 'zh-CN': '已安排工程师', 'en-US': 'Technician assigned' },
  eta_changed: { 'zh-CN': '到达时间变更', 'en-US': 'New arrival time' },
  job_assigned: { 'zh-CN': '新派工（工程师）', 'en-US': 'New job (technician)' },
  job_unassigned: { 'zh-CN': '派工取消（工程师）', 'en-US': 'Job withdrawn (technician)' },
  technician_on_the_way: { 'zh-CN': '工程师已出发', 'en-US': 'Technician on the way' },
  repair_delayed: { 'zh-CN': '维修延误', 'en-US': 'Repair delayed' },
  quote_approval: { 'zh-CN': '维修报价确认', 'en-US': 'Quote to approve' },
};

/** What a verification code is for: submitting a repair request, or tracking an order. */
export const VERIFICATION_PURPOSES = ['repair', 'track'] as const;
export type VerificationPurpose = (typeof VERIFICATION_PURPOSES)[number];
export const verificationPurposeSchema = z.enum(VERIFICATION_PURPOSES);

/** Mobile only (an SMS is sent); the server answers a field-level `phone` error for anything else. */
export const verificationPhoneInput = z.string().trim().min(1).max(32);
/** Six digits. */
export const verificationCodeInput = z.string().regex(/^\d{6}$/, { message: 'must be 6 digits' });

// ---------- message log ----------

/** One row of the message log (admin). */
export const messageLogEntrySchema = z.object({
  id: uuid,
  channel: messageChannelSchema,
  template: z.string(),
  /** The template's name in the caller's language. */
  templateLabel: z.string(),
  /**
   * The rendered text as the customer receives it (Chinese). With the `log` transport a verification code is shown
   * (so a demo works without an SMS provider); with a real transport it is masked as ******.
   */
  text: z.string(),
  /** The same message rendered in English, for staff (codes masked the same way). */
  textEn: z.string(),
  /** 138****1234 for a phone, a shortened openid or user id otherwise. */
  recipientMasked: z.string(),
  status: messageStatusSchema,
  /** log | aliyun | tencent | wechat | inapp — null until the first attempt. */
  transport: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
  workOrderId: uuid.nullable(),
});
export type MessageLogEntry = z.infer<typeof messageLogEntrySchema>;

export const listMessages = endpoint({
  operationId: 'listMessages',
  method: 'GET',
  path: '/api/messages',
  access: 'messages.read',
  summary: 'The message log: every SMS / WeChat / in-app message with its delivery status, newest first',
  tags: ['notify'],
  query: z.strictObject({
    ...pageQuery,
    channel: messageChannelSchema.optional(),
    status: messageStatusSchema.optional(),
    template: messageTemplateSchema.optional(),
    workOrderId: uuid.optional(),
  }),
  response: paged(messageLogEntrySchema),
});

// ---------- verification codes (public pages) ----------

export const requestVerificationCode = endpoint({
  operationId: 'requestVerificationCode',
  method: 'POST',
  path: '/api/public/verification-codes',
  access: 'public',
  summary:
    'Send a 6-digit SMS code to a mainland mobile (valid 10 minutes, one use, 5 tries; at most 5 codes per phone per day and 20 per address per hour)',
  tags: ['public'],
  status: 201,
  body: z.strictObject({ phone: verificationPhoneInput, purpose: verificationPurposeSchema }),
  response: z.object({ expiresAt: isoDateTime }),
});

// ---------- WeChat official account (微信公众号) server endpoint ----------

/**
 * The query WeChat adds to every call: signature = sha1 of the sorted [token, timestamp, nonce].
 * Not strict: WeChat adds parameters of its own (openid, encrypt_type, msg_signature …), which are ignored.
 */
const wechatSignedQuery = {
  signature: z.string().min(1).max(128),
  timestamp: z.string().min(1).max(32),
  nonce: z.string().min(1).max(64),
};

export const wechatVerify = endpoint({
  operationId: 'wechatVerify',
  method: 'GET',
  path: '/api/wechat/callback',
  access: 'public',
  summary: 'WeChat server URL check: answers echostr (text/plain) when the signature is right; 403 otherwise',
  tags: ['wechat'],
  query: z.object({ ...wechatSignedQuery, echostr: z.string().min(1).max(256) }),
  response: z.string(),
});

export const wechatCallback = endpoint({
  operationId: 'wechatCallback',
  method: 'POST',
  path: '/api/wechat/callback',
  access: 'public',
  summary:
    'WeChat message push (text/xml, signed in the query): 报修 / a REPAIR menu click answers with a link to the repair page (passive reply XML)',
  tags: ['wechat'],
  query: z.object({ ...wechatSignedQuery, openid: z.string().max(128).optional() }),
  /** The raw XML message (Content-Type text/xml or application/xml). */
  body: z.string().max(64 * 1024),
  bodyLimit: 64 * 1024,
  /** A passive reply (application/xml), or "success" (text/plain) when there is nothing to answer. */
  response: z.string(),
});

export const notifyEndpoints = [listMessages, requestVerificationCode, wechatVerify, wechatCallback] as const;
