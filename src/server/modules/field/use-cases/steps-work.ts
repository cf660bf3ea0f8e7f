import { unitInfo } from '@server/modules/customers';
import { getSetting } from '@server/modules/identity';
import { dispatchOrder, listFaultCategories } from '@server/modules/intake';
import { findVanOf, getPart } from '@server/modules/parts';
import type { Ctx } from '@server/platform/context';
import { AppError, isAppError } from '@server/platform/errors';
import type { QuoteView } from '@shared/contracts/field.contract';
import type { PartDetail } from '@shared/contracts/parts.contract';
import type { PartSource, SiteRefrigerant } from '@shared/domain/field';
import { type Issue, issue } from '../domain/issues';
import { type CatalogPart, computeQuote, type QuotePartInput, underWarranty } from '../domain/quote';
import { type CatalogCategory, checkDiagnosis, checkSafety } from '../domain/step-rules';
import { checkExpectedFinish, repairDueAt } from '../domain/time-rules';
import { partsFittedOnUnit, photosOf, supersedePendingConsents } from '../field.repository';
import { armRepairClock } from './repair-clock';
import { fail, quoteRates, type StepOutcome, type StepScope, transitionOrder } from './visit-support';

export async function applyShowId(): Promise<StepOutcome> {
  return { step: 'show_id', data: { shown: true }, patch: {} };
}

export interface SafetyBody {
  powerIsolated: boolean;
  workAtHeight: boolean;
  heightSecured?: boolean | undefined;
  refrigerantWork: boolean;
  refrigerant?: SiteRefrigerant | undefined;
  refrigerantPrecautions?: boolean | undefined;
  ventilated?: boolean | undefined;
}

/** The safety checklist, against the unit's registered refrigerant when on file. */
export async function applySafety(tx: Ctx, s: StepScope, body: SafetyBody): Promise<StepOutcome> {
  const unit = s.order.unitId ? await unitInfo(tx, s.order.unitId) : null;
  const issues = checkSafety(body, unit?.refrigerant ?? null);
  if (issues.length) throw fail(tx, issues);
  return {
    step: 'safety',
    data: {
      powerIsolated: body.powerIsolated,
      workAtHeight: body.workAtHeight,
      heightSecured: body.heightSecured ?? null,
      refrigerantWork: body.refrigerantWork,
      refrigerant: body.refrigerant ?? null,
      refrigerantPrecautions: body.refrigerantPrecautions ?? null,
      ventilated: body.ventilated ?? null,
    },
    patch: {},
  };
}

/** Photos named by a step must be this visit's. */
export async function checkPhotoIds(tx: Ctx, visitId: string, ids: readonly string[] | undefined): Promise<Issue[]> {
  if (!ids?.length) return [];
  const own = new Set((await photosOf(tx.db, visitId)).map((p) => p.id));
  return ids.flatMap((id, i) =>
    own.has(id) ? [] : [issue(`photoIds.${i}`, 'not_found', '照片不属于该上门记录', 'Not a photo of this visit')],
  );
}

async function catalog(tx: Ctx): Promise<CatalogCategory[]> {
  const { items } = await listFaultCategories(tx, { includeInactive: 'true' });
  return items.map((c) => ({
    code: c.code,
    active: c.active,
    complexity: c.complexity,
    standardMinutes: c.standardMinutes,
    difficulty: c.difficulty,
    codes: c.codes.map((x) => ({
      id: x.id,
      brand: x.brand,
      code: x.code,
      categoryCode: x.categoryCode,
      complexity: x.complexity,
      standardMinutes: x.standardMinutes,
    })),
  }));
}

export interface DiagnosisBody {
  faultCategory: string;
  faultCodeId?: string | undefined;
  cause: string;
  expectedFinishAt?: string | undefined;
  photoIds?: string[] | undefined;
}

/**
 * The diagnosis: fault category and code from the catalog, the cause, photos; the order becomes diagnosed. The
 * repair's deadline follows the diagnosed complexity (simple: arrival + the set limit; complex: the expected finish
 * told to the customer). Done again before the customer's consent, it replaces the old one (and the quote with it).
 */
export async function applyDiagnosis(tx: Ctx, s: StepScope, body: DiagnosisBody): Promise<StepOutcome> {
  const finish = body.expectedFinishAt ? new Date(body.expectedFinishAt) : undefined;
  const checked = checkDiagnosis({ ...body, expectedFinishAt: finish }, await catalog(tx));
  const issues = checked.ok ? [] : [...checked.issues];
  if (finish) {
    const bad = checkExpectedFinish(s.at, finish);
    if (bad) issues.push(bad);
  }
  issues.push(...(await checkPhotoIds(tx, s.visit.id, body.photoIds)));
  if (!checked.ok || issues.length) throw fail(tx, issues);
  const d = checked.value;
  if (s.order.status === 'on_site') await transitionOrder(tx, s.visit.workOrderId, { type: 'diagnose' });
  const limit = (await getSetting(tx.db, 'sla.simpleRepairMinutes', s.visit.branchId)) as number;
  const due = repairDueAt({
    complexity: d.complexity,
    arrivedAt: s.visit.arrivedAt,
    simpleLimitMinutes: limit,
    expectedFinishAt: finish ?? null,
  });
  await armRepairClock(tx, s.visit.id, due);
  // A new diagnosis voids the quote made for the old one (and any link the customer was sent for it).
  if (s.visit.quote) await supersedePendingConsents(tx.db, s.visit.id, tx.now);
  return {
    step: 'diagnosis',
    data: {
      ...d,
      cause: body.cause.trim(),
      expectedFinishAt: finish?.toISOString() ?? null,
      photoIds: body.photoIds ?? [],
    },
    patch: {
      faultCategory: d.faultCategory,
      faultCodeId: d.faultCodeId,
      faultCode: d.faultCode,
      cause: body.cause.trim(),
      complexity: d.complexity,
      standardMinutes: d.standardMinutes,
      difficulty: d.difficulty,
      expectedFinishAt: finish ?? null,
      repairDueAt: due,
      quote: null,
      totalFen: null,
      customerPaysFen: null,
      warrantyFen: null,
    },
  };
}

