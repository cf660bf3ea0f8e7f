/**
 * Granular local search: relocate (1 and 2-3 customer strings, i.e. or-opt), swap (1-1, 2-1), 2-opt*
 * between routes, relocate and 2-opt within a route. Moves are tried between a customer and its
 * nearest neighbours only (neighbour lists), first improvement.
 *
 * A candidate route is described as a list of "pieces" (segments of current routes, maybe reversed).
 * Its cost and feasibility are evaluated without building it: a leading prefix of the technician's own
 * route is O(1) (forward data), a trailing suffix is O(1) (backward slack `lst`), and only the few
 * customers in between are walked. Nothing is allocated per evaluation.
 */
import type { Instance } from './model';
import type { Rng } from './rng';
import type { Solution } from './solution';

const MAXP = 6;

/** The move operators (inter-route first, then within one route). */
export enum MoveKind {
  RelocateAfter = 0,
  RelocateBefore = 1,
  Swap = 2,
  OrOpt2 = 3,
  OrOpt2Rev = 4,
  OrOpt3 = 5,
  OrOpt3Rev = 6,
  Swap21 = 7,
  Swap31 = 8,
  TwoOptStar = 9,
  TwoOptStarPrev = 10,
  IntraRelocate = 11,
  Intra2Opt = 12,
  Count = 13,
}

export class LocalSearch {
  private readonly inst: Instance;
  private readonly rng: Rng;
  // pieces of route A and route B
  readonly pr = new Int32Array(2 * MAXP);
  readonly pf = new Int32Array(2 * MAXP);
  readonly pt = new Int32Array(2 * MAXP);
  readonly prev = new Uint8Array(2 * MAXP);
  readonly np = new Int32Array(2);
  private readonly bufA: Int32Array;
  private readonly bufB: Int32Array;
  private readonly order: Int32Array;
  /** Totals of the last evaluated route. */
  oDist = 0;
  oWork = 0;
  oLoad = 0;
  oLen = 0;
  maxPasses = 50;
  /** Number of neighbours tried per customer. */
  granularity: number;
  moves = 0;

  constructor(inst: Instance, rng: Rng) {
    this.inst = inst;
    this.rng = rng;
    this.bufA = new Int32Array(inst.S);
    this.bufB = new Int32Array(inst.S);
    this.order = new Int32Array(inst.n);
    this.granularity = Math.min(inst.K, 25);
  }

  /** Reset the piece list of route slot s (0 = A, 1 = B). */
  clear(s: number): void {
    this.np[s] = 0;
  }

  /** Add the piece [from..to] of route r (reversed if rev) to route slot s. Empty pieces are skipped. */
  add(s: number, r: number, from: number, to: number, rev = false): void {
    if (from > to) return;
    const k = s * MAXP + (this.np[s] as number);
    this.pr[k] = r;
    this.pf[k] = from;
    this.pt[k] = to;
    this.prev[k] = rev ? 1 : 0;
    this.np[s] = (this.np[s] as number) + 1;
  }

