/**
 * Route state with O(1) feasibility data. Route r belongs to technician r; its sequence is stored at
 * seq[r*S .. r*S+len+1] with the start node at slot 0 and the end node at slot len+1.
 *
 * Per slot p: est = earliest service start (forward pass), lst = latest service start that keeps the
 * rest of the route feasible (backward pass), cd/cw/cl/cla = cumulative distance, work (travel +
 * service), load and lateness from the start. Inserting j between slots p and p+1 is feasible iff
 * start_j = max(e_j, est[p] + s[p] + t[p][j]) <= l_j and max(e[p+1], start_j + s_j + t[j][p+1]) <= lst[p+1].
 */
import type { Instance } from './model';

export class Solution {
  readonly inst: Instance;
  readonly seq: Int32Array;
  readonly len: Int32Array;
  readonly est: Float64Array;
  readonly lst: Float64Array;
  readonly cd: Float64Array;
  readonly cw: Float64Array;
  readonly cl: Float64Array;
  readonly cla: Float64Array;
  readonly rDist: Float64Array;
  readonly rWork: Float64Array;
  readonly rLoad: Float64Array;
  readonly rLate: Float64Array;
  readonly rChg: Float64Array;
  readonly rCost: Float64Array;
  readonly routeOf: Int32Array;
  readonly posOf: Int32Array;
  /** Unassigned (servable) jobs. */
  readonly un: Int32Array;
  unCount = 0;
  used = 0;
  /** Routes changed since the local search last looked at them. */
  readonly dirty: Uint8Array;
  assigned = 0;

  // Undo log of one iteration.
  private readonly bSeq: Int32Array;
  private readonly bLen: Int32Array;
  private readonly touched: Int32Array;
  private readonly touchedMark: Uint8Array;
  private nTouched = 0;
  private readonly bUn: Int32Array;
  private bUnCount = 0;
  logging = false;

  constructor(inst: Instance) {
    this.inst = inst;
    const { n, m, S } = inst;
    const size = m * S;
    this.seq = new Int32Array(size);
    this.len = new Int32Array(m);
    this.est = new Float64Array(size);
    this.lst = new Float64Array(size);
    this.cd = new Float64Array(size);
    this.cw = new Float64Array(size);
    this.cl = new Float64Array(size);
    this.cla = new Float64Array(size);
    this.rDist = new Float64Array(m);
    this.rWork = new Float64Array(m);
    this.rLoad = new Float64Array(m);
    this.rLate = new Float64Array(m);
    this.rChg = new Float64Array(m);
    this.rCost = new Float64Array(m);
    this.dirty = new Uint8Array(m).fill(1);
    this.routeOf = new Int32Array(n).fill(-1);
    this.posOf = new Int32Array(n).fill(-1);
    this.un = new Int32Array(n);
    this.bSeq = new Int32Array(size);
    this.bLen = new Int32Array(m);
    this.touched = new Int32Array(m);
    this.touchedMark = new Uint8Array(m);
    this.bUn = new Int32Array(n);
    for (let r = 0; r < m; r++) this.recompute(r);
    for (let j = 0; j < n; j++) if (inst.servable[j]) this.un[this.unCount++] = j;
  }

  /** Cost of a route with the given totals (0 when empty). */
  routeCostOf(_r: number, len: number, dist: number, work: number, late: number, chg: number): number {
    if (len === 0) return 0;
    const inst = this.inst;
    return (
      inst.vehicleCost +
      dist +
      inst.latenessWeight * late +
      inst.changePenalty * chg +
      (inst.balanceWeight > 0 ? (inst.balanceWeight * work * work) / inst.balanceScale : 0)
    );
  }

  /** Recompute all cached data of route r (O(len)). */
  recompute(r: number): void {
    const inst = this.inst;
    const { n, N, S, T, C, early, late, svc, dem, softLate, pref } = inst;
    const seq = this.seq;
    const est = this.est;
    const lst = this.lst;
    const cd = this.cd;
    const cw = this.cw;
    const cl = this.cl;
    const cla = this.cla;
    const base = r * S;
    const L = this.len[r] as number;
    const last = L + 1;
    this.dirty[r] = 1;
    seq[base] = n + 2 * r;
    seq[base + last] = n + 2 * r + 1;
    let prev = n + 2 * r;
    est[base] = early[prev] as number;
    cd[base] = 0;
    cw[base] = 0;
    cl[base] = 0;
    cla[base] = 0;
    let chg = 0;
    for (let p = 1; p <= last; p++) {
      const b = seq[base + p] as number;
      const tt = T[prev * N + b] as number;
      const arr = (est[base + p - 1] as number) + (svc[prev] as number) + tt;
      const e = early[b] as number;
      const st = Math.max(arr, e);
      est[base + p] = st;
      cd[base + p] = (cd[base + p - 1] as number) + (C[prev * N + b] as number);
      cw[base + p] = (cw[base + p - 1] as number) + tt + (svc[prev] as number);
      cl[base + p] = (cl[base + p - 1] as number) + (dem[b] as number);
      const lt = st - (softLate[b] as number);
      cla[base + p] = (cla[base + p - 1] as number) + Math.max(lt, 0);
      if (p < last) {
        this.routeOf[b] = r;
        this.posOf[b] = p;
        const pf = pref[b] as number;
        if (pf >= 0 && pf !== r) chg++;
      }
      prev = b;
    }
    lst[base + last] = late[seq[base + last] as number] as number;
    for (let p = last - 1; p >= 0; p--) {
      const a = seq[base + p] as number;
      const b = seq[base + p + 1] as number;
      const v = (lst[base + p + 1] as number) - (T[a * N + b] as number) - (svc[a] as number);
      const l = late[a] as number;
      lst[base + p] = Math.min(v, l);
    }
    this.rDist[r] = cd[base + last] as number;
    this.rWork[r] = cw[base + last] as number;
    this.rLoad[r] = cl[base + last] as number;
    this.rLate[r] = cla[base + last] as number;
    this.rChg[r] = chg;
    this.rCost[r] = this.routeCostOf(
      r,
      L,
      this.rDist[r] as number,
      this.rWork[r] as number,
      this.rLate[r] as number,
      chg,
    );
  }

