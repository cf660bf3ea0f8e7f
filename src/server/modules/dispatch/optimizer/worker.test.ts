import { describe, expect, it } from 'vitest';
import { runInWorker } from './index';
import { randomProblem } from './testkit';
import type { ProgressInfo } from './types';

describe('runInWorker', () => {
  it('solves in a worker thread and posts progress', async () => {
    const problem = randomProblem({ jobs: 40, vehicles: 8, seed: 2 });
    const progress: ProgressInfo[] = [];
    const plan = await runInWorker(problem, {
      seed: 1,
      maxIterations: 2000,
      timeLimitMs: 60_000,
      progressIntervalMs: 0,
      onProgress: (best) => progress.push(best),
    });
    expect(plan.unassigned).toEqual([]);
    expect(plan.summary.assigned).toBe(40);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.phase).toBe('done');
  });

  it('stops when aborted and resolves with the best plan so far', async () => {
    const problem = randomProblem({ jobs: 60, vehicles: 10, seed: 3 });
    const ac = new AbortController();
    let calls = 0;
    const plan = await runInWorker(problem, {
      seed: 1,
      timeLimitMs: 120_000,
      progressIntervalMs: 0,
      signal: ac.signal,
      onProgress: (best) => {
        calls++;
        if (best.iterations > 0) ac.abort();
      },
    });
    expect(calls).toBeGreaterThan(0);
    expect(plan.unassigned).toEqual([]);
    expect(plan.summary.assigned).toBe(60);
  });

  it('rejects when the problem is invalid', async () => {
    await expect(
      runInWorker({
        jobs: [{ id: 'a', location: 0 }],
        technicians: [{ id: 't', start: 0, shiftStart: 0, shiftEnd: 1 }],
      }),
    ).rejects.toThrow(/matrix/);
  });
});
