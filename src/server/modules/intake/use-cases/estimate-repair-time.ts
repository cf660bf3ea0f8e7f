import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { Priority } from '@shared/domain/work-order';
import { computeEstimate } from './compute-estimate';

export interface EstimateRepairTimeInput {
  faultCategory: string;
  faultCodeId?: string;
  district: string;
  priority: Priority;
  preferredStart?: string;
  preferredEnd?: string;
}

/** The estimate shown on the agent's screen before saving (same computation as at creation). */
export async function estimateRepairTime(ctx: Ctx, input: EstimateRepairTimeInput) {
  const actor = requireActor(ctx.actor);
  const zh = ctx.request.locale === 'zh-CN';
  let window: { start: Date; end: Date } | null = null;
  if (input.preferredStart || input.preferredEnd) {
    if (!input.preferredStart || !input.preferredEnd) {
      throw AppError.field(
        input.preferredStart ? 'query.preferredEnd' : 'query.preferredStart',
        'required',
        zh ? '预约时段需同时填写开始和结束' : 'Give both ends of the preferred window',
      );
    }
    window = { start: new Date(input.preferredStart), end: new Date(input.preferredEnd) };
    if (window.end <= window.start) {
      throw AppError.field(
        'query.preferredEnd',
        'before_start',
        zh ? '结束时间须晚于开始时间' : 'End must be after start',
      );
    }
  }
  const e = await computeEstimate(ctx, {
    branchId: actor.branchId,
    district: input.district,
    priority: input.priority,
    faultCategory: input.faultCategory,
    faultCodeId: input.faultCodeId ?? null,
    preferredWindow: window,
  });
  return {
    estimatedAt: e.estimatedAt.toISOString(),
    startAt: e.startAt.toISOString(),
    standardMinutes: e.standardMinutes,
    backlog: e.backlog,
    queueMinutes: e.queueMinutes,
    leadMinutes: e.leadMinutes,
    basis: e.basis,
  };
}