  /** O(1) test: can job j go between slots p and p+1 of route r (windows, capacity, skills, max work)? */
  insertionFeasible(j: number, r: number, p: number): boolean {
    const inst = this.inst;
    const { N, S, T, early, late, svc, dem, m } = inst;
    if (!inst.allowed[j * m + r]) return false;
    if ((this.rLoad[r] as number) + (dem[j] as number) > (inst.cap[r] as number)) return false;
    const base = r * S;
    const a = this.seq[base + p] as number;
    const b = this.seq[base + p + 1] as number;
    const st = Math.max(
      early[j] as number,
      (this.est[base + p] as number) + (svc[a] as number) + (T[a * N + j] as number),
    );
    if (st > (late[j] as number)) return false;
    const stB = Math.max(early[b] as number, st + (svc[j] as number) + (T[j * N + b] as number));
    if (stB > (this.lst[base + p + 1] as number)) return false;
    const dw = (T[a * N + j] as number) + (svc[j] as number) + (T[j * N + b] as number) - (T[a * N + b] as number);
    return (this.rWork[r] as number) + dw <= (inst.maxWork[r] as number);
  }

  /** Start of an undo-logged iteration. */
  beginLog(): void {
    this.logging = true;
    this.nTouched = 0;
    this.bUnCount = this.unCount;
    this.bUn.set(this.un.subarray(0, this.unCount));
  }

  /** Save route r before its first change in this iteration. */
  touch(r: number): void {
    if (!this.logging || this.touchedMark[r]) return;
    this.touchedMark[r] = 1;
    this.touched[this.nTouched++] = r;
    const S = this.inst.S;
    const L = this.len[r] as number;
    this.bLen[r] = L;
    this.bSeq.set(this.seq.subarray(r * S, r * S + L + 2), r * S);
  }

  /** Keep the changes of this iteration. */
  commit(): void {
    for (let i = 0; i < this.nTouched; i++) this.touchedMark[this.touched[i] as number] = 0;
    this.nTouched = 0;
    this.logging = false;
  }

  /** Undo the changes of this iteration. */
  rollback(): void {
    const S = this.inst.S;
    for (let i = 0; i < this.unCount; i++) this.routeOf[this.un[i] as number] = -1;
    this.unCount = this.bUnCount;
    this.un.set(this.bUn.subarray(0, this.bUnCount));
    for (let i = 0; i < this.unCount; i++) this.routeOf[this.un[i] as number] = -1;
    for (let i = 0; i < this.nTouched; i++) {
      const r = this.touched[i] as number;
      this.touchedMark[r] = 0;
      const L = this.bLen[r] as number;
      const wasEmpty = (this.len[r] as number) === 0;
      this.seq.set(this.bSeq.subarray(r * S, r * S + L + 2), r * S);
      this.len[r] = L;
      if (wasEmpty && L > 0) this.used++;
      else if (!wasEmpty && L === 0) this.used--;
      this.recompute(r);
    }
    this.nTouched = 0;
    this.logging = false;
    this.recount();
  }

  recount(): void {
    let a = 0;
    let u = 0;
    for (let r = 0; r < this.inst.m; r++) {
      a += this.len[r] as number;
      if ((this.len[r] as number) > 0) u++;
    }
    this.assigned = a;
    this.used = u;
  }

  /** Insert job j after slot p of route r. */
  insert(j: number, r: number, p: number): void {
    this.touch(r);
    const S = this.inst.S;
    const base = r * S;
    const L = this.len[r] as number;
    const seq = this.seq;
    for (let q = L + 1; q > p; q--) seq[base + q + 1] = seq[base + q] as number;
    seq[base + p + 1] = j;
    this.len[r] = L + 1;
    if (L === 0) this.used++;
    this.assigned++;
    this.recompute(r);
  }

