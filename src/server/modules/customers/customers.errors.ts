import { AppError } from '@server/platform/errors';
import { type ParsedPhone, parsePhone } from '@shared/domain/phone';
import type { Locale } from '@shared/errors';

/** A phone as typed → parsed, or a field error `invalid_phone` in the caller's language. */
export function parsePhoneOrFail(input: string, path: string, locale: Locale): ParsedPhone {
  const parsed = parsePhone(input);
  if (!parsed) {
    throw AppError.field(
      path,
      'invalid_phone',
      locale === 'zh-CN'
        ? '请输入正确的电话号码：11 位手机号（1 开头，第二位 3–9），或带区号的固定电话（如 020-38881234）'
        : 'Enter a mainland mobile (11 digits, 1 then 3–9) or a landline with its area code (e.g. 020-38881234)',
    );
  }
  return parsed;
}

/** Personal data of an anonymised customer cannot be added or edited: it would undo the deletion. */
export function anonymisedError(locale: Locale): AppError {
  return new AppError('BUSINESS_RULE', {
    reason:
      locale === 'zh-CN'
        ? '该客户已按其要求注销，不能再添加或修改个人信息'
        : 'This customer was deleted at their request; personal data can no longer be added or changed',
  });
}

/** A phone already on file: 409 naming the customer it belongs to (dedupe by phone). */
export function phoneTakenError(customerId: string, path: string, locale: Locale): AppError {
  return new AppError('CONFLICT', {
    customerId,
    issues: [
      {
        path,
        code: 'phone_taken',
        message: locale === 'zh-CN' ? '该号码已属于一位客户' : 'This number already belongs to a customer',
      },
    ],
  });
}
