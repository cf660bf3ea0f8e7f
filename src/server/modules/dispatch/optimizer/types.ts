/**
 * Public types of the route optimizer (VRPTW with skills). Pure data: everything here can cross a
 * worker-thread boundary (structured clone), except the optional `travelTime` / `distance` functions.
 */

/** A place: an index into `Problem.matrix`, or planar coordinates (Euclidean distance by default). */
export type Location = number | { readonly x: number; readonly y: number };

export interface Job {
  readonly id: string;
  readonly location: Location;
  /** Earliest service start. Default: no bound (the technician's shift applies). */
  readonly earliest?: number;
  /** Latest service start. Default: no bound. */
  readonly latest?: number;
  /** Service duration. Default 0. */
  readonly service?: number;
  /** Capacity units used (default 1, so `Technician.capacity` is a job count unless demands are given). */
  readonly demand?: number;
  /** Skills the technician must all have. */
  readonly skills?: readonly string[];
  /** Weight of leaving this job unassigned (default 1). Higher is more important. */
  readonly priority?: number;
  /** Only this technician may do the job. */
  readonly technicianId?: string;
  /**
   * Locked (confirmed) appointment: stays with `technicianId` and starts exactly at `lockedStart`.
   * The optimizer never moves it; other jobs are planned around it.
   */
  readonly locked?: boolean;
  readonly lockedStart?: number;
  /** Soft window: the job may start after `latest` (lateness is penalised, see `Objective.latenessWeight`). */
  readonly soft?: boolean;
  /** For a soft job: how far past `latest` it may start at most. Default: unbounded (the shift still applies). */
  readonly maxLateness?: number;
}

export interface Technician {
  readonly id: string;
  readonly start: Location;
  /** Where the day ends. Default: `start`. */
  readonly end?: Location;
  readonly shiftStart: number;
  /** The technician must be back at `end` by this time. */
  readonly shiftEnd: number;
  readonly skills?: readonly string[];
  /** Capacity in demand units (default unbounded). */
  readonly capacity?: number;
  /** Upper bound on travel + service time of the day (waiting excluded). Default unbounded. */
  readonly maxWork?: number;
}

/** A square matrix, as rows or as a row-major flat array of `size * size` entries. */
export type Matrix = readonly (readonly number[])[] | Float64Array | readonly number[];

export type ObjectiveMode = 'minVehicles' | 'balance' | 'none';

/**
 * Hierarchical objective: (1) fewest unassigned jobs weighted by priority; (2) `mode`: fewest
 * technicians used (`minVehicles`), a balanced workload (`balance`), or nothing (`none`); (3) least
 * total travel (distance). Lateness of soft jobs and `balance` are weighted into level (3).
 */
export interface Objective {
  readonly mode?: ObjectiveMode;
  /** Cost per time unit of lateness of a soft job, in distance units. Default 1. */
  readonly latenessWeight?: number;
  /** Weight of the workload balance term (sum of squared work per technician, normalised). Default 1. */
  readonly balanceWeight?: number;
}

export interface Problem {
  readonly jobs: readonly Job[];
  readonly technicians: readonly Technician[];
  /** Travel times (and optionally distances) between numeric locations. */
  readonly matrix?: { readonly time: Matrix; readonly distance?: Matrix; readonly size?: number };
  /** Travel time between two locations (overrides `matrix` and the Euclidean default). Not cloneable. */
  readonly travelTime?: (a: Location, b: Location) => number;
  /** Distance used as travel cost (default: the travel time). Not cloneable. */
  readonly distance?: (a: Location, b: Location) => number;
  readonly objective?: Objective;
}

export interface ProgressInfo {
  readonly phase: 'construct' | 'routes' | 'distance' | 'done';
  readonly iterations: number;
  readonly assigned: number;
  readonly unassigned: number;
  readonly vehicles: number;
  readonly distance: number;
  readonly cost: number;
}

/** Something with an `aborted` flag, e.g. an `AbortSignal`. */
export interface StopSignal {
  readonly aborted: boolean;
}

