/**
 * Synthetic surge day: 1,000 jobs and 150 technicians in a 40 km × 30 km city, with skills, 2-4 hour
 * appointment windows, 5 branches, 30 km/h average speed (×1.3 road detour).
 *
 *   npm run bench:surge -- [--time-limit SECONDS] [--seed N] [--jobs N] [--technicians N] [--mode minVehicles|balance|none]
 *
 * Prints one JSON line on stdout; progress goes to stderr.
 */
import {
  type Job,
  type Location,
  type Problem,
  solve,
  type Technician,
} from '../src/server/modules/dispatch/optimizer/index';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? def) : def;
}

/** Small seeded generator for the instance (the solver has its own). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SKILLS = ['split', 'central', 'vrf', 'gas', 'electrical'];

export function surgeProblem(seed: number, nJobs: number, nTechs: number, mode: 'minVehicles' | 'balance' | 'none') {
  const rnd = mulberry32(seed);
  const branches = Array.from({ length: 5 }, () => ({ x: 5 + rnd() * 30, y: 5 + rnd() * 20 }));
  // customers cluster around districts
  const districts = Array.from({ length: 12 }, () => ({ x: rnd() * 40, y: rnd() * 30 }));
  const jobs: Job[] = [];
  for (let i = 0; i < nJobs; i++) {
    const d = districts[Math.floor(rnd() * districts.length)] as { x: number; y: number };
    const x = Math.min(40, Math.max(0, d.x + (rnd() - 0.5) * 10));
    const y = Math.min(30, Math.max(0, d.y + (rnd() - 0.5) * 10));
    const slot = Math.floor(rnd() * 4); // 08-11, 10-13, 13-16, 15-18 (+ some all-day)
    const allDay = rnd() < 0.2;
    const earliest = allDay ? 480 : ([480, 600, 780, 900][slot] as number);
    const latest = allDay ? 1020 : earliest + 180;
    const r = rnd();
    const skills =
      r < 0.55 ? ['split'] : r < 0.75 ? ['central'] : r < 0.85 ? ['vrf'] : r < 0.95 ? ['split', 'gas'] : ['electrical'];
    jobs.push({
      id: `J${i}`,
      location: { x, y },
      earliest,
      latest,
      service: 30 + Math.floor(rnd() * 4) * 15,
      skills,
      priority: rnd() < 0.1 ? 3 : 1,
    });
  }
  const technicians: Technician[] = [];
  for (let v = 0; v < nTechs; v++) {
    const b = branches[v % branches.length] as { x: number; y: number };
    const skills = ['split'];
    for (const s of SKILLS.slice(1)) if (rnd() < 0.4) skills.push(s);
    technicians.push({
      id: `T${v}`,
      start: b,
      shiftStart: 480,
      shiftEnd: 1080,
      skills,
      capacity: 10,
    });
  }
  const km = (a: Location, b: Location): number => {
    if (typeof a === 'number' || typeof b === 'number') throw new Error('coordinates expected');
    return Math.hypot(a.x - b.x, a.y - b.y) * 1.3;
  };
  const problem: Problem = {
    jobs,
    technicians,
    travelTime: (a, b) => (km(a, b) / 30) * 60,
    distance: km,
    objective: { mode },
  };
  return problem;
}

function main(): void {
  const seconds = Number(arg('time-limit', '60'));
  const seed = Number(arg('seed', '1'));
  const nJobs = Number(arg('jobs', '1000'));
  const nTechs = Number(arg('technicians', '150'));
  const mode = arg('mode', 'minVehicles') as 'minVehicles' | 'balance' | 'none';
  const problem = surgeProblem(seed, nJobs, nTechs, mode);
  const t0 = performance.now();
  const plan = solve(problem, {
    timeLimitMs: seconds * 1000 - 100,
    seed,
    progressIntervalMs: 5000,
    onProgress: (b, ms) =>
      process.stderr.write(
        `surge ${(ms / 1000).toFixed(1)}s ${b.phase} it=${b.iterations} assigned=${b.assigned} veh=${b.vehicles} km=${b.distance.toFixed(1)}\n`,
      ),
  });
  const secs = (performance.now() - t0) / 1000;
  // independent re-check of skills, windows and shifts
  const jobById = new Map(problem.jobs.map((j) => [j.id, j]));
  const techById = new Map(problem.technicians.map((t) => [t.id, t]));
  let violations = 0;
  for (const r of plan.routes) {
    const t = techById.get(r.technicianId) as Technician;
    for (const s of r.stops) {
      const j = jobById.get(s.jobId) as Job;
      if (!(j.skills ?? []).every((k) => (t.skills ?? []).includes(k))) violations++;
      if (s.start < (j.earliest ?? 0) - 1e-6 || s.start > (j.latest ?? 0) + 1e-6) violations++;
    }
    if (r.returnTime > t.shiftEnd + 1e-6 || r.stops.length > (t.capacity ?? Number.POSITIVE_INFINITY)) violations++;
  }
  process.stdout.write(
    `${JSON.stringify({
      jobs: nJobs,
      technicians: nTechs,
      mode,
      assigned: plan.summary.assigned,
      unassigned: plan.summary.unassigned,
      techniciansUsed: plan.summary.vehicles,
      travelKm: Math.round(plan.summary.distance * 10) / 10,
      travelMinutes: Math.round(plan.summary.travelTime),
      maxWorkMinutes: Math.round(plan.summary.maxWork),
      minWorkMinutes: Math.round(plan.summary.minWork),
      iterations: plan.iterations,
      violations,
      seconds: Math.round(secs * 10) / 10,
    })}\n`,
  );
  if (violations > 0) process.exitCode = 1;
}

main();
