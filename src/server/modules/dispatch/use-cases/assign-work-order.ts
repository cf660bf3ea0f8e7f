import { writeAudit } from '@server/modules/identity';
import { changeWorkOrderStatus } from '@server/modules/intake';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import { sqlState } from '@server/platform/http/db-errors';
import type { Assignment } from '@shared/contracts/dispatch.contract';
import type { WorkOrderStatus } from '@shared/domain/work-order';
import {
  type AssignmentRow,
  insertAssignment,
  latestAssignmentsOfOrders,
  lockActiveAssignmentOfOrder,
  lockTechnician,
  type TechnicianRow,
  updateAssignment,
} from '../dispatch.repository';
import { toAssignment } from '../dispatch.views';
import { localDay } from '../domain/day-time';
import {
  emitChange,
  startClocks,
  stopClocks,
  tellCustomerAssigned,
  tellTechnicianAssigned,
  tellTechnicianWithdrawn,
  windowText,
} from './assignment-support';
import { branchTimeZone, todayIn } from './day-context';
import { ASSIGNABLE, computeRecommendation, loadOrderFor, reasonsOf } from './recommend-technicians';

export interface AssignInput {
  technicianId: string;
  window: { start: string; end: string };
  version: number;
  overrideReason?: string | undefined;
  /** Reassignment only: why the appointment moves. */
  reason?: string | undefined;
}

export interface AssignResult {
  assignment: Assignment;
  workOrderVersion: number;
  workOrderStatus: WorkOrderStatus;
}

const MIN = 60_000;

function zh(ctx: Ctx): boolean {
  return ctx.request.locale === 'zh-CN';
}

function checkWindow(ctx: Ctx, start: Date, end: Date): void {
  const minutes = (end.getTime() - start.getTime()) / MIN;
  if (!(minutes >= 30 && minutes <= 600)) {
    throw AppError.field(
      'window.end',
      'length',
      zh(ctx) ? '预约时段应在 30 分钟到 10 小时之间' : 'The window must last between 30 minutes and 10 hours',
    );
  }
  if (start.getTime() < ctx.now.getTime() - 5 * MIN) {
    throw AppError.field(
      'window.start',
      'past',
      zh(ctx) ? '预约开始时间不能早于现在' : 'The window cannot start in the past',
    );
  }
}

/**
 * Assigns (or, with `mode: 'reassign'`, moves) an order to a technician for a window, in one transaction:
 * the technician row is locked first (assignments of one technician are serialised), the rules are checked on the
 * day's data (eligible, inside the shift, an override reason when not the top recommendation), the order moves
 * through intake's life cycle (version checked), and the appointment is inserted — the database's exclusion
 * constraint refuses an overlap with DOUBLE_BOOKED whatever raced with us. Clocks start; technician and customer
 * are told through the outbox; the board hears of it after commit.
 */
