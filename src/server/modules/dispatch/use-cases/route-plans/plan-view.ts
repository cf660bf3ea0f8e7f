import type { Ctx } from '@server/platform/context';
import type { RoutePlanProgress } from '@shared/contracts/dispatch.contract';
import type { RoutePlan } from '@shared/contracts/dispatch-plans.contract';
import type { Locale } from '@shared/errors';
import type { RoutePlanRow } from '../../route-plans.repository';
import { planReasonText, type StoredProposal } from '../route-plan-model';

/** What `route_plans.progress` holds: the public progress (without the stop flag) plus liveness and errors. */
export interface StoredProgress extends Omit<RoutePlanProgress, 'remainingMs' | 'stopRequested'> {
  /** When the running process last wrote (stale heartbeats: the process is gone, see `abandoned`). */
  heartbeatAt?: string;
  /** Set by stopPlan on another process than the one running the plan; that one stops at its next write. */
  stopRequested?: boolean;
  error?: string;
}

/** A running plan whose process has not written for this long is taken as lost (crash, restart). */
export const HEARTBEAT_STALE_MS = 30_000;

export function initialProgress(timeLimitMs: number, at: Date): StoredProgress {
  return {
    phase: 'starting',
    elapsedMs: 0,
    timeLimitMs,
    iterations: 0,
    assigned: 0,
    unassigned: 0,
    technicians: 0,
    travelMinutes: 0,
    heartbeatAt: at.toISOString(),
  };
}

export function publicProgress(p: StoredProgress | null, running: boolean): RoutePlanProgress | null {
  if (!p) return null;
  const n = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : 0);
  return {
    phase: p.phase ?? 'starting',
    elapsedMs: n(p.elapsedMs),
    timeLimitMs: n(p.timeLimitMs),
    remainingMs: running ? Math.max(0, n(p.timeLimitMs) - n(p.elapsedMs)) : 0,
    iterations: n(p.iterations),
    assigned: n(p.assigned),
    unassigned: n(p.unassigned),
    technicians: n(p.technicians),
    travelMinutes: n(p.travelMinutes),
    stopRequested: p.stopRequested === true,
  };
}

/** A `running` plan that no process is running any more (its heartbeat is older than HEARTBEAT_STALE_MS). */
export function abandoned(row: RoutePlanRow, now: Date): boolean {
  if (row.status !== 'running') return false;
  const p = row.progress as StoredProgress | null;
  const beat = p?.heartbeatAt ? Date.parse(p.heartbeatAt) : row.createdAt.getTime();
  return now.getTime() - beat > HEARTBEAT_STALE_MS;
}

export function toRoutePlan(row: RoutePlanRow, locale: Locale): RoutePlan {
  const progress = row.progress as StoredProgress | null;
  const stored = row.proposal as StoredProposal | null;
  return {
    id: row.id,
    branchId: row.branchId,
    date: row.day,
    status: row.status as RoutePlan['status'],
    objective: row.objective as RoutePlan['objective'],
    timeLimitSeconds: Math.round(row.timeLimitMs / 1000),
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
    appliedAt: row.appliedAt ? row.appliedAt.toISOString() : null,
    progress: publicProgress(progress, row.status === 'running'),
    proposal: stored
      ? {
          routes: stored.routes,
          moves: stored.moves,
          unassigned: stored.unassigned.map((u) => ({ ...u, reason: planReasonText(u.reason, locale) })),
          comparison: stored.comparison,
        }
      : null,
    error: row.status === 'failed' ? (progress?.error ?? 'failed') : null,
    version: row.version,
  };
}

/** The stream's `plan` event for a plan row. */
export function emitPlanChanged(ctx: Pick<Ctx, 'events'>, row: RoutePlanRow): void {
  ctx.events.emit('dispatch.planChanged', {
    planId: row.id,
    branchId: row.branchId,
    day: row.day,
    status: row.status as RoutePlan['status'],
    progress: publicProgress(row.progress as StoredProgress | null, row.status === 'running'),
  });
}
