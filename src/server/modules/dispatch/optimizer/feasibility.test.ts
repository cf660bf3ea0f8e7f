import { describe, expect, it } from 'vitest';
import { compile } from './model';
import { Rng } from './rng';
import { Solution } from './solution';
import { naiveRoute, naiveSuffixFeasible, randomProblem, routeJobs } from './testkit';

describe('forward/backward slack', () => {
  it('matches a naive recomputation on random routes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const inst = compile(randomProblem({ jobs: 30, vehicles: 3, seed, width: [30, 300] }));
      const rng = new Rng(seed);
      const sol = new Solution(inst);
      // random (possibly infeasible) routes
      const perm = Array.from({ length: inst.n }, (_, i) => i);
      rng.shuffle(perm);
      const cut1 = rng.int(inst.n);
      const cut2 = cut1 + rng.int(inst.n - cut1);
      sol.setRoute(0, perm.slice(0, cut1), cut1);
      sol.setRoute(1, perm.slice(cut1, cut2), cut2 - cut1);
      sol.setRoute(2, perm.slice(cut2), inst.n - cut2);
      for (let r = 0; r < 3; r++) {
        const route = routeJobs(sol.seq, sol.len, inst.S, r);
        const full = [inst.n + 2 * r, ...route, inst.n + 2 * r + 1];
        // forward: earliest start times by simulation
        let t = inst.early[full[0] as number] as number;
        for (let p = 1; p < full.length; p++) {
          const a = full[p - 1] as number;
          const b = full[p] as number;
          t = Math.max(inst.early[b] as number, t + (inst.svc[a] as number) + (inst.T[a * inst.N + b] as number));
          expect(sol.est[r * inst.S + p]).toBeCloseTo(t, 9);
        }
        // backward: lst is the latest start keeping the suffix feasible
        // (meaningful where the suffix can be feasible at all: lst >= earliest at every later node)
        let suffixOk = true;
        for (let p = full.length - 1; p >= 0; p--) {
          const lst = sol.lst[r * inst.S + p] as number;
          if (lst < (inst.early[full[p] as number] as number)) suffixOk = false;
          if (!suffixOk) continue;
          expect(naiveSuffixFeasible(inst, r, route, p, lst - 1e-7)).toBe(true);
          expect(naiveSuffixFeasible(inst, r, route, p, lst + 1e-3)).toBe(false);
        }
      }
    }
  });

  it('O(1) insertion test agrees with simulating the new route', () => {
    let feasible = 0;
    let infeasible = 0;
    for (let seed = 1; seed <= 15; seed++) {
      const inst = compile(randomProblem({ jobs: 25, vehicles: 2, seed, width: [40, 200], capacity: 60 }));
      const rng = new Rng(seed + 100);
      const sol = new Solution(inst);
      // build feasible routes by random feasible insertions
      const order = Array.from({ length: inst.n }, (_, i) => i);
      rng.shuffle(order);
      for (const j of order) {
        const r = rng.int(2);
        const L = sol.len[r] as number;
        const p = rng.int(L + 1);
        if (sol.insertionFeasible(j, r, p)) {
          sol.insert(j, r, p);
          sol.dropUnassigned(j);
        }
      }
      expect(sol.validate()).toBe('');
      for (let i = 0; i < sol.unCount; i++) {
        const j = sol.un[i] as number;
        for (let r = 0; r < 2; r++) {
          const route = routeJobs(sol.seq, sol.len, inst.S, r);
          for (let p = 0; p <= route.length; p++) {
            const cand = [...route.slice(0, p), j, ...route.slice(p)];
            const naive = Number.isFinite(naiveRoute(inst, r, cand));
            expect(sol.insertionFeasible(j, r, p)).toBe(naive);
            if (naive) feasible++;
            else infeasible++;
          }
        }
      }
    }
    expect(feasible).toBeGreaterThan(0);
    expect(infeasible).toBeGreaterThan(0);
  });
});
