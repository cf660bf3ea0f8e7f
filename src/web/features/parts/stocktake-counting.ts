/**
 * Pure helpers of the stocktake pages (库存盘点): counts typed on a phone are kept as local drafts and saved in
 * batches with the stocktake's `version`; the review sums the differences. No React, no I/O: unit-tested.
 */

/** The fields of a stocktake line these helpers read (a subset of the contract's `stocktakeLineSchema`). */
export interface CountLine {
  id: string;
  line: number;
  partId: string;
  partCode: string;
  partName: string;
  spec: string;
  lot: string;
  serial: string;
  snapshotQuantity: number;
  countedQuantity: number | null;
}

/** Counts typed but not saved yet: line id → quantity. */
export type Drafts = ReadonlyMap<string, number>;

/** The most a line may count (the contract's limit); a serial unit is there (1) or not (0). */
export const MAX_COUNT = 100_000;
/** How many counts one `recordCounts` request carries at most (the contract allows 1000). */
export const COUNT_BATCH_SIZE = 200;

/** A typed count made valid: an integer in 0…100 000, 0…1 for a serial line; undefined for no number. */
export function clampCount(value: number | null | undefined, serial: boolean): number | undefined {
  if (value === null || value === undefined || !Number.isFinite(value)) return undefined;
  const n = Math.trunc(value);
  return Math.max(0, Math.min(serial ? 1 : MAX_COUNT, n));
}

/** What the line shows: the unsaved draft when there is one, else the saved count (null = not counted). */
export function effectiveCount(line: CountLine, drafts: Drafts): number | null {
  const d = drafts.get(line.id);
  return d === undefined ? line.countedQuantity : d;
}

/** The +/− buttons: from "not counted", + gives 1 and − stays at 0. */
export function stepCount(current: number | null, delta: 1 | -1, serial: boolean): number {
  const base = current ?? 0;
  if (current === null && delta === 1) return 1;
  return clampCount(base + delta, serial) ?? 0;
}

/** Counted (saved or drafted) out of all lines. */
export function countProgress(lines: readonly CountLine[], drafts: Drafts): { counted: number; total: number } {
  let counted = 0;
  for (const l of lines) if (effectiveCount(l, drafts) !== null) counted++;
  return { counted, total: lines.length };
}

/** The drafts that differ from what the server holds, in line order, at most `max` (one request). */
export function pendingCounts(
  lines: readonly CountLine[],
  drafts: Drafts,
  max = COUNT_BATCH_SIZE,
): { lineId: string; countedQuantity: number }[] {
  const out: { lineId: string; countedQuantity: number }[] = [];
  for (const l of [...lines].sort((a, b) => a.line - b.line)) {
    const d = drafts.get(l.id);
    if (d === undefined || d === l.countedQuantity) continue;
    out.push({ lineId: l.id, countedQuantity: d });
    if (out.length >= max) break;
  }
  return out;
}

/** How many drafts still differ from the server (what a "save" would send in total). */
export function unsavedCount(lines: readonly CountLine[], drafts: Drafts): number {
  return pendingCounts(lines, drafts, Number.POSITIVE_INFINITY).length;
}

/**
 * The drafts left after a batch was saved: an entry goes when the server now holds the same number (saved, or
 * someone typed the same); a number typed again while the request was on its way stays for the next batch.
 * Drafts of lines the stocktake no longer has are dropped.
 */
export function settleDrafts(drafts: Drafts, lines: readonly CountLine[]): Map<string, number> {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const next = new Map<string, number>();
  for (const [id, v] of drafts) {
    const l = byId.get(id);
    if (l && l.countedQuantity !== v) next.set(id, v);
  }
  return next;
}

/**
 * After a 409 (someone else saved first, the page reloaded): the lines where a draft of mine and the other
 * person's count disagree — shown to the user before anything is sent again, never overwritten silently.
 */
export function conflictingDrafts(
  before: readonly CountLine[],
  after: readonly CountLine[],
  drafts: Drafts,
): { lineId: string; mine: number; theirs: number | null }[] {
  const old = new Map(before.map((l) => [l.id, l.countedQuantity]));
  const out: { lineId: string; mine: number; theirs: number | null }[] = [];
  for (const l of after) {
    const mine = drafts.get(l.id);
    if (mine === undefined) continue;
    const changedByOther = old.has(l.id) && old.get(l.id) !== l.countedQuantity;
    if (changedByOther && l.countedQuantity !== mine) out.push({ lineId: l.id, mine, theirs: l.countedQuantity });
  }
  return out;
}

/**
 * The lines to show in the count list: matching the search (code, name, spec, lot or serial; case-insensitive),
 * and with "only uncounted" the ones without a count — plus `keep`, the lines touched since the toggle was turned
 * on, so a line does not vanish under the thumb while it is being counted.
 */
