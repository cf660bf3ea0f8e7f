import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { Priority } from '@shared/domain/work-order';
import type { NewWorkOrder, WorkOrderRow } from '../intake.repository';
import { checkWindow, toWindow } from './check-window';
import { computeEstimate, loadFault } from './compute-estimate';
import { type AddressPart, checkParts, resolveAddress, resolveUnit, type UnitPart } from './resolve-order-parts';

export interface WorkOrderEdits {
  address?: AddressPart;
  unit?: UnitPart;
  faultCategory?: string;
  faultCodeId?: string | null;
  description?: string;
  priority?: Priority;
  preferredWindow?: { start: string; end: string } | null;
}

/** Field issues of the edits, before any write. */
export async function checkEdits(ctx: Ctx, input: WorkOrderEdits): Promise<void> {
  const issues = [
    ...checkParts(ctx, {
      ...(input.address ? { address: input.address } : {}),
      ...(input.unit ? { unit: input.unit } : {}),
    }),
    ...checkWindow(ctx, input.preferredWindow),
  ];
  if (issues.length) throw AppError.validation(issues);
}

/**
 * The columns an edit changes (address and unit resolved through customers, a new one stored on the customer),
 * and the names of the fields that changed. The estimate is computed again when what it depends on changed.
 */
export async function prepareEdits(
  tx: Ctx,
  order: WorkOrderRow,
  input: WorkOrderEdits,
): Promise<{ patch: Partial<NewWorkOrder>; changed: string[] }> {
  const patch: Partial<NewWorkOrder> = {};
  const changed: string[] = [];
  if (input.address) {
    const a = await resolveAddress(tx, order.customerId, input.address);
    if (a.addressId !== order.addressId) {
      patch.addressId = a.addressId;
      patch.district = a.district;
      changed.push('address');
    }
  }
  if (input.unit) {
    const u = await resolveUnit(tx, order.customerId, input.unit, null, patch.addressId ?? order.addressId);
    patch.unitId = u.unitId;
    patch.unitBrand = u.unitBrand;
    patch.unitModel = u.unitModel;
    patch.unitType = u.unitType;
    changed.push('unit');
  }
  if (input.faultCategory !== undefined || input.faultCodeId !== undefined) {
    await loadFault(tx, input.faultCategory ?? order.faultCategory, input.faultCodeId ?? null);
    if (input.faultCategory !== undefined && input.faultCategory !== order.faultCategory) {
      patch.faultCategory = input.faultCategory;
      changed.push('faultCategory');
    }
    if (input.faultCodeId !== undefined && input.faultCodeId !== order.faultCodeId) {
      patch.faultCodeId = input.faultCodeId;
      changed.push('faultCodeId');
    }
  }
  if (input.description !== undefined && input.description.trim() !== order.description) {
    patch.description = input.description.trim();
    changed.push('description');
  }
  if (input.priority !== undefined && input.priority !== order.priority) {
    patch.priority = input.priority;
    changed.push('priority');
  }
  if (input.preferredWindow !== undefined) {
    const w = toWindow(input.preferredWindow);
    const same =
      (w?.start.getTime() ?? null) === (order.preferredStart?.getTime() ?? null) &&
      (w?.end.getTime() ?? null) === (order.preferredEnd?.getTime() ?? null);
    if (!same) {
      patch.preferredStart = w?.start ?? null;
      patch.preferredEnd = w?.end ?? null;
      changed.push('preferredWindow');
    }
  }
  const affectsEstimate = changed.some((f) =>
    ['address', 'faultCategory', 'faultCodeId', 'priority', 'preferredWindow'].includes(f),
  );
  if (affectsEstimate) {
    const start = patch.preferredStart !== undefined ? patch.preferredStart : order.preferredStart;
    const end = patch.preferredEnd !== undefined ? patch.preferredEnd : order.preferredEnd;
    const e = await computeEstimate(tx, {
      branchId: order.branchId,
      district: patch.district ?? order.district,
      priority: (patch.priority ?? order.priority) as Priority,
      faultCategory: patch.faultCategory ?? order.faultCategory,
      faultCodeId: patch.faultCodeId !== undefined ? patch.faultCodeId : order.faultCodeId,
      preferredWindow: start && end ? { start, end } : null,
      excludeOrderId: order.id,
    });
    if (e.estimatedAt.getTime() !== order.estimatedAt.getTime()) {
      patch.estimatedAt = e.estimatedAt;
      changed.push('estimatedAt');
    }
  }
  return { patch, changed };
}
