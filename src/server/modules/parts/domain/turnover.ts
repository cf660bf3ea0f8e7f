/**
 * Stock turnover (库存周转) of a period, in integer fen, exact (BigInt):
 *   average inventory = (opening value + closing value) / 2, rounded half up to the fen;
 *   turnover = consumption at cost / average inventory, in basis points (10000 = once), rounded half up;
 *     null when the average is not positive;
 *   days of supply = closing value / (consumption per day of the period), rounded down; null without consumption.
 */
export interface TurnoverInput {
  issuedValueFen: number;
  openingValueFen: number;
  closingValueFen: number;
  /** Days in the period (≥ 1). */
  days: number;
}

export interface TurnoverResult {
  averageValueFen: number;
  turnoverBasisPoints: number | null;
  daysOfSupply: number | null;
}

export function turnover(input: TurnoverInput): TurnoverResult {
  const issued = BigInt(input.issuedValueFen);
  const sum = BigInt(input.openingValueFen) + BigInt(input.closingValueFen);
  const closing = BigInt(input.closingValueFen);
  return {
    averageValueFen: Number(floorDiv(sum + 1n, 2n)),
    // issued / (sum / 2) = 2 × issued / sum
    turnoverBasisPoints: sum > 0n ? Number(roundHalfUp(2n * issued * 10_000n, sum)) : null,
    daysOfSupply:
      issued > 0n ? Number(floorDiv((closing > 0n ? closing : 0n) * BigInt(Math.max(1, input.days)), issued)) : null,
  };
}

/** a / b rounded half up (towards +∞ on a tie), b > 0. */
function roundHalfUp(a: bigint, b: bigint): bigint {
  return floorDiv(2n * a + b, 2n * b);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
