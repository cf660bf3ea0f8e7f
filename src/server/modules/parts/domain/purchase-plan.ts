// The purchase plan proposal (采购计划建议): pure, no I/O. Per part at one receiving location it weighs what is on
// hand and on order against open requisitions, the recent usage projected over the horizon (with a seasonal
// factor) and the reorder point, and proposes a quantity with the numbers that led to it.
import type { PartCategory } from '@shared/domain/parts';

/** Parts that sell more in summer (Jun–Sep): capacitors, fan motors and refrigerants. */
export const SUMMER_CATEGORIES: readonly PartCategory[] = [
  'capacitor',
  'fan_motor',
  'refrigerant_r22',
  'refrigerant_r410a',
  'refrigerant_r32',
  'refrigerant_r290',
];
export const SUMMER_MONTHS: readonly number[] = [6, 7, 8, 9];
/** ×1.5 in basis points. */
export const SUMMER_FACTOR_BP = 15_000;
/** Last year's ratio is clamped to 0.5 … 3. */
export const FACTOR_MIN_BP = 5_000;
export const FACTOR_MAX_BP = 30_000;
export const DEFAULT_USAGE_WEEKS = 8;
export const DEFAULT_HORIZON_DAYS = 30;

export interface PlanSettings {
  usageWeeks: number;
  horizonDays: number;
  /** The calendar month (1–12) of the plan, in the location's zone. */
  month: number;
}

export interface PlanPartInput {
  partId: string;
  category: PartCategory;
  onHand: number;
  reorderPoint: number;
  reorderQuantity: number;
  /** Submitted lines, and approved lines not issued yet, of the location's branch. */
  openRequisitions: number;
  /** Ordered, not yet received, on open purchase orders for the location. */
  onOrder: number;
  /** Net usage per week over the last `usageWeeks` weeks, oldest first. */
  weeklyUsage: readonly number[];
  /**
   * Last year's usage in the same windows: the `usageWeeks` weeks before the same day last year, and the
   * `horizonDays` days after it. null when there is no ledger that far back.
   */
  lastYear: { windowUsage: number; horizonUsage: number } | null;
}

export type SeasonalSource = 'none' | 'summer' | 'last_year';

export interface PlanLineReasons {
  manual: boolean;
  onHand: number;
  reorderPoint: number;
  reorderQuantity: number;
  openRequisitions: number;
  onOrder: number;
  usageWeeks: number;
  weeklyUsage: number[];
  horizonDays: number;
  seasonalFactorBp: number;
  seasonalSource: SeasonalSource;
  forecast: number;
  projected: number;
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
/** ⌊a/b + ½⌋ for a ≥ 0, b > 0 (integers). */
const roundHalfUp = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b));
/** ⌈a/b⌉ for a ≥ 0, b > 0 (integers). */
const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);

/**
 * The seasonal factor of a part: when last year's usage in the same window is known, the ratio of last year's
 * daily usage over the coming horizon to its daily usage over the window before (clamped to 0.5–3); else ×1.5 for
 * the summer categories in June to September; else ×1.
 */
export function seasonalFactor(
  part: Pick<PlanPartInput, 'category' | 'lastYear'>,
  settings: PlanSettings,
): { bp: number; source: SeasonalSource } {
  const ly = part.lastYear;
  if (ly && ly.windowUsage > 0) {
    const windowDays = settings.usageWeeks * 7;
    const bp = roundHalfUp(Math.max(0, ly.horizonUsage) * windowDays * 10_000, settings.horizonDays * ly.windowUsage);
    return { bp: clamp(bp, FACTOR_MIN_BP, FACTOR_MAX_BP), source: 'last_year' };
  }
  if (SUMMER_MONTHS.includes(settings.month) && SUMMER_CATEGORIES.includes(part.category)) {
    return { bp: SUMMER_FACTOR_BP, source: 'summer' };
  }
  return { bp: 10_000, source: 'none' };
}

/** Units expected to be used over the horizon: the daily rate of the window × days × factor, rounded up. */
export function forecastUnits(windowUsage: number, settings: PlanSettings, factorBp: number): number {
  const used = Math.max(0, windowUsage);
  if (used === 0) return 0;
  return ceilDiv(used * settings.horizonDays * factorBp, settings.usageWeeks * 7 * 10_000);
}

/**
 * The quantity to order for one part, and why. projected = on hand + on order − open requisitions − forecast.
 * Ordered when the projection falls below zero or to the reorder point (when one is set): the larger of the
 * reorder quantity and what brings the projection back up to the reorder point. Otherwise 0.
 */
export function proposeLine(
  part: PlanPartInput,
  settings: PlanSettings,
): { quantity: number; reasons: PlanLineReasons } {
  const windowUsage = part.weeklyUsage.reduce((s, n) => s + n, 0);
  const factor = seasonalFactor(part, settings);
  const forecast = forecastUnits(windowUsage, settings, factor.bp);
  const projected = part.onHand + part.onOrder - part.openRequisitions - forecast;
  const rp = Math.max(0, part.reorderPoint);
  const triggered = projected < 0 || (rp > 0 && projected <= rp);
  const quantity = triggered ? Math.max(rp - projected, Math.max(0, part.reorderQuantity)) : 0;
  return {
    quantity,
    reasons: {
      manual: false,
      onHand: part.onHand,
      reorderPoint: part.reorderPoint,
      reorderQuantity: part.reorderQuantity,
      openRequisitions: part.openRequisitions,
      onOrder: part.onOrder,
      usageWeeks: settings.usageWeeks,
      weeklyUsage: [...part.weeklyUsage],
      horizonDays: settings.horizonDays,
      seasonalFactorBp: factor.bp,
      seasonalSource: factor.source,
      forecast,
      projected,
    },
  };
}

/** The proposal: one line per part that needs something, in the order given. */
export function proposePlan(
  parts: readonly PlanPartInput[],
  settings: PlanSettings,
): { partId: string; quantity: number; reasons: PlanLineReasons }[] {
  return parts.map((p) => ({ partId: p.partId, ...proposeLine(p, settings) })).filter((l) => l.quantity > 0);
}

/** The reasons of a line added by hand: no proposal numbers. */
export function manualReasons(settings: Pick<PlanSettings, 'usageWeeks' | 'horizonDays'>): PlanLineReasons {
  return {
    manual: true,
    onHand: 0,
    reorderPoint: 0,
    reorderQuantity: 0,
    openRequisitions: 0,
    onOrder: 0,
    usageWeeks: settings.usageWeeks,
    weeklyUsage: [],
    horizonDays: settings.horizonDays,
    seasonalFactorBp: 10_000,
    seasonalSource: 'none',
    forecast: 0,
    projected: 0,
  };
}

export interface Offer {
  supplierId: string;
  supplierCode: string;
  contractId: string;
  deliveryDays: number;
  unitPriceFen: number;
}

/** The supplier for a line: the cheapest current contract price; a tie goes to fewer delivery days (then code). */
export function chooseOffer<T extends Offer>(offers: readonly T[]): T | null {
  let best: T | null = null;
  for (const o of offers) {
    if (
      !best ||
      o.unitPriceFen < best.unitPriceFen ||
      (o.unitPriceFen === best.unitPriceFen &&
        (o.deliveryDays < best.deliveryDays ||
          (o.deliveryDays === best.deliveryDays &&
            (o.supplierCode < best.supplierCode ||
              (o.supplierCode === best.supplierCode && o.contractId < best.contractId)))))
    ) {
      best = o;
    }
  }
  return best;
}