  /** Remove the jobs at the marked slots of route r (mark[p] = 1), append them to the unassigned list. */
  removeMarked(r: number, mark: Uint8Array): void {
    this.touch(r);
    const S = this.inst.S;
    const base = r * S;
    const L = this.len[r] as number;
    const seq = this.seq;
    let w = 1;
    for (let p = 1; p <= L; p++) {
      const j = seq[base + p] as number;
      if (mark[p]) {
        mark[p] = 0;
        this.routeOf[j] = -1;
        this.posOf[j] = -1;
        this.un[this.unCount++] = j;
      } else seq[base + w++] = j;
    }
    const nl = w - 1;
    this.assigned -= L - nl;
    this.len[r] = nl;
    if (L > 0 && nl === 0) this.used--;
    this.recompute(r);
  }

  /** Remove all jobs of route r (except locked ones). */
  clearRoute(r: number, mark: Uint8Array): void {
    const base = r * this.inst.S;
    const L = this.len[r] as number;
    for (let p = 1; p <= L; p++) mark[p] = this.inst.fixed[this.seq[base + p] as number] ? 0 : 1;
    this.removeMarked(r, mark);
  }

  /** Replace route r by the given job sequence (no feasibility check). */
  setRoute(r: number, jobs: ArrayLike<number>, count: number): void {
    this.touch(r);
    const base = r * this.inst.S;
    const L = this.len[r] as number;
    for (let p = 1; p <= L; p++) {
      const j = this.seq[base + p] as number;
      if (this.routeOf[j] === r) {
        this.routeOf[j] = -1;
        this.posOf[j] = -1;
      }
    }
    for (let i = 0; i < count; i++) this.seq[base + 1 + i] = jobs[i] as number;
    this.len[r] = count;
    this.assigned += count - L;
    if (L === 0 && count > 0) this.used++;
    else if (L > 0 && count === 0) this.used--;
    this.recompute(r);
  }

  totalCost(): number {
    let c = 0;
    for (let r = 0; r < this.inst.m; r++) c += this.rCost[r] as number;
    for (let i = 0; i < this.unCount; i++) c += this.inst.unassignedCost[this.un[i] as number] as number;
    return c;
  }

  totalDistance(): number {
    let d = 0;
    for (let r = 0; r < this.inst.m; r++) if ((this.len[r] as number) > 0) d += this.rDist[r] as number;
    return d;
  }

  unassignedWeight(): number {
    let c = 0;
    for (let i = 0; i < this.unCount; i++) c += this.inst.priority[this.un[i] as number] as number;
    return c;
  }

  /** Copy routes and unassigned list from another solution of the same instance. */
  copyFrom(o: Solution): void {
    const S = this.inst.S;
    for (let r = 0; r < this.inst.m; r++) {
      const L = o.len[r] as number;
      this.len[r] = L;
      this.seq.set(o.seq.subarray(r * S, r * S + L + 2), r * S);
    }
    this.unCount = o.unCount;
    this.un.set(o.un.subarray(0, o.unCount));
    this.routeOf.fill(-1);
    this.posOf.fill(-1);
    for (let r = 0; r < this.inst.m; r++) this.recompute(r);
    this.recount();
  }

  /** Remove job j from the unassigned list (after it was placed by a move). */
  dropUnassigned(j: number): void {
    for (let i = 0; i < this.unCount; i++) {
      if (this.un[i] === j) {
        this.un[i] = this.un[--this.unCount] as number;
        return;
      }
    }
  }

  /** Full feasibility check (for tests and assertions). Returns an error message or ''. */
  validate(): string {
    const inst = this.inst;
    const { n, N, S, T, early, late, svc, dem, allowed, m } = inst;
    const seen = new Uint8Array(n);
    for (let r = 0; r < m; r++) {
      const base = r * S;
      const L = this.len[r] as number;
      let t = early[n + 2 * r] as number;
      let prev = n + 2 * r;
      let load = 0;
      let work = 0;
      for (let p = 1; p <= L + 1; p++) {
        const b = p === L + 1 ? n + 2 * r + 1 : (this.seq[base + p] as number);
        if (p <= L) {
          if (b < 0 || b >= n) return `route ${r}: bad node ${b}`;
          if (seen[b]) return `job ${b} twice`;
          seen[b] = 1;
          if (!allowed[b * m + r]) return `job ${b} not allowed on ${r}`;
          load += dem[b] as number;
        }
        work += (T[prev * N + b] as number) + (svc[prev] as number);
        t = Math.max(early[b] as number, t + (svc[prev] as number) + (T[prev * N + b] as number));
        if (t > (late[b] as number) + 1e-9) return `route ${r}: node ${b} late (${t} > ${late[b]})`;
        prev = b;
      }
      if (load > (inst.cap[r] as number) + 1e-9) return `route ${r}: over capacity`;
      if (work > (inst.maxWork[r] as number) + 1e-9) return `route ${r}: over max work`;
    }
    for (let i = 0; i < this.unCount; i++) {
      const j = this.un[i] as number;
      if (seen[j]) return `job ${j} both routed and unassigned`;
      seen[j] = 1;
    }
    for (let j = 0; j < n; j++) if (inst.servable[j] && !seen[j]) return `job ${j} lost`;
    return '';
  }
}
