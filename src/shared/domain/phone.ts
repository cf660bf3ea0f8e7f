/**
 * Chinese phone numbers: mainland mobiles (1[3-9] + 9 digits, with or without +86) and landlines with an
 * area code (0 + 2–3 digits, then 7–8 digits). Pure; used by contracts (validation) and the server (masking).
 */
export type PhoneKind = 'mobile' | 'landline';

export interface ParsedPhone {
  kind: PhoneKind;
  /** "13812345678" or "020-38881234". */
  normalised: string;
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE_3 = /^0(10|2\d)\d{8}$/;
const LANDLINE_4 = /^0[3-9]\d{2}\d{7,8}$/;

export function parsePhone(input: string): ParsedPhone | null {
  const compact = input.replace(/[\s\-()（）]/g, '').replace(/^(\+86|0086)/, '');
  if (MOBILE.test(compact)) return { kind: 'mobile', normalised: compact };
  // Beijing, Shanghai, Guangzhou … have 3-digit area codes (010, 020–029) and 8-digit numbers;
  // elsewhere the area code has 4 digits (0755, 0757 …) and the number 7 or 8.
  if (LANDLINE_3.test(compact)) return { kind: 'landline', normalised: `${compact.slice(0, 3)}-${compact.slice(3)}` };
  if (LANDLINE_4.test(compact)) return { kind: 'landline', normalised: `${compact.slice(0, 4)}-${compact.slice(4)}` };
  return null;
}

export function isMobile(input: string): boolean {
  return parsePhone(input)?.kind === 'mobile';
}

/** 138****1234 / 020-****1234. */
export function maskPhone(normalised: string): string {
  if (MOBILE.test(normalised)) return `${normalised.slice(0, 3)}****${normalised.slice(-4)}`;
  const [area, local] = normalised.split('-');
  if (area && local) return `${area}-****${local.slice(-4)}`;
  return '****';
}

/**
 * Every full mainland mobile number in a text (masking free text, the masking scan in tests). A run of 11 digits
 * inside an identifier (uuid, token) is not a phone: letters, digits, '_' and '-' around it rule it out.
 */
export const FULL_MOBILE_PATTERN = /(?<![0-9A-Za-z_-])1[3-9]\d{9}(?![0-9A-Za-z_-])/g;
