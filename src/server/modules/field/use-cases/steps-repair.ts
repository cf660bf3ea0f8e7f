import { createHash } from 'node:crypto';
import { findVanOf, getPart, openOldPartReturn, postStockMovement } from '@server/modules/parts';
import type { Ctx } from '@server/platform/context';
import type { QuoteView } from '@shared/contracts/field.contract';
import type { PartDetail } from '@shared/contracts/parts.contract';
import { type PartSource, READING_NAMES, READING_SPECS, type ReadingName, type TestMode } from '@shared/domain/field';
import { type Issue, issue } from '../domain/issues';
import { checkRepairParts, checkTests, type PartFacts } from '../domain/step-rules';
import { findVisit, insertParts, insertReadings, maxPartLine, partsOfOrder, type VisitRow } from '../field.repository';
import { breakError, fail, rule, type StepOutcome, type StepScope } from './visit-support';

/** The quote the customer agreed to for this order: this visit's, or for a follow-up the earlier visit's. */
export async function agreedQuote(tx: Ctx, visit: VisitRow): Promise<QuoteView | null> {
  let v: VisitRow | null = visit;
  for (let hops = 0; v && hops < 20; hops++) {
    const q = v.quote as QuoteView | null;
    if (q && v.consentedQuoteVersion !== null && q.version === v.consentedQuoteVersion) return q;
    v = v.previousVisitId ? await findVisit(tx.db, v.previousVisitId) : null;
  }
  return null;
}

/**
 * The stock ledger request id of a part fitted in a repair step: derived from the visit and the step's idempotency
 * key, so a retried or replayed step can never consume the van's stock twice (the ledger acts once per id).
 */
export function ledgerRequestId(visitId: string, idempotencyKey: string, line: number): string {
  const h = createHash('sha256').update(`${visitId}:${idempotencyKey}`).digest('hex').slice(0, 24);
  return `field:${h}:${line}`;
}

export interface RepairBody {
  idempotencyKey: string;
  workDone: string;
  parts: {
    partId: string;
    quantity: number;
    source: PartSource;
    serials?: string[] | undefined;
    lot?: string | undefined;
    oldPartReturn: boolean;
    oldSerial?: string | undefined;
    requisitionId?: string | undefined;
  }[];
}

/**
 * The repair: only the parts the customer agreed to (counting earlier visits of the order); valuable parts with one
 * serial per unit. Van parts are consumed from the technician's van ledger (an `issue` to the order, once per step);
 * parts the warehouse issued for the job are recorded only (already issued to the order). A valuable van part whose
 * old part is kept for return opens a 旧件回收 record with the parts module.
 */
