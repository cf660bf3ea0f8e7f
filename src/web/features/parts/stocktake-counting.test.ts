import { describe, expect, it } from 'vitest';
import {
  bookMovedFromDetails,
  type CountLine,
  clampCount,
  conflictingDrafts,
  countProgress,
  differenceTotals,
  effectiveCount,
  filterCountLines,
  formatAccuracy,
  movedLines,
  openStocktakeFromDetails,
  pendingCounts,
  settleDrafts,
  stepCount,
  unsavedCount,
} from './stocktake-counting';

function line(n: number, over: Partial<CountLine> = {}): CountLine {
  return {
    id: `l${n}`,
    line: n,
    partId: `p${n}`,
    partCode: `CAP-${n}`,
    partName: '启动电容',
    spec: 'CBB65',
    lot: '',
    serial: '',
    snapshotQuantity: 10,
    countedQuantity: null,
    ...over,
  };
}

describe('count entry', () => {
  it('clamps typed counts to whole units, 0–1 for a serial unit', () => {
    expect(clampCount(3.7, false)).toBe(3);
    expect(clampCount(-2, false)).toBe(0);
    expect(clampCount(500_000, false)).toBe(100_000);
    expect(clampCount(5, true)).toBe(1);
    expect(clampCount(null, false)).toBeUndefined();
    expect(clampCount(Number.NaN, false)).toBeUndefined();
  });

  it('steps from "not counted": + gives 1, − gives 0, never below 0', () => {
    expect(stepCount(null, 1, false)).toBe(1);
    expect(stepCount(null, -1, false)).toBe(0);
    expect(stepCount(0, -1, false)).toBe(0);
    expect(stepCount(4, 1, false)).toBe(5);
    expect(stepCount(1, 1, true)).toBe(1);
  });

  it('shows the draft over the saved count and counts progress with drafts', () => {
    const lines = [line(1, { countedQuantity: 7 }), line(2), line(3)];
    const drafts = new Map([['l2', 0]]);
    expect(effectiveCount(lines[0] as CountLine, drafts)).toBe(7);
    expect(effectiveCount(lines[1] as CountLine, drafts)).toBe(0);
    expect(effectiveCount(lines[2] as CountLine, drafts)).toBeNull();
    expect(countProgress(lines, drafts)).toEqual({ counted: 2, total: 3 });
  });

  it('batches only the drafts that differ from the server, in line order, at most `max`', () => {
    const lines = [line(3), line(1, { countedQuantity: 5 }), line(2)];
    const drafts = new Map([
      ['l3', 2],
      ['l1', 5], // same as saved: nothing to send
      ['l2', 9],
    ]);
    expect(pendingCounts(lines, drafts)).toEqual([
      { lineId: 'l2', countedQuantity: 9 },
      { lineId: 'l3', countedQuantity: 2 },
    ]);
    expect(pendingCounts(lines, drafts, 1)).toEqual([{ lineId: 'l2', countedQuantity: 9 }]);
    expect(unsavedCount(lines, drafts)).toBe(2);
    const many = Array.from({ length: 450 }, (_, i) => line(i + 1));
    const all = new Map(many.map((l) => [l.id, 1]));
    expect(pendingCounts(many, all)).toHaveLength(200);
    expect(unsavedCount(many, all)).toBe(450);
  });

  it('keeps a number typed again while the batch was on its way', () => {
    // Sent l1=4 and l2=6; meanwhile the user changed l2 to 7. The server now holds l1=4, l2=6.
    const saved = [line(1, { countedQuantity: 4 }), line(2, { countedQuantity: 6 }), line(3)];
    const drafts = new Map([
      ['l1', 4],
      ['l2', 7],
      ['l3', 1],
      ['gone', 3],
    ]);
    expect([...settleDrafts(drafts, saved)]).toEqual([
      ['l2', 7],
      ['l3', 1],
    ]);
  });

  it('after a 409 names the lines where my draft and the other person’s count disagree', () => {
    const before = [line(1), line(2), line(3, { countedQuantity: 2 })];
    const after = [line(1, { countedQuantity: 5 }), line(2, { countedQuantity: 8 }), line(3, { countedQuantity: 2 })];
    const drafts = new Map([
      ['l1', 5], // they typed the same: no conflict
      ['l2', 9], // they typed 8, I typed 9
      ['l3', 4], // nobody else touched l3: mine simply is unsaved
    ]);
    expect(conflictingDrafts(before, after, drafts)).toEqual([{ lineId: 'l2', mine: 9, theirs: 8 }]);
  });

  it('filters by code, name, spec, lot or serial, and "only uncounted" keeps lines being counted', () => {
    const lines = [
      line(1, { partCode: 'CAP-35UF-450V', countedQuantity: 3 }),
      line(2, { partCode: 'FAN-OUT-YDK36', partName: '室外风机电机' }),
      line(3, { partCode: 'CMP-ROT-15P', serial: 'GMCC2406A001' }),
      line(4, { partCode: 'REF-R32-3KG', lot: 'R32-2406' }),
    ];
    const ids = (ls: CountLine[]) => ls.map((l) => l.id);
    expect(ids(filterCountLines(lines, new Map(), { q: 'cap' }))).toEqual(['l1']);
    expect(ids(filterCountLines(lines, new Map(), { q: '风机' }))).toEqual(['l2']);
    expect(ids(filterCountLines(lines, new Map(), { q: 'a001' }))).toEqual(['l3']);
    expect(ids(filterCountLines(lines, new Map(), { q: 'r32 2406' }))).toEqual(['l4']);
    const drafts = new Map([['l2', 6]]);
    expect(ids(filterCountLines(lines, drafts, { onlyUncounted: true }))).toEqual(['l3', 'l4']);
    expect(ids(filterCountLines(lines, drafts, { onlyUncounted: true, keep: new Set(['l2']) }))).toEqual([
      'l2',
      'l3',
      'l4',
    ]);
  });
});

