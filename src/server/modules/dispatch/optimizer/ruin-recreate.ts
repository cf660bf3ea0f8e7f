/**
 * Ruin and recreate in the style of SISR (Christiaens & Vanden Berghe, "Slack induction by string
 * removals for vehicle routing problems", Transportation Science 2020): remove a few strings of
 * consecutive customers from routes near a random seed customer, then reinsert every unassigned
 * customer at its cheapest feasible position (with "blinks": a small chance to skip a position).
 */
import type { Instance } from './model';
import type { Rng } from './rng';
import type { Solution } from './solution';

export interface RuinParams {
  /** Average number of customers removed. */
  avgRemoved: number;
  /** Maximum string length. */
  maxString: number;
  /** Probability of skipping an insertion position. */
  blink: number;
}

export const defaultRuinParams: RuinParams = { avgRemoved: 10, maxString: 10, blink: 0.01 };

export class RuinRecreate {
  private readonly inst: Instance;
  private readonly rng: Rng;
  private readonly mark: Uint8Array;
  private readonly ruined: Int32Array;
  private stamp = 0;
  private readonly list: Int32Array;
  private readonly key: Float64Array;
  private readonly twWidth: Float64Array;
  /** Absence counters for route minimisation (how often a job stayed unassigned). */
  readonly absence: Float64Array;
  params: RuinParams;

  constructor(inst: Instance, rng: Rng, params: RuinParams = defaultRuinParams) {
    this.inst = inst;
    this.rng = rng;
    this.mark = new Uint8Array(inst.S + 2);
    this.ruined = new Int32Array(inst.m);
    this.list = new Int32Array(inst.n);
    this.key = new Float64Array(inst.n);
    this.twWidth = new Float64Array(inst.n);
    this.absence = new Float64Array(inst.n);
    for (let j = 0; j < inst.n; j++) {
      const w = (inst.late[j] as number) - (inst.early[j] as number);
      this.twWidth[j] = Number.isFinite(w) ? w : 1e15;
    }
    this.params = params;
  }

  /** SISR string removal around a random seed customer. Returns the number of customers removed. */
  ruin(sol: Solution): number {
    const inst = this.inst;
    const rng = this.rng;
    const { n, S, KA, adj, fixed } = inst;
    if (sol.assigned === 0) return 0;
    const used = sol.used > 0 ? sol.used : 1;
    const avgLen = sol.assigned / used;
    const lsMax = Math.min(this.params.maxString, avgLen);
    const ksMax = (4 * this.params.avgRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.float() * ksMax) + 1;
    let seed = -1;
    for (let tries = 0; tries < 50; tries++) {
      const c = rng.int(n);
      if ((sol.routeOf[c] as number) >= 0 && !fixed[c]) {
        seed = c;
        break;
      }
    }
    if (seed < 0) return 0;
    this.stamp++;
    if (this.stamp > 2e9) {
      this.stamp = 1;
      this.ruined.fill(0);
    }
    const stamp = this.stamp;
    let routesRuined = 0;
    let removed = 0;
    const mark = this.mark;
    for (let k = -1; k < KA && routesRuined < ks; k++) {
      const c = k < 0 ? seed : (adj[seed * KA + k] as number);
      const r = sol.routeOf[c] as number;
      if (r < 0 || this.ruined[r] === stamp) continue;
      this.ruined[r] = stamp;
      routesRuined++;
      const L = sol.len[r] as number;
      const ltMax = Math.min(L, lsMax);
      const lt = Math.floor(rng.float() * ltMax) + 1;
      const pc = sol.posOf[c] as number;
      const base = r * S;
      if (lt >= L || rng.float() < 0.5) {
        // string of length lt containing c
        const lo = Math.max(1, pc - lt + 1);
        const hi = Math.min(pc, L - lt + 1);
        const start = lo + rng.int(hi - lo + 1);
        for (let p = start; p < start + lt; p++) mark[p] = 1;
      } else {
        // split string: lt removed + mPreserved kept in the middle
        let mPreserved = 1;
        while (lt + mPreserved < L && rng.float() < 0.5) mPreserved++;
        const total = Math.min(L, lt + mPreserved);
        const lo = Math.max(1, pc - total + 1);
        const hi = Math.min(pc, L - total + 1);
        const start = lo + rng.int(hi - lo + 1);
        const keepAt = start + rng.int(total - mPreserved + 1);
        for (let p = start; p < start + total; p++) mark[p] = p >= keepAt && p < keepAt + mPreserved ? 0 : 1;
      }
      for (let p = 1; p <= L; p++) {
        if (mark[p]) {
          if (fixed[sol.seq[base + p] as number]) mark[p] = 0;
          else removed++;
        }
      }
      sol.removeMarked(r, mark);
    }
    return removed;
  }

