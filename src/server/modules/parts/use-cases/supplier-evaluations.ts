import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { SupplierEvaluation } from '@shared/contracts/purchasing.contract';
import { daysBetween } from '../domain/local-day';
import { computeScores, keepEdited, priceVsOthersBp, rank, totalScore } from '../domain/supplier-score';
import {
  defectFigures,
  deliveryFigures,
  type EvaluationRow,
  evaluatedPeriods,
  evaluationsOfPeriod,
  findEvaluation,
  insertEvaluation,
  lockEvaluation,
  offersOverlapping,
  receivedFigures,
  suppliersByIds,
  updateEvaluation,
} from '../purchasing.repository';
import { toEvaluation } from '../purchasing.views';
import { fieldError } from './parts-support';
import { zoneOf } from './purchasing-support';

// Supplier evaluations (供应商评价) per period: figures from the ledger (receipts and returns naming the supplier)
// and the receipts against orders (on time or not), scores from domain/supplier-score.ts, editable by the head.

const MAX_PERIOD_DAYS = 366;

function checkPeriod(ctx: Ctx, start: string, end: string): void {
  if (end < start) {
    throw fieldError(ctx, 'periodEnd', 'before_start', '结束日期不能早于开始日期', 'the end is before the start');
  }
  if (daysBetween(start, end) + 1 > MAX_PERIOD_DAYS) {
    throw fieldError(ctx, 'periodEnd', 'too_long', '评价周期最长一年', 'a period is at most a year');
  }
}

async function views(ctx: Ctx, rows: EvaluationRow[]): Promise<SupplierEvaluation[]> {
  const suppliers = await suppliersByIds(
    ctx.db,
    rows.map((r) => r.supplierId),
  );
  return rows.map((r) => toEvaluation(r, suppliers.get(r.supplierId)));
}

/**
 * POST /api/supplier-evaluations/compute — for every supplier with activity in the period (units received or
 * returned, deliveries) or already evaluated for it: refreshes the figures and the computed scores; a score the
 * head edited is kept. Days are the company's calendar days. Also used by the seed (the system may act).
 */
export async function computeSupplierEvaluations(
  ctx: Ctx,
  input: { periodStart: string; periodEnd: string },
): Promise<{ items: SupplierEvaluation[] }> {
  const { periodStart: start, periodEnd: end } = input;
  checkPeriod(ctx, start, end);
  return withTransaction(ctx, async (tx) => {
    const zone = await zoneOf(tx, null);
    const received = new Map((await receivedFigures(tx.db, start, end, zone)).map((r) => [r.supplierId, r]));
    const defects = new Map((await defectFigures(tx.db, start, end, zone)).map((r) => [r.supplierId, r.defects]));
    const deliveries = new Map((await deliveryFigures(tx.db, start, end, zone)).map((r) => [r.supplierId, r]));
    const existing = await evaluationsOfPeriod(tx.db, start, end);
    const offers = await offersOverlapping(tx.db, start, end);
    const ids = [
      ...new Set([...received.keys(), ...defects.keys(), ...deliveries.keys(), ...existing.map((e) => e.supplierId)]),
    ].sort();
    const out: EvaluationRow[] = [];
    for (const supplierId of ids) {
      const r = received.get(supplierId);
      const d = deliveries.get(supplierId);
      const figures = {
        receivedQuantity: r?.received ?? 0,
        defectQuantity: defects.get(supplierId) ?? 0,
        deliveries: d?.deliveries ?? 0,
        deliveriesOnTime: d?.onTime ?? 0,
        paidFen: r?.paidFen ?? 0,
        contractFen: r?.contractFen ?? 0,
        priceVsOthersBp: priceVsOthersBp(
          offers.map((o) => ({ ...o, unitPriceFen: Number(o.unitPriceFen) })),
          supplierId,
        ),
      };
      const s = computeScores(figures);
      const computed = {
        receivedQuantity: figures.receivedQuantity,
        defectQuantity: figures.defectQuantity,
        deliveries: figures.deliveries,
        deliveriesOnTime: figures.deliveriesOnTime,
        priceVsContractBp: s.priceVsContractBp,
        priceVsOthersBp: s.priceVsOthersBp,
        qualityScoreComputed: s.quality,
        deliveryScoreComputed: s.delivery,
        priceScoreComputed: s.price,
        computedAt: tx.now,
      };
      let row = await lockEvaluation(tx.db, supplierId, start, end);
      if (!row) {
        row = await insertEvaluation(tx.db, {
          supplierId,
          periodStart: start,
          periodEnd: end,
          ...computed,
          qualityScore: s.quality,
          deliveryScore: s.delivery,
          priceScore: s.price,
          totalScore: totalScore(s.quality, s.delivery, s.price),
        });
        if (row) {
          out.push(row);
          continue;
        }
        // A concurrent compute inserted it first: update that row.
        row = await lockEvaluation(tx.db, supplierId, start, end);
        if (!row) throw new AppError('CONFLICT');
      }
      const quality = keepEdited({ score: row.qualityScore, computed: row.qualityScoreComputed }, s.quality);
      const delivery = keepEdited({ score: row.deliveryScore, computed: row.deliveryScoreComputed }, s.delivery);
      const price = keepEdited({ score: row.priceScore, computed: row.priceScoreComputed }, s.price);
      out.push(
        await updateEvaluation(tx.db, row.id, {
          ...computed,
          qualityScore: quality,
          deliveryScore: delivery,
          priceScore: price,
          totalScore: totalScore(quality, delivery, price),
          version: row.version + 1,
        }),
      );
    }
    await writeAudit(tx, {
      action: 'supplier_evaluation.computed',
      objectType: 'supplier_evaluation',
      objectId: null,
      details: { periodStart: start, periodEnd: end, suppliers: out.length },
    });
    const items = await views(tx, out);
    return { items: items.sort((a, b) => b.totalScore - a.totalScore || a.supplierCode.localeCompare(b.supplierCode)) };
  });
}