  /** Cost of the route of technician v made of the pieces of slot s; +Infinity when infeasible. */
  evalRoute(sol: Solution, s: number, v: number): number {
    const inst = this.inst;
    const { n, m, N, S, T, C, early, late, svc, dem, softLate, pref, allowed } = inst;
    const seq = sol.seq;
    const np = this.np[s] as number;
    const off = s * MAXP;
    const fast = inst.changePenalty === 0 && !inst.hasSoft;
    const homogAll = inst.homogeneous && inst.allAllowed;
    const capV = inst.cap[v] as number;
    let t: number;
    let prev: number;
    let dist = 0;
    let work = 0;
    let load = 0;
    let lateSum = 0;
    let chg = 0;
    let len = 0;
    let k = 0;
    if (np === 0) {
      this.oDist = 0;
      this.oWork = 0;
      this.oLoad = 0;
      this.oLen = 0;
      return 0;
    }
    if (fast && this.pr[off] === v && this.pf[off] === 1 && !this.prev[off]) {
      const p = this.pt[off] as number;
      const base = v * S;
      t = sol.est[base + p] as number;
      prev = seq[base + p] as number;
      dist = sol.cd[base + p] as number;
      work = sol.cw[base + p] as number;
      load = sol.cl[base + p] as number;
      len = p;
      k = 1;
    } else {
      prev = n + 2 * v;
      t = early[prev] as number;
    }
    for (; k < np; k++) {
      const r = this.pr[off + k] as number;
      const from = this.pf[off + k] as number;
      const to = this.pt[off + k] as number;
      const base = r * S;
      const rev = this.prev[off + k] === 1;
      if (fast && k === np - 1 && !rev && to === (sol.len[r] as number) && (r === v || homogAll)) {
        const first = seq[base + from] as number;
        const tt = T[prev * N + first] as number;
        const arr = t + (svc[prev] as number) + tt;
        const e = early[first] as number;
        if (Math.max(arr, e) > (sol.lst[base + from] as number)) return Number.POSITIVE_INFINITY;
        const lastSlot = base + to + 1;
        dist += (C[prev * N + first] as number) + (sol.cd[lastSlot] as number) - (sol.cd[base + from] as number);
        work += tt + (svc[prev] as number) + (sol.cw[lastSlot] as number) - (sol.cw[base + from] as number);
        load += (sol.cl[base + to] as number) - (sol.cl[base + from - 1] as number);
        len += to - from + 1;
        if (load > capV || work > (inst.maxWork[v] as number)) return Number.POSITIVE_INFINITY;
        this.oDist = dist;
        this.oWork = work;
        this.oLoad = load;
        this.oLen = len;
        return sol.routeCostOf(v, len, dist, work, 0, 0);
      }
      const cnt = to - from + 1;
      for (let q = 0; q < cnt; q++) {
        const x = seq[base + (rev ? to - q : from + q)] as number;
        if (!allowed[x * m + v]) return Number.POSITIVE_INFINITY;
        const tt = T[prev * N + x] as number;
        const arr = t + (svc[prev] as number) + tt;
        const e = early[x] as number;
        const st = Math.max(arr, e);
        if (st > (late[x] as number)) return Number.POSITIVE_INFINITY;
        load += dem[x] as number;
        if (load > capV) return Number.POSITIVE_INFINITY;
        dist += C[prev * N + x] as number;
        work += tt + (svc[prev] as number);
        const lt = st - (softLate[x] as number);
        if (lt > 0) lateSum += lt;
        const pf = pref[x] as number;
        if (pf >= 0 && pf !== v) chg++;
        t = st;
        prev = x;
        len++;
      }
    }
    const end = n + 2 * v + 1;
    const tt = T[prev * N + end] as number;
    const arr = t + (svc[prev] as number) + tt;
    if (arr > (late[end] as number)) return Number.POSITIVE_INFINITY;
    dist += C[prev * N + end] as number;
    work += tt + (svc[prev] as number);
    if (work > (inst.maxWork[v] as number)) return Number.POSITIVE_INFINITY;
    this.oDist = dist;
    this.oWork = work;
    this.oLoad = load;
    this.oLen = len;
    return sol.routeCostOf(v, len, dist, work, lateSum, chg);
  }

  /** Write the pieces of slot s into buf; returns the count. */
  build(sol: Solution, s: number, buf: Int32Array): number {
    const S = this.inst.S;
    const off = s * MAXP;
    let c = 0;
    for (let k = 0; k < (this.np[s] as number); k++) {
      const base = (this.pr[off + k] as number) * S;
      const from = this.pf[off + k] as number;
      const to = this.pt[off + k] as number;
      if (this.prev[off + k]) for (let q = to; q >= from; q--) buf[c++] = sol.seq[base + q] as number;
      else for (let q = from; q <= to; q++) buf[c++] = sol.seq[base + q] as number;
    }
    return c;
  }

