import { z } from 'zod';

/**
 * The closed list of error codes. Every error the API returns carries one of these.
 * The HTTP status is a function of the code (see ERROR_STATUS); the message is localised.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'CSRF_REJECTED',
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_CONFLICT',
  'ILLEGAL_TRANSITION',
  'DOUBLE_BOOKED',
  'BUSINESS_RULE',
  'NOT_ELIGIBLE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  DOUBLE_BOOKED: 409,
  BUSINESS_RULE: 422,
  NOT_ELIGIBLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const ERROR_MESSAGES: Record<ErrorCode, Record<Locale, string>> = {
  VALIDATION_FAILED: { 'zh-CN': '输入有误，请检查标出的字段', 'en-US': 'Some fields are invalid' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '提交的内容过大', 'en-US': 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', 'en-US': 'Please log in' },
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  FORBIDDEN: { 'zh-CN': '您没有执行此操作的权限', 'en-US': 'You are not allowed to do this' },
  CSRF_REJECTED: {
    'zh-CN': '请求来源无法验证，请刷新页面后重试',
    'en-US': 'The request origin could not be verified; reload the page and try again',
  },
  NOT_FOUND: { 'zh-CN': '未找到', 'en-US': 'Not found' },
  CONFLICT: { 'zh-CN': '与现有数据冲突', 'en-US': 'This conflicts with existing data' },
  VERSION_CONFLICT: {
    'zh-CN': '数据已被他人修改，请刷新后重试',
    'en-US': 'Someone else changed this record; reload and try again',
  },
  ILLEGAL_TRANSITION: { 'zh-CN': '当前状态下不允许此操作', 'en-US': 'This action is not allowed in the current state' },
  DOUBLE_BOOKED: {
    'zh-CN': '该工程师在此时段已有其他预约，请换一个时段或工程师',
    'en-US': 'The technician already has an appointment in this window; choose another window or technician',
  },
  BUSINESS_RULE: { 'zh-CN': '不符合业务规则', 'en-US': 'This breaks a business rule' },
  NOT_ELIGIBLE: {
    'zh-CN': '该工程师不符合此工单的派工条件',
    'en-US': 'The technician is not eligible for this order',
  },
  RATE_LIMITED: { 'zh-CN': '尝试次数过多，请稍后再试', 'en-US': 'Too many attempts; try again later' },
  UNAVAILABLE: {
    'zh-CN': '服务暂时不可用，请稍后重试',
    'en-US': 'The service is temporarily unavailable; try again shortly',
  },
  INTERNAL: { 'zh-CN': '系统内部错误，请联系管理员', 'en-US': 'Internal error; please contact the administrator' },
};

/** One field-level problem: `path` is the dotted field path ("" for the whole body). */
export const fieldIssueSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function pickLocale(input: string | undefined | null): Locale {
  if (!input) return DEFAULT_LOCALE;
  const lower = input.toLowerCase();
  // Accept-Language style: first language that we support wins.
  for (const part of lower.split(',')) {
    const tag = part.split(';')[0]?.trim() ?? '';
    if (tag.startsWith('en')) return 'en-US';
    if (tag.startsWith('zh')) return 'zh-CN';
  }
  return DEFAULT_LOCALE;
}
