import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { RoutePlan } from '@shared/contracts/dispatch-plans.contract';
import { insertRoutePlan, runningRoutePlan, updateRoutePlanStatus } from '../../route-plans.repository';
import { branchTimeZone, todayIn } from '../day-context';
import { buildDayModel, fingerprintOf } from '../route-plan-model';
import type { RoutePlanRunner } from './plan-runner';
import { abandoned, emitPlanChanged, initialProgress, toRoutePlan } from './plan-view';
import { loadPlanningInput, planningBranch } from './planning-day';

export interface PlanDayInput {
  branchId?: string | undefined;
  date: string;
  timeLimitSeconds?: number | undefined;
  objective?: 'balance' | 'minTechnicians' | undefined;
}

/**
 * "Plan the day": reads the branch's day (technicians, ready orders, appointments), builds the optimizer's problem
 * and starts it in the background (202); the proposal appears when the time limit ends or the plan is stopped.
 * One plan runs at a time per branch and day (another: 409 CONFLICT naming it).
 */
export async function planDay(ctx: Ctx, body: PlanDayInput, runner: RoutePlanRunner): Promise<RoutePlan> {
  const actor = requireActor(ctx.actor);
  const zh = ctx.request.locale === 'zh-CN';
  const branchId = planningBranch(ctx, actor, body.branchId);
  const timeZone = await branchTimeZone(ctx, branchId);
  if (body.date < todayIn(ctx, timeZone)) {
    throw AppError.field('date', 'past', zh ? '不能为过去的日期排线路' : 'Cannot plan a past day');
  }
  const running = await runningRoutePlan(ctx.db, branchId, body.date);
  if (running) {
    if (runner.isLocal(running.id) || !abandoned(running, ctx.now)) {
      throw new AppError('CONFLICT', { reason: 'plan_running', planId: running.id });
    }
    await updateRoutePlanStatus(ctx.db, running.id, ['running'], {
      status: 'failed',
      finishedAt: ctx.now,
      progress: { ...((running.progress as object | null) ?? {}), error: 'abandoned: its server process stopped' },
    });
  }
  const objective = body.objective ?? 'balance';
  const { input } = await loadPlanningInput(ctx, { branchId, day: body.date, objective, withReady: true });
  const model = buildDayModel(input);
  const timeLimitMs = (body.timeLimitSeconds ?? 30) * 1000;
  const row = await insertRoutePlan(ctx.db, {
    branchId,
    day: body.date,
    status: 'running',
    objective,
    timeLimitMs,
    createdBy: actor.userId,
    createdByName: actor.displayName,
    createdAt: ctx.now,
    progress: initialProgress(timeLimitMs, ctx.now),
    inputFingerprint: fingerprintOf(input),
  });
  runner.start(row, model);
  emitPlanChanged(ctx, row);
  return toRoutePlan(row, ctx.request.locale);
}
