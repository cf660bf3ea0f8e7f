/**
 * Compiles a public `Problem` into the flat, typed-array instance the search works on.
 *
 * Nodes: jobs are 0..n-1; technician v has its start node n+2v and its end node n+2v+1. Travel time
 * `T` and cost `C` (distance) are dense N×N row-major matrices over nodes (C may be the same array).
 */
import type { Location, Matrix, Problem } from './types';

export interface Instance {
  readonly n: number;
  readonly m: number;
  readonly N: number;
  /** Row stride of the per-route arrays (max customers per route + 2 depot slots). */
  readonly S: number;
  readonly T: Float64Array;
  readonly C: Float64Array;
  readonly early: Float64Array;
  /** Hard latest start (for soft jobs: latest + maxLateness). */
  readonly late: Float64Array;
  /** Latest start after which lateness is charged (+Infinity for hard jobs). */
  readonly softLate: Float64Array;
  readonly svc: Float64Array;
  readonly dem: Float64Array;
  readonly cap: Float64Array;
  readonly maxWork: Float64Array;
  /** allowed[j*m+v] = 1 when technician v may do job j (skills, pin, lock). */
  readonly allowed: Uint8Array;
  readonly allAllowed: boolean;
  /** All technicians share start/end locations, shift, capacity and max work. */
  readonly homogeneous: boolean;
  readonly priority: Float64Array;
  /** Cost of leaving job j unassigned (priority × big weight). */
  readonly unassignedCost: Float64Array;
  /** Locked jobs: never removed by the search. */
  readonly fixed: Uint8Array;
  /** Preferred technician (for least-disruption repairs), -1 for none. */
  readonly pref: Int32Array;
  changePenalty: number;
  readonly vehicleCost: number;
  readonly balanceWeight: number;
  readonly balanceScale: number;
  readonly latenessWeight: number;
  readonly hasSoft: boolean;
  /** Neighbour lists for the local search (K per job, by distance + time-window compatibility). */
  readonly neigh: Int32Array;
  readonly K: number;
  /** Adjacency for string removal (KA per job, by distance). */
  readonly adj: Int32Array;
  readonly KA: number;
  /** Distance from the nearest technician start. */
  readonly depotDist: Float64Array;
  /** 1 when some technician can do the job alone (skills, window, capacity). */
  readonly servable: Uint8Array;
  /** Why a job cannot be served at all ('' when servable). */
  readonly reasons: string[];
  /** A lower bound on the number of technicians needed (capacity). */
  readonly minRoutes: number;
  /** Typical cost per customer, to scale temperatures. */
  readonly costScale: number;
  readonly jobIds: readonly string[];
  readonly techIds: readonly string[];
}

function isPoint(l: Location): l is { x: number; y: number } {
  return typeof l === 'object' && l !== null;
}

function matrixGetter(mat: Matrix, size: number | undefined): (a: number, b: number) => number {
  if (mat instanceof Float64Array || (mat.length > 0 && typeof mat[0] === 'number')) {
    const flat = mat as ArrayLike<number>;
    const s = size ?? Math.round(Math.sqrt(flat.length));
    if (s * s !== flat.length) throw new Error('flat matrix: length must be size*size');
    return (a, b) => flat[a * s + b] as number;
  }
  const rows = mat as readonly (readonly number[])[];
  return (a, b) => {
    const row = rows[a];
    const v = row?.[b];
    if (v === undefined) throw new Error(`matrix has no entry [${a}][${b}]`);
    return v;
  };
}

