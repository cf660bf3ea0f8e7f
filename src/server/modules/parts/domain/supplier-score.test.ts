import { describe, expect, it } from 'vitest';
import {
  computeScores,
  deliveryScore,
  keepEdited,
  priceRatioScore,
  priceScore,
  priceVsOthersBp,
  qualityScore,
  rank,
  ratioBp,
  totalScore,
} from './supplier-score';

describe('quality and delivery', () => {
  it('quality is the pass rate of what was received, rounded half up', () => {
    expect(qualityScore(100, 0)).toBe(100);
    expect(qualityScore(100, 3)).toBe(97);
    expect(qualityScore(40, 1)).toBe(98); // 97.5 → 98
    expect(qualityScore(3, 1)).toBe(67);
    expect(qualityScore(5, 9)).toBe(0);
    expect(qualityScore(0, 0)).toBe(100);
    expect(qualityScore(0, 2)).toBe(0);
  });

  it('delivery is the on-time share of deliveries', () => {
    expect(deliveryScore(4, 3)).toBe(75);
    expect(deliveryScore(3, 2)).toBe(67);
    expect(deliveryScore(8, 1)).toBe(13); // 12.5 → 13
    expect(deliveryScore(0, 0)).toBe(100);
  });
});

describe('price', () => {
  it('ratios in basis points', () => {
    expect(ratioBp(1100, 1000)).toBe(11000);
    expect(ratioBp(2, 3)).toBe(6667);
    expect(ratioBp(5, 0)).toBeNull();
  });

  it('100 at or below the reference, 2 points off per 1 % above, not below 0', () => {
    expect(priceRatioScore(9000)).toBe(100);
    expect(priceRatioScore(10000)).toBe(100);
    expect(priceRatioScore(10500)).toBe(90);
    expect(priceRatioScore(10024)).toBe(100);
    expect(priceRatioScore(10025)).toBe(99); // half a point off rounds up to one
    expect(priceRatioScore(11000)).toBe(80);
    expect(priceRatioScore(16000)).toBe(0);
    expect(priceRatioScore(30000)).toBe(0);
  });

  it('the price score is the mean of the sub-scores there are', () => {
    expect(priceScore(10000, 11000)).toBe(90);
    expect(priceScore(null, 11000)).toBe(80);
    expect(priceScore(10500, null)).toBe(90);
    expect(priceScore(null, null)).toBe(100);
  });

  it('compares its prices with the cheapest other supplier over the parts both offer', () => {
    const offers = [
      { supplierId: 'a', partId: 'p1', unitPriceFen: 1100 },
      { supplierId: 'a', partId: 'p2', unitPriceFen: 2000 },
      { supplierId: 'a', partId: 'p3', unitPriceFen: 999 }, // nobody else offers p3
      { supplierId: 'b', partId: 'p1', unitPriceFen: 1000 },
      { supplierId: 'c', partId: 'p1', unitPriceFen: 1050 },
      { supplierId: 'c', partId: 'p2', unitPriceFen: 2000 },
    ];
    // a: (1100 + 2000) / (1000 + 2000)
    expect(priceVsOthersBp(offers, 'a')).toBe(10333);
    // b: 1000 / 1050 (a and c; the cheapest other is c at 10.50)
    expect(priceVsOthersBp(offers, 'b')).toBe(9524);
    expect(priceVsOthersBp([{ supplierId: 'a', partId: 'p1', unitPriceFen: 5 }], 'a')).toBeNull();
  });
});

describe('totals, edits and ranking', () => {
  it('weights quality 40, delivery 30, price 30', () => {
    expect(totalScore(100, 100, 100)).toBe(100);
    expect(totalScore(90, 80, 70)).toBe(81);
    expect(totalScore(97, 50, 85)).toBe(79); // 38.8 + 15 + 25.5 = 79.3
  });

  it('computes all scores from the figures', () => {
    expect(
      computeScores({
        receivedQuantity: 50,
        defectQuantity: 2,
        deliveries: 4,
        deliveriesOnTime: 3,
        paidFen: 110_000,
        contractFen: 100_000,
        priceVsOthersBp: null,
      }),
    ).toEqual({ priceVsContractBp: 11000, priceVsOthersBp: null, quality: 96, delivery: 75, price: 80 });
  });

  it('a recompute keeps an edited score and takes the new computed one otherwise', () => {
    expect(keepEdited(null, 80)).toBe(80);
    expect(keepEdited({ score: 70, computed: 70 }, 80)).toBe(80);
    expect(keepEdited({ score: 95, computed: 70 }, 80)).toBe(95);
  });

  it('ranks by total, equal totals share a rank', () => {
    const s = (supplierCode: string, totalScore: number, qualityScore = 50) => ({
      supplierCode,
      totalScore,
      qualityScore,
      deliveryScore: 50,
      priceScore: 50,
    });
    const r = rank([s('C', 70), s('A', 90), s('B', 70, 60), s('D', 60)]);
    expect(r.map((x) => [x.supplierCode, x.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 2],
      ['D', 4],
    ]);
  });
});
