import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { InsertNowResult } from '@shared/contracts/dispatch-plans.contract';
import { insertUrgent, type Job } from '../../optimizer';
import { branchTimeZone, orderPoints, todayIn } from '../day-context';
import { loadOrderFor } from '../recommend-technicians';
import { buildDayModel, currentRoutes, fingerprintOf, planReasonText, proposalFrom } from '../route-plan-model';
import { applyBookings } from './apply-bookings';
import { loadPlanningInput, toModelOrder } from './planning-day';

/** The budget of the least-disruption search (the answer comes within about a second). */
const INSERT_BUDGET_MS = 500;

/**
 * "Insert now": places a ready (typically urgent) order into today's routes — built from the day's appointments,
 * confirmed ones locked, the others never earlier than booked and pushed back only a little — with the
 * optimizer's least-disruption insertion, and reports the technician, the window and which appointments move.
 * With `apply`, the assignment and the moves are made in one transaction with the assignment rules (409 CONFLICT
 * `day_changed` with the changes when the day changed meanwhile; nothing is made).
 */
export async function insertUrgentOrder(
  ctx: Ctx,
  workOrderId: string,
  body: { apply?: boolean | undefined },
): Promise<InsertNowResult> {
  requireActor(ctx.actor);
  const zh = ctx.request.locale === 'zh-CN';
  const order = await loadOrderFor(ctx, workOrderId);
  if (order.status !== 'ready') throw new AppError('ILLEGAL_TRANSITION', { from: order.status, event: 'assign' });
  const timeZone = await branchTimeZone(ctx, order.branchId);
  const day = todayIn(ctx, timeZone);
  const { input } = await loadPlanningInput(ctx, {
    branchId: order.branchId,
    day,
    objective: 'balance',
    withReady: false,
  });
  const point = (await orderPoints(ctx, [order])).get(order.id) ?? null;
  const urgent = toModelOrder(order, point, day);
  const model = buildDayModel(input, { urgent });
  const job = model.byId.get(order.id);
  const plan =
    job?.index !== null && job?.index !== undefined
      ? insertUrgent(model.problem, currentRoutes(model), model.problem.jobs[job.index] as Job, {
          timeLimitMs: INSERT_BUDGET_MS,
          seed: 1,
        }).plan
      : { routes: [], unassigned: [] };
  const proposal = proposalFrom(model, plan);
  const route = proposal.routes.find((r) => r.stops.some((s) => s.workOrderId === order.id && s.kind === 'new'));
  const stop = route?.stops.find((s) => s.workOrderId === order.id);
  const left = proposal.unassigned.find((u) => u.workOrderId === order.id);
  const result: InsertNowResult = {
    workOrderId: order.id,
    workOrderNumber: order.number,
    date: day,
    inserted: stop !== undefined,
    technician: route?.technician ?? null,
    window: stop?.window ?? null,
    travelMinutesBefore: stop?.travelMinutesBefore ?? null,
    moves: proposal.moves,
    reason: left ? planReasonText(left.reason, ctx.request.locale) : null,
    applied: false,
    workOrderVersion: order.version,
    workOrderStatus: order.status,
  };
  if (!body.apply || !stop) return result;
  const booked = await withTransaction(ctx, (tx) =>
    applyBookings(tx, {
      branchId: order.branchId,
      day,
      fingerprint: fingerprintOf({ appointments: input.appointments, ready: [urgent] }),
      bookings: proposal.bookings,
      reason: zh ? `为紧急工单 ${order.number} 让出时段` : `Made room for urgent order ${order.number}`,
      overrideReason: zh ? '紧急插单' : 'Urgent insertion',
      details: { insertedUrgentOrder: order.number },
    }),
  );
  const mine = booked.find((b) => b.row.workOrderId === order.id);
  return {
    ...result,
    applied: true,
    workOrderVersion: mine?.workOrderVersion ?? order.version,
    workOrderStatus: mine?.workOrderStatus ?? order.status,
  };
}