describe('review', () => {
  it('sums gains, losses and net in units and fen; matching and uncounted lines add nothing', () => {
    const t = differenceTotals([
      { differenceQuantity: 2, differenceValueFen: 3600 },
      { differenceQuantity: -3, differenceValueFen: -5400 },
      { differenceQuantity: -1, differenceValueFen: -25_500 },
      { differenceQuantity: 0, differenceValueFen: 0 },
      { differenceQuantity: null, differenceValueFen: null },
    ]);
    expect(t).toEqual({
      lines: 3,
      gainQuantity: 2,
      lossQuantity: -4,
      netQuantity: -2,
      gainValueFen: 3600,
      lossValueFen: -30_900,
      netValueFen: -27_300,
    });
  });

  it('flags lines whose book moved since the snapshot (a missing balance is 0)', () => {
    const lines = [
      line(1, { partId: 'a', snapshotQuantity: 40 }),
      line(2, { partId: 'b', snapshotQuantity: 6 }),
      line(3, { partId: 'c', serial: 'S1', snapshotQuantity: 1 }),
      line(4, { partId: 'd', lot: 'L1', snapshotQuantity: 0 }),
    ];
    const moved = movedLines(lines, [
      { partId: 'a', lot: '', serial: '', quantity: 39 },
      { partId: 'b', lot: '', serial: '', quantity: 6 },
      { partId: 'd', lot: 'L2', serial: '', quantity: 5 },
    ]);
    expect([...moved]).toEqual([
      ['l1', 39],
      ['l3', 0],
    ]);
  });

  it('reads the moved lines of a 409 book_moved and ignores malformed entries', () => {
    expect(
      bookMovedFromDetails({
        reason: 'book_moved',
        lines: [
          {
            lineId: 'x',
            line: 2,
            partCode: 'CAP',
            lot: '',
            serial: '',
            snapshotQuantity: 40,
            bookQuantity: 39,
          },
          null,
          { line: 3 },
        ],
      }),
    ).toEqual([{ lineId: 'x', line: 2, partCode: 'CAP', lot: '', serial: '', snapshotQuantity: 40, bookQuantity: 39 }]);
    expect(bookMovedFromDetails({})).toEqual([]);
  });

  it('reads the open stocktake of a 409 open_stocktake, flat or nested', () => {
    expect(openStocktakeFromDetails({ reason: 'open_stocktake', stocktakeId: 's1', number: 'PD000001' })).toEqual({
      id: 's1',
      number: 'PD000001',
    });
    expect(openStocktakeFromDetails({ stocktake: { id: 's2', number: 'PD000002' } })).toEqual({
      id: 's2',
      number: 'PD000002',
    });
    expect(openStocktakeFromDetails({ reason: 'open_stocktake' })).toBeUndefined();
  });

  it('formats accuracy in basis points, rounded down', () => {
    expect(formatAccuracy(10_000)).toBe('100.0%');
    expect(formatAccuracy(9_859)).toBe('98.5%');
    expect(formatAccuracy(0)).toBe('0.0%');
    expect(formatAccuracy(null)).toBe('—');
  });
});
