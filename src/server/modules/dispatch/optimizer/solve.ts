/** Public entry points: `solve` and `insertUrgent`, and conversion of the internal solution to a `Plan`. */
import { compile, type Instance } from './model';
import { runSearch } from './search';
import type { Solution } from './solution';
import type {
  Job,
  MovedJob,
  Plan,
  PlannedRoute,
  PlannedStop,
  Problem,
  SolveOptions,
  UnassignedJob,
  UrgentOptions,
  UrgentResult,
} from './types';

/** Plan the routes of a problem. Synchronous and CPU-bound: call it from a worker (`runInWorker`) in a server. */
export function solve(problem: Problem, options: SolveOptions = {}): Plan {
  const startTime = performance.now();
  const inst = compile(problem);
  const mode = problem.objective?.mode ?? 'minVehicles';
  const initial = options.initial ? routesOfPlan(inst, options.initial) : undefined;
  const res = runSearch(inst, {
    timeLimitMs: options.timeLimitMs ?? 10_000,
    seed: options.seed ?? 1,
    maxIterations: options.maxIterations,
    onProgress: options.onProgress,
    progressIntervalMs: options.progressIntervalMs,
    signal: options.signal,
    routeMinShare: options.routeMinShare,
    tuning: options.tuning,
    startTime,
    minVehicles: mode === 'minVehicles',
    initial,
  });
  return toPlan(inst, res.best, res.iterations, res.elapsedMs);
}

function routesOfPlan(inst: Instance, plan: Pick<Plan, 'routes'>): number[][] {
  const jobIndex = new Map(inst.jobIds.map((id, i) => [id, i]));
  const techIndex = new Map(inst.techIds.map((id, i) => [id, i]));
  const routes: number[][] = Array.from({ length: inst.m }, () => []);
  for (const route of plan.routes) {
    const v = techIndex.get(route.technicianId);
    if (v === undefined) continue;
    for (const s of route.stops) {
      const j = jobIndex.get(s.jobId);
      if (j !== undefined) (routes[v] as number[]).push(j);
    }
  }
  return routes;
}

/** Convert the internal solution to the public plan (schedule at the earliest times). */
export function toPlan(inst: Instance, sol: Solution, iterations: number, elapsedMs: number): Plan {
  const { n, N, S, T, svc, early, softLate } = inst;
  const routes: PlannedRoute[] = [];
  let distance = 0;
  let travelTime = 0;
  let lateness = 0;
  let maxWork = 0;
  let minWork = Number.POSITIVE_INFINITY;
  for (let r = 0; r < inst.m; r++) {
    const L = sol.len[r] as number;
    if (L === 0) continue;
    const base = r * S;
    const stops: PlannedStop[] = [];
    let prev = n + 2 * r;
    let t = early[prev] as number;
    let tt = 0;
    for (let p = 1; p <= L; p++) {
      const j = sol.seq[base + p] as number;
      const arrival = t + (svc[prev] as number) + (T[prev * N + j] as number);
      tt += T[prev * N + j] as number;
      const start = sol.est[base + p] as number;
      const late = Math.max(0, start - (softLate[j] as number));
      lateness += late;
      stops.push({ jobId: inst.jobIds[j] as string, arrival, start, end: start + (svc[j] as number), lateness: late });
      t = start;
      prev = j;
    }
    const endNode = n + 2 * r + 1;
    tt += T[prev * N + endNode] as number;
    const first = sol.seq[base + 1] as number;
    // leave as late as possible without delaying the first start
    const departure = Math.max(
      early[n + 2 * r] as number,
      (sol.est[base + 1] as number) - (T[(n + 2 * r) * N + first] as number),
    );
    const work = sol.rWork[r] as number;
    routes.push({
      technicianId: inst.techIds[r] as string,
      stops,
      departure,
      returnTime: sol.est[base + L + 1] as number,
      distance: sol.rDist[r] as number,
      travelTime: tt,
      work,
      load: sol.rLoad[r] as number,
    });
    distance += sol.rDist[r] as number;
    travelTime += tt;
    maxWork = Math.max(maxWork, work);
    minWork = Math.min(minWork, work);
  }
  const unassigned: UnassignedJob[] = [];
  let unassignedPriority = 0;
  for (let j = 0; j < n; j++) {
    if ((sol.routeOf[j] as number) >= 0) continue;
    unassigned.push({
      jobId: inst.jobIds[j] as string,
      reason: inst.reasons[j] || 'no feasible place in any route (windows, shifts, capacity or skills)',
    });
    unassignedPriority += inst.priority[j] as number;
  }
  return {
    routes,
    unassigned,
    summary: {
      assigned: sol.assigned,
      unassigned: unassigned.length,
      unassignedPriority,
      vehicles: routes.length,
      distance,
      travelTime,
      lateness,
      maxWork: routes.length ? maxWork : 0,
      minWork: routes.length ? minWork : 0,
      cost: sol.totalCost(),
    },
    iterations,
    elapsedMs,
  };
}