export function compile(problem: Problem): Instance {
  const jobs = problem.jobs;
  const techs = problem.technicians;
  const n = jobs.length;
  const m = techs.length;
  const N = n + 2 * m;
  const locs: Location[] = new Array(N);
  for (let j = 0; j < n; j++) locs[j] = (jobs[j] as (typeof jobs)[number]).location;
  for (let v = 0; v < m; v++) {
    const t = techs[v] as (typeof techs)[number];
    locs[n + 2 * v] = t.start;
    locs[n + 2 * v + 1] = t.end ?? t.start;
  }
  const ids = new Set<string>();
  for (const j of jobs) {
    if (ids.has(j.id)) throw new Error(`duplicate job id ${j.id}`);
    ids.add(j.id);
  }
  const techIndex = new Map<string, number>();
  techs.forEach((t, v) => {
    if (techIndex.has(t.id)) throw new Error(`duplicate technician id ${t.id}`);
    techIndex.set(t.id, v);
  });

  let timeFn: (a: Location, b: Location) => number;
  let distFn: ((a: Location, b: Location) => number) | null = null;
  if (problem.travelTime) {
    timeFn = problem.travelTime;
    if (problem.distance) distFn = problem.distance;
  } else if (problem.matrix) {
    const size = problem.matrix.size;
    const gt = matrixGetter(problem.matrix.time, size);
    const idx = (l: Location): number => {
      if (typeof l !== 'number') throw new Error('with a matrix, locations must be matrix indices');
      return l;
    };
    timeFn = (a, b) => gt(idx(a), idx(b));
    if (problem.matrix.distance) {
      const gd = matrixGetter(problem.matrix.distance, size);
      distFn = (a, b) => gd(idx(a), idx(b));
    } else if (problem.distance) distFn = problem.distance;
  } else {
    timeFn = (a, b) => {
      if (!isPoint(a) || !isPoint(b)) throw new Error('numeric locations need a matrix or a travelTime function');
      return Math.hypot(a.x - b.x, a.y - b.y);
    };
    if (problem.distance) distFn = problem.distance;
  }

  const T = new Float64Array(N * N);
  for (let a = 0; a < N; a++) {
    const la = locs[a] as Location;
    for (let b = 0; b < N; b++) T[a * N + b] = a === b ? 0 : timeFn(la, locs[b] as Location);
  }
  let C = T;
  if (distFn) {
    C = new Float64Array(N * N);
    for (let a = 0; a < N; a++) {
      const la = locs[a] as Location;
      for (let b = 0; b < N; b++) C[a * N + b] = a === b ? 0 : distFn(la, locs[b] as Location);
    }
  }

  const early = new Float64Array(N);
  const late = new Float64Array(N);
  const softLate = new Float64Array(N).fill(Number.POSITIVE_INFINITY);
  const svc = new Float64Array(N);
  const dem = new Float64Array(N);
  const priority = new Float64Array(n);
  const fixed = new Uint8Array(n);
  const pref = new Int32Array(n).fill(-1);
  const allowed = new Uint8Array(n * m).fill(1);
  const reasons: string[] = new Array(n).fill('');
  let hasSoft = false;
  let allAllowed = true;

  const techSkills = techs.map((t) => new Set(t.skills ?? []));
  for (let j = 0; j < n; j++) {
    const job = jobs[j] as (typeof jobs)[number];
    svc[j] = job.service ?? 0;
    dem[j] = job.demand ?? 1;
    const prio = job.priority ?? 1;
    priority[j] = prio;
    if (!(prio > 0)) throw new Error(`job ${job.id}: priority must be > 0`);
    let e = job.earliest ?? Number.NEGATIVE_INFINITY;
    let l = job.latest ?? Number.POSITIVE_INFINITY;
    if (job.soft && Number.isFinite(l)) {
      softLate[j] = l;
      hasSoft = true;
      l = l + (job.maxLateness ?? Number.POSITIVE_INFINITY);
    }
    let pin = -1;
    if (job.technicianId !== undefined) {
      pin = techIndex.get(job.technicianId) ?? -2;
    }
    if (job.locked) {
      if (job.lockedStart === undefined || job.technicianId === undefined) {
        throw new Error(`job ${job.id}: a locked job needs technicianId and lockedStart`);
      }
      e = job.lockedStart;
      l = job.lockedStart;
      softLate[j] = Number.POSITIVE_INFINITY;
      fixed[j] = 1;
    }
    early[j] = e;
    late[j] = l;
    const req = job.skills ?? [];
    for (let v = 0; v < m; v++) {
      let ok = pin === -1 || pin === v;
      if (ok) for (const s of req) if (!(techSkills[v] as Set<string>).has(s)) ok = false;
      if (!ok) {
        allowed[j * m + v] = 0;
        allAllowed = false;
      }
    }
    if (pin === -2) reasons[j] = `pinned technician ${job.technicianId} is not available`;
  }
  const cap = new Float64Array(m);
  const maxWork = new Float64Array(m);
  for (let v = 0; v < m; v++) {
    const t = techs[v] as (typeof techs)[number];
    cap[v] = t.capacity ?? Number.POSITIVE_INFINITY;
    maxWork[v] = t.maxWork ?? Number.POSITIVE_INFINITY;
    for (const k of [n + 2 * v, n + 2 * v + 1]) {
      early[k] = t.shiftStart;
      late[k] = t.shiftEnd;
    }
  }

  let homogeneous = m > 0;
  for (let v = 1; v < m && homogeneous; v++) {
    const s0 = n;
    const sv = n + 2 * v;
    if (cap[v] !== cap[0] || maxWork[v] !== maxWork[0]) homogeneous = false;
    if (early[sv] !== early[s0] || late[sv] !== late[s0]) homogeneous = false;
    for (let x = 0; x < N && homogeneous; x++) {
      if (T[sv * N + x] !== T[s0 * N + x] || T[(sv + 1) * N + x] !== T[(s0 + 1) * N + x]) homogeneous = false;
      if (T[x * N + sv] !== T[x * N + s0] || T[x * N + sv + 1] !== T[x * N + s0 + 1]) homogeneous = false;
      if (C[sv * N + x] !== C[s0 * N + x] || C[(sv + 1) * N + x] !== C[(s0 + 1) * N + x]) homogeneous = false;
      if (C[x * N + sv] !== C[x * N + s0] || C[x * N + sv + 1] !== C[x * N + s0 + 1]) homogeneous = false;
    }
  }

  // Servability: can some technician do the job on its own?
  const servable = new Uint8Array(n);
  const depotDist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let j = 0; j < n; j++) {
    let skill = false;
    let windowOk = false;
    let capOk = false;
    for (let v = 0; v < m; v++) {
      const s = n + 2 * v;
      const d = C[s * N + j] as number;
      if (d < (depotDist[j] as number)) depotDist[j] = d;
      if (!allowed[j * m + v]) continue;
      skill = true;
      if ((dem[j] as number) > (cap[v] as number)) continue;
      capOk = true;
      const st = Math.max(early[j] as number, (early[s] as number) + (T[s * N + j] as number));
      if (st > (late[j] as number)) continue;
      const back = st + (svc[j] as number) + (T[j * N + s + 1] as number);
      if (back > (late[s + 1] as number)) continue;
      if ((T[s * N + j] as number) + (svc[j] as number) + (T[j * N + s + 1] as number) > (maxWork[v] as number)) {
        continue;
      }
      windowOk = true;
      break;
    }
    if (skill && capOk && windowOk) servable[j] = 1;
    else if (!reasons[j]) {
      const job = jobs[j] as (typeof jobs)[number];
      if (m === 0) reasons[j] = 'no technician available';
      else if (!skill) {
        reasons[j] =
          job.technicianId !== undefined
            ? `pinned technician ${job.technicianId} lacks a required skill`
            : 'no technician has the required skills';
      } else if (!capOk) reasons[j] = 'demand exceeds every capable technician’s capacity';
      else reasons[j] = 'time window cannot be reached within any capable technician’s shift';
    }
  }

  // Scales and big weights for the hierarchical objective.
  let distUB = 0;
  let maxShift = 0;
  for (let a = 0; a < N; a++) {
    let mx = 0;
    for (let b = 0; b < N; b++) if ((C[a * N + b] as number) > mx) mx = C[a * N + b] as number;
    distUB += mx;
  }
  for (let v = 0; v < m; v++) {
    const len = (late[n + 2 * v] as number) - (early[n + 2 * v] as number);
    if (Number.isFinite(len) && len > maxShift) maxShift = len;
  }
  const mode = problem.objective?.mode ?? 'minVehicles';
  const latenessWeight = problem.objective?.latenessWeight ?? 1;
  const balanceWeight = mode === 'balance' ? (problem.objective?.balanceWeight ?? 1) : 0;
  let totalSvc = 0;
  for (let j = 0; j < n; j++) totalSvc += svc[j] as number;
  const balanceScale = Math.max(1e-9, (totalSvc + distUB / 2) / Math.max(1, m));
  let workUB = totalSvc;
  for (let a = 0; a < N; a++) {
    let mx = 0;
    for (let b = 0; b < N; b++) if ((T[a * N + b] as number) > mx) mx = T[a * N + b] as number;
    workUB += mx;
  }
  const balanceUB = (balanceWeight * workUB * workUB) / balanceScale;
  const lateUB = hasSoft ? latenessWeight * n * (maxShift > 0 ? maxShift : workUB) : 0;
  const level3UB = 2 * distUB + balanceUB + lateUB + 1;
  const vehicleCost = mode === 'minVehicles' ? level3UB : 0;
  const bigU = (m + 1) * vehicleCost + level3UB;
  const unassignedCost = new Float64Array(n);
  for (let j = 0; j < n; j++) unassignedCost[j] = (priority[j] as number) * bigU;

  // Neighbour lists.
  const K = Math.min(Math.max(0, n - 1), 40);
  const KA = Math.min(Math.max(0, n - 1), 100);
  const neigh = new Int32Array(n * K);
  const adj = new Int32Array(n * KA);
  const order = new Array<number>(n);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let j = 0; j < n; j++) if (j !== i) order[c++] = j;
    order.length = n - 1;
    for (let j = 0; j < n; j++) key[j] = C[i * N + j] as number;
    order.sort((a, b) => (key[a] as number) - (key[b] as number));
    for (let k = 0; k < KA; k++) adj[i * KA + k] = order[k] as number;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      // Proximity for granular search: distance + waiting + time warp of going i -> j (either way, best).
      const dij = C[i * N + j] as number;
      const tij = T[i * N + j] as number;
      const tji = T[j * N + i] as number;
      const ei = Number.isFinite(early[i] as number) ? (early[i] as number) : 0;
      const ej = Number.isFinite(early[j] as number) ? (early[j] as number) : 0;
      const li = late[i] as number;
      const lj = late[j] as number;
      const w1 = Math.max(0, ej - (svc[i] as number) - tij - li);
      const tw1 = Math.max(0, ei + (svc[i] as number) + tij - lj);
      const w2 = Math.max(0, ei - (svc[j] as number) - tji - lj);
      const tw2 = Math.max(0, ej + (svc[j] as number) + tji - li);
      const p1 = 0.2 * (Number.isFinite(w1) ? w1 : 0) + (Number.isFinite(tw1) ? tw1 : 0);
      const p2 = 0.2 * (Number.isFinite(w2) ? w2 : 0) + (Number.isFinite(tw2) ? tw2 : 0);
      key[j] = dij + Math.min(p1, p2);
    }
    order.length = n;
    c = 0;
    for (let j = 0; j < n; j++) if (j !== i) order[c++] = j;
    order.length = n - 1;
    order.sort((a, b) => (key[a] as number) - (key[b] as number));
    for (let k = 0; k < K; k++) neigh[i * K + k] = order[k] as number;
    order.length = n;
  }

  let totalDem = 0;
  let cap0 = 0;
  for (let j = 0; j < n; j++) if (servable[j]) totalDem += dem[j] as number;
  for (let v = 0; v < m; v++) cap0 = Math.max(cap0, cap[v] as number);
  const minRoutes = Number.isFinite(cap0) && cap0 > 0 ? Math.ceil(totalDem / cap0 - 1e-9) : 1;

  let nn = 0;
  let cnt = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < Math.min(K, 5); k++) {
      nn += C[i * N + (neigh[i * K + k] as number)] as number;
      cnt++;
    }
  }
  const costScale = cnt > 0 ? nn / cnt : 1;

  return {
    n,
    m,
    N,
    S: n + 2,
    T,
    C,
    early,
    late,
    softLate,
    svc,
    dem,
    cap,
    maxWork,
    allowed,
    allAllowed,
    homogeneous,
    priority,
    unassignedCost,
    fixed,
    pref,
    changePenalty: 0,
    vehicleCost,
    balanceWeight,
    balanceScale,
    latenessWeight,
    hasSoft,
    neigh,
    K,
    adj,
    KA,
    depotDist,
    servable,
    reasons,
    minRoutes,
    costScale: costScale > 0 ? costScale : 1,
    jobIds: jobs.map((j) => j.id),
    techIds: techs.map((t) => t.id),
  };
}