export function filterCountLines<L extends CountLine>(
  lines: readonly L[],
  drafts: Drafts,
  opts: { q?: string; onlyUncounted?: boolean; keep?: ReadonlySet<string> },
): L[] {
  const q = (opts.q ?? '').trim().toLowerCase();
  return lines.filter((l) => {
    if (q) {
      const hay = `${l.partCode} ${l.partName} ${l.spec} ${l.lot} ${l.serial}`.toLowerCase();
      if (!q.split(/\s+/).every((w) => hay.includes(w))) return false;
    }
    if (opts.onlyUncounted && effectiveCount(l, drafts) !== null && !opts.keep?.has(l.id)) return false;
    return true;
  });
}

/** The fields of a counted line the difference totals read. */
export interface DifferenceLine {
  differenceQuantity: number | null;
  differenceValueFen: number | null;
}

export interface DifferenceTotals {
  /** Lines counted with a difference. */
  lines: number;
  gainQuantity: number;
  /** ≤ 0, signed like the ledger. */
  lossQuantity: number;
  netQuantity: number;
  gainValueFen: number;
  /** ≤ 0, signed like the ledger. */
  lossValueFen: number;
  netValueFen: number;
}

/** Gain / loss / net of the counted lines, in units and in fen (integers; values as the server valued them). */
export function differenceTotals(lines: readonly DifferenceLine[]): DifferenceTotals {
  const t: DifferenceTotals = {
    lines: 0,
    gainQuantity: 0,
    lossQuantity: 0,
    netQuantity: 0,
    gainValueFen: 0,
    lossValueFen: 0,
    netValueFen: 0,
  };
  for (const l of lines) {
    const q = l.differenceQuantity;
    if (q === null || q === 0) continue;
    const v = l.differenceValueFen ?? 0;
    t.lines++;
    if (q > 0) {
      t.gainQuantity += q;
      t.gainValueFen += v;
    } else {
      t.lossQuantity += q;
      t.lossValueFen += v;
    }
  }
  t.netQuantity = t.gainQuantity + t.lossQuantity;
  t.netValueFen = t.gainValueFen + t.lossValueFen;
  return t;
}

/** The key of a book balance of one location: part, lot, serial. */
export const bookKey = (b: { partId: string; lot: string; serial: string }) => `${b.partId}|${b.lot}|${b.serial}`;

/**
 * The lines whose book moved since the snapshot (a receipt, an issue… at the location after the stocktake began):
 * line id → the book quantity now. `balances` are the location's non-zero balances (a missing one is 0).
 */
export function movedLines(
  lines: readonly CountLine[],
  balances: readonly { partId: string; lot: string; serial: string; quantity: number }[],
): Map<string, number> {
  const book = new Map<string, number>();
  for (const b of balances) book.set(bookKey(b), (book.get(bookKey(b)) ?? 0) + b.quantity);
  const out = new Map<string, number>();
  for (const l of lines) {
    const now = book.get(bookKey(l)) ?? 0;
    if (now !== l.snapshotQuantity) out.set(l.id, now);
  }
  return out;
}

/** The lines of a 409 `book_moved` on approve (`details.lines`), read defensively. */
export interface BookMovedLine {
  lineId: string;
  line: number;
  partCode: string;
  lot: string;
  serial: string;
  snapshotQuantity: number;
  bookQuantity: number;
}

export function bookMovedFromDetails(details: Record<string, unknown>): BookMovedLine[] {
  const raw = details.lines;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((x): BookMovedLine[] => {
    if (typeof x !== 'object' || x === null) return [];
    const r = x as Record<string, unknown>;
    const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : '');
    const num = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : 0);
    if (!str('lineId')) return [];
    return [
      {
        lineId: str('lineId'),
        line: num('line'),
        partCode: str('partCode'),
        lot: str('lot'),
        serial: str('serial'),
        snapshotQuantity: num('snapshotQuantity'),
        bookQuantity: num('bookQuantity'),
      },
    ];
  });
}

/**
 * The open stocktake named by a 409 `open_stocktake` on start, when the reply says which one (`stocktakeId` and
 * `number`, flat or under `stocktake`); undefined otherwise (the page then looks it up in the list).
 */
export function openStocktakeFromDetails(details: Record<string, unknown>): { id: string; number: string } | undefined {
  const nested = typeof details.stocktake === 'object' && details.stocktake !== null ? details.stocktake : undefined;
  const src = (nested ?? details) as Record<string, unknown>;
  const id = [src.stocktakeId, src.id, details.stocktakeId].find((v) => typeof v === 'string' && v) as
    | string
    | undefined;
  if (!id) return undefined;
  const number = [src.number, details.number].find((v) => typeof v === 'string') as string | undefined;
  return { id, number: number ?? '' };
}

/** Accuracy in basis points → "98.5%" (one decimal, rounded down as the server rounds); "—" before any count. */
export function formatAccuracy(bp: number | null): string {
  if (bp === null) return '—';
  const tenths = Math.floor(bp / 10);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}
