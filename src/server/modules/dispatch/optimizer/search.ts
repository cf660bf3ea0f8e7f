/**
 * The search: construction by cheapest insertion, then (in `minVehicles` mode) a route-minimisation
 * phase, then ruin-and-recreate with simulated-annealing acceptance on the hierarchical cost, with a
 * local search applied to every new best solution.
 */
import { LocalSearch } from './local-search';
import type { Instance } from './model';
import { Rng } from './rng';
import { RuinRecreate } from './ruin-recreate';
import { Solution } from './solution';
import type { ProgressInfo, SearchTuning, StopSignal } from './types';

export interface SearchOptions {
  timeLimitMs: number;
  seed: number;
  maxIterations?: number;
  onProgress?: (best: ProgressInfo, elapsedMs: number) => void;
  progressIntervalMs?: number;
  signal?: StopSignal;
  routeMinShare?: number;
  minVehicles: boolean;
  /** Initial routes per technician (job indices), for warm starts. */
  initial?: (readonly number[])[];
  tuning?: SearchTuning;
  now?: () => number;
  /** Time origin (same clock as `now`), e.g. taken before compiling the instance. */
  startTime?: number;
  /** Run the local search after construction (default true). */
  polish?: boolean;
}

export interface SearchResult {
  best: Solution;
  iterations: number;
  elapsedMs: number;
}

const defaultNow = (): number => performance.now();

