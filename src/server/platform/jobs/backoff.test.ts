import { describe, expect, it } from 'vitest';
import { backoffMs } from './jobs';

describe('backoffMs', () => {
  it('waits 5 s after the first failure and doubles after each further one', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n))).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
  });

  it('is capped at one hour', () => {
    expect(backoffMs(11)).toBe(3_600_000); // 5 s · 2^10 = 5120 s > 1 h
    expect(backoffMs(10)).toBe(2_560_000);
    expect(backoffMs(1_000)).toBe(3_600_000);
  });

  it('treats zero or negative failure counts like the first failure', () => {
    expect(backoffMs(0)).toBe(5_000);
    expect(backoffMs(-3)).toBe(5_000);
  });

  it('takes another base delay', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, 1_000))).toEqual([1_000, 2_000, 4_000]);
  });
});