/** PATCH /api/supplier-evaluations/:evaluationId — the head adjusts scores with a note; the total follows. */
export async function updateSupplierEvaluation(
  ctx: Ctx,
  id: string,
  input: { version: number; qualityScore?: number; deliveryScore?: number; priceScore?: number; note: string },
): Promise<SupplierEvaluation> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const before = await findEvaluation(tx.db, id, 'update');
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    const quality = input.qualityScore ?? before.qualityScore;
    const delivery = input.deliveryScore ?? before.deliveryScore;
    const price = input.priceScore ?? before.priceScore;
    const after = await updateEvaluation(tx.db, id, {
      qualityScore: quality,
      deliveryScore: delivery,
      priceScore: price,
      totalScore: totalScore(quality, delivery, price),
      note: input.note,
      editedByName: actor.displayName,
      editedAt: tx.now,
      version: before.version + 1,
    });
    await writeAudit(tx, {
      action: 'supplier_evaluation.updated',
      objectType: 'supplier_evaluation',
      objectId: id,
      before: {
        qualityScore: before.qualityScore,
        deliveryScore: before.deliveryScore,
        priceScore: before.priceScore,
        totalScore: before.totalScore,
      },
      after: {
        qualityScore: quality,
        deliveryScore: delivery,
        priceScore: price,
        totalScore: after.totalScore,
      },
      details: { note: input.note, supplierId: before.supplierId, periodStart: before.periodStart },
    });
    return (await views(tx, [after]))[0] as SupplierEvaluation;
  });
}

/** GET /api/supplier-ranking — one evaluated period (the latest when none is given), best total first. */
export async function listSupplierRanking(ctx: Ctx, q: { periodStart?: string; periodEnd?: string }) {
  requireActor(ctx.actor);
  if ((q.periodStart === undefined) !== (q.periodEnd === undefined)) {
    throw fieldError(
      ctx,
      q.periodStart === undefined ? 'periodStart' : 'periodEnd',
      'required',
      '请同时给出开始和结束日期',
      'give both the start and the end of the period',
    );
  }
  const periods = await evaluatedPeriods(ctx.db, 24);
  const period = q.periodStart && q.periodEnd ? { periodStart: q.periodStart, periodEnd: q.periodEnd } : periods[0];
  if (!period) return { periodStart: null, periodEnd: null, items: [], periods };
  const rows = await evaluationsOfPeriod(ctx.db, period.periodStart, period.periodEnd);
  return { ...period, items: rank(await views(ctx, rows)), periods };
}
