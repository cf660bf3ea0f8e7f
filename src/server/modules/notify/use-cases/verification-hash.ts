import { timingSafeEqual } from 'node:crypto';
import type { DataCipher } from '@server/platform/crypto';

/** Blind-index purposes: the phone of a code, and the code itself (HMAC under the data key, never the code). */
const PHONE_PURPOSE = 'notify.verification.phone';
const CODE_PURPOSE = 'notify.verification.code';

export function codePhoneIndex(cipher: DataCipher, normalisedPhone: string): string {
  return cipher.blindIndex(PHONE_PURPOSE, normalisedPhone);
}

/** Bound to the phone and the purpose: the same six digits for another phone or purpose give another hash. */
export function hashCode(cipher: DataCipher, phoneIndex: string, purpose: string, code: string): string {
  return cipher.blindIndex(CODE_PURPOSE, `${phoneIndex}\u0000${purpose}\u0000${code}`);
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
