import { randomInt } from 'node:crypto';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { VerificationPurpose } from '@shared/contracts/notify.contract';
import { parsePhone } from '@shared/domain/phone';
import {
  CODE_TTL_MS,
  IP_WINDOW_MS,
  MAX_CODES_PER_IP_PER_HOUR,
  MAX_CODES_PER_PHONE_PER_DAY,
  secondsToNextShanghaiDay,
  secondsUntilIpWindowFrees,
  shanghaiDayStart,
} from '../domain/verification';
import { codesForIpSince, countCodesForPhoneSince, expireOpenCodes, insertCode, lockKey } from '../notify.repository';
import { enqueueMessage } from './enqueue-message';
import { codePhoneIndex, hashCode } from './verification-hash';

export interface RequestVerificationCodeInput {
  phone: string;
  purpose: VerificationPurpose;
  /** The client address (rate limit per address); null when unknown. */
  ip: string | null;
}

/** The field error for a number that cannot receive an SMS. */
export function notMobileError(locale: 'zh-CN' | 'en-US'): AppError {
  return AppError.field(
    'phone',
    'not_mobile',
    locale === 'zh-CN'
      ? '请输入有效的中国大陆手机号码（11 位，1 开头）'
      : 'must be a mainland China mobile number (11 digits, starting with 1)',
  );
}

/**
 * Sends a 6-digit code by SMS (through the outbox, template verification_code). The code is valid 10 minutes and
 * replaces any open code of the same phone and purpose; only its HMAC is stored. At most 5 codes per phone per
 * Asia/Shanghai day and 20 per address per hour, else RATE_LIMITED with retryAfterSeconds (nothing stored).
 * Checks and insert are serialised per phone and per address (advisory locks), so parallel requests cannot
 * overshoot the limits.
 */
export async function requestVerificationCode(
  ctx: Ctx,
  input: RequestVerificationCodeInput,
): Promise<{ expiresAt: Date }> {
  const phone = parsePhone(input.phone);
  if (phone?.kind !== 'mobile') throw notMobileError(ctx.request.locale);
  const phoneIndex = codePhoneIndex(ctx.cipher, phone.normalised);
  const ip = (input.ip ?? '').slice(0, 64) || 'unknown';

  return withTransaction(ctx, async (tx) => {
    const now = tx.now;
    // Always phone first, then address: two requests never wait on each other in opposite orders.
    await lockKey(tx.db, `notify.code.phone:${phoneIndex}`);
    await lockKey(tx.db, `notify.code.ip:${ip}`);

    const today = await countCodesForPhoneSince(tx.db, phoneIndex, shanghaiDayStart(now));
    if (today >= MAX_CODES_PER_PHONE_PER_DAY) {
      throw new AppError('RATE_LIMITED', {
        limit: 'phone_per_day',
        max: MAX_CODES_PER_PHONE_PER_DAY,
        retryAfterSeconds: secondsToNextShanghaiDay(now),
      });
    }
    const window = await codesForIpSince(tx.db, ip, new Date(now.getTime() - IP_WINDOW_MS));
    if (window.n >= MAX_CODES_PER_IP_PER_HOUR) {
      throw new AppError('RATE_LIMITED', {
        limit: 'ip_per_hour',
        max: MAX_CODES_PER_IP_PER_HOUR,
        retryAfterSeconds: secondsUntilIpWindowFrees(window.oldest ?? now, now),
      });
    }

    await expireOpenCodes(tx.db, phoneIndex, input.purpose, now);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
    await insertCode(tx.db, {
      phoneIndex,
      purpose: input.purpose,
      codeHash: hashCode(tx.cipher, phoneIndex, input.purpose, code),
      ip,
      attempts: 0,
      expiresAt,
      createdAt: now,
    });
    await enqueueMessage(tx, {
      channel: 'sms',
      template: 'verification_code',
      variables: { code },
      recipient: phone.normalised,
    });
    return { expiresAt };
  });
}
