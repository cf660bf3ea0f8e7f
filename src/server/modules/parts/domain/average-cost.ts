/**
 * Weighted average cost (加权平均成本) per part, in integer fen.
 *
 * On a receipt of `qty` units at the actual purchase price `unitCostFen`:
 *   newAvg = round((onHand × avg + qty × unitCostFen) / (onHand + qty))
 * where `onHand` is the part's quantity over every location before the receipt (never below 0 in the formula).
 * Rounding: half up to the fen (0.5 fen → 1 fen), computed exactly with BigInt. With nothing on hand, the new
 * average is the receipt's price. Issues, transfers, returns, scrap and adjustments carry the current average and
 * leave it unchanged; reversing a receipt takes its value out again (`removeReceipt`).
 */
export function receiveAverage(input: {
  onHand: number;
  avgCostFen: number;
  qty: number;
  unitCostFen: number;
}): number {
  const { onHand, avgCostFen, qty, unitCostFen } = input;
  assertInt(qty, 'qty');
  assertInt(unitCostFen, 'unitCostFen');
  if (qty <= 0) throw new RangeError('qty must be positive');
  if (unitCostFen < 0) throw new RangeError('unitCostFen must not be negative');
  const before = BigInt(Math.max(0, onHand));
  if (before === 0n) return unitCostFen;
  const total = before * BigInt(avgCostFen) + BigInt(qty) * BigInt(unitCostFen);
  return divRoundHalfUp(total, before + BigInt(qty));
}

/**
 * The average after a receipt is reversed: its value is taken out of the remaining stock. With nothing left
 * (or a negative value, e.g. after the receipt's units were already issued at a higher average), the average stays.
 */
export function removeReceipt(input: { onHand: number; avgCostFen: number; qty: number; unitCostFen: number }): number {
  const { onHand, avgCostFen, qty, unitCostFen } = input;
  const after = BigInt(onHand) - BigInt(qty);
  if (after <= 0n) return avgCostFen;
  const total = BigInt(onHand) * BigInt(avgCostFen) - BigInt(qty) * BigInt(unitCostFen);
  if (total < 0n) return avgCostFen;
  return divRoundHalfUp(total, after);
}

/** Value of `qty` units at `unitCostFen`, exact (throws beyond the safe integer range, never rounds). */
export function valueFen(qty: number, unitCostFen: number): number {
  const v = BigInt(qty) * BigInt(unitCostFen);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError('value out of range');
  return n;
}

function divRoundHalfUp(numerator: bigint, denominator: bigint): number {
  const q = (numerator * 2n + denominator) / (denominator * 2n);
  return Number(q);
}

function assertInt(n: number, name: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} must be a safe integer`);
}
