import { describe, expect, it } from 'vitest';
import { certificateState, EXPIRY_ALERT_DAYS, validOn, worstState } from './certificates';

const TODAY = '2026-07-15';

describe('certificateState', () => {
  it('valid beyond the 30-day horizon', () => {
    expect(EXPIRY_ALERT_DAYS).toBe(30);
    expect(certificateState('2026-08-15', TODAY)).toBe('valid');
    expect(certificateState('2030-01-01', TODAY)).toBe('valid');
  });

  it('expiring within 30 days, including the 30th day and the expiry day itself', () => {
    expect(certificateState('2026-08-14', TODAY)).toBe('expiring');
    expect(certificateState('2026-07-16', TODAY)).toBe('expiring');
    expect(certificateState(TODAY, TODAY)).toBe('expiring');
  });

  it('expired from the day after its expiry', () => {
    expect(certificateState('2026-07-14', TODAY)).toBe('expired');
    expect(certificateState('2020-01-01', TODAY)).toBe('expired');
  });

  it('counts calendar days across months and years, with a custom horizon', () => {
    expect(certificateState('2027-01-10', '2026-12-31', 10)).toBe('expiring');
    expect(certificateState('2027-01-11', '2026-12-31', 10)).toBe('valid');
    expect(certificateState('2024-02-29', '2024-03-01')).toBe('expired');
  });
});

describe('validOn', () => {
  const cert = { type: 'height' as const, issuedOn: '2026-07-10', expiresOn: '2026-07-20' };
  it('is valid from its issue day through its expiry day', () => {
    expect(validOn(cert, '2026-07-09')).toBe(false);
    expect(validOn(cert, '2026-07-10')).toBe(true);
    expect(validOn(cert, '2026-07-15')).toBe(true);
    expect(validOn(cert, '2026-07-20')).toBe(true);
    expect(validOn(cert, '2026-07-21')).toBe(false);
  });
});

describe('worstState', () => {
  it('expired beats expiring beats valid; null when none held', () => {
    expect(worstState([])).toBeNull();
    expect(worstState(['valid'])).toBe('valid');
    expect(worstState(['valid', 'expiring', 'valid'])).toBe('expiring');
    expect(worstState(['expiring', 'expired', 'valid'])).toBe('expired');
    expect(worstState(['expired', 'valid'])).toBe('expired');
  });
});
