import { writeAudit } from '@server/modules/identity';
import { dispatchOrders } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError, isAppError } from '@server/platform/errors';
import type { RoutePlan } from '@shared/contracts/dispatch-plans.contract';
import { lockRoutePlan, type RoutePlanRow, updateRoutePlanStatus } from '../../route-plans.repository';
import type { FingerprintChange, StoredProposal } from '../route-plan-model';
import { applyBookings, DAY_CHANGED } from './apply-bookings';
import { loadPlanFor } from './plan-access';
import type { RoutePlanRunner } from './plan-runner';
import { emitPlanChanged, toRoutePlan } from './plan-view';

/**
 * Applies a ready proposal in ONE transaction (apply-bookings.ts: the assignment rules for every booking, moves
 * first, confirmed appointments untouched, technicians and customers told). Idempotent: an applied plan is
 * returned as it is. When the day changed since planning — an order's or appointment's version, a new
 * appointment, or a rule that no longer holds — nothing is applied, the plan becomes `stale` and the answer is
 * 409 CONFLICT `{ reason: 'plan_stale', planId, changes: [{ workOrderId, workOrderNumber, change }], cause? }`.
 */
export async function applyPlan(
  ctx: Ctx,
  planId: string,
  body: { version?: number | undefined },
  runner: RoutePlanRunner,
): Promise<RoutePlan> {
  const zh = ctx.request.locale === 'zh-CN';
  const seen = await loadPlanFor(ctx, planId, runner);
  let row: RoutePlanRow;
  try {
    row = await withTransaction(ctx, async (tx) => {
      const plan = (await lockRoutePlan(tx.db, planId)) as RoutePlanRow;
      if (plan.status === 'applied') return plan;
      if (body.version !== undefined && body.version !== plan.version) {
        throw new AppError('VERSION_CONFLICT', { currentVersion: plan.version });
      }
      if (plan.status === 'stale') throw new AppError('CONFLICT', { reason: 'plan_stale', planId, changes: [] });
      if (plan.status !== 'ready') throw new AppError('ILLEGAL_TRANSITION', { from: plan.status, event: 'apply' });
      const proposal = plan.proposal as StoredProposal;
      await applyBookings(tx, {
        branchId: plan.branchId,
        day: plan.day,
        fingerprint: plan.inputFingerprint,
        bookings: proposal.bookings,
        reason: zh ? '按线路优化方案调整' : 'Moved by the route plan',
        overrideReason: zh ? '线路优化方案' : 'Route plan',
        details: { routePlanId: planId },
      });
      const applied = (await updateRoutePlanStatus(tx.db, planId, ['ready'], {
        status: 'applied',
        appliedAt: tx.now,
      })) as RoutePlanRow;
      await writeAudit(tx, {
        action: 'dispatch.plan.applied',
        objectType: 'route_plan',
        objectId: planId,
        details: {
          branchId: plan.branchId,
          day: plan.day,
          newAssignments: proposal.comparison.newAssignments,
          moves: proposal.moves.length,
        },
      });
      emitPlanChanged(tx, applied);
      return applied;
    });
  } catch (err) {
    if (!isAppError(err) || err.code !== 'CONFLICT' || err.details?.reason !== DAY_CHANGED) throw err;
    const stale = await updateRoutePlanStatus(ctx.db, planId, ['ready'], { status: 'stale' });
    if (stale) emitPlanChanged(ctx, stale);
    const changes = (err.details.changes as FingerprintChange[] | undefined) ?? [];
    const numbers = new Map(
      (await dispatchOrders(ctx, [...new Set(changes.map((c) => c.workOrderId))])).map((o) => [o.id, o.number]),
    );
    throw new AppError('CONFLICT', {
      reason: 'plan_stale',
      planId: seen.id,
      changes: changes.map((c) => ({ ...c, workOrderNumber: numbers.get(c.workOrderId) ?? null })),
      ...(err.details.cause ? { cause: err.details.cause } : {}),
    });
  }
  return toRoutePlan(row, ctx.request.locale);
}
