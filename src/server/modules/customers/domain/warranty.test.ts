import { describe, expect, it } from 'vitest';
import { localDate, warrantyStatus } from './warranty';

describe('warrantyStatus', () => {
  it('unknown without an end date', () => {
    expect(warrantyStatus(null, new Date('2025-06-01T00:00:00Z'))).toBe('unknown');
  });

  it('in warranty through the end date inclusive, in Shanghai time', () => {
    // 2025-06-30T15:59Z is 23:59 on 30 June in Shanghai; 16:00Z is already 1 July there.
    expect(warrantyStatus('2025-06-30', new Date('2025-06-30T15:59:00Z'))).toBe('in_warranty');
    expect(warrantyStatus('2025-06-30', new Date('2025-06-30T16:00:00Z'))).toBe('expired');
    expect(warrantyStatus('2027-01-01', new Date('2025-06-30T16:00:00Z'))).toBe('in_warranty');
    expect(warrantyStatus('2020-01-01', new Date('2025-06-30T16:00:00Z'))).toBe('expired');
  });

  it('localDate', () => {
    expect(localDate(new Date('2025-01-01T17:00:00Z'))).toBe('2025-01-02');
    expect(localDate(new Date('2025-01-01T17:00:00Z'), 'UTC')).toBe('2025-01-01');
  });
});
