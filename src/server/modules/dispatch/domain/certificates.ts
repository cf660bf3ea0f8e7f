import type { CertificateType } from '@shared/contracts/dispatch.contract';
import { daysBetween } from './day-time';

export type CertificateState = 'valid' | 'expiring' | 'expired';

/** Alert horizon: a certificate expiring within this many days is "expiring". */
export const EXPIRY_ALERT_DAYS = 30;

export interface CertificateFacts {
  type: CertificateType;
  issuedOn: string;
  expiresOn: string;
}

/** valid / expiring / expired on `today` (a certificate is valid through its expiry day). */
export function certificateState(expiresOn: string, today: string, horizonDays = EXPIRY_ALERT_DAYS): CertificateState {
  const left = daysBetween(today, expiresOn);
  if (left < 0) return 'expired';
  if (left <= horizonDays) return 'expiring';
  return 'valid';
}

/** Valid on the job's day: issued on or before it and not expired by it. */
export function validOn(cert: CertificateFacts, day: string): boolean {
  return cert.issuedOn <= day && day <= cert.expiresOn;
}

const RANK: Record<CertificateState, number> = { valid: 0, expiring: 1, expired: 2 };

/** The worst state among a technician's certificates (null when they hold none). */
export function worstState(states: readonly CertificateState[]): CertificateState | null {
  if (!states.length) return null;
  return states.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
}
