import { createSystemCtx } from '@server/platform/context';
import type { HttpDeps } from '@server/platform/http/server';
import { type ProgressInfo, runInWorker } from '../../optimizer';
import { mergeRoutePlanProgress, type RoutePlanRow, updateRoutePlanStatus } from '../../route-plans.repository';
import '../../route-plans.events';
import { type DayModel, proposalFrom } from '../route-plan-model';
import { emitPlanChanged, publicProgress, type StoredProgress } from './plan-view';

/** How often a running plan's progress goes to the database (heartbeat) and to the boards. */
const WRITE_EVERY_MS = 1_000;
const PUSH_EVERY_MS = 500;

interface Running {
  ac: AbortController;
  done: Promise<void>;
}

/**
 * Runs route plans in the background, each in a worker thread (`runInWorker`), so requests are never blocked.
 * A running plan lives in this process's memory (planId → AbortController); its progress is written about every
 * second (the heartbeat) and pushed to the boards every half second. Stopping aborts the search: the best plan so
 * far becomes the proposal. A plan whose process died stays `running` with a stale heartbeat and is marked
 * `failed` at the next start-up or when read (see plan-view `abandoned`).
 */
export class RoutePlanRunner {
  private readonly running = new Map<string, Running>();

  constructor(private readonly deps: Pick<HttpDeps, 'db' | 'log' | 'bus' | 'cipher' | 'clock'>) {}

  isLocal(planId: string): boolean {
    return this.running.has(planId);
  }

  start(plan: RoutePlanRow, model: DayModel): void {
    const ac = new AbortController();
    const done = this.run(plan, model, ac)
      .catch((err) => this.deps.log.error({ err, planId: plan.id }, 'route plan run failed'))
      .finally(() => this.running.delete(plan.id));
    this.running.set(plan.id, { ac, done });
  }

  /** Aborts a local run; waits (at most `waitMs`) until its best plan is stored. False when not running here. */
  async stop(planId: string, waitMs = 5_000): Promise<boolean> {
    const r = this.running.get(planId);
    if (!r) return false;
    r.ac.abort();
    await Promise.race([r.done, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
    return true;
  }

  /** Shutdown: every local run stops and stores its best plan so far. */
  async closeAll(): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.ac.abort();
    await Promise.race([
      Promise.allSettled(all.map((r) => r.done)),
      new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
    ]);
  }

  private ctx() {
    return createSystemCtx({ ...this.deps, now: this.deps.clock.now(), requestId: 'route-plan' });
  }

  private async run(plan: RoutePlanRow, model: DayModel, ac: AbortController): Promise<void> {
    const locked = model.jobs.filter((j) => j.kind === 'locked' && j.index !== null).length;
    // Orders no technician can take never reach the solver; they count as not placed from the start, as in the
    // proposal's list of unassigned orders.
    const unplaceable = model.jobs.filter((j) => j.kind !== 'locked' && j.index === null).length;
    const toProgress = (best: ProgressInfo, elapsedMs: number): StoredProgress => ({
      phase: best.phase,
      elapsedMs: Math.round(elapsedMs),
      timeLimitMs: plan.timeLimitMs,
      iterations: best.iterations,
      assigned: Math.max(0, best.assigned - locked),
      unassigned: best.unassigned + unplaceable,
      technicians: best.vehicles,
      travelMinutes: Math.round(best.distance),
    });
    let lastWrite = 0;
    let lastPush = 0;
    let writing = false;
    const onProgress = (best: ProgressInfo, elapsedMs: number): void => {
      const p = toProgress(best, elapsedMs);
      const t = performance.now();
      if (t - lastPush >= PUSH_EVERY_MS || best.phase === 'done') {
        lastPush = t;
        this.ctx().events.emit('dispatch.planChanged', {
          planId: plan.id,
          branchId: plan.branchId,
          day: plan.day,
          status: 'running',
          progress: publicProgress(p, true),
        });
      }
      if (!writing && t - lastWrite >= WRITE_EVERY_MS) {
        lastWrite = t;
        writing = true;
        void this.heartbeat(plan.id, p, ac).finally(() => {
          writing = false;
        });
      }
    };
    try {
      const result = await runInWorker(model.problem, {
        timeLimitMs: plan.timeLimitMs,
        seed: 1,
        progressIntervalMs: 250,
        onProgress,
        signal: ac.signal,
      });
      const proposal = proposalFrom(model, result);
      const ctx = this.ctx();
      const row = await updateRoutePlanStatus(ctx.db, plan.id, ['running'], {
        status: 'ready',
        finishedAt: ctx.now,
        progress: {
          ...toProgress(
            {
              phase: 'done',
              iterations: result.iterations,
              assigned: result.summary.assigned,
              unassigned: result.summary.unassigned,
              vehicles: result.summary.vehicles,
              distance: result.summary.distance,
              cost: result.summary.cost,
            },
            result.elapsedMs,
          ),
          heartbeatAt: ctx.now.toISOString(),
        },
        proposal,
      });
      if (row) emitPlanChanged(ctx, row);
    } catch (err) {
      const ctx = this.ctx();
      const message = err instanceof Error ? err.message : String(err);
      this.deps.log.error({ err, planId: plan.id }, 'route plan failed');
      const row = await updateRoutePlanStatus(ctx.db, plan.id, ['running'], {
        status: 'failed',
        finishedAt: ctx.now,
        progress: { ...((plan.progress as StoredProgress | null) ?? {}), error: message.slice(0, 300) },
      });
      if (row) emitPlanChanged(ctx, row);
    }
  }

  /** Writes progress + heartbeat; a stop asked on another process, or a plan no longer running, aborts the run. */
  private async heartbeat(planId: string, p: StoredProgress, ac: AbortController): Promise<void> {
    try {
      const ctx = this.ctx();
      const merged = await mergeRoutePlanProgress(ctx.db, planId, { ...p, heartbeatAt: ctx.now.toISOString() });
      if (!merged || merged.stopRequested === true) ac.abort();
    } catch (err) {
      this.deps.log.warn({ err, planId }, 'route plan progress not written');
    }
  }
}