/**
 * "Insert now": place one urgent job into the current plan with the least disruption. First the
 * cheapest feasible insertion (other jobs keep their technician and order; later starts may shift);
 * if there is none, a short ruin-and-recreate repair that penalises moving jobs to another technician.
 * Locked jobs never move. Jobs of the problem that are not in `currentPlan` are left out.
 */
export function insertUrgent(
  problem: Problem,
  currentPlan: Pick<Plan, 'routes'>,
  job: Job,
  options: UrgentOptions = {},
): UrgentResult {
  const t0 = performance.now();
  const budget = options.timeLimitMs ?? 800;
  const planned = new Set<string>();
  for (const r of currentPlan.routes) for (const s of r.stops) planned.add(s.jobId);
  const urgentPriority = job.priority ?? 1;
  // Existing appointments weigh more than the urgent job: the repair never drops one to make room.
  const jobs = problem.jobs
    .filter((j) => planned.has(j.id) && j.id !== job.id)
    .map((j) => ({ ...j, priority: (j.priority ?? 1) * (urgentPriority + 1) }));
  const urgent: Job = { ...job, priority: urgentPriority };
  const sub: Problem = { ...problem, jobs: [...jobs, urgent] };
  const inst = compile(sub);
  const u = inst.n - 1;
  const initial = routesOfPlan(inst, currentPlan);
  for (let v = 0; v < inst.m; v++) for (const j of initial[v] as number[]) inst.pref[j] = v;
  // moving a job to another technician costs more than any travel saving
  inst.changePenalty = inst.vehicleCost > 0 ? inst.vehicleCost : (inst.unassignedCost[0] ?? 1) / (inst.n + 1);

  const before = new Map<string, { tech: string; start: number }>();
  for (const r of currentPlan.routes) {
    for (const s of r.stops) before.set(s.jobId, { tech: r.technicianId, start: s.start });
  }

  // Load the current routes; then the cheapest feasible insertion of the urgent job.
  const res = runSearch(inst, {
    timeLimitMs: 0,
    seed: options.seed ?? 1,
    minVehicles: false,
    initial,
    maxIterations: 0,
    polish: false,
  });
  const sol = res.best;
  let plan: Plan;
  if ((sol.routeOf[u] as number) < 0 || sol.unCount > 0) {
    const left = Math.max(50, budget - (performance.now() - t0));
    const rep = runSearch(inst, {
      timeLimitMs: left,
      seed: options.seed ?? 1,
      minVehicles: false,
      initial,
      routeMinShare: 0,
    });
    plan = toPlan(inst, rep.best, rep.iterations, performance.now() - t0);
  } else plan = toPlan(inst, sol, res.iterations, performance.now() - t0);

  const moved: MovedJob[] = [];
  let technicianId: string | null = null;
  let start: number | null = null;
  for (const r of plan.routes) {
    for (const s of r.stops) {
      if (s.jobId === urgent.id) {
        technicianId = r.technicianId;
        start = s.start;
        continue;
      }
      const b = before.get(s.jobId);
      if (b && (b.tech !== r.technicianId || Math.abs(b.start - s.start) > 1e-6)) {
        moved.push({
          jobId: s.jobId,
          fromTechnicianId: b.tech,
          toTechnicianId: r.technicianId,
          fromStart: b.start,
          toStart: s.start,
        });
      }
    }
  }
  return { plan, inserted: technicianId !== null, technicianId, start, moved };
}
