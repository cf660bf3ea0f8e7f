import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseOffer,
  forecastUnits,
  type PlanPartInput,
  type PlanSettings,
  proposeLine,
  proposePlan,
  seasonalFactor,
} from './purchase-plan';

const MAY: PlanSettings = { usageWeeks: 8, horizonDays: 30, month: 5 };
const JULY: PlanSettings = { ...MAY, month: 7 };

function part(extra: Partial<PlanPartInput> = {}): PlanPartInput {
  return {
    partId: 'p1',
    category: 'compressor',
    onHand: 0,
    reorderPoint: 0,
    reorderQuantity: 0,
    openRequisitions: 0,
    onOrder: 0,
    weeklyUsage: [0, 0, 0, 0, 0, 0, 0, 0],
    lastYear: null,
    ...extra,
  };
}

describe('seasonalFactor', () => {
  it('is ×1.5 for capacitors, fan motors and refrigerants in June to September only', () => {
    for (const category of ['capacitor', 'fan_motor', 'refrigerant_r32', 'refrigerant_r410a'] as const) {
      expect(seasonalFactor(part({ category }), JULY)).toEqual({ bp: 15000, source: 'summer' });
      expect(seasonalFactor(part({ category }), MAY)).toEqual({ bp: 10000, source: 'none' });
    }
    expect(seasonalFactor(part({ category: 'capacitor' }), { ...MAY, month: 6 }).bp).toBe(15000);
    expect(seasonalFactor(part({ category: 'capacitor' }), { ...MAY, month: 9 }).bp).toBe(15000);
    expect(seasonalFactor(part({ category: 'capacitor' }), { ...MAY, month: 10 }).bp).toBe(10000);
    expect(seasonalFactor(part({ category: 'compressor' }), JULY)).toEqual({ bp: 10000, source: 'none' });
  });

  it("uses last year's daily-rate ratio when last year's window had usage, clamped to 0.5–3", () => {
    // Last year: 56 units in the 8 weeks (1/day), 60 in the next 30 days (2/day) → ×2.
    const ly = (windowUsage: number, horizonUsage: number) =>
      part({ category: 'capacitor', lastYear: { windowUsage, horizonUsage } });
    expect(seasonalFactor(ly(56, 60), JULY)).toEqual({ bp: 20000, source: 'last_year' });
    // Same months in winter: the data says so, not the calendar.
    expect(seasonalFactor(ly(56, 15), MAY)).toEqual({ bp: 5000, source: 'last_year' });
    expect(seasonalFactor(ly(56, 600), JULY).bp).toBe(30000);
    expect(seasonalFactor(ly(56, 0), JULY).bp).toBe(5000);
    expect(seasonalFactor(ly(56, 40), JULY).bp).toBe(13333);
    // Nothing used in last year's window: the ratio is unknown → the summer default.
    expect(seasonalFactor(ly(0, 30), JULY)).toEqual({ bp: 15000, source: 'summer' });
  });
});

describe('forecastUnits', () => {
  it('projects the daily rate over the horizon with the factor, rounded up', () => {
    expect(forecastUnits(56, MAY, 10000)).toBe(30);
    expect(forecastUnits(56, MAY, 15000)).toBe(45);
    expect(forecastUnits(1, MAY, 10000)).toBe(1);
    expect(forecastUnits(0, MAY, 30000)).toBe(0);
    expect(forecastUnits(-4, MAY, 10000)).toBe(0);
  });
});

