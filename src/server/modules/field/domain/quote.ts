import type { Coverage, PartSource } from '@shared/domain/field';
import { type Checked, type Issue, issue } from './issues';

// The plan and quote (维修方案与报价) in integer fen (DOMAIN.md "Money"): labour = the fault's standard hours × the
// hourly rate of its difficulty tier; parts at their weighted average cost plus the company's margin; travel by the
// company's distance bands; warranty coverage → the customer pays 0 for covered items, the amount is still recorded
// (billed to the warranty account). A part that is not the company's designated one needs the customer's explicit
// consent, shown the price difference to the designated part it replaces and both warranty terms.

export interface Rates {
  /** Fen per hour, by difficulty tier 1–4. */
  labourFenPerHour: { tier1: number; tier2: number; tier3: number; tier4: number };
  /** The company's margin on parts, in basis points of the average cost (2000 = 20 %). */
  partsMarginBp: number;
  /** Ascending by distance; `upToKm: null` is the last band (everything further). */
  travelBands: readonly { upToKm: number | null; feeFen: number }[];
}

export interface CatalogPart {
  id: string;
  code: string;
  name: string;
  category: string;
  designated: boolean;
  /** Weighted average purchase cost; the standard cost when nothing was ever received. */
  avgCostFen: number;
  standardCostFen: number;
  warrantyMonths: number;
  active: boolean;
}

export interface QuotePartInput {
  part: CatalogPart;
  quantity: number;
  source: PartSource;
  /** For a part that is not designated: the designated part it replaces (same category). */
  insteadOf: CatalogPart | null;
  /** The same part fitted on this unit by us is still under its warranty (a repeat failure of our part). */
  underPartWarranty: boolean;
}

export interface QuoteInput {
  standardMinutes: number;
  difficulty: number;
  parts: readonly QuotePartInput[];
  travelKm: number;
  unitInWarranty: boolean;
  rates: Rates;
}

export interface QuoteLine {
  kind: 'labour' | 'part' | 'travel';
  partId: string | null;
  code: string | null;
  description: string;
  quantity: number;
  source: PartSource | null;
  designated: boolean | null;
  unitPriceFen: number;
  amountFen: number;
  /** What it costs the company (parts at average cost; labour and travel at their price). */
  costFen: number;
  warrantyMonths: number | null;
  covered: boolean;
  coverage: Coverage | null;
  /** 0 when covered; the amount otherwise. */
  customerPaysFen: number;
  /** The amount billed to the warranty account when covered; 0 otherwise. */
  warrantyFen: number;
}

export interface NonDesignatedTerms {
  partId: string;
  code: string;
  name: string;
  insteadOfPartId: string;
  insteadOfCode: string;
  insteadOfName: string;
  quantity: number;
  /** Unit price of this part minus that of the designated part (may be negative: cheaper). */
  unitPriceDifferenceFen: number;
  totalDifferenceFen: number;
  warrantyMonths: number;
  designatedWarrantyMonths: number;
  /** A non-designated part is not covered by the company's warranty: the customer pays for it in any case. */
  coveredByCompanyWarranty: false;
}

export interface Quote {
  lines: QuoteLine[];
  labourMinutes: number;
  difficulty: number;
  travelKm: number;
  totalFen: number;
  customerPaysFen: number;
  warrantyFen: number;
  nonDesignated: NonDesignatedTerms[];
}

/** round_half_up(a × b / c) for non-negative integers, exact (BigInt). */
export function mulDivRound(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b) * 2n + BigInt(c);
  return Number(n / (2n * BigInt(c)));
}

/** Labour in fen: standard minutes × the tier's hourly rate, rounded half up to the fen. */
export function labourFen(standardMinutes: number, difficulty: number, rates: Rates): number {
  return mulDivRound(standardMinutes, tierRate(difficulty, rates), 60);
}

export function tierRate(difficulty: number, rates: Rates): number {
  const r = rates.labourFenPerHour;
  if (difficulty <= 1) return r.tier1;
  if (difficulty === 2) return r.tier2;
  if (difficulty === 3) return r.tier3;
  return r.tier4;
}

/** The cost a part is sold on: its average cost, or the standard cost when it has none yet. */
export function partCostFen(p: CatalogPart): number {
  return p.avgCostFen > 0 ? p.avgCostFen : p.standardCostFen;
}

/** Unit price of a part: cost + the margin, rounded half up. */
export function partPriceFen(p: CatalogPart, rates: Rates): number {
  return mulDivRound(partCostFen(p), 10_000 + rates.partsMarginBp, 10_000);
}

/** The travel fee of a distance: the first band that reaches it (the open last band beyond). */
export function travelFeeFen(km: number, rates: Rates): number {
  for (const band of rates.travelBands) {
    if (band.upToKm === null || km <= band.upToKm) return band.feeFen;
  }
  return rates.travelBands[rates.travelBands.length - 1]?.feeFen ?? 0;
}

