import { customerSummaries, unitInfo } from '@server/modules/customers';
import { listMessagesForWorkOrder } from '@server/modules/notify';
import { assertBranchAccess, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { WorkOrderDetail } from '@shared/contracts/intake.contract';
import type { WorkOrderStatus } from '@shared/domain/work-order';
import { allowedEvents } from '@shared/domain/work-order-lifecycle';
import { CLOCK_STATUS, isIntakeClock } from '../domain/clocks';
import {
  alertsOfOrder,
  attachmentsOfOrder,
  findFaultCode,
  findWorkOrder,
  listTimeline,
  type WorkOrderRow,
} from '../intake.repository';
import { isOpen, toAlert, toAttachment, toSummary, toTimeline, toUnitView } from '../intake.views';
import { runningClockDeadlines } from './clocks';

/** The notify outbox rows of the order with their delivery status (recipient masked by notify). */
async function messagesOf(ctx: Ctx, workOrderId: string): Promise<WorkOrderDetail['messages']> {
  return listMessagesForWorkOrder(ctx, workOrderId);
}

/** The detail view of a row the reader may see (masked per ctx.actor's roles). */
export async function buildDetail(ctx: Ctx, order: WorkOrderRow): Promise<WorkOrderDetail> {
  const [summaries, timeline, alerts, unit, faultCode, messages, attachments] = await Promise.all([
    customerSummaries(ctx, [order.customerId]),
    listTimeline(ctx.db, order.id),
    alertsOfOrder(ctx.db, order.id),
    order.unitId ? unitInfo(ctx, order.unitId) : Promise.resolve(null),
    order.faultCodeId ? findFaultCode(ctx.db, order.faultCodeId) : Promise.resolve(null),
    messagesOf(ctx, order.id),
    attachmentsOfOrder(ctx.db, order.id),
  ]);
  const unacknowledged = alerts.filter((a) => a.alert.acknowledgedAt === null);
  // Overdue counts SLA breaches of the intake clock still running; other kinds of alert only count as open.
  const isRunningBreach = (a: (typeof alerts)[number]) =>
    a.alert.kind === 'sla' && isIntakeClock(a.alert.clock) && CLOCK_STATUS[a.alert.clock] === order.status;
  const openBreach = unacknowledged.some(isRunningBreach);
  const openAlerts = unacknowledged.length;
  const overdue = isOpen(order.status) && (order.estimatedAt < ctx.now || openBreach);
  const firedDue =
    alerts
      .filter((a) => isRunningBreach(a) && a.alert.firedAt >= order.statusChangedAt)
      .map((a) => a.alert.dueAt)
      .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const sla = (await runningClockDeadlines(ctx, [{ id: order.id, status: order.status, firedDue }])).get(order.id);
  return {
    ...toSummary(order, summaries.get(order.customerId), { openAlerts, overdue, sla: sla ?? null }),
    unit: toUnitView(order, unit),
    faultCode: faultCode
      ? {
          id: faultCode.id,
          brand: faultCode.brand,
          code: faultCode.code,
          meaningZh: faultCode.meaningZh,
          meaningEn: faultCode.meaningEn,
        }
      : null,
    missingItems: order.missingItems,
    reviewNote: order.reviewNote,
    cancelReason: order.cancelReason,
    createdBy: order.createdBy ? { id: order.createdBy, name: order.createdByName ?? '' } : null,
    timeline: timeline.map(toTimeline),
    alerts: alerts.map(toAlert),
    attachments: attachments.map(toAttachment),
    allowedEvents: allowedEvents(order.status as WorkOrderStatus),
    messages,
  };
}

/** One work order of the reader's branch: timeline, unit and warranty, alerts, allowed events, notifications. */
export async function getWorkOrder(ctx: Ctx, workOrderId: string): Promise<WorkOrderDetail> {
  const actor = requireActor(ctx.actor);
  const order = await findWorkOrder(ctx.db, workOrderId);
  if (!order) throw new AppError('NOT_FOUND');
  assertBranchAccess(actor, order.branchId);
  return buildDetail(ctx, order);
}
