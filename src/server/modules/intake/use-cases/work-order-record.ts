import type { Ctx } from '@server/platform/context';
import type { TimelineEntry } from '@shared/contracts/intake.contract';
import type { Priority, WorkOrderStatus } from '@shared/domain/work-order';
import {
  findWorkOrder,
  findWorkOrderByNumber,
  findWorkOrderByTokenHash,
  listTimeline,
  type WorkOrderRow,
} from '../intake.repository';
import { toTimeline } from '../intake.views';
import { hashTrackingToken } from './create-work-order';

/**
 * An order as plain data for system callers (the public tracking page, later modules). Not masked and not
 * branch-checked: the caller decides what a customer or user may see.
 */
export interface WorkOrderRecord {
  id: string;
  number: string;
  branchId: string;
  status: WorkOrderStatus;
  channel: string;
  priority: Priority;
  customerId: string;
  phoneId: string;
  addressId: string;
  district: string;
  unitId: string | null;
  faultCategory: string;
  description: string;
  estimatedAt: Date;
  preferredWindow: { start: Date; end: Date } | null;
  missingItems: string[];
  cancelReason: string | null;
  createdAt: Date;
  statusChangedAt: Date;
  version: number;
  timeline: TimelineEntry[];
}

async function toRecord(ctx: Ctx, row: WorkOrderRow | null): Promise<WorkOrderRecord | null> {
  if (!row) return null;
  const timeline = await listTimeline(ctx.db, row.id);
  return {
    id: row.id,
    number: row.number,
    branchId: row.branchId,
    status: row.status as WorkOrderStatus,
    channel: row.channel,
    priority: row.priority as Priority,
    customerId: row.customerId,
    phoneId: row.phoneId,
    addressId: row.addressId,
    district: row.district,
    unitId: row.unitId,
    faultCategory: row.faultCategory,
    description: row.description,
    estimatedAt: row.estimatedAt,
    preferredWindow:
      row.preferredStart && row.preferredEnd ? { start: row.preferredStart, end: row.preferredEnd } : null,
    missingItems: row.missingItems,
    cancelReason: row.cancelReason,
    createdAt: row.createdAt,
    statusChangedAt: row.statusChangedAt,
    version: row.version,
    timeline: timeline.map(toTimeline),
  };
}

export async function workOrderRecord(ctx: Ctx, workOrderId: string): Promise<WorkOrderRecord | null> {
  return toRecord(ctx, await findWorkOrder(ctx.db, workOrderId));
}

/** The order of a tracking link's token, or of an order number (the caller then checks the customer's code). */
export async function findWorkOrderForTracking(
  ctx: Ctx,
  by: { token: string } | { number: string },
): Promise<WorkOrderRecord | null> {
  if ('token' in by) return toRecord(ctx, await findWorkOrderByTokenHash(ctx.db, hashTrackingToken(by.token)));
  return toRecord(ctx, await findWorkOrderByNumber(ctx.db, by.number.trim().toUpperCase()));
}
