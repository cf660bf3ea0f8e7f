// The signature of the call-centre webhook. Pure (node:crypto only).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A signed call is accepted when its timestamp is within 5 minutes of our clock (either way). */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** hex HMAC-SHA256(secret, `${t}.${rawBody}`) */
export function signPayload(secret: string, t: number | string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
}

/** The header value a sender puts on a call: `t=<unix seconds>,v1=<hex>`. */
export function signatureHeader(secret: string, t: number, rawBody: string): string {
  return `t=${t},v1=${signPayload(secret, t, rawBody)}`;
}

/** `t=…,v1=…[,v1=…]` → the timestamp and every v1 signature (several during a secret rotation). */
export function parseSignatureHeader(header: string): { t: number; v1: string[] } | null {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) v1.push(value.toLowerCase());
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/**
 * Checks a call's signature: the header parses, the timestamp is within the tolerance of `nowMs`, and one v1 equals
 * the HMAC of `t.rawBody` under one of the secrets (constant-time comparison). No secret configured: every call fails.
 */
export function verifySignature(opts: {
  secrets: readonly string[];
  header: string | undefined;
  rawBody: string;
  nowMs: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  if (!opts.header) return { ok: false, reason: 'missing' };
  const parsed = parseSignatureHeader(opts.header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const tolerance = opts.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(opts.nowMs / 1000 - parsed.t) > tolerance) return { ok: false, reason: 'stale' };
  for (const secret of opts.secrets) {
    if (!secret) continue;
    const expected = Buffer.from(signPayload(secret, parsed.t, opts.rawBody), 'hex');
    for (const candidate of parsed.v1) {
      const given = Buffer.from(candidate, 'hex');
      if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
    }
  }
  return { ok: false, reason: 'mismatch' };
}
