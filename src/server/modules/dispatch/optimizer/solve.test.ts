import { describe, expect, it } from 'vitest';
import { solve } from './index';
import { compile } from './model';
import { naiveRoute, permutations, randomProblem } from './testkit';
import type { Plan, Problem } from './types';

/** Exact optimum under (fewest vehicles, then distance) for 2 vehicles, by enumeration. */
function bruteForce(problem: Problem): { vehicles: number; distance: number } {
  const inst = compile(problem);
  let best = { vehicles: Number.POSITIVE_INFINITY, distance: Number.POSITIVE_INFINITY };
  const n = inst.n;
  for (const perm of permutations(n)) {
    for (let cut = 0; cut <= n; cut++) {
      const r0 = perm.slice(0, cut);
      const r1 = perm.slice(cut);
      const d0 = r0.length ? naiveRoute(inst, 0, r0) : 0;
      if (!Number.isFinite(d0)) continue;
      const d1 = r1.length ? naiveRoute(inst, 1, r1) : 0;
      if (!Number.isFinite(d1)) continue;
      const vehicles = (r0.length ? 1 : 0) + (r1.length ? 1 : 0);
      const distance = d0 + d1;
      if (vehicles < best.vehicles || (vehicles === best.vehicles && distance < best.distance - 1e-9)) {
        best = { vehicles, distance };
      }
    }
  }
  return best;
}

function jobsOf(plan: Plan): string[][] {
  return plan.routes.map((r) => r.stops.map((s) => s.jobId));
}