describe('proposeLine', () => {
  it('orders the reorder quantity when on hand is at the reorder point', () => {
    const r = proposeLine(part({ onHand: 5, reorderPoint: 5, reorderQuantity: 20 }), MAY);
    expect(r.quantity).toBe(20);
    expect(r.reasons).toMatchObject({ projected: 5, forecast: 0, manual: false, seasonalSource: 'none' });
  });

  it('brings the projection back to the reorder point when that needs more than the reorder quantity', () => {
    // 10 on hand + 4 on order − 6 requisitions − 30 forecast = −22 → 5 − (−22) = 27 > 10
    const r = proposeLine(
      part({
        onHand: 10,
        onOrder: 4,
        openRequisitions: 6,
        reorderPoint: 5,
        reorderQuantity: 10,
        weeklyUsage: [7, 7, 7, 7, 7, 7, 7, 7],
      }),
      MAY,
    );
    expect(r.reasons).toMatchObject({ forecast: 30, projected: -22, onOrder: 4, openRequisitions: 6 });
    expect(r.reasons.weeklyUsage).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
    expect(r.quantity).toBe(27);
  });

  it('needs nothing while the projection stays above the reorder point', () => {
    expect(
      proposeLine(
        part({ onHand: 40, reorderPoint: 5, reorderQuantity: 10, weeklyUsage: [7, 7, 7, 7, 7, 7, 7, 7] }),
        MAY,
      ).quantity,
    ).toBe(0);
    // Without a reorder point, only a projected shortage orders (exactly the shortage).
    expect(proposeLine(part({ onHand: 0 }), MAY).quantity).toBe(0);
    expect(proposeLine(part({ onHand: 1, openRequisitions: 4 }), MAY).quantity).toBe(3);
  });

  it('summer raises the forecast of seasonal parts', () => {
    const base = part({ category: 'capacitor', onHand: 30, weeklyUsage: [7, 7, 7, 7, 7, 7, 7, 7] });
    expect(proposeLine(base, MAY).quantity).toBe(0);
    const summer = proposeLine(base, JULY);
    expect(summer.reasons).toMatchObject({ forecast: 45, projected: -15, seasonalFactorBp: 15000 });
    expect(summer.quantity).toBe(15);
  });

  it('never proposes a negative quantity and a triggered line is never left with a projection below the reorder point', () => {
    const arb = fc.record({
      onHand: fc.integer({ min: 0, max: 500 }),
      onOrder: fc.integer({ min: 0, max: 500 }),
      openRequisitions: fc.integer({ min: 0, max: 500 }),
      reorderPoint: fc.integer({ min: 0, max: 200 }),
      reorderQuantity: fc.integer({ min: 0, max: 200 }),
      weeklyUsage: fc.array(fc.integer({ min: -5, max: 100 }), { minLength: 8, maxLength: 8 }),
      month: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(arb, ({ month, ...p }) => {
        const r = proposeLine(part(p), { ...MAY, month });
        expect(r.quantity).toBeGreaterThanOrEqual(0);
        if (r.quantity > 0)
          expect(r.reasons.projected + r.quantity).toBeGreaterThanOrEqual(Math.max(0, p.reorderPoint));
        else expect(r.reasons.projected).toBeGreaterThanOrEqual(Math.max(0, p.reorderPoint));
      }),
    );
  });
});

describe('proposePlan', () => {
  it('leaves out the parts that need nothing', () => {
    const lines = proposePlan(
      [
        part({ partId: 'a', onHand: 2, reorderPoint: 3, reorderQuantity: 10 }),
        part({ partId: 'b', onHand: 50, reorderPoint: 3 }),
      ],
      MAY,
    );
    expect(lines.map((l) => [l.partId, l.quantity])).toEqual([['a', 10]]);
  });
});

describe('chooseOffer', () => {
  const o = (supplierCode: string, unitPriceFen: number, deliveryDays: number) => ({
    supplierId: supplierCode.toLowerCase(),
    supplierCode,
    contractId: `c-${supplierCode}`,
    unitPriceFen,
    deliveryDays,
  });
  it('takes the cheapest; a tie goes to the shorter delivery, then the code', () => {
    expect(chooseOffer([o('A', 1200, 3), o('B', 1100, 9)])?.supplierCode).toBe('B');
    expect(chooseOffer([o('A', 1100, 5), o('B', 1100, 2)])?.supplierCode).toBe('B');
    expect(chooseOffer([o('B', 1100, 2), o('A', 1100, 2)])?.supplierCode).toBe('A');
    expect(chooseOffer([])).toBeNull();
  });
});