  /**
   * Evaluate the move described by the pieces of slots A (route ra) and, if rb >= 0 and rb !== ra,
   * B (route rb). Returns the cost delta (+Infinity when infeasible).
   */
  delta(sol: Solution, ra: number, rb: number): number {
    const ca = this.evalRoute(sol, 0, ra);
    if (ca === Number.POSITIVE_INFINITY) return ca;
    if (rb < 0 || rb === ra) return ca - (sol.rCost[ra] as number);
    const cb = this.evalRoute(sol, 1, rb);
    if (cb === Number.POSITIVE_INFINITY) return cb;
    return ca + cb - (sol.rCost[ra] as number) - (sol.rCost[rb] as number);
  }

  /** Apply the move described by the current pieces. */
  apply(sol: Solution, ra: number, rb: number): void {
    const na = this.build(sol, 0, this.bufA);
    const two = rb >= 0 && rb !== ra;
    const nb = two ? this.build(sol, 1, this.bufB) : 0;
    sol.setRoute(ra, this.bufA, na);
    if (two) sol.setRoute(rb, this.bufB, nb);
    this.moves++;
  }

  tryApply(sol: Solution, ra: number, rb: number): boolean {
    const d = this.delta(sol, ra, rb);
    if (d < -1e-7) {
      this.apply(sol, ra, rb);
      return true;
    }
    return false;
  }

  /** Route of slot A and slot B of the move set up last (rb = -1 for a move within one route). */
  ra = -1;
  rb = -1;

  /**
   * Set up the pieces of move `kind` between customer u and its neighbour v. Returns false when the
   * move does not apply (same/different route, locked customers, out of range).
   */
  setMove(sol: Solution, kind: MoveKind, u: number, v: number): boolean {
    const fixed = this.inst.fixed;
    const S = this.inst.S;
    const A = sol.routeOf[u] as number;
    const B = sol.routeOf[v] as number;
    if (A < 0 || B < 0 || fixed[u] || u === v) return false;
    const i = sol.posOf[u] as number;
    const j = sol.posOf[v] as number;
    const LA = sol.len[A] as number;
    const LB = sol.len[B] as number;
    const seq = sol.seq;
    this.ra = A;
    this.rb = B;
    this.clear(0);
    this.clear(1);
    if (kind >= MoveKind.IntraRelocate) {
      if (A !== B) return false;
      this.rb = -1;
      if (kind === MoveKind.IntraRelocate) {
        if (j === i - 1) return false;
        if (j < i) {
          this.add(0, A, 1, j);
          this.add(0, A, i, i);
          this.add(0, A, j + 1, i - 1);
          this.add(0, A, i + 1, LA);
        } else {
          this.add(0, A, 1, i - 1);
          this.add(0, A, i + 1, j);
          this.add(0, A, i, i);
          this.add(0, A, j + 1, LA);
        }
        return true;
      }
      // 2-opt: reverse the segment between u and v
      const lo = Math.min(i, j);
      const hi = Math.max(i, j);
      for (let q = lo; q <= hi; q++) if (fixed[seq[A * S + q] as number]) return false;
      this.add(0, A, 1, lo - 1);
      this.add(0, A, lo, hi, true);
      this.add(0, A, hi + 1, LA);
      return true;
    }
    if (A === B) return false;
    switch (kind) {
      case MoveKind.RelocateAfter:
        this.add(0, A, 1, i - 1);
        this.add(0, A, i + 1, LA);
        this.add(1, B, 1, j);
        this.add(1, A, i, i);
        this.add(1, B, j + 1, LB);
        return true;
      case MoveKind.RelocateBefore:
        this.add(0, A, 1, i - 1);
        this.add(0, A, i + 1, LA);
        this.add(1, B, 1, j - 1);
        this.add(1, A, i, i);
        this.add(1, B, j, LB);
        return true;
      case MoveKind.Swap:
        if (fixed[v]) return false;
        this.add(0, A, 1, i - 1);
        this.add(0, B, j, j);
        this.add(0, A, i + 1, LA);
        this.add(1, B, 1, j - 1);
        this.add(1, A, i, i);
        this.add(1, B, j + 1, LB);
        return true;
      case MoveKind.OrOpt2:
      case MoveKind.OrOpt2Rev:
      case MoveKind.OrOpt3:
      case MoveKind.OrOpt3Rev:
      case MoveKind.Swap21:
      case MoveKind.Swap31: {
        const sl = kind === MoveKind.OrOpt2 || kind === MoveKind.OrOpt2Rev || kind === MoveKind.Swap21 ? 2 : 3;
        if (i + sl - 1 > LA) return false;
        for (let q = i; q < i + sl; q++) if (fixed[seq[A * S + q] as number]) return false;
        this.add(0, A, 1, i - 1);
        if (kind === MoveKind.Swap21 || kind === MoveKind.Swap31) {
          if (fixed[v]) return false;
          this.add(0, B, j, j);
          this.add(0, A, i + sl, LA);
          this.add(1, B, 1, j - 1);
          this.add(1, A, i, i + sl - 1);
          this.add(1, B, j + 1, LB);
          return true;
        }
        this.add(0, A, i + sl, LA);
        this.add(1, B, 1, j);
        this.add(1, A, i, i + sl - 1, kind === MoveKind.OrOpt2Rev || kind === MoveKind.OrOpt3Rev);
        this.add(1, B, j + 1, LB);
        return true;
      }
      case MoveKind.TwoOptStar:
        // u -> next(v), v -> next(u)
        this.add(0, A, 1, i);
        this.add(0, B, j + 1, LB);
        this.add(1, B, 1, j);
        this.add(1, A, i + 1, LA);
        return true;
      case MoveKind.TwoOptStarPrev:
        // prev(u) -> v, prev(v) -> u
        this.add(0, A, 1, i - 1);
        this.add(0, B, j, LB);
        this.add(1, B, 1, j - 1);
        this.add(1, A, i, LA);
        return true;
      default:
        return false;
    }
  }

