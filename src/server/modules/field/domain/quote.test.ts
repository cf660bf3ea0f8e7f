import { describe, expect, it } from 'vitest';
import {
  type CatalogPart,
  computeQuote,
  labourFen,
  mulDivRound,
  partPriceFen,
  type QuoteInput,
  type Rates,
  travelFeeFen,
  underWarranty,
} from './quote';

const rates: Rates = {
  labourFenPerHour: { tier1: 8000, tier2: 10000, tier3: 15000, tier4: 20000 },
  partsMarginBp: 2000,
  travelBands: [
    { upToKm: 10, feeFen: 0 },
    { upToKm: 20, feeFen: 3000 },
    { upToKm: null, feeFen: 5000 },
  ],
};

const part = (extra: Partial<CatalogPart> = {}): CatalogPart => ({
  id: 'p-cap',
  code: 'CAP-35UF',
  name: '压缩机启动电容',
  category: 'capacitor',
  designated: true,
  avgCostFen: 1800,
  standardCostFen: 2000,
  warrantyMonths: 6,
  active: true,
  ...extra,
});

const input = (extra: Partial<QuoteInput> = {}): QuoteInput => ({
  standardMinutes: 90,
  difficulty: 3,
  parts: [{ part: part(), quantity: 1, source: 'van', insteadOf: null, underPartWarranty: false }],
  travelKm: 12,
  unitInWarranty: false,
  rates,
  ...extra,
});

describe('prices in integer fen', () => {
  it('rounds half up exactly', () => {
    expect(mulDivRound(1, 1, 2)).toBe(1);
    expect(mulDivRound(1, 1, 3)).toBe(0);
    expect(mulDivRound(2, 1, 3)).toBe(1);
    expect(mulDivRound(999_999_999, 12_000, 10_000)).toBe(1_199_999_999);
  });

  it('labour = standard hours × the hourly rate of the tier', () => {
    expect(labourFen(60, 1, rates)).toBe(8000);
    expect(labourFen(90, 3, rates)).toBe(22500);
    expect(labourFen(45, 4, rates)).toBe(15000);
    expect(labourFen(7, 2, rates)).toBe(1167); // 1166.67 → 1167
  });

  it('a part sells at its average cost plus the margin (standard cost when it has no average yet)', () => {
    expect(partPriceFen(part(), rates)).toBe(2160);
    expect(partPriceFen(part({ avgCostFen: 0 }), rates)).toBe(2400);
    expect(partPriceFen(part({ avgCostFen: 1234 }), rates)).toBe(1481); // 1480.8
  });

  it('travel follows the distance bands', () => {
    expect(travelFeeFen(0, rates)).toBe(0);
    expect(travelFeeFen(10, rates)).toBe(0);
    expect(travelFeeFen(10.1, rates)).toBe(3000);
    expect(travelFeeFen(20, rates)).toBe(3000);
    expect(travelFeeFen(55, rates)).toBe(5000);
  });
});