export async function applyRepair(tx: Ctx, s: StepScope, body: RepairBody): Promise<StepOutcome> {
  const { visit } = s;
  const quote = await agreedQuote(tx, visit);
  if (!quote) throw rule(tx, 'no_consent', '客户尚未同意维修方案', 'The customer has not agreed to a plan');
  const agreed = new Map<string, number>();
  for (const l of quote.lines)
    if (l.kind === 'part' && l.partId) agreed.set(l.partId, (agreed.get(l.partId) ?? 0) + l.quantity);
  const alreadyUsed = new Map<string, number>();
  for (const p of await partsOfOrder(tx.db, visit.workOrderId)) {
    alreadyUsed.set(p.partId, (alreadyUsed.get(p.partId) ?? 0) + p.quantity);
  }
  const catalog = new Map<string, PartDetail>();
  const issues: Issue[] = [];
  for (const [i, l] of body.parts.entries()) {
    if (catalog.has(l.partId)) continue;
    if (!agreed.has(l.partId)) continue; // reported as not agreed below
    const p = await getPart(tx, l.partId);
    catalog.set(l.partId, p);
    if (p.lotTracked && !l.lot) issues.push(issue(`parts.${i}.lot`, 'required', '请填写批次', 'The lot is required'));
    if (!p.lotTracked && l.lot) issues.push(issue(`parts.${i}.lot`, 'not_allowed', '该配件不按批次管理', 'No lots'));
  }
  const facts = new Map<string, PartFacts>([...catalog].map(([id, p]) => [id, { valuable: p.valuable }]));
  const checked = checkRepairParts({ used: body.parts, agreed, alreadyUsed, facts });
  if (checked.rule) throw breakError(tx, checked.rule);
  if (checked.issues.length || issues.length) throw fail(tx, [...checked.issues, ...issues]);

  const van = body.parts.some((l) => l.source === 'van') ? await findVanOf(tx.db, visit.technicianId) : null;
  if (body.parts.some((l) => l.source === 'van') && !van) {
    throw rule(
      tx,
      'no_van',
      '您没有车载库，请改为工单领料',
      'You have no van stock location; use parts issued for the job',
    );
  }
  let line = await maxPartLine(tx.db, visit.id);
  const rows = [];
  for (const l of body.parts) {
    line += 1;
    const part = catalog.get(l.partId) as PartDetail;
    const quoted = quote.lines.find((q) => q.kind === 'part' && q.partId === l.partId);
    const serials = (l.serials ?? []).map((x) => x.toUpperCase());
    let requestId: string | null = null;
    if (l.source === 'van' && van) {
      requestId = ledgerRequestId(visit.id, body.idempotencyKey, line);
      await postStockMovement(tx, {
        kind: 'issue',
        requestId,
        partId: part.id,
        locationId: van.id,
        workOrderId: visit.workOrderId,
        workOrderNumber: visit.workOrderNumber,
        note: `上门维修 第${visit.visitNo}次`,
        ...(part.serialTracked ? { serials } : { quantity: l.quantity }),
        ...(l.lot ? { lot: l.lot } : {}),
      });
      if (part.valuable && l.oldPartReturn) {
        for (let n = 1; n <= l.quantity; n++) {
          await openOldPartReturn(tx, {
            partId: part.id,
            sourceKey: `fit:${visit.id}:${part.id}:${n}`,
            branchId: visit.branchId,
            workOrderId: visit.workOrderId,
            workOrderNumber: visit.workOrderNumber,
            technicianId: visit.technicianId,
            technicianName: visit.technicianName,
            ...(serials[n - 1] ? { newSerial: serials[n - 1] } : {}),
          });
        }
      }
    }
    const unitCost = quoted && quoted.quantity > 0 ? Math.round(quoted.costFen / quoted.quantity) : part.avgCostFen;
    rows.push({
      visitId: visit.id,
      workOrderId: visit.workOrderId,
      unitId: visit.unitId,
      line,
      partId: part.id,
      partCode: part.code,
      partName: part.name,
      quantity: l.quantity,
      serials,
      lot: l.lot ?? '',
      source: l.source,
      designated: part.designated,
      unitCostFen: unitCost,
      unitPriceFen: quoted?.unitPriceFen ?? 0,
      warrantyMonths: quoted?.warrantyMonths ?? part.warrantyMonths,
      covered: quoted?.covered ?? false,
      coverage: quoted?.coverage ?? null,
      oldPartReturn: l.oldPartReturn,
      oldSerial: (l.oldSerial ?? '').toUpperCase(),
      ledgerRequestId: requestId,
      requisitionId: l.requisitionId ?? null,
      fittedAt: s.at,
      createdAt: tx.now,
    });
  }
  await insertParts(tx.db, rows);
  return {
    step: 'repair',
    data: {
      workDone: body.workDone.trim(),
      parts: rows.map((r) => ({
        line: r.line,
        partId: r.partId,
        partCode: r.partCode,
        quantity: r.quantity,
        serials: r.serials,
        source: r.source,
        ledgerRequestId: r.ledgerRequestId,
        oldPartReturn: r.oldPartReturn,
      })),
    },
    patch: { workDone: body.workDone.trim() },
  };
}

export interface TestsBody {
  mode: TestMode;
  readings: Partial<Record<ReadingName, number | undefined>>;
  noLeaks: boolean;
  remoteOk: boolean;
  noiseOk: boolean;
}

/** The tests after the repair: plausible readings and a working unit (else refused: fix and test again). */
export async function applyTests(tx: Ctx, s: StepScope, body: TestsBody): Promise<StepOutcome> {
  const readings: Partial<Record<ReadingName, number>> = {};
  for (const n of READING_NAMES) if (body.readings[n] !== undefined) readings[n] = body.readings[n];
  const checked = checkTests({ ...body, readings });
  if (checked.issues.length) throw fail(tx, checked.issues);
  if (checked.rule) throw breakError(tx, checked.rule);
  return {
    step: 'tests',
    data: { mode: body.mode, readings, noLeaks: body.noLeaks, remoteOk: body.remoteOk, noiseOk: body.noiseOk },
    patch: {},
    afterInsert: async (row) => {
      await insertReadings(
        tx.db,
        READING_NAMES.filter((n) => readings[n] !== undefined).map((n) => ({
          visitId: s.visit.id,
          stepId: row.id,
          mode: body.mode,
          name: n,
          value: readings[n] as number,
          unit: READING_SPECS[n].unit,
          createdAt: tx.now,
        })),
      );
    },
  };
}
