/**
 * Runs `solve` in a worker thread so the server's event loop never blocks. Progress arrives through
 * `onProgress`; aborting `signal` stops the search early and the promise resolves with the best plan
 * found so far. The problem must be structured-cloneable (matrices or coordinates, no functions).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Plan, Problem, ProgressInfo, SolveOptions } from './types';

export interface WorkerSolveOptions extends Omit<SolveOptions, 'onProgress' | 'signal'> {
  readonly onProgress?: (best: ProgressInfo, elapsedMs: number) => void;
  readonly signal?: AbortSignal;
}

type Message =
  | { type: 'progress'; best: ProgressInfo; elapsedMs: number }
  | { type: 'done'; plan: Plan }
  | { type: 'error'; message: string };

export function runInWorker(problem: Problem, options: WorkerSolveOptions = {}): Promise<Plan> {
  const { onProgress, signal, ...rest } = options;
  // Under tsx / vitest this module is a .ts file and the worker needs the tsx loader; built code uses .js.
  const isTs = import.meta.url.endsWith('.ts');
  const url = new URL(isTs ? './worker-entry.ts' : './worker-entry.js', import.meta.url);
  const stop = new SharedArrayBuffer(4);
  const flag = new Int32Array(stop);
  return new Promise<Plan>((resolve, reject) => {
    let settled = false;
    const workerData = { problem, options: rest, stop };
    const worker = isTs ? new Worker(tsBootstrap(url), { eval: true, workerData }) : new Worker(url, { workerData });
    const onAbort = (): void => {
      Atomics.store(flag, 0, 1);
    };
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    if (signal) {
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
    worker.on('message', (msg: Message) => {
      if (msg.type === 'progress') onProgress?.(msg.best, msg.elapsedMs);
      else if (msg.type === 'done') finish(() => resolve(msg.plan));
      else finish(() => reject(new Error(msg.message)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`optimizer worker exited with code ${code}`))));
  });
}

/**
 * Bootstrap of a worker that runs a .ts entry: registers the tsx loader in the worker thread, then
 * imports the entry. (Node 20 ignores `--import` in a worker's execArgv.)
 */
function tsBootstrap(entry: URL): string {
  const api = createRequire(import.meta.url).resolve('tsx/cjs/api');
  return [
    `const api = require(${JSON.stringify(api)});`,
    'api.register();',
    `require(${JSON.stringify(fileURLToPath(entry))});`,
  ].join('\n');
}