/** The input's own consistency: one line per part, active parts, a non-designated part names its designated one. */
export function checkQuoteParts(parts: readonly QuotePartInput[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  parts.forEach((l, i) => {
    const path = `parts.${i}`;
    if (!l.part.active) issues.push(issue(`${path}.partId`, 'inactive', '该配件已停用', 'This part is inactive'));
    if (seen.has(l.part.id)) {
      issues.push(issue(`${path}.partId`, 'duplicate', '同一配件请合并为一行', 'One line per part'));
    }
    seen.add(l.part.id);
    if (l.part.designated) {
      if (l.insteadOf) {
        issues.push(
          issue(`${path}.insteadOfPartId`, 'not_allowed', '指定配件无需替代说明', 'A designated part replaces nothing'),
        );
      }
      return;
    }
    if (!l.insteadOf) {
      issues.push(
        issue(
          `${path}.insteadOfPartId`,
          'required',
          '非公司指定配件须注明所替代的指定配件，以向客户说明差价和质保',
          'A non-designated part names the designated part it replaces, to show the price difference and warranty',
        ),
      );
    } else if (!l.insteadOf.designated || l.insteadOf.category !== l.part.category) {
      issues.push(
        issue(
          `${path}.insteadOfPartId`,
          'not_comparable',
          '替代的须是同类的公司指定配件',
          'The replaced part must be a designated part of the same category',
        ),
      );
    }
  });
  return issues;
}

/**
 * The quote. Coverage: the unit's warranty covers labour, travel and designated parts (never a non-designated part:
 * the customer chose it); a part of ours that fails again within its warranty is covered on its own warranty, and
 * so are labour and travel when every part of the job is.
 */
export function computeQuote(input: QuoteInput): Checked<Quote> {
  const issues = checkQuoteParts(input.parts);
  if (input.travelKm < 0 || !Number.isFinite(input.travelKm)) {
    issues.push(issue('travelKm', 'range', '路程须为非负数', 'The distance must not be negative'));
  }
  if (issues.length) return { ok: false, issues };
  const { rates } = input;
  const lines: QuoteLine[] = [];
  const line = (
    base: Omit<QuoteLine, 'customerPaysFen' | 'warrantyFen' | 'covered'> & { coverage: Coverage | null },
  ): QuoteLine => ({
    ...base,
    covered: base.coverage !== null,
    customerPaysFen: base.coverage ? 0 : base.amountFen,
    warrantyFen: base.coverage ? base.amountFen : 0,
  });

  const partLines = input.parts.map((l) => {
    const unitPriceFen = partPriceFen(l.part, rates);
    const coverage: Coverage | null =
      input.unitInWarranty && l.part.designated ? 'unit_warranty' : l.underPartWarranty ? 'part_warranty' : null;
    return line({
      kind: 'part',
      partId: l.part.id,
      code: l.part.code,
      description: l.part.name,
      quantity: l.quantity,
      source: l.source,
      designated: l.part.designated,
      unitPriceFen,
      amountFen: unitPriceFen * l.quantity,
      costFen: partCostFen(l.part) * l.quantity,
      warrantyMonths: l.part.warrantyMonths,
      coverage,
    });
  });
  const allPartsOnOurWarranty = partLines.length > 0 && partLines.every((l) => l.coverage === 'part_warranty');
  const jobCoverage: Coverage | null = input.unitInWarranty
    ? 'unit_warranty'
    : allPartsOnOurWarranty
      ? 'part_warranty'
      : null;

  const labour = labourFen(input.standardMinutes, input.difficulty, rates);
  lines.push(
    line({
      kind: 'labour',
      partId: null,
      code: null,
      description: `labour:${input.standardMinutes}min:tier${Math.min(4, Math.max(1, input.difficulty))}`,
      quantity: 1,
      source: null,
      designated: null,
      unitPriceFen: labour,
      amountFen: labour,
      costFen: labour,
      warrantyMonths: null,
      coverage: jobCoverage,
    }),
  );
  lines.push(...partLines);
  const travel = travelFeeFen(input.travelKm, rates);
  lines.push(
    line({
      kind: 'travel',
      partId: null,
      code: null,
      description: `travel:${input.travelKm}km`,
      quantity: 1,
      source: null,
      designated: null,
      unitPriceFen: travel,
      amountFen: travel,
      costFen: travel,
      warrantyMonths: null,
      coverage: jobCoverage,
    }),
  );

  const nonDesignated: NonDesignatedTerms[] = input.parts
    .filter((l) => !l.part.designated && l.insteadOf)
    .map((l) => {
      const designated = l.insteadOf as CatalogPart;
      const diff = partPriceFen(l.part, rates) - partPriceFen(designated, rates);
      return {
        partId: l.part.id,
        code: l.part.code,
        name: l.part.name,
        insteadOfPartId: designated.id,
        insteadOfCode: designated.code,
        insteadOfName: designated.name,
        quantity: l.quantity,
        unitPriceDifferenceFen: diff,
        totalDifferenceFen: diff * l.quantity,
        warrantyMonths: l.part.warrantyMonths,
        designatedWarrantyMonths: designated.warrantyMonths,
        coveredByCompanyWarranty: false as const,
      };
    });

  const sum = (f: (l: QuoteLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  return {
    ok: true,
    value: {
      lines,
      labourMinutes: input.standardMinutes,
      difficulty: input.difficulty,
      travelKm: input.travelKm,
      totalFen: sum((l) => l.amountFen),
      customerPaysFen: sum((l) => l.customerPaysFen),
      warrantyFen: sum((l) => l.warrantyFen),
      nonDesignated,
    },
  };
}

/** Whether a part fitted on `fittedAt` with `warrantyMonths` is still under warranty at `at` (calendar months). */
export function underWarranty(fittedAt: Date, warrantyMonths: number, at: Date): boolean {
  if (warrantyMonths <= 0) return false;
  const end = new Date(fittedAt.getTime());
  end.setUTCMonth(end.getUTCMonth() + warrantyMonths);
  return at.getTime() <= end.getTime();
}
