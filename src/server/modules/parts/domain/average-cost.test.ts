import { describe, expect, it } from 'vitest';
import { receiveAverage, removeReceipt, valueFen } from './average-cost';

describe('receiveAverage', () => {
  it('with nothing on hand, the average is the purchase price', () => {
    expect(receiveAverage({ onHand: 0, avgCostFen: 999, qty: 5, unitCostFen: 1200 })).toBe(1200);
    expect(receiveAverage({ onHand: -3, avgCostFen: 999, qty: 5, unitCostFen: 1200 })).toBe(1200);
  });

  it('weights by quantity', () => {
    // 10 × 10.00 + 30 × 12.00 = 460.00 over 40 = 11.50
    expect(receiveAverage({ onHand: 10, avgCostFen: 1000, qty: 30, unitCostFen: 1200 })).toBe(1150);
  });

  it('rounds half up to the fen', () => {
    // (1 × 1 + 1 × 2) / 2 = 1.5 → 2
    expect(receiveAverage({ onHand: 1, avgCostFen: 1, qty: 1, unitCostFen: 2 })).toBe(2);
    // (2 × 100 + 1 × 101) / 3 = 100.333… → 100
    expect(receiveAverage({ onHand: 2, avgCostFen: 100, qty: 1, unitCostFen: 101 })).toBe(100);
    // (2 × 100 + 1 × 102) / 3 = 100.666… → 101
    expect(receiveAverage({ onHand: 2, avgCostFen: 100, qty: 1, unitCostFen: 102 })).toBe(101);
  });

  it('is exact for large values (no floating point)', () => {
    const big = 2 ** 40;
    expect(receiveAverage({ onHand: 1000, avgCostFen: big, qty: 1000, unitCostFen: big + 2 })).toBe(big + 1);
  });

  it('refuses non-integer or non-positive input', () => {
    expect(() => receiveAverage({ onHand: 1, avgCostFen: 1, qty: 0, unitCostFen: 1 })).toThrow(RangeError);
    expect(() => receiveAverage({ onHand: 1, avgCostFen: 1, qty: 1, unitCostFen: 1.5 })).toThrow(RangeError);
    expect(() => receiveAverage({ onHand: 1, avgCostFen: 1, qty: 1, unitCostFen: -1 })).toThrow(RangeError);
  });
});

describe('removeReceipt', () => {
  it('takes the receipt value out again', () => {
    // 40 on hand at 11.50 (460.00); remove 30 at 12.00 → 10 at 10.00
    expect(removeReceipt({ onHand: 40, avgCostFen: 1150, qty: 30, unitCostFen: 1200 })).toBe(1000);
  });
  it('keeps the average when nothing would be left or the value would go negative', () => {
    expect(removeReceipt({ onHand: 5, avgCostFen: 1150, qty: 5, unitCostFen: 1200 })).toBe(1150);
    expect(removeReceipt({ onHand: 6, avgCostFen: 100, qty: 5, unitCostFen: 1200 })).toBe(100);
  });
});

describe('valueFen', () => {
  it('multiplies exactly and signs follow the quantity', () => {
    expect(valueFen(3, 1150)).toBe(3450);
    expect(valueFen(-2, 1150)).toBe(-2300);
    expect(() => valueFen(2 ** 30, 2 ** 30)).toThrow(RangeError);
  });
});