export function runSearch(inst: Instance, opts: SearchOptions): SearchResult {
  const now = opts.now ?? defaultNow;
  const t0 = opts.startTime ?? now();
  const rng = new Rng(opts.seed);
  const tu = opts.tuning ?? {};
  const blink = tu.blink ?? 0.01;
  const useLs = tu.localSearch !== false;
  const rr = new RuinRecreate(inst, rng, {
    avgRemoved: tu.avgRemoved ?? 10,
    maxString: tu.maxString ?? 10,
    blink,
  });
  const ls = new LocalSearch(inst, rng);
  const cur = new Solution(inst);
  const best = new Solution(inst);
  const maxIt = opts.maxIterations ?? Number.POSITIVE_INFINITY;
  const limit = opts.timeLimitMs;
  const interval = opts.progressIntervalMs ?? 250;
  let iterations = 0;
  let lastProgress = -1e9;
  let phase: ProgressInfo['phase'] = 'construct';

  const elapsed = (): number => now() - t0;
  const stopped = (): boolean => iterations >= maxIt || opts.signal?.aborted === true || elapsed() >= limit;
  const report = (force: boolean): void => {
    if (!opts.onProgress) return;
    const e = elapsed();
    if (!force && e - lastProgress < interval) return;
    lastProgress = e;
    opts.onProgress(
      {
        phase,
        iterations,
        assigned: best.assigned,
        unassigned: best.unCount,
        vehicles: best.used,
        distance: best.totalDistance(),
        cost: best.totalCost(),
      },
      e,
    );
  };

  // Warm start: place the given routes as far as they are feasible.
  if (opts.initial) {
    for (let r = 0; r < inst.m && r < opts.initial.length; r++) {
      const route = opts.initial[r] as readonly number[];
      for (const j of route) {
        if ((cur.routeOf[j] as number) >= 0 || !inst.servable[j]) continue;
        if (appendFeasible(cur, r, j)) cur.dropUnassigned(j);
      }
    }
  }
  // Construction: cheapest insertion with all technicians available.
  rr.params = { ...rr.params, blink: 0 };
  rr.recreate(cur, inst.m);
  rr.params = { ...rr.params, blink };
  if (opts.polish !== false) ls.run(cur);
  best.copyFrom(cur);
  let bestCost = best.totalCost();
  report(true);

  // Phase 1: route minimisation (fleet minimisation by absence counters, as in SISR).
  if (opts.minVehicles && cur.unCount === 0) {
    phase = 'routes';
    const share = opts.routeMinShare ?? 0.5;
    const itLimit = Number.isFinite(maxIt) ? maxIt * share : Number.POSITIVE_INFINITY;
    const deadline = limit * share;
    const absence = rr.absence;
    const blend = tu.blend ?? 1;
    const rmTemp = (tu.t0 ?? 1) * inst.costScale;
    absence.fill(0);
    const mark = new Uint8Array(inst.S + 2);
    outer: while (cur.used > inst.minRoutes) {
      // remove the route with the fewest customers (no locked jobs)
      let pick = -1;
      let pickLen = Number.POSITIVE_INFINITY;
      for (let r = 0; r < inst.m; r++) {
        const L = cur.len[r] as number;
        if (L === 0) continue;
        let hasFixed = false;
        for (let p = 1; p <= L; p++) if (inst.fixed[cur.seq[r * inst.S + p] as number]) hasFixed = true;
        if (hasFixed) continue;
        const key = L + rng.float() * 2;
        if (key < pickLen) {
          pickLen = key;
          pick = r;
        }
      }
      if (pick < 0) break;
      cur.clearRoute(pick, mark);
      const maxRoutes = cur.used;
      let sumAbs = 0;
      for (let i = 0; i < cur.unCount; i++) sumAbs += absence[cur.un[i] as number] as number;
      let rmCost = cur.totalDistance() + blend * inst.costScale * (sumAbs + cur.unCount);
      while (cur.unCount > 0) {
        if (iterations >= itLimit || elapsed() >= deadline || stopped()) break outer;
        iterations++;
        const prevUn: number = cur.unCount;
        cur.beginLog();
        rr.ruin(cur);
        rr.recreate(cur, maxRoutes, true);
        let s = 0;
        for (let i = 0; i < cur.unCount; i++) s += absence[cur.un[i] as number] as number;
        let accept: boolean;
        if (blend > 0) {
          // distance-aware variant: annealing on distance + blend × scale × (absences + 1) of left-out customers
          const d = cur.totalDistance();
          const pen = d + blend * inst.costScale * (s + cur.unCount);
          accept = cur.unCount < prevUn || pen < rmCost - rmTemp * Math.log(rng.float());
          if (accept) rmCost = pen;
        } else accept = cur.unCount < prevUn || (cur.unCount === prevUn && s < sumAbs);
        if (accept) {
          cur.commit();
          sumAbs = s;
        } else cur.rollback();
        if (blend > 0) rmCost = cur.totalDistance() + blend * inst.costScale * (sumAbs + 2 * cur.unCount);
        for (let i = 0; i < cur.unCount; i++) {
          const c = cur.un[i] as number;
          absence[c] = (absence[c] as number) + 1;
        }
        sumAbs += cur.unCount;
        report(false);
      }
      if (useLs) ls.run(cur);
      best.copyFrom(cur);
      bestCost = best.totalCost();
      report(true);
    }
    cur.copyFrom(best);
  }

  // Phase 2: distance (and balance / lateness) by ruin and recreate with simulated annealing.
  // With a capped fleet (minVehicles), the annealing works on a relaxed cost: a customer left out costs
  // `relax` times its return trip from the depot instead of the (huge) true penalty, and the vehicle
  // term is ignored, so the search can pass through incomplete states; only complete plans become best.
  phase = 'distance';
  const relax = tu.relax ?? 0;
  const roundTrip = new Float64Array(inst.n);
  for (let j = 0; j < inst.n; j++) {
    let b = Number.POSITIVE_INFINITY;
    for (let v = 0; v < inst.m; v++) {
      if (!inst.allowed[j * inst.m + v]) continue;
      const s0 = inst.n + 2 * v;
      const d = (inst.C[s0 * inst.N + j] as number) + (inst.C[j * inst.N + s0 + 1] as number);
      if (d < b) b = d;
    }
    roundTrip[j] = relax * (Number.isFinite(b) ? b : 0) + inst.costScale;
  }
  const maxRoutesFor = (): number => (opts.minVehicles && best.unCount === 0 ? best.used : inst.m);
  let maxRoutes = maxRoutesFor();
  const relaxed = (): boolean => relax > 0 && opts.minVehicles && maxRoutes < inst.m && best.unCount === 0;
  const saCost = (sol: Solution): number => {
    if (!relaxed()) return sol.totalCost();
    let c = 0;
    for (let r = 0; r < inst.m; r++) {
      if ((sol.len[r] as number) > 0) c += (sol.rCost[r] as number) - inst.vehicleCost;
    }
    for (let i = 0; i < sol.unCount; i++) c += roundTrip[sol.un[i] as number] as number;
    return c;
  };
  let curCost = saCost(cur);
  const scale = inst.costScale;
  const T0 = (tu.t0 ?? 1) * scale;
  const T1 = (tu.t1 ?? 0.01) * scale;
  const startIt = iterations;
  const startMs = elapsed();
  while (!stopped()) {
    iterations++;
    let frac: number;
    if (Number.isFinite(maxIt)) frac = (iterations - startIt) / Math.max(1, maxIt - startIt);
    else frac = (elapsed() - startMs) / Math.max(1, limit - startMs);
    const temp = T0 * (T1 / T0) ** Math.min(1, frac);
    cur.beginLog();
    rr.ruin(cur);
    rr.recreate(cur, maxRoutes);
    const c = saCost(cur);
    if (c < curCost - temp * Math.log(rng.float())) {
      cur.commit();
      curCost = c;
      const trueCost = cur.totalCost();
      if (trueCost < bestCost - 1e-9) {
        if (useLs) ls.run(cur, true);
        best.copyFrom(cur);
        bestCost = best.totalCost();
        maxRoutes = maxRoutesFor();
        curCost = saCost(cur);
        report(false);
      }
    } else cur.rollback();
    if ((iterations & 255) === 0) report(false);
  }
  phase = 'done';
  report(true);
  return { best, iterations, elapsedMs: elapsed() };
}

/** Append job j at the end of route r if that keeps the route feasible. */
export function appendFeasible(sol: Solution, r: number, j: number): boolean {
  const L = sol.len[r] as number;
  if (!sol.insertionFeasible(j, r, L)) return false;
  sol.insert(j, r, L);
  return true;
}
