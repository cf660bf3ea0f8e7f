// Fitting text into a box for the PDF record: line wrapping that works for Chinese (a break between any two
// characters) and for Latin words (a break at a space when there is one), and truncation with "…" instead of
// running past the box. Pure: the width of a string comes from the caller (the PDF font's metrics in production).

export const ELLIPSIS = '…';

/** The width of a string in the caller's units (points at the current font size). */
export type Measure = (text: string) => number;

const isWordChar = (ch: string) => /[0-9A-Za-z]/.test(ch);
/** Punctuation that never starts a line (Chinese line-breaking rules): it takes the previous character along. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕…—,.;:?!)]}%']);

/**
 * The longest start of `text` that fits in `width` followed by "…" (always ends with "…"; just "…" when nothing
 * else fits). Trailing spaces before the "…" are dropped.
 */
export function withEllipsis(text: string, width: number, measure: Measure): string {
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  // Binary search on the number of characters kept (width grows with each character).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${chars.slice(0, mid).join('').trimEnd()}${ELLIPSIS}`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}${ELLIPSIS}`;
}

/** One line: the text (runs of white space as one space) as is when it fits, else cut with "…". */
export function truncateLine(text: string, width: number, measure: Measure): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return measure(one) <= width ? one : withEllipsis(one, width, measure);
}

function wrapParagraph(paragraph: string, width: number, measure: Measure, out: string[], limit: number): void {
  const chars = [...paragraph.replace(/\s+/g, ' ').trim()];
  // Widths per character, added up (no kerning in CJK; Latin kerning only narrows a line, so this errs on the safe side).
  const widths = new Map<string, number>();
  const w = (ch: string) => {
    let v = widths.get(ch);
    if (v === undefined) {
      v = measure(ch);
      widths.set(ch, v);
    }
    return v;
  };
  const widthOf = (s: string) => [...s].reduce((sum, ch) => sum + w(ch), 0);
  let line = '';
  let lineWidth = 0;
  const restart = (text: string) => {
    line = text;
    lineWidth = widthOf(text);
  };
  for (const ch of chars) {
    if (out.length >= limit) return;
    if (line === '' && ch === ' ') continue;
    if (lineWidth + w(ch) <= width || line === '') {
      line += ch;
      lineWidth += w(ch);
      continue;
    }
    if (ch === ' ') {
      out.push(line.trimEnd());
      restart('');
      continue;
    }
    const lastSpace = line.lastIndexOf(' ');
    const last = [...line].at(-1) ?? '';
    if (isWordChar(ch) && isWordChar(last) && lastSpace > 0) {
      // Inside a Latin word: go back to the last space of the line.
      out.push(line.slice(0, lastSpace).trimEnd());
      restart(line.slice(lastSpace + 1) + ch);
    } else if (NO_LINE_START.has(ch) && [...line].length > 1 && !NO_LINE_START.has(last)) {
      out.push(line.slice(0, line.length - last.length).trimEnd());
      restart(last + ch);
    } else {
      out.push(line.trimEnd());
      restart(ch);
    }
  }
  if (line !== '' && out.length < limit) out.push(line.trimEnd());
}

/**
 * `text` wrapped to `width`, at most `maxLines` lines (paragraphs kept: a line break in the text starts a new line).
 * When the text needs more lines, the last one shown ends with "…". An empty text gives no lines.
 */
export function wrapText(text: string, width: number, measure: Measure, maxLines = Number.POSITIVE_INFINITY): string[] {
  if (maxLines < 1) return [];
  const lines: string[] = [];
  // One line more than allowed tells whether anything was cut.
  const limit = maxLines + 1;
  for (const paragraph of text.split(/\r?\n/)) {
    if (lines.length >= limit) break;
    if (paragraph.trim() === '') continue;
    wrapParagraph(paragraph, width, measure, lines, limit);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] as string;
  kept[maxLines - 1] = withEllipsis(last, width, measure);
  return kept;
}
