import { getSetting } from '@server/modules/identity';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { Priority } from '@shared/domain/work-order';
import type { FieldIssue } from '@shared/errors';
import { type Estimate, estimateRepair } from '../domain/estimate';
import {
  countOpenInDistrict,
  type FaultCategoryRow,
  type FaultCodeRow,
  findCategory,
  findFaultCode,
} from '../intake.repository';

export interface EstimateRequest {
  branchId: string | null;
  district: string;
  priority: Priority;
  faultCategory: string;
  faultCodeId?: string | null;
  preferredWindow?: { start: Date; end: Date } | null;
  /** The order being edited (not counted in its own backlog). */
  excludeOrderId?: string;
}

export interface EstimateWithBasis extends Estimate {
  basis: string;
  category: FaultCategoryRow;
  faultCode: FaultCodeRow | null;
}

/** The catalog entries of an order's fault; unknown or inactive ones are field errors. */
export async function loadFault(
  ctx: Ctx,
  faultCategory: string,
  faultCodeId: string | null | undefined,
): Promise<{ category: FaultCategoryRow; faultCode: FaultCodeRow | null }> {
  const zh = ctx.request.locale === 'zh-CN';
  const issues: FieldIssue[] = [];
  const category = await findCategory(ctx.db, faultCategory);
  if (!category?.active) {
    issues.push({
      path: 'faultCategory',
      code: 'not_found',
      message: zh ? '故障类别不存在或已停用' : 'No such active fault category',
    });
  }
  const faultCode = faultCodeId ? await findFaultCode(ctx.db, faultCodeId) : null;
  if (faultCodeId && !faultCode) {
    issues.push({ path: 'faultCodeId', code: 'not_found', message: zh ? '故障代码不存在' : 'No such fault code' });
  }
  if (issues.length) throw AppError.validation(issues);
  return { category: category as FaultCategoryRow, faultCode };
}

const fmt = (d: Date, timeZone: string, zh: boolean) =>
  new Intl.DateTimeFormat(zh ? 'zh-CN' : 'en-GB', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);

/**
 * The estimated repair time for an order: the fault's standard minutes, the district's current backlog of open
 * orders (urgent orders queue behind urgent ones only), the review and dispatch deadlines plus travel, the
 * branch's working hours and the customer's window. With the basis in the caller's language.
 */
export async function computeEstimate(ctx: Ctx, req: EstimateRequest): Promise<EstimateWithBasis> {
  const zh = ctx.request.locale === 'zh-CN';
  const { category, faultCode } = await loadFault(ctx, req.faultCategory, req.faultCodeId);
  const b = req.branchId;
  const [backlog, review, dispatch, travel, perOrder, workingHours, timeZone] = await Promise.all([
    countOpenInDistrict(ctx.db, req.district, req.priority === 'urgent', req.excludeOrderId),
    getSetting(ctx.db, 'sla.reviewMinutes', b),
    getSetting(ctx.db, req.priority === 'urgent' ? 'sla.dispatchUrgentMinutes' : 'sla.dispatchMinutes', b),
    getSetting(ctx.db, 'intake.travelMinutes', b),
    getSetting(ctx.db, 'intake.backlogMinutesPerOrder', b),
    getSetting(ctx.db, 'sla.workingHours', b),
    getSetting(ctx.db, 'branch.timeZone', b),
  ]);
  const standardMinutes = faultCode?.standardMinutes ?? category.standardMinutes;
  const e = estimateRepair({
    now: ctx.now,
    priority: req.priority,
    standardMinutes,
    backlog,
    minutesPerQueuedOrder: perOrder,
    leadMinutes: review + (dispatch as number) + travel,
    workingHours,
    timeZone,
    preferredWindow: req.preferredWindow ?? null,
  });
  const faultName = faultCode
    ? `${faultCode.brand} ${faultCode.code} ${zh ? faultCode.meaningZh : faultCode.meaningEn}`
    : zh
      ? category.nameZh
      : category.nameEn;
  const parts = zh
    ? [
        `标准工时 ${standardMinutes} 分钟（${faultName}）`,
        `${req.district}当前有 ${e.backlog} 张${req.priority === 'urgent' ? '紧急' : '未完成'}工单在前，排队约 ${e.queueMinutes} 分钟`,
        `审核、派单与上门路途约 ${e.leadMinutes} 分钟`,
        `工程师工作时间 ${workingHours.start}–${workingHours.end}`,
      ]
    : [
        `standard time ${standardMinutes} min (${faultName})`,
        `${e.backlog} ${req.priority === 'urgent' ? 'urgent' : 'open'} order(s) ahead in ${req.district}, about ${e.queueMinutes} min of queue`,
        `review, dispatch and travel about ${e.leadMinutes} min`,
        `technicians work ${workingHours.start}–${workingHours.end}`,
      ];
  if (e.window === 'waited') parts.push(zh ? '按预约时段开始' : 'starting at the preferred window');
  if (e.window === 'within') parts.push(zh ? '在预约时段内' : 'within the preferred window');
  if (e.window === 'missed')
    parts.push(
      zh ? '无法在预约时段内上门，按最早可行时间估算' : 'the preferred window cannot be met; earliest possible',
    );
  const basis = zh
    ? `预计 ${fmt(e.estimatedAt, timeZone, true)} 前修复：${parts.join('；')}。`
    : `Expected repaired by ${fmt(e.estimatedAt, timeZone, false)}: ${parts.join('; ')}.`;
  return { ...e, basis, category, faultCode };
}
