/**
 * Independent checker of VRPTW plans in the Solomon conventions. It shares no code with the solver:
 * it recomputes every route from the instance data (Euclidean distance, unrounded; service start =
 * max(arrival, ready); service must start by the due date; the vehicle must be back at the depot by
 * the depot's due date; capacity per route; every customer exactly once; at most the file's vehicles).
 */
import type { SolomonInstance } from './parse';

export interface CheckResult {
  readonly ok: boolean;
  readonly errors: readonly string[];
  readonly vehicles: number;
  readonly distance: number;
}

/** Tolerance for floating-point comparisons of times. */
const EPS = 1e-6;

/** routes: customer numbers (as in the file) per vehicle, in visiting order; empty routes are ignored. */
export function checkPlan(inst: SolomonInstance, routes: readonly (readonly number[])[]): CheckResult {
  const errors: string[] = [];
  const byId = new Map(inst.customers.map((c) => [c.id, c]));
  const seen = new Map<number, number>();
  const depot = inst.depot;
  let distance = 0;
  let vehicles = 0;
  routes.forEach((route, r) => {
    if (route.length === 0) return;
    vehicles++;
    let x = depot.x;
    let y = depot.y;
    let t = depot.ready;
    let load = 0;
    let prevService = 0;
    for (const id of route) {
      const c = byId.get(id);
      if (!c) {
        errors.push(`route ${r}: unknown customer ${id}`);
        continue;
      }
      seen.set(id, (seen.get(id) ?? 0) + 1);
      const d = Math.sqrt((c.x - x) ** 2 + (c.y - y) ** 2);
      distance += d;
      const arrival = t + prevService + d;
      const start = Math.max(arrival, c.ready);
      if (start > c.due + EPS)
        errors.push(`route ${r}: customer ${id} starts at ${start.toFixed(3)} after due ${c.due}`);
      load += c.demand;
      t = start;
      prevService = c.service;
      x = c.x;
      y = c.y;
    }
    const back = Math.sqrt((depot.x - x) ** 2 + (depot.y - y) ** 2);
    distance += back;
    const ret = t + prevService + back;
    if (ret > depot.due + EPS) errors.push(`route ${r}: returns at ${ret.toFixed(3)} after depot closes ${depot.due}`);
    if (load > inst.capacity + EPS) errors.push(`route ${r}: load ${load} exceeds capacity ${inst.capacity}`);
  });
  for (const c of inst.customers) {
    const k = seen.get(c.id) ?? 0;
    if (k === 0) errors.push(`customer ${c.id} not visited`);
    else if (k > 1) errors.push(`customer ${c.id} visited ${k} times`);
  }
  if (vehicles > inst.vehicles) errors.push(`${vehicles} vehicles used, the instance allows ${inst.vehicles}`);
  return { ok: errors.length === 0, errors, vehicles, distance };
}