  /** Sort the unassigned list by a randomly chosen criterion. */
  private sortUnassigned(sol: Solution, useAbsence: boolean): void {
    const inst = this.inst;
    const cnt = sol.unCount;
    const un = sol.un;
    const key = this.key;
    const rng = this.rng;
    const x = rng.float() * (useAbsence ? 14 : 13);
    if (x < 4) {
      rng.shuffle(un, cnt);
      return;
    }
    for (let i = 0; i < cnt; i++) {
      const j = un[i] as number;
      let k: number;
      if (x < 8) k = -(inst.dem[j] as number);
      else if (x < 10) k = -(inst.depotDist[j] as number);
      else if (x < 11) k = inst.depotDist[j] as number;
      else if (x < 13) k = this.twWidth[j] as number;
      else k = -(this.absence[j] as number);
      key[j] = k + rng.float() * 1e-6;
    }
    const sub = un.subarray(0, cnt);
    sub.sort((a, b) => (key[a] as number) - (key[b] as number));
  }

  /**
   * Insert every unassigned job at its cheapest feasible position. New (empty) routes are opened only
   * while fewer than `maxRoutes` routes are in use.
   */
  recreate(sol: Solution, maxRoutes: number, useAbsence = false): void {
    const inst = this.inst;
    const { m, N, S, T, C, early, late, svc, dem, cap, maxWork, allowed, softLate, pref } = inst;
    const seq = sol.seq;
    const len = sol.len;
    const est = sol.est;
    const lst = sol.lst;
    const rLoad = sol.rLoad;
    const rWork = sol.rWork;
    const rDist = sol.rDist;
    const rng = this.rng;
    const blink = this.params.blink;
    const simple = inst.balanceWeight === 0 && !inst.hasSoft && inst.changePenalty === 0;
    const homog = inst.homogeneous && inst.allAllowed;
    const vehicleCost = inst.vehicleCost;
    this.sortUnassigned(sol, useAbsence);
    const cnt = sol.unCount;
    const list = this.list;
    list.set(sol.un.subarray(0, cnt));
    sol.unCount = 0;
    for (let i = 0; i < cnt; i++) {
      const j = list[i] as number;
      const ej = early[j] as number;
      const lj = late[j] as number;
      const sj = svc[j] as number;
      const dj = dem[j] as number;
      const jN = j * N;
      let best = Number.POSITIVE_INFINITY;
      let bestR = -1;
      let bestP = -1;
      let emptySeen = false;
      for (let r = 0; r < m; r++) {
        const L = len[r] as number;
        if (L === 0) {
          if (sol.used >= maxRoutes) continue;
          if (homog) {
            if (emptySeen) continue;
            emptySeen = true;
          }
        }
        if (!allowed[j * m + r]) continue;
        if ((rLoad[r] as number) + dj > (cap[r] as number)) continue;
        const base = r * S;
        const mw = maxWork[r] as number;
        for (let p = 0; p <= L; p++) {
          const a = seq[base + p] as number;
          const ea = est[base + p] as number;
          if (ea > lj) break;
          if (blink > 0 && rng.float() < blink) continue;
          const arr = ea + (svc[a] as number) + (T[a * N + j] as number);
          const st = Math.max(arr, ej);
          if (st > lj) continue;
          const b = seq[base + p + 1] as number;
          const arrB = st + sj + (T[jN + b] as number);
          const eb = early[b] as number;
          if (Math.max(arrB, eb) > (lst[base + p + 1] as number)) continue;
          const dd = (C[a * N + j] as number) + (C[jN + b] as number) - (C[a * N + b] as number);
          let delta: number;
          if (simple && mw === Number.POSITIVE_INFINITY) {
            delta = L === 0 ? vehicleCost + (rDist[r] as number) + dd : dd;
          } else {
            const dw = (T[a * N + j] as number) + sj + (T[jN + b] as number) - (T[a * N + b] as number);
            if ((rWork[r] as number) + dw > mw) continue;
            if (simple) delta = L === 0 ? vehicleCost + (rDist[r] as number) + dd : dd;
            else {
              const lt = st - (softLate[j] as number);
              const pf = pref[j] as number;
              delta =
                sol.routeCostOf(
                  r,
                  L + 1,
                  (rDist[r] as number) + dd,
                  (rWork[r] as number) + dw,
                  (sol.rLate[r] as number) + Math.max(lt, 0),
                  (sol.rChg[r] as number) + (pf >= 0 && pf !== r ? 1 : 0),
                ) - (sol.rCost[r] as number);
            }
          }
          if (delta < best) {
            best = delta;
            bestR = r;
            bestP = p;
          }
        }
      }
      if (bestR >= 0) sol.insert(j, bestR, bestP);
      else sol.un[sol.unCount++] = j;
    }
  }
}
