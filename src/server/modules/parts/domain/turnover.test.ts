import { describe, expect, it } from 'vitest';
import { turnover } from './turnover';

describe('turnover', () => {
  it('average inventory, turnover in basis points and days of supply', () => {
    // opening 10 000, closing 6 000 → average 8 000; 12 000 issued → 1.5 turns; 6 000 / (12 000 / 30) = 15 days.
    expect(turnover({ issuedValueFen: 12_000, openingValueFen: 10_000, closingValueFen: 6_000, days: 30 })).toEqual({
      averageValueFen: 8_000,
      turnoverBasisPoints: 15_000,
      daysOfSupply: 15,
    });
  });

  it('rounds the average half up and the turnover half up, the days down', () => {
    // (1 + 2) / 2 = 1.5 → 2; 1 / 1.5 = 0.6667 → 6667 bp; 2 × 7 / 1 = 14 days.
    expect(turnover({ issuedValueFen: 1, openingValueFen: 1, closingValueFen: 2, days: 7 })).toEqual({
      averageValueFen: 2,
      turnoverBasisPoints: 6667,
      daysOfSupply: 14,
    });
    // 2 / (3 / 2) = 1.33333 → 13333; 10 days × 1 / 2 = 5.
    expect(turnover({ issuedValueFen: 2, openingValueFen: 2, closingValueFen: 1, days: 10 })).toEqual({
      averageValueFen: 2,
      turnoverBasisPoints: 13_333,
      daysOfSupply: 5,
    });
    // Exact: 3 / ((8 + 8) / 2) = 0.375 → 3750 bp.
    expect(turnover({ issuedValueFen: 3, openingValueFen: 8, closingValueFen: 8, days: 1 }).turnoverBasisPoints).toBe(
      3750,
    );
    // 0.5 bp rounds up: issued 1, sum 40000 → 2 × 1 × 10000 / 40000 = 0.5 → 1.
    expect(
      turnover({ issuedValueFen: 1, openingValueFen: 20_000, closingValueFen: 20_000, days: 1 }).turnoverBasisPoints,
    ).toBe(1);
  });

  it('no stock: no turnover; no consumption: no days of supply', () => {
    expect(turnover({ issuedValueFen: 500, openingValueFen: 0, closingValueFen: 0, days: 30 })).toEqual({
      averageValueFen: 0,
      turnoverBasisPoints: null,
      daysOfSupply: 0,
    });
    expect(turnover({ issuedValueFen: 0, openingValueFen: 100, closingValueFen: 100, days: 30 })).toEqual({
      averageValueFen: 100,
      turnoverBasisPoints: 0,
      daysOfSupply: null,
    });
  });
});