export interface SolveOptions {
  /** Wall-clock budget in ms (default 10 000). The best plan found so far is returned when it ends. */
  readonly timeLimitMs?: number;
  /** Seed of the pseudo-random generator (default 1). */
  readonly seed?: number;
  /**
   * Iteration budget. When set, the search schedule depends on iterations only, so a run is
   * reproducible for a seed (as long as the time limit is not what stops it).
   */
  readonly maxIterations?: number;
  /** Called when a better plan is found and at least every `progressIntervalMs`. */
  readonly onProgress?: (best: ProgressInfo, elapsedMs: number) => void;
  readonly progressIntervalMs?: number;
  /** Stop early; the best plan so far is returned. */
  readonly signal?: StopSignal;
  /** Warm start: routes of a previous plan (jobs unknown to the problem are ignored). */
  readonly initial?: Pick<Plan, 'routes'>;
  /** Share of the time spent on reducing the number of vehicles in `minVehicles` mode (default 0.5). */
  readonly routeMinShare?: number;
  /** Advanced search parameters (defaults are tuned on the VRPTW benchmark). */
  readonly tuning?: SearchTuning;
}

export interface SearchTuning {
  /** Start / end temperature of the annealing, as multiples of the typical edge length. */
  readonly t0?: number;
  readonly t1?: number;
  /** Average number of customers removed per ruin. */
  readonly avgRemoved?: number;
  /** Maximum length of a removed string. */
  readonly maxString?: number;
  /** Probability of skipping an insertion position. */
  readonly blink?: number;
  /** Relaxed penalty of a left-out customer in the fleet-capped annealing, × its depot round trip (0 = off). */
  readonly relax?: number;
  /** Route minimisation: weight of absences against distance (0 = absences only). */
  readonly blend?: number;
  /** Run the local search on each new best solution (default true). */
  readonly localSearch?: boolean;
}

export interface PlannedStop {
  readonly jobId: string;
  /** When the technician arrives (may wait until `start`). */
  readonly arrival: number;
  readonly start: number;
  readonly end: number;
  /** For soft jobs: how late the start is (0 when on time). */
  readonly lateness: number;
}

export interface PlannedRoute {
  readonly technicianId: string;
  readonly stops: readonly PlannedStop[];
  /** Latest departure from the start that keeps the earliest schedule. */
  readonly departure: number;
  /** Arrival back at the end location. */
  readonly returnTime: number;
  readonly distance: number;
  readonly travelTime: number;
  /** Travel + service time. */
  readonly work: number;
  readonly load: number;
}

export interface UnassignedJob {
  readonly jobId: string;
  readonly reason: string;
}

export interface PlanSummary {
  readonly assigned: number;
  readonly unassigned: number;
  readonly unassignedPriority: number;
  readonly vehicles: number;
  readonly distance: number;
  readonly travelTime: number;
  readonly lateness: number;
  readonly maxWork: number;
  readonly minWork: number;
  readonly cost: number;
}

export interface Plan {
  /** One route per technician used (technicians without jobs are left out), in technician order. */
  readonly routes: readonly PlannedRoute[];
  readonly unassigned: readonly UnassignedJob[];
  readonly summary: PlanSummary;
  readonly iterations: number;
  readonly elapsedMs: number;
}

export interface UrgentOptions {
  /** Budget in ms (default 800). */
  readonly timeLimitMs?: number;
  readonly seed?: number;
}

export interface MovedJob {
  readonly jobId: string;
  readonly fromTechnicianId: string;
  readonly toTechnicianId: string;
  readonly fromStart: number;
  readonly toStart: number;
}

export interface UrgentResult {
  readonly plan: Plan;
  /** Whether the urgent job could be placed. */
  readonly inserted: boolean;
  readonly technicianId: string | null;
  readonly start: number | null;
  /** Jobs of the current plan whose technician or start time changes. */
  readonly moved: readonly MovedJob[];
}
