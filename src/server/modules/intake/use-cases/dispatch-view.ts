import type { Ctx } from '@server/platform/context';
import type { FaultCategoryCode, SkillCode } from '@shared/contracts/intake.contract';
import type { Priority, UnitType, WorkOrderStatus } from '@shared/domain/work-order';
import { requiredSkillsFor } from '../domain/fault-catalog-data';
import {
  countOpenAlertsOfBranch,
  listCategories,
  listFaultCodes,
  ordersByIds,
  ordersInStatuses,
  ordersWithOpenAlert,
  type WorkOrderRow,
} from '../intake.repository';

/** An order as dispatch needs it: what the job asks (skills, difficulty, minutes, likely parts) and where it is. */
export interface DispatchOrder {
  id: string;
  number: string;
  branchId: string;
  status: WorkOrderStatus;
  priority: Priority;
  faultCategory: FaultCategoryCode;
  faultCodeId: string | null;
  description: string;
  district: string;
  customerId: string;
  phoneId: string;
  addressId: string;
  unitId: string | null;
  unit: { brand: string; model: string; type: UnitType };
  requiredSkills: SkillCode[];
  difficulty: number;
  complexity: 'simple' | 'complex';
  standardMinutes: number;
  likelyParts: string[];
  preferredWindow: { start: Date; end: Date } | null;
  reworkOf: string | null;
  assigneeId: string | null;
  appointment: { start: Date; end: Date } | null;
  statusChangedAt: Date;
  createdAt: Date;
  version: number;
}

async function enrich(ctx: Ctx, rows: WorkOrderRow[]): Promise<DispatchOrder[]> {
  if (!rows.length) return [];
  // Sequential: callers run this inside their transactions.
  const categories = await listCategories(ctx.db, true);
  const codes = await listFaultCodes(ctx.db);
  const cat = new Map(categories.map((c) => [c.code, c]));
  const code = new Map(codes.map((c) => [c.id, c]));
  return rows.map((r) => {
    const c = cat.get(r.faultCategory);
    const fc = r.faultCodeId ? code.get(r.faultCodeId) : undefined;
    const skills = (fc?.requiredSkills ?? c?.requiredSkills ?? []) as SkillCode[];
    return {
      id: r.id,
      number: r.number,
      branchId: r.branchId,
      status: r.status as WorkOrderStatus,
      priority: r.priority as Priority,
      faultCategory: r.faultCategory as FaultCategoryCode,
      faultCodeId: r.faultCodeId,
      description: r.description,
      district: r.district,
      customerId: r.customerId,
      phoneId: r.phoneId,
      addressId: r.addressId,
      unitId: r.unitId,
      unit: { brand: r.unitBrand, model: r.unitModel, type: r.unitType as UnitType },
      requiredSkills: requiredSkillsFor(skills, r.unitType as UnitType),
      difficulty: c?.difficulty ?? 2,
      complexity: ((fc?.complexity ?? c?.complexity) === 'complex' ? 'complex' : 'simple') as 'simple' | 'complex',
      standardMinutes: fc?.standardMinutes ?? c?.standardMinutes ?? 60,
      likelyParts: [...(fc?.likelyParts ?? c?.likelyParts ?? [])],
      preferredWindow: r.preferredStart && r.preferredEnd ? { start: r.preferredStart, end: r.preferredEnd } : null,
      reworkOf: r.reworkOf,
      assigneeId: r.assigneeId,
      appointment: r.appointmentStart && r.appointmentEnd ? { start: r.appointmentStart, end: r.appointmentEnd } : null,
      statusChangedAt: r.statusChangedAt,
      createdAt: r.createdAt,
      version: r.version,
    };
  });
}

/** Orders by id for dispatch (not branch-checked: the caller checks). */
export async function dispatchOrders(ctx: Ctx, ids: readonly string[]): Promise<DispatchOrder[]> {
  return enrich(ctx, await ordersByIds(ctx.db, ids));
}

export async function dispatchOrder(ctx: Ctx, id: string): Promise<DispatchOrder | null> {
  return (await dispatchOrders(ctx, [id]))[0] ?? null;
}

/** The dispatch queue of a branch: ready orders (oldest first) and whether their dispatch clock ran out. */
export async function dispatchQueue(
  ctx: Ctx,
  branchId: string,
  limit = 500,
): Promise<{ orders: DispatchOrder[]; breached: Set<string>; openAlerts: number }> {
  const rows = await ordersInStatuses(ctx.db, branchId, ['ready'], limit);
  const [orders, breached, openAlerts] = await Promise.all([
    enrich(ctx, rows),
    ordersWithOpenAlert(
      ctx.db,
      rows.map((r) => r.id),
      'dispatch',
    ),
    countOpenAlertsOfBranch(ctx.db, branchId),
  ]);
  return { orders, breached, openAlerts };
}
