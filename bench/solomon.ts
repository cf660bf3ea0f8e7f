/**
 * VRPTW benchmark on Solomon / Gehring–Homberger instances.
 *
 *   npm run bench:solomon -- --time-limit SECONDS [--seed N] [--bks FILE] FILE...
 *
 * Prints one JSON line per instance on stdout (nothing else); progress goes to stderr. Every plan is
 * re-validated by the independent checker; a rejected plan is reported as an error line and the
 * process exits non-zero at the end.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Problem, solve } from '../src/server/modules/dispatch/optimizer/index';
import { checkPlan } from './solomon/checker';
import { parseSolomon, type SolomonInstance } from './solomon/parse';

interface Args {
  timeLimit: number;
  seed: number;
  bks: string | null;
  files: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { timeLimit: 10, seed: 1, bks: null, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--time-limit') args.timeLimit = Number(next());
    else if (a === '--seed') args.seed = Number(next());
    else if (a === '--bks') args.bks = next();
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.files.push(a);
  }
  if (!(args.timeLimit > 0)) throw new Error('--time-limit must be > 0');
  if (args.files.length === 0) throw new Error('no instance files');
  return args;
}

function readBks(file: string): Map<string, { vehicles: number; distance: number }> {
  const map = new Map<string, { vehicles: number; distance: number }>();
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const [name, v, d] = line.split(',').map((s) => s.trim());
    if (!name || !v || !d || Number.isNaN(Number(v))) continue;
    map.set(name.toUpperCase(), { vehicles: Number(v), distance: Number(d) });
  }
  return map;
}

/** The benchmark conventions as an optimizer problem: identical vehicles at the depot, Euclidean travel. */
export function toProblem(inst: SolomonInstance): Problem {
  const d = inst.depot;
  return {
    jobs: inst.customers.map((c) => ({
      id: String(c.id),
      location: { x: c.x, y: c.y },
      earliest: c.ready,
      latest: c.due,
      service: c.service,
      demand: c.demand,
    })),
    technicians: Array.from({ length: inst.vehicles }, (_, v) => ({
      id: `v${v}`,
      start: { x: d.x, y: d.y },
      shiftStart: d.ready,
      shiftEnd: d.due,
      capacity: inst.capacity,
    })),
    objective: { mode: 'minVehicles' },
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const bks = args.bks ? readBks(args.bks) : null;
  let failed = false;
  for (const file of args.files) {
    let name = basename(file).replace(/\.[^.]+$/, '');
    try {
      const inst = parseSolomon(readFileSync(file, 'utf8'));
      name = inst.name || name;
      const t0 = performance.now();
      const plan = solve(toProblem(inst), {
        timeLimitMs: args.timeLimit * 1000 - 50,
        seed: args.seed,
        // advanced: OPT_TUNING='{"t0":1,"t1":0.01}' overrides search parameters (see SearchTuning)
        tuning: process.env.OPT_TUNING ? JSON.parse(process.env.OPT_TUNING) : undefined,
        progressIntervalMs: 2000,
        onProgress: (b, ms) =>
          process.stderr.write(
            `${name} ${(ms / 1000).toFixed(1)}s ${b.phase} it=${b.iterations} veh=${b.vehicles} dist=${b.distance.toFixed(2)} un=${b.unassigned}\n`,
          ),
      });
      const seconds = (performance.now() - t0) / 1000;
      const routes = plan.routes.map((r) => r.stops.map((s) => Number(s.jobId)));
      const check = checkPlan(inst, routes);
      if (plan.unassigned.length > 0) {
        throw new Error(`${plan.unassigned.length} customers unassigned`);
      }
      if (!check.ok) throw new Error(`checker: ${check.errors.slice(0, 5).join('; ')}`);
      const out: Record<string, unknown> = {
        instance: name,
        vehicles: check.vehicles,
        distance: Math.round(check.distance * 100) / 100,
        seconds: Math.round(seconds * 10) / 10,
      };
      const ref = bks?.get(name.toUpperCase());
      if (bks) {
        out.bksVehicles = ref?.vehicles ?? null;
        out.bksDistance = ref?.distance ?? null;
        out.gap = ref ? Math.round(((check.distance - ref.distance) / ref.distance) * 10000) / 100 : null;
      }
      out.routes = routes;
      process.stdout.write(`${JSON.stringify(out)}\n`);
    } catch (e) {
      failed = true;
      process.stdout.write(
        `${JSON.stringify({ instance: name, error: e instanceof Error ? e.message : String(e) })}\n`,
      );
    }
  }
  if (failed) process.exitCode = 1;
}

main();