/** A part of the catalog as the quote prices it, or a field issue. */
async function catalogPart(tx: Ctx, partId: string, path: string, issues: Issue[]): Promise<PartDetail | null> {
  try {
    return await getPart(tx, partId);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') {
      issues.push(issue(path, 'not_found', '配件不存在', 'No such part'));
      return null;
    }
    throw err;
  }
}

const asCatalogPart = (p: PartDetail): CatalogPart => ({
  id: p.id,
  code: p.code,
  name: p.name,
  category: p.category,
  designated: p.designated,
  avgCostFen: p.avgCostFen,
  standardCostFen: p.standardCostFen,
  warrantyMonths: p.warrantyMonths,
  active: p.active,
});

export interface QuoteBody {
  parts: { partId: string; quantity: number; source: PartSource; insteadOfPartId?: string | undefined }[];
  travelKm: number;
}

/**
 * The plan and quote (integer fen): labour by the diagnosed standard time and tier, parts from the catalog at
 * average cost + margin, travel by distance band, warranty coverage (the unit's warranty; our own parts still under
 * theirs). Parts "from the van" must be in the van now. A new quote gets a new version; a link sent for an older one
 * is void.
 */
export async function applyQuote(tx: Ctx, s: StepScope, body: QuoteBody): Promise<StepOutcome> {
  const { visit } = s;
  const issues: Issue[] = [];
  const van = await findVanOf(tx.db, visit.technicianId);
  const lines: QuotePartInput[] = [];
  for (const [i, l] of body.parts.entries()) {
    const part = await catalogPart(tx, l.partId, `parts.${i}.partId`, issues);
    const instead = l.insteadOfPartId
      ? await catalogPart(tx, l.insteadOfPartId, `parts.${i}.insteadOfPartId`, issues)
      : null;
    if (!part) continue;
    if (l.source === 'van') {
      const onHand = van ? (part.levels.find((x) => x.locationId === van.id)?.onHand ?? 0) : 0;
      if (onHand < l.quantity) {
        issues.push(
          issue(
            `parts.${i}.source`,
            'not_in_van',
            `车载库存仅有 ${onHand}，请改为工单领料或登记待配件`,
            `The van holds ${onHand}; have it issued for the job, or wait for parts`,
          ),
        );
      }
    }
    lines.push({
      part: asCatalogPart(part),
      quantity: l.quantity,
      source: l.source,
      insteadOf: instead ? asCatalogPart(instead) : null,
      underPartWarranty: false,
    });
  }
  if (issues.length) throw fail(tx, issues);
  const order = await dispatchOrder(tx, visit.workOrderId);
  if (!order) throw new AppError('NOT_FOUND');
  const unit = order.unitId ? await unitInfo(tx, order.unitId) : null;
  if (order.unitId) {
    const before = await partsFittedOnUnit(
      tx.db,
      order.unitId,
      lines.map((l) => l.part.id),
      visit.workOrderId,
    );
    for (const l of lines) {
      l.underPartWarranty = before.some(
        (b) => b.partId === l.part.id && underWarranty(b.fittedAt, b.warrantyMonths, s.at),
      );
    }
  }
  const unitInWarranty = unit?.warrantyStatus === 'in_warranty';
  const quote = computeQuote({
    standardMinutes: visit.standardMinutes ?? order.standardMinutes,
    difficulty: visit.difficulty ?? order.difficulty,
    parts: lines,
    travelKm: body.travelKm,
    unitInWarranty,
    rates: await quoteRates(tx, visit.branchId),
  });
  if (!quote.ok) throw fail(tx, quote.issues);
  const version = visit.quoteVersion + 1;
  const view: QuoteView = { version, ...quote.value, unitInWarranty };
  await supersedePendingConsents(tx.db, visit.id, tx.now);
  return {
    step: 'quote',
    data: {
      quoteVersion: version,
      parts: body.parts,
      travelKm: body.travelKm,
      totalFen: view.totalFen,
      customerPaysFen: view.customerPaysFen,
      warrantyFen: view.warrantyFen,
    },
    patch: {
      quote: view,
      quoteVersion: version,
      totalFen: view.totalFen,
      customerPaysFen: view.customerPaysFen,
      warrantyFen: view.warrantyFen,
    },
  };
}
