import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import type { VerificationPurpose } from '@shared/contracts/notify.contract';
import { parsePhone } from '@shared/domain/phone';
import { MAX_TRIES } from '../domain/verification';
import { lockOpenCode, updateCode } from '../notify.repository';
import { codePhoneIndex, hashCode, sameHash } from './verification-hash';

export interface VerifyCodeInput {
  phone: string;
  purpose: VerificationPurpose;
  code: string;
}

/**
 * Checks a code against the newest open code of the phone and purpose: true once (the code is then used);
 * false for a wrong code (the try is counted: the 5th wrong try kills the code), an expired, used or dead code,
 * another phone or purpose.
 *
 * It commits its own transaction, so a counted try stays counted when the caller then refuses the request
 * (throwing would roll back a transaction it shared, and give unlimited tries). Hence it must be called OUTSIDE
 * any transaction — before the caller opens its own; inside one it throws. A code used here stays used even if
 * the caller's later work fails (the customer asks for a new code).
 */
export async function verifyCode(ctx: Ctx, input: VerifyCodeInput): Promise<boolean> {
  if (ctx.inTransaction) {
    throw new Error('verifyCode commits its own transaction: call it before opening yours (see notify README)');
  }
  const phone = parsePhone(input.phone);
  if (phone?.kind !== 'mobile') return false;
  const phoneIndex = codePhoneIndex(ctx.cipher, phone.normalised);
  const code = input.code.trim().slice(0, 16);
  return withTransaction(ctx, async (tx) => {
    const row = await lockOpenCode(tx.db, phoneIndex, input.purpose, tx.now, MAX_TRIES);
    if (!row) return false;
    const ok = sameHash(hashCode(tx.cipher, phoneIndex, input.purpose, code), row.codeHash);
    await updateCode(
      tx.db,
      row.id,
      ok ? { attempts: row.attempts + 1, usedAt: tx.now } : { attempts: row.attempts + 1 },
    );
    return ok;
  });
}
