import { describe, expect, it } from 'vitest';
import { LocalSearch, MoveKind } from './local-search';
import { compile } from './model';
import { Rng } from './rng';
import { RuinRecreate } from './ruin-recreate';
import { Solution } from './solution';
import { naiveRoute, randomProblem, routeJobs } from './testkit';

function totalNaive(sol: Solution): number {
  const inst = sol.inst;
  let c = 0;
  for (let r = 0; r < inst.m; r++) {
    const route = routeJobs(sol.seq, sol.len, inst.S, r);
    if (route.length > 0) c += naiveRoute(inst, r, route) + inst.vehicleCost;
  }
  return c;
}

const kinds = Object.values(MoveKind).filter((k): k is MoveKind => typeof k === 'number' && k < MoveKind.Count);

describe('move operators', () => {
  for (const kind of kinds) {
    it(`${MoveKind[kind]}: feasibility and cost delta match a recomputation`, () => {
      let applied = 0;
      let rejected = 0;
      for (let seed = 1; seed <= 6; seed++) {
        const inst = compile(randomProblem({ jobs: 40, vehicles: 6, seed, width: [80, 300], capacity: 80 }));
        const rng = new Rng(seed);
        const sol = new Solution(inst);
        new RuinRecreate(inst, rng, { avgRemoved: 10, maxString: 10, blink: 0.2 }).recreate(sol, inst.m);
        const ls = new LocalSearch(inst, rng);
        const bufA = new Int32Array(inst.S);
        const bufB = new Int32Array(inst.S);
        for (let t = 0; t < 400; t++) {
          const u = rng.int(inst.n);
          const v = rng.int(inst.n);
          if (!ls.setMove(sol, kind, u, v)) continue;
          const { ra, rb } = ls;
          const delta = ls.delta(sol, ra, rb);
          // the candidate routes, built explicitly
          const na = ls.build(sol, 0, bufA);
          const candA = Array.from(bufA.subarray(0, na));
          const two = rb >= 0 && rb !== ra;
          const candB = two ? Array.from(bufB.subarray(0, ls.build(sol, 1, bufB))) : [];
          const naiveA = naiveRoute(inst, ra, candA);
          const naiveB = two ? naiveRoute(inst, rb, candB) : 0;
          const feasible = Number.isFinite(naiveA) && Number.isFinite(naiveB);
          expect(Number.isFinite(delta)).toBe(feasible);
          // customers are conserved
          const before = [
            ...routeJobs(sol.seq, sol.len, inst.S, ra),
            ...(two ? routeJobs(sol.seq, sol.len, inst.S, rb) : []),
          ];
          expect([...candA, ...candB].sort((a, b) => a - b)).toEqual(before.sort((a, b) => a - b));
          if (!feasible) {
            rejected++;
            continue;
          }
          const c0 = totalNaive(sol);
          ls.apply(sol, ra, rb);
          applied++;
          expect(sol.validate()).toBe('');
          expect(totalNaive(sol) - c0).toBeCloseTo(delta, 6);
          expect(sol.totalCost() - sol.unCount * 0).toBeCloseTo(totalNaive(sol) + unassignedCost(sol), 4);
        }
      }
      expect(applied + rejected).toBeGreaterThan(0);
      if (kind !== MoveKind.Intra2Opt) expect(applied).toBeGreaterThan(0);
    });
  }

  it('local search reaches a local optimum without breaking feasibility', () => {
    const inst = compile(randomProblem({ jobs: 60, vehicles: 8, seed: 7 }));
    const rng = new Rng(3);
    const sol = new Solution(inst);
    new RuinRecreate(inst, rng, { avgRemoved: 10, maxString: 10, blink: 0.3 }).recreate(sol, inst.m);
    const before = sol.totalCost();
    const ls = new LocalSearch(inst, rng);
    ls.run(sol);
    expect(sol.validate()).toBe('');
    expect(sol.totalCost()).toBeLessThanOrEqual(before + 1e-9);
    // no improving move left among the neighbour pairs
    for (let u = 0; u < inst.n; u++) {
      for (let k = 0; k < ls.granularity; k++) {
        const v = inst.neigh[u * inst.K + k] as number;
        for (const kind of kinds) {
          if (ls.setMove(sol, kind, u, v)) expect(ls.delta(sol, ls.ra, ls.rb)).toBeGreaterThan(-1e-7);
        }
      }
    }
  });
});

function unassignedCost(sol: Solution): number {
  let c = 0;
  for (let i = 0; i < sol.unCount; i++) c += sol.inst.unassignedCost[sol.un[i] as number] as number;
  return c;
}