describe('solve', () => {
  it('finds the proven optimum of small instances (≤ 8 jobs, 2 vehicles)', () => {
    let checked = 0;
    for (let seed = 1; checked < 6 && seed < 40; seed++) {
      const jobs = seed % 3 === 0 ? 8 : 7;
      const problem = randomProblem({ jobs, vehicles: 2, seed, width: [40, 160], horizon: 400, capacity: 35 });
      const opt = bruteForce(problem);
      if (!Number.isFinite(opt.vehicles)) continue; // not feasible with 2 vehicles
      checked++;
      const plan = solve(problem, { seed: 1, maxIterations: 3000, timeLimitMs: 30_000 });
      expect(plan.unassigned).toEqual([]);
      expect(plan.summary.vehicles).toBe(opt.vehicles);
      expect(plan.summary.distance).toBeCloseTo(opt.distance, 6);
    }
    expect(checked).toBe(6);
  });

  it('is deterministic for a seed and an iteration budget', () => {
    const problem = randomProblem({ jobs: 60, vehicles: 10, seed: 11 });
    const a = solve(problem, { seed: 5, maxIterations: 1500, timeLimitMs: 60_000 });
    const b = solve(problem, { seed: 5, maxIterations: 1500, timeLimitMs: 60_000 });
    expect(jobsOf(a)).toEqual(jobsOf(b));
    expect(a.summary.distance).toBe(b.summary.distance);
    const c = solve(problem, { seed: 6, maxIterations: 1500, timeLimitMs: 60_000 });
    expect(c.unassigned).toEqual([]);
  });

  it('returns a feasible schedule: windows, shifts, capacity', () => {
    const problem = randomProblem({ jobs: 50, vehicles: 8, seed: 3, capacity: 60 });
    const plan = solve(problem, { seed: 1, maxIterations: 2000, timeLimitMs: 60_000 });
    const byId = new Map(problem.jobs.map((j) => [j.id, j]));
    for (const r of plan.routes) {
      let load = 0;
      for (const s of r.stops) {
        const j = byId.get(s.jobId);
        expect(j).toBeDefined();
        if (!j) continue;
        expect(s.start).toBeGreaterThanOrEqual((j.earliest ?? 0) - 1e-9);
        expect(s.start).toBeLessThanOrEqual((j.latest ?? 0) + 1e-9);
        expect(s.start).toBeGreaterThanOrEqual(s.arrival - 1e-9);
        load += j.demand ?? 1;
      }
      expect(load).toBeLessThanOrEqual(60);
      expect(r.returnTime).toBeLessThanOrEqual(600 + 1e-9);
    }
    expect(plan.summary.assigned + plan.summary.unassigned).toBe(50);
  });

  it('reports progress and stops on the abort signal with the best plan so far', () => {
    const problem = randomProblem({ jobs: 80, vehicles: 12, seed: 4 });
    const signal = { aborted: false };
    const seen: number[] = [];
    const plan = solve(problem, {
      seed: 2,
      timeLimitMs: 60_000,
      progressIntervalMs: 0,
      signal,
      onProgress: (best) => {
        seen.push(best.iterations);
        if (best.iterations >= 300) signal.aborted = true;
      },
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(plan.unassigned).toEqual([]);
    expect(plan.iterations).toBeLessThan(10_000);
  });

  it('leaves a job unassigned (with the reason) rather than break a hard window', () => {
    const problem: Problem = {
      jobs: [
        { id: 'far', location: { x: 100, y: 0 }, earliest: 0, latest: 10, service: 5 },
        { id: 'ok', location: { x: 1, y: 0 }, earliest: 0, latest: 100, service: 5 },
      ],
      technicians: [{ id: 't', start: { x: 0, y: 0 }, shiftStart: 0, shiftEnd: 500 }],
    };
    const plan = solve(problem, { maxIterations: 100 });
    expect(jobsOf(plan)).toEqual([['ok']]);
    expect(plan.unassigned).toHaveLength(1);
    expect(plan.unassigned[0]?.jobId).toBe('far');
    expect(plan.unassigned[0]?.reason).toMatch(/time window/);
  });

  it('prefers high-priority jobs when not all fit', () => {
    const problem: Problem = {
      jobs: [
        { id: 'low', location: { x: 10, y: 0 }, earliest: 20, latest: 30, service: 50, priority: 1 },
        { id: 'high', location: { x: -10, y: 0 }, earliest: 20, latest: 30, service: 50, priority: 5 },
      ],
      technicians: [{ id: 't', start: { x: 0, y: 0 }, shiftStart: 0, shiftEnd: 500 }],
    };
    const plan = solve(problem, { maxIterations: 200 });
    expect(jobsOf(plan)).toEqual([['high']]);
    expect(plan.unassigned.map((u) => u.jobId)).toEqual(['low']);
  });

  it('soft windows: a late start is allowed and penalised, hard ones are not', () => {
    const base = {
      technicians: [{ id: 't', start: { x: 0, y: 0 }, shiftStart: 0, shiftEnd: 1000 }],
    };
    const hard: Problem = {
      ...base,
      jobs: [{ id: 'a', location: { x: 50, y: 0 }, earliest: 0, latest: 20, service: 5 }],
    };
    expect(solve(hard, { maxIterations: 50 }).unassigned).toHaveLength(1);
    const soft: Problem = {
      ...base,
      jobs: [{ id: 'a', location: { x: 50, y: 0 }, earliest: 0, latest: 20, service: 5, soft: true }],
    };
    const plan = solve(soft, { maxIterations: 50 });
    expect(plan.unassigned).toHaveLength(0);
    expect(plan.summary.lateness).toBeCloseTo(30, 9);
    expect(plan.routes[0]?.stops[0]?.lateness).toBeCloseTo(30, 9);
  });

  it('balance mode spreads the work over the technicians', () => {
    const jobs = Array.from({ length: 20 }, (_, i) => ({
      id: `j${i}`,
      location: { x: (i % 5) * 2, y: Math.floor(i / 5) * 2 },
      service: 30,
    }));
    const technicians = [0, 1, 2, 3].map((v) => ({
      id: `t${v}`,
      start: { x: 0, y: 0 },
      shiftStart: 0,
      shiftEnd: 2000,
    }));
    const minV = solve({ jobs, technicians, objective: { mode: 'minVehicles' } }, { maxIterations: 2000 });
    const bal = solve({ jobs, technicians, objective: { mode: 'balance' } }, { maxIterations: 2000 });
    expect(minV.summary.vehicles).toBe(1);
    expect(bal.summary.vehicles).toBe(4);
    expect(bal.summary.maxWork - bal.summary.minWork).toBeLessThan(60);
  });

  it('uses a travel-time matrix with a separate distance matrix and different depots', () => {
    // locations: 0 = depot A, 1 = depot B, 2..4 jobs
    const time = [
      [0, 10, 5, 20, 20],
      [10, 0, 20, 5, 5],
      [5, 20, 0, 15, 15],
      [20, 5, 15, 0, 2],
      [20, 5, 15, 2, 0],
    ];
    const distance = time.map((row) => row.map((t) => t * 2));
    const plan = solve(
      {
        jobs: [2, 3, 4].map((l) => ({ id: `j${l}`, location: l, earliest: 0, latest: 100, service: 1 })),
        technicians: [
          { id: 'A', start: 0, shiftStart: 0, shiftEnd: 100 },
          { id: 'B', start: 1, shiftStart: 0, shiftEnd: 100 },
        ],
        matrix: { time, distance },
        objective: { mode: 'none' },
      },
      { maxIterations: 500 },
    );
    expect(plan.unassigned).toEqual([]);
    const byTech = Object.fromEntries(plan.routes.map((r) => [r.technicianId, r.stops.map((s) => s.jobId).sort()]));
    expect(byTech).toEqual({ A: ['j2'], B: ['j3', 'j4'] });
    expect(plan.summary.distance).toBeCloseTo(2 * (5 + 5) + 2 * (5 + 2 + 5), 9);
  });
});
