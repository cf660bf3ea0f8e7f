/** Helpers for the optimizer's unit tests: random instances and naive (re)computations. */
import type { Instance } from './model';
import { Rng } from './rng';
import type { Job, Problem, Technician } from './types';

export interface RandomProblemOptions {
  jobs: number;
  vehicles: number;
  seed: number;
  /** Window width range. */
  width?: [number, number];
  horizon?: number;
  capacity?: number;
  service?: number;
}

/** Random VRPTW problem: coordinates in [0,100]², depot at the centre. */
export function randomProblem(o: RandomProblemOptions): Problem {
  const rng = new Rng(o.seed);
  const horizon = o.horizon ?? 600;
  const [w0, w1] = o.width ?? [60, 240];
  const jobs: Job[] = [];
  for (let i = 0; i < o.jobs; i++) {
    const x = rng.float() * 100;
    const y = rng.float() * 100;
    const d = Math.hypot(x - 50, y - 50);
    const width = w0 + rng.float() * (w1 - w0);
    const earliest = d + rng.float() * Math.max(1, horizon - 2 * d - width - 20);
    jobs.push({
      id: `j${i}`,
      location: { x, y },
      earliest,
      latest: earliest + width,
      service: o.service ?? 10,
      demand: 1 + rng.int(10),
    });
  }
  const technicians: Technician[] = Array.from({ length: o.vehicles }, (_, v) => ({
    id: `t${v}`,
    start: { x: 50, y: 50 },
    shiftStart: 0,
    shiftEnd: horizon,
    capacity: o.capacity ?? 1000,
  }));
  return { jobs, technicians, objective: { mode: 'minVehicles' } };
}

/** Naive forward simulation of a route of technician v: distance, or +Infinity when infeasible. */
export function naiveRoute(inst: Instance, v: number, route: readonly number[]): number {
  const { n, N, T, C, early, late, svc, dem, m } = inst;
  let prev = n + 2 * v;
  let t = early[prev] as number;
  let dist = 0;
  let load = 0;
  let work = 0;
  for (const x of [...route, n + 2 * v + 1]) {
    if (x < n) {
      if (!inst.allowed[x * m + v]) return Number.POSITIVE_INFINITY;
      load += dem[x] as number;
    }
    t = Math.max(early[x] as number, t + (svc[prev] as number) + (T[prev * N + x] as number));
    if (t > (late[x] as number) + 1e-9) return Number.POSITIVE_INFINITY;
    dist += C[prev * N + x] as number;
    work += (T[prev * N + x] as number) + (svc[prev] as number);
    prev = x;
  }
  if (load > (inst.cap[v] as number) || work > (inst.maxWork[v] as number)) return Number.POSITIVE_INFINITY;
  return dist;
}

/** Is the suffix of `route` (technician v) from index k feasible when service at route[k] starts at `start`? */
export function naiveSuffixFeasible(inst: Instance, v: number, route: readonly number[], k: number, start: number) {
  const { n, N, T, late, early, svc } = inst;
  const full = [n + 2 * v, ...route, n + 2 * v + 1];
  let t = start;
  if (t > (late[full[k] as number] as number) + 1e-9) return false;
  for (let p = k + 1; p < full.length; p++) {
    const a = full[p - 1] as number;
    const b = full[p] as number;
    t = Math.max(early[b] as number, t + (svc[a] as number) + (T[a * N + b] as number));
    if (t > (late[b] as number) + 1e-9) return false;
  }
  return true;
}

/** Route of technician r in a solution-like object, as job indices. */
export function routeJobs(seq: Int32Array, len: Int32Array, S: number, r: number): number[] {
  return Array.from(seq.subarray(r * S + 1, r * S + 1 + (len[r] as number)));
}

/** All permutations of 0..n-1 (Heap's algorithm). */
export function* permutations(n: number): Generator<number[]> {
  const a = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  yield a.slice();
  let i = 0;
  while (i < n) {
    if ((c[i] as number) < i) {
      const k = i % 2 === 0 ? 0 : (c[i] as number);
      const t = a[k] as number;
      a[k] = a[i] as number;
      a[i] = t;
      yield a.slice();
      c[i] = (c[i] as number) + 1;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}