describe('the quote', () => {
  it('adds labour, parts and travel; the customer pays all when nothing is covered', () => {
    const q = computeQuote(
      input({ parts: [{ part: part(), quantity: 2, source: 'van', insteadOf: null, underPartWarranty: false }] }),
    );
    if (!q.ok) throw new Error('expected a quote');
    expect(q.value.lines.map((l) => [l.kind, l.amountFen, l.customerPaysFen])).toEqual([
      ['labour', 22500, 22500],
      ['part', 4320, 4320],
      ['travel', 3000, 3000],
    ]);
    expect(q.value.lines[1]).toMatchObject({ unitPriceFen: 2160, costFen: 3600, quantity: 2, covered: false });
    expect(q.value).toMatchObject({ totalFen: 29820, customerPaysFen: 29820, warrantyFen: 0 });
  });

  it('the unit’s warranty: the customer pays 0 for labour, travel and designated parts; the amount is still recorded', () => {
    const q = computeQuote(input({ unitInWarranty: true }));
    if (!q.ok) throw new Error('expected a quote');
    expect(q.value.lines.every((l) => l.covered && l.coverage === 'unit_warranty' && l.customerPaysFen === 0)).toBe(
      true,
    );
    expect(q.value).toMatchObject({ totalFen: 27660, customerPaysFen: 0, warrantyFen: 27660 });
  });

  it('never covers a non-designated part under the unit’s warranty', () => {
    const cheap = part({ id: 'p-other', code: 'CAP-OTHER', designated: false, avgCostFen: 1000, warrantyMonths: 3 });
    const q = computeQuote(
      input({
        unitInWarranty: true,
        parts: [{ part: cheap, quantity: 1, source: 'van', insteadOf: part(), underPartWarranty: false }],
      }),
    );
    if (!q.ok) throw new Error('expected a quote');
    const line = q.value.lines.find((l) => l.kind === 'part');
    expect(line).toMatchObject({ covered: false, customerPaysFen: 1200, designated: false });
    expect(q.value.customerPaysFen).toBe(1200);
  });

  it('shows a non-designated part’s price difference and both warranty terms', () => {
    const other = part({ id: 'p-other', code: 'CAP-OTHER', designated: false, avgCostFen: 2500, warrantyMonths: 3 });
    const q = computeQuote(
      input({ parts: [{ part: other, quantity: 2, source: 'van', insteadOf: part(), underPartWarranty: false }] }),
    );
    if (!q.ok) throw new Error('expected a quote');
    expect(q.value.nonDesignated).toEqual([
      {
        partId: 'p-other',
        code: 'CAP-OTHER',
        name: '压缩机启动电容',
        insteadOfPartId: 'p-cap',
        insteadOfCode: 'CAP-35UF',
        insteadOfName: '压缩机启动电容',
        quantity: 2,
        unitPriceDifferenceFen: 3000 - 2160,
        totalDifferenceFen: 2 * (3000 - 2160),
        warrantyMonths: 3,
        designatedWarrantyMonths: 6,
        coveredByCompanyWarranty: false,
      },
    ]);
  });

  it('a non-designated part must name a designated part of the same category it replaces', () => {
    const other = part({ id: 'p-other', designated: false });
    const missing = computeQuote(
      input({ parts: [{ part: other, quantity: 1, source: 'van', insteadOf: null, underPartWarranty: false }] }),
    );
    expect(missing).toMatchObject({ ok: false, issues: [{ path: 'parts.0.insteadOfPartId', code: 'required' }] });
    const wrong = computeQuote(
      input({
        parts: [
          {
            part: other,
            quantity: 1,
            source: 'van',
            insteadOf: part({ id: 'p-fan', category: 'fan_motor' }),
            underPartWarranty: false,
          },
        ],
      }),
    );
    expect(wrong).toMatchObject({ ok: false, issues: [{ code: 'not_comparable' }] });
    const designated = computeQuote(
      input({
        parts: [{ part: part(), quantity: 1, source: 'van', insteadOf: part({ id: 'x' }), underPartWarranty: false }],
      }),
    );
    expect(designated).toMatchObject({ ok: false, issues: [{ code: 'not_allowed' }] });
  });

  it('refuses a part twice, an inactive part and a negative distance', () => {
    const twice = computeQuote(
      input({
        parts: [
          { part: part(), quantity: 1, source: 'van', insteadOf: null, underPartWarranty: false },
          { part: part(), quantity: 1, source: 'job', insteadOf: null, underPartWarranty: false },
        ],
      }),
    );
    expect(twice).toMatchObject({ ok: false, issues: [{ path: 'parts.1.partId', code: 'duplicate' }] });
    const inactive = computeQuote(
      input({
        parts: [
          { part: part({ active: false }), quantity: 1, source: 'van', insteadOf: null, underPartWarranty: false },
        ],
      }),
    );
    expect(inactive).toMatchObject({ ok: false, issues: [{ code: 'inactive' }] });
    expect(computeQuote(input({ travelKm: -1 }))).toMatchObject({ ok: false, issues: [{ path: 'travelKm' }] });
  });

  it('a part of ours failing again within its warranty is covered, and the job too when every part is', () => {
    const q = computeQuote(
      input({ parts: [{ part: part(), quantity: 1, source: 'van', insteadOf: null, underPartWarranty: true }] }),
    );
    if (!q.ok) throw new Error('expected a quote');
    expect(q.value.lines.map((l) => l.coverage)).toEqual(['part_warranty', 'part_warranty', 'part_warranty']);
    expect(q.value.customerPaysFen).toBe(0);
    const mixed = computeQuote(
      input({
        parts: [
          { part: part(), quantity: 1, source: 'van', insteadOf: null, underPartWarranty: true },
          {
            part: part({ id: 'p-fan', code: 'FAN' }),
            quantity: 1,
            source: 'van',
            insteadOf: null,
            underPartWarranty: false,
          },
        ],
      }),
    );
    if (!mixed.ok) throw new Error('expected a quote');
    expect(mixed.value.lines.map((l) => l.coverage)).toEqual([null, 'part_warranty', null, null]);
  });

  it('a quote with no parts is labour and travel', () => {
    const q = computeQuote(input({ parts: [], travelKm: 5 }));
    if (!q.ok) throw new Error('expected a quote');
    expect(q.value.lines.map((l) => l.kind)).toEqual(['labour', 'travel']);
    expect(q.value.totalFen).toBe(22500);
  });

  it('a part is under warranty for its months after fitting', () => {
    const fitted = new Date('2026-01-31T00:00:00Z');
    expect(underWarranty(fitted, 6, new Date('2026-07-15T00:00:00Z'))).toBe(true);
    expect(underWarranty(fitted, 3, new Date('2026-07-15T00:00:00Z'))).toBe(false);
    expect(underWarranty(fitted, 0, fitted)).toBe(false);
  });
});
