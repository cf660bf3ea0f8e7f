// Supplier evaluation scores (供应商评分): pure, no I/O. Each score is 0–100 from figures of one period.
//   quality  = pass rate: (received − returned as defective) ÷ received × 100        (来料合格率)
//   delivery = deliveries on or before the expected day ÷ deliveries × 100             (准时交货率)
//   price    = the mean of two sub-scores, each 100 at or below the reference and 2 points off per 1 % above it:
//              paid vs the contract price, and its contract prices vs the cheapest other supplier's
//   total    = 40 % quality + 30 % delivery + 30 % price
// A figure without data (nothing received, no deliveries, no prices to compare) scores 100: nothing held against it.

export const WEIGHTS = { quality: 40, delivery: 30, price: 30 } as const;
/** Points lost per basis point above the reference: 1 point per 50 bp (2 points per 1 %). */
export const PRICE_BP_PER_POINT = 50;

/** ⌊a/b + ½⌋ for a ≥ 0, b > 0 (integers). */
function roundHalfUp(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}
const clampScore = (n: number) => Math.min(100, Math.max(0, n));

export function qualityScore(receivedQuantity: number, defectQuantity: number): number {
  if (receivedQuantity <= 0) return defectQuantity > 0 ? 0 : 100;
  const good = Math.max(0, receivedQuantity - Math.max(0, defectQuantity));
  return clampScore(roundHalfUp(100 * good, receivedQuantity));
}

export function deliveryScore(deliveries: number, deliveriesOnTime: number): number {
  if (deliveries <= 0) return 100;
  return clampScore(roundHalfUp(100 * Math.max(0, deliveriesOnTime), deliveries));
}

/** numerator ÷ denominator in basis points (10000 = equal), rounded half up; null without a denominator. */
export function ratioBp(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return roundHalfUp(10_000 * Math.max(0, numerator), denominator);
}

/** 100 at or below the reference; 1 point off per 50 bp above it (rounded half up), never below 0. */
export function priceRatioScore(bp: number): number {
  if (bp <= 10_000) return 100;
  return clampScore(100 - roundHalfUp(bp - 10_000, PRICE_BP_PER_POINT));
}

export function priceScore(priceVsContractBp: number | null, priceVsOthersBp: number | null): number {
  const parts = [priceVsContractBp, priceVsOthersBp].filter((x): x is number => x !== null).map(priceRatioScore);
  if (!parts.length) return 100;
  return roundHalfUp(
    parts.reduce((s, n) => s + n, 0),
    parts.length,
  );
}

export function totalScore(quality: number, delivery: number, price: number): number {
  return roundHalfUp(WEIGHTS.quality * quality + WEIGHTS.delivery * delivery + WEIGHTS.price * price, 100);
}

/**
 * A supplier's contract prices against the cheapest other supplier's, over the parts both sides offer: the sum of
 * its own (lowest) prices ÷ the sum of the others' lowest, in basis points. null when no part is offered by another.
 */
export function priceVsOthersBp(
  offers: readonly { supplierId: string; partId: string; unitPriceFen: number }[],
  supplierId: string,
): number | null {
  const own = new Map<string, number>();
  const others = new Map<string, number>();
  for (const o of offers) {
    const target = o.supplierId === supplierId ? own : others;
    const prev = target.get(o.partId);
    if (prev === undefined || o.unitPriceFen < prev) target.set(o.partId, o.unitPriceFen);
  }
  let mine = 0;
  let theirs = 0;
  for (const [partId, price] of own) {
    const other = others.get(partId);
    if (other === undefined) continue;
    mine += price;
    theirs += other;
  }
  return theirs > 0 ? ratioBp(mine, theirs) : null;
}

export interface EvaluationFigures {
  receivedQuantity: number;
  defectQuantity: number;
  deliveries: number;
  deliveriesOnTime: number;
  /** Σ paid × quantity and Σ contract price × quantity over receipts that had a contract price. */
  paidFen: number;
  contractFen: number;
  priceVsOthersBp: number | null;
}

export interface ComputedScores {
  priceVsContractBp: number | null;
  priceVsOthersBp: number | null;
  quality: number;
  delivery: number;
  price: number;
}

export function computeScores(f: EvaluationFigures): ComputedScores {
  const priceVsContractBp = ratioBp(f.paidFen, f.contractFen);
  return {
    priceVsContractBp,
    priceVsOthersBp: f.priceVsOthersBp,
    quality: qualityScore(f.receivedQuantity, f.defectQuantity),
    delivery: deliveryScore(f.deliveries, f.deliveriesOnTime),
    price: priceScore(priceVsContractBp, f.priceVsOthersBp),
  };
}

/**
 * A recomputed score: an edited score (one that differs from the computed score it was edited against) is kept;
 * otherwise the new computed score applies.
 */
export function keepEdited(previous: { score: number; computed: number } | null, computed: number): number {
  return previous && previous.score !== previous.computed ? previous.score : computed;
}

/** A list ordered by total score (then quality, delivery, price, code), with ranks 1, 2, 2, 4 … for equal totals. */
export function rank<
  T extends {
    totalScore: number;
    qualityScore: number;
    deliveryScore: number;
    priceScore: number;
    supplierCode: string;
  },
>(items: readonly T[]): (T & { rank: number })[] {
  const sorted = [...items].sort(
    (a, b) =>
      b.totalScore - a.totalScore ||
      b.qualityScore - a.qualityScore ||
      b.deliveryScore - a.deliveryScore ||
      b.priceScore - a.priceScore ||
      (a.supplierCode < b.supplierCode ? -1 : a.supplierCode > b.supplierCode ? 1 : 0),
  );
  let rankNo = 0;
  return sorted.map((item, i) => {
    if (i === 0 || (sorted[i - 1] as T).totalScore !== item.totalScore) rankNo = i + 1;
    return { ...item, rank: rankNo };
  });
}
