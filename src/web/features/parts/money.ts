/**
 * Money in the parts pages: the API speaks integer fen; people type and read yuan with 2 decimals.
 * The conversion parses the string (no floating point), so "12.30" is exactly 1230 fen.
 */

/** "1234.5" / "1,234.50" / "¥0.07" → fen, or undefined when the text is not an amount (≤ 2 decimals, ≥ 0). */
export function yuanToFen(text: string): number | undefined {
  const s = text.trim().replace(/^¥/, '').replace(/,/g, '');
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return undefined;
  const whole = m[1] ?? '0';
  const frac = (m[2] ?? '').padEnd(2, '0');
  return Number(whole) * 100 + Number(frac);
}

/** fen → "¥1,234.50" (negative: "-¥12.00"). */
export function formatFen(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${neg ? '-' : ''}¥${whole}.${cents}`;
}

/** fen → "1234.50" for an input's initial value. */
export function fenToYuanText(fen: number): string {
  const abs = Math.abs(Math.trunc(fen));
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