  /** Try all moves between customer u and customer v; apply the first improving one. */
  tryPair(sol: Solution, u: number, v: number): boolean {
    const same = sol.routeOf[u] === sol.routeOf[v];
    const from = same ? MoveKind.IntraRelocate : 0;
    const to = same ? MoveKind.Count : MoveKind.IntraRelocate;
    for (let k = from; k < to; k++) {
      if (this.setMove(sol, k, u, v) && this.tryApply(sol, this.ra, this.rb)) return true;
    }
    return false;
  }

  /**
   * Local search to a local optimum (bounded number of passes). With `onlyDirty`, the first pass looks
   * only at customers of routes changed since the last run (and later passes at routes changed since).
   */
  run(sol: Solution, onlyDirty = false): void {
    const inst = this.inst;
    const { n, K, neigh, fixed } = inst;
    const G = this.granularity;
    const order = this.order;
    const dirty = sol.dirty;
    let cnt = 0;
    for (let u = 0; u < n; u++) {
      const r = sol.routeOf[u] as number;
      if (r >= 0 && !fixed[u] && (!onlyDirty || dirty[r])) order[cnt++] = u;
    }
    dirty.fill(0);
    this.rng.shuffle(order, cnt);
    for (let pass = 0; pass < this.maxPasses && cnt > 0; pass++) {
      let improved = false;
      for (let x = 0; x < cnt; x++) {
        const u = order[x] as number;
        for (let k = 0; k < G; k++) {
          const v = neigh[u * K + k] as number;
          if (this.tryPair(sol, u, v)) improved = true;
        }
      }
      if (!improved) break;
      if (onlyDirty) {
        cnt = 0;
        for (let u = 0; u < n; u++) {
          const r = sol.routeOf[u] as number;
          if (r >= 0 && !fixed[u] && dirty[r]) order[cnt++] = u;
        }
        dirty.fill(0);
      }
    }
  }
}
