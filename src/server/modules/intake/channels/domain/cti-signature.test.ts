import { describe, expect, it } from 'vitest';
import { parseSignatureHeader, signatureHeader, signPayload, verifySignature } from './cti-signature';

const SECRET = 'cti-shared-secret-0123456789';
const BODY = '{"callId":"c-1","event":"ringing"}';
const NOW = Date.parse('2026-07-15T02:00:00Z');
const T = NOW / 1000;

describe('CTI webhook signature', () => {
  it('accepts the HMAC of t.body under the secret', () => {
    const header = signatureHeader(SECRET, T, BODY);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature({ secrets: [SECRET], header, rawBody: BODY, nowMs: NOW })).toEqual({ ok: true });
  });

  it('refuses a missing or malformed header, another body, another secret', () => {
    expect(verifySignature({ secrets: [SECRET], header: undefined, rawBody: BODY, nowMs: NOW })).toEqual({
      ok: false,
      reason: 'missing',
    });
    for (const header of ['', 'v1=abc', `t=${T}`, `t=x,v1=${signPayload(SECRET, T, BODY)}`]) {
      expect(verifySignature({ secrets: [SECRET], header, rawBody: BODY, nowMs: NOW }).ok).toBe(false);
    }
    const header = signatureHeader(SECRET, T, BODY);
    expect(verifySignature({ secrets: [SECRET], header, rawBody: `${BODY} `, nowMs: NOW })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySignature({ secrets: ['another-secret'], header, rawBody: BODY, nowMs: NOW }).ok).toBe(false);
    expect(verifySignature({ secrets: [], header, rawBody: BODY, nowMs: NOW }).ok).toBe(false);
    expect(verifySignature({ secrets: [''], header, rawBody: BODY, nowMs: NOW }).ok).toBe(false);
  });

  it('refuses a timestamp more than 5 minutes away, either way', () => {
    for (const t of [T - 301, T + 301]) {
      const header = signatureHeader(SECRET, t, BODY);
      expect(verifySignature({ secrets: [SECRET], header, rawBody: BODY, nowMs: NOW })).toEqual({
        ok: false,
        reason: 'stale',
      });
    }
    for (const t of [T - 300, T + 300]) {
      const header = signatureHeader(SECRET, t, BODY);
      expect(verifySignature({ secrets: [SECRET], header, rawBody: BODY, nowMs: NOW }).ok).toBe(true);
    }
  });

  it('takes several v1 values (secret rotation) and several secrets', () => {
    const good = signPayload('new-secret', T, BODY);
    const header = `t=${T},v1=${'0'.repeat(64)},v1=${good}`;
    expect(verifySignature({ secrets: [SECRET, 'new-secret'], header, rawBody: BODY, nowMs: NOW }).ok).toBe(true);
    expect(parseSignatureHeader(header)?.v1).toHaveLength(2);
  });
});
