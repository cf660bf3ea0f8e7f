import { randomBytes } from 'node:crypto';
import type { DataCipher } from '@server/platform/crypto';
import type { ParsedPhone } from '@shared/domain/phone';
import { maskPhone } from '@shared/domain/phone';
import { ANONYMISED_NAME, ANONYMISED_PHONE_MASK, maskName } from './domain/masking';
import { normaliseName } from './domain/names';

// How personal fields are stored: encrypted (DataCipher, AES-256-GCM) with blind indexes for equality search.

export const PHONE_INDEX = 'phone';
export const NAME_INDEX = 'name';

export function phoneIndexOf(cipher: DataCipher, phone: ParsedPhone): string {
  return cipher.blindIndex(PHONE_INDEX, phone.normalised);
}

export function nameIndexOf(cipher: DataCipher, name: string): string {
  return cipher.blindIndex(NAME_INDEX, normaliseName(name));
}

export function nameColumns(cipher: DataCipher, name: string) {
  const clean = normaliseName(name);
  return { nameEnc: cipher.encrypt(clean), nameMasked: maskName(clean), nameIndex: nameIndexOf(cipher, clean) };
}

export function phoneColumns(cipher: DataCipher, phone: ParsedPhone) {
  return {
    phoneEnc: cipher.encrypt(phone.normalised),
    phoneIndex: phoneIndexOf(cipher, phone),
    phoneMasked: maskPhone(phone.normalised),
    kind: phone.kind,
  };
}

/** A value no blind index can ever equal (indexes are base64url HMACs; this has a prefix and a colon). */
function deadIndex(): string {
  return `anon:${randomBytes(18).toString('base64url')}`;
}

export function anonymisedNameColumns(cipher: DataCipher) {
  return { nameEnc: cipher.encrypt(ANONYMISED_NAME), nameMasked: ANONYMISED_NAME, nameIndex: deadIndex() };
}

export function anonymisedPhoneColumns(cipher: DataCipher) {
  return {
    phoneEnc: cipher.encrypt(ANONYMISED_PHONE_MASK),
    phoneIndex: deadIndex(),
    phoneMasked: ANONYMISED_PHONE_MASK,
  };
}

export const ANONYMISED_DETAIL = '已删除';
