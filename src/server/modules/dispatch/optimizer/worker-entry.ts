/** Body of the optimizer worker thread: solves the problem given in `workerData`, posts progress and the plan. */
import { parentPort, workerData } from 'node:worker_threads';
import { solve } from './solve';
import type { Problem, SolveOptions } from './types';

interface Data {
  problem: Problem;
  options: Omit<SolveOptions, 'onProgress' | 'signal'>;
  stop: SharedArrayBuffer;
}

const data = workerData as Data;
const flag = new Int32Array(data.stop);
const signal = {
  get aborted(): boolean {
    return Atomics.load(flag, 0) === 1;
  },
};
const port = parentPort;
if (port) {
  try {
    const plan = solve(data.problem, {
      ...data.options,
      signal,
      onProgress: (best, elapsedMs) => port.postMessage({ type: 'progress', best, elapsedMs }),
    });
    port.postMessage({ type: 'done', plan });
  } catch (e) {
    port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