export async function assignWorkOrder(
  ctx: Ctx,
  workOrderId: string,
  input: AssignInput,
  mode: 'assign' | 'reassign' = 'assign',
): Promise<AssignResult> {
  const actor = requireActor(ctx.actor);
  const start = new Date(input.window.start);
  const end = new Date(input.window.end);
  checkWindow(ctx, start, end);
  return withTransaction(ctx, async (tx) => {
    // A reassignment touches two technicians' days: both are locked, in one fixed order, so two moves in opposite
    // directions queue up (and get DOUBLE_BOOKED) instead of deadlocking on each other's appointments.
    const previousTech =
      mode === 'reassign'
        ? ((await latestAssignmentsOfOrders(tx.db, [workOrderId])).find((a) => a.active)?.technicianId ?? null)
        : null;
    let tech: TechnicianRow | null = null;
    for (const id of [...new Set([input.technicianId, previousTech ?? input.technicianId])].sort()) {
      const row = await lockTechnician(tx.db, id);
      if (id === input.technicianId) tech = row;
    }
    const order = await loadOrderFor(tx, workOrderId);
    if (!tech || tech.branchId !== order.branchId) {
      throw AppError.field(
        'technicianId',
        'not_found',
        zh(tx) ? '该工程师不在此工单的网点' : 'No such technician in the order’s branch',
      );
    }
    const legal =
      mode === 'assign' ? order.status === 'ready' : ASSIGNABLE.includes(order.status) && order.status !== 'ready';
    if (!legal) throw new AppError('ILLEGAL_TRANSITION', { from: order.status, event: mode });
    if (order.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: order.version });

    const timeZone = await branchTimeZone(tx, order.branchId);
    const day = localDay(start, timeZone);
    if (day < todayIn(tx, timeZone)) throw AppError.field('window.start', 'past', 'past day');
    const rec = await computeRecommendation(tx, order, day);
    const chosen = rec.ranked.find((c) => c.tech.bundle.tech.userId === tech.userId);
    const blocked = rec.ineligible.find((i) => i.tech.bundle.tech.userId === tech.userId);
    if (!chosen) {
      const failures = blocked?.failures ?? [];
      // "No slot" means the earliest-slot search found no gap; an explicit window may still fit (checked below).
      if (!(failures.length === 1 && failures[0]?.code === 'no_slot')) {
        throw new AppError('NOT_ELIGIBLE', {
          technicianId: tech.userId,
          reasons: failures.map((f) => reasonsOf(f, tx.request.locale)),
        });
      }
    }
    const dayCtx = (chosen ?? blocked)?.tech;
    const shift = dayCtx?.shift.shift;
    if (!shift || start < shift.start || end > shift.end) {
      throw new AppError('NOT_ELIGIBLE', {
        technicianId: tech.userId,
        reasons: [
          {
            code: 'outside_shift',
            params: {},
            text: zh(tx) ? '预约时段不在该工程师当天的班次内' : 'The window is outside the technician’s shift that day',
          },
        ],
      });
    }
    const top = rec.ranked[0]?.tech.bundle.tech.userId ?? null;
    const current = mode === 'reassign' ? await lockActiveAssignmentOfOrder(tx.db, order.id) : null;
    const changesTechnician = !current || current.technicianId !== tech.userId;
    if (changesTechnician && top !== tech.userId && !input.overrideReason) {
      throw AppError.field(
        'overrideReason',
        'required',
        zh(tx)
          ? '所选工程师不是系统首选，请填写改选原因'
          : 'This technician is not the top recommendation: give a reason',
      );
    }

    if (current) {
      const ended = await updateAssignment(tx.db, current.id, current.version, {
        state: 'replaced',
        active: false,
        endReason: input.reason ?? null,
        endedAt: tx.now,
        updatedAt: tx.now,
      });
      if (!ended) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
      await stopClocks(tx, current.id, ['contact', 'arrival', 'overrun']);
    }

    const after = await changeWorkOrderStatus(tx, {
      workOrderId: order.id,
      version: input.version,
      event: mode === 'assign' ? { type: 'assign' } : { type: 'reassign', reason: input.reason ?? '' },
      details: {
        technicianId: tech.userId,
        technicianName: tech.name,
        window: { start: start.toISOString(), end: end.toISOString() },
        ...(input.overrideReason ? { overrideReason: input.overrideReason } : {}),
        ...(current ? { previousTechnicianId: current.technicianId } : {}),
      },
      patch: { assigneeId: tech.userId, assigneeName: tech.name, appointmentStart: start, appointmentEnd: end },
    });

    let row: AssignmentRow;
    try {
      row = await insertAssignment(tx.db, {
        workOrderId: order.id,
        workOrderNumber: order.number,
        technicianId: tech.userId,
        branchId: order.branchId,
        startAt: start,
        endAt: end,
        state: 'assigned',
        active: true,
        overrideReason: changesTechnician && top !== tech.userId ? (input.overrideReason ?? null) : null,
        recommendedTechnicianId: top,
        assignedBy: actor.userId,
        assignedByName: actor.displayName,
        createdAt: tx.now,
        updatedAt: tx.now,
      });
    } catch (err) {
      const state = sqlState(err);
      if (state === '23P01') throw new AppError('DOUBLE_BOOKED', { technicianId: tech.userId });
      if (state === '23505') throw new AppError('VERSION_CONFLICT', { currentVersion: order.version });
      throw err;
    }

    await startClocks(tx, row);
    const text = windowText(start, end, timeZone);
    await tellTechnicianAssigned(tx, tech, order, text);
    if (current && current.technicianId !== tech.userId) {
      await tellTechnicianWithdrawn(tx, current.technicianId, order, input.reason ?? '');
    }
    await tellCustomerAssigned(tx, order, tech, text);
    if (input.overrideReason && changesTechnician && top !== tech.userId) {
      await writeAudit(tx, {
        action: 'dispatch.override',
        objectType: 'work_order',
        objectId: order.id,
        details: { technicianId: tech.userId, recommended: top, reason: input.overrideReason },
      });
    }
    emitChange(tx, row, mode === 'assign' ? 'assigned' : 'reassigned', current?.technicianId ?? null);
    return {
      assignment: toAssignment(row, tech),
      workOrderVersion: after.version,
      workOrderStatus: after.status as WorkOrderStatus,
    };
  });
}

/** Takes an order back from its technician: the appointment ends, the order returns to the queue (ready). */
export async function unassignWorkOrder(
  ctx: Ctx,
  workOrderId: string,
  input: { version: number; reason: string },
): Promise<{ workOrderVersion: number; workOrderStatus: WorkOrderStatus }> {
  requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const order = await loadOrderFor(tx, workOrderId);
    const current = await lockActiveAssignmentOfOrder(tx.db, order.id);
    const after = await changeWorkOrderStatus(tx, {
      workOrderId: order.id,
      version: input.version,
      event: { type: 'unassign', reason: input.reason },
      patch: { assigneeId: null, assigneeName: null, appointmentStart: null, appointmentEnd: null },
    });
    if (current) {
      const ended = await updateAssignment(tx.db, current.id, current.version, {
        state: 'unassigned',
        active: false,
        endReason: input.reason,
        endedAt: tx.now,
        updatedAt: tx.now,
      });
      if (ended) {
        await stopClocks(tx, current.id, ['contact', 'arrival', 'overrun']);
        await tellTechnicianWithdrawn(tx, current.technicianId, order, input.reason);
        emitChange(tx, ended, 'unassigned');
      }
    }
    return { workOrderVersion: after.version, workOrderStatus: after.status as WorkOrderStatus };
  });
}
