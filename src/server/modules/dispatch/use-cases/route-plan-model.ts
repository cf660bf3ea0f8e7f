/**
 * "Plan the day" and "Insert now" (issue 7): maps one branch's day (technicians, ready orders, appointments) to the
 * route optimizer's `Problem`, and the optimizer's plan back to appointments, checked against the same rules the
 * assignment use case enforces. Pure: no I/O; the use cases load the day and persist the result.
 *
 * - Time is in minutes since the branch's local midnight of the day.
 * - Technicians: active and working that day only; start and end at home; the shift (start rounded up, end down to
 *   the quarter hour); skills as `skill>=level` tokens (a level-3 technician holds `split_wall>=1..3`, a job that needs
 *   intermediate asks for `split_wall>=2`); certificates valid on the day as `cert:<type>`; capacity
 *   `maxJobsPerDay`; `maxWork` = `maxMinutesPerDay` × 1.25: the solver's work is travel + service while the
 *   assignment rule counts appointment minutes only, so a quarter is allowed for driving (the proposal is then
 *   checked against the real rule, see `proposalFrom`); plain `maxMinutesPerDay` made plans leave out orders that a
 *   single recommendation could place.
 * - Jobs: ready orders and not yet confirmed appointments, window = the customer's preferred window ∩ the eligible
 *   technicians' shifts (else the whole working day), not before now on today; service = the appointment's length;
 *   priority urgent 10, normal 1, an existing appointment × 100 (the plan never drops a booked customer for a new one).
 *   Confirmed appointments (customer contacted, order past `accepted`, or already begun) are `locked` jobs.
 * - Travel: `travelModel` at the midday speed of the day (one matrix for the whole day; rush hours are not modelled
 *   in the plan, the board still shows them). The matrix's *times* are rounded up to quarter hours, so every planned
 *   start lands on a quarter hour like the board's appointments; the *cost* (what the solver minimises and the
 *   figures report) is the exact minutes.
 */
import type { CertificateType } from '@shared/contracts/dispatch.contract';
import type {
  PlanComparison,
  PlanMove,
  PlanRoute,
  PlanStop,
  PlanUnassigned,
} from '@shared/contracts/dispatch-plans.contract';
import type { SkillCode } from '@shared/contracts/intake.contract';
import type { Priority, WorkOrderStatus } from '@shared/domain/work-order';
import type { Locale } from '@shared/errors';
import { validOn } from '../domain/certificates';
import { localDay, zonedTime } from '../domain/day-time';
import { checkEligibility, type JobNeeds, type TechnicianDay } from '../domain/eligibility';
import type { Reason } from '../domain/reasons';
import type { Point, TravelModel } from '../domain/travel';
import type { Job, Plan, PlannedRoute, Problem, Technician } from '../optimizer';

const MIN = 60_000;
const QUARTER = 15;
/** Travel assumed when a place has no map point (as the slot search does). */
export const UNKNOWN_TRAVEL_MINUTES = 30;
/** Priorities: leaving an urgent order out weighs 10 normal ones; an existing appointment weighs 100. */
export const PRIORITY_WEIGHT: Record<Priority, number> = { normal: 1, urgent: 10 };
const EXISTING_WEIGHT = 100;
const LOCKED_WEIGHT = 1000;
/** The share of a day's work limit allowed for driving on top of the appointments (see the header). */
const TRAVEL_ALLOWANCE = 1.25;

/** Insert now: how long an urgent order may wait before lateness counts, and how much a late minute costs. */
const URGENT_SOFT_MINUTES = 60;
const URGENT_LATENESS_WEIGHT = 2;
/** Insert now: how far an existing appointment without a preferred window may be pushed back. */
const INSERT_PUSH_MINUTES = 60;

// ---------- input ----------

export interface ModelTechnician {
  id: string;
  name: string;
  staffNo: string;
  home: Point;
  shift: { start: Date; end: Date } | null;
  /** Active, skills, certificates, working, capacity (jobs/minutes planned are ignored here). */
  facts: TechnicianDay;
}

export interface ModelOrder {
  id: string;
  number: string;
  version: number;
  status: WorkOrderStatus | null;
  priority: Priority;
  district: string;
  preferredWindow: { start: Date; end: Date } | null;
  needs: JobNeeds;
  point: Point | null;
}

export interface ModelAppointment {
  assignmentId: string;
  assignmentVersion: number;
  technicianId: string;
  start: Date;
  end: Date;
  confirmed: boolean;
  order: ModelOrder;
}

export interface DayModelInput {
  day: string;
  timeZone: string;
  now: Date;
  technicians: readonly ModelTechnician[];
  /** Ready orders to place (already filtered to those that belong to this day). */
  ready: readonly ModelOrder[];
  /** Every active appointment of the branch's technicians on the day. */
  appointments: readonly ModelAppointment[];
  travel: TravelModel;
  objective: 'balance' | 'minTechnicians';
}

/** Statuses in which an appointment can still move (the technician has not set off). */
const MOVABLE_STATUSES: readonly WorkOrderStatus[] = ['assigned', 'accepted'];

/**
 * Confirmed = stays where it is: the technician has contacted the customer (`contactedAt`), or the order is past
 * `accepted` (en route, on site, …), or the appointment has already begun.
 */
export function isConfirmed(
  a: { contactedAt: Date | null; orderStatus: WorkOrderStatus | null; start: Date },
  now: Date,
): boolean {
  if (a.contactedAt) return true;
  if (!a.orderStatus || !MOVABLE_STATUSES.includes(a.orderStatus)) return true;
  return a.start.getTime() <= now.getTime();
}

/** Optimizer skill tokens of a technician on a day: `skill>=1..level` and `cert:<type>` for valid certificates. */
export function technicianTokens(facts: Pick<TechnicianDay, 'skills' | 'certificates'>, day: string): string[] {
  const out: string[] = [];
  for (const [skill, level] of facts.skills) for (let l = 1; l <= level; l++) out.push(`${skill}>=${l}`);
  const certs = new Set<CertificateType>();
  for (const c of facts.certificates) if (validOn(c, day)) certs.add(c.type);
  for (const c of [...certs].sort()) out.push(`cert:${c}`);
  return out;
}

/** Optimizer skill tokens a job asks for. */
export function jobTokens(needs: Pick<JobNeeds, 'skills' | 'certificates'>): string[] {
  return [...needs.skills.map((s) => `${s.skill}>=${s.level}`), ...needs.certificates.map((c) => `cert:${c}`)];
}

// ---------- the model ----------

export type JobKind = 'ready' | 'movable' | 'locked' | 'urgent';

export interface ModelJob {
  id: string;
  kind: JobKind;
  order: ModelOrder;
  appointment: ModelAppointment | null;
  duration: number;
  /** Index in `problem.jobs`; null when the job cannot be modelled (nobody eligible, no window). */
  index: number | null;
  /** Why it is not modelled. */
  reason: PlanReasonCode | null;
}

export interface DayModel {
  input: DayModelInput;
  origin: number;
  /** The departure time the travel matrix uses (local noon). */
  midday: Date;
  nowMin: number;
  problem: Problem;
  jobs: ModelJob[];
  byId: Map<string, ModelJob>;
  /** Technicians in the problem (active and working), in problem order. */
  planned: ModelTechnician[];
  techById: Map<string, ModelTechnician>;
}

export type PlanReasonCode =
  | { code: 'no_eligible_technician'; params: { skills: string; certificates: string } }
  | { code: 'window_unreachable'; params: Record<string, never> }
  | { code: 'no_room'; params: Record<string, never> };

const ceilQ = (m: number) => Math.ceil(m / QUARTER - 1e-9) * QUARTER;
const floorQ = (m: number) => Math.floor(m / QUARTER + 1e-9) * QUARTER;

function staticallyEligible(t: ModelTechnician, needs: JobNeeds): boolean {
  if (!t.shift || !t.facts.active || !t.facts.working) return false;
  return checkEligibility(needs, { ...t.facts, jobsPlanned: 0, minutesPlanned: 0 }).length === 0;
}

/**
 * Builds the optimizer's problem for a day. `urgent`: "Insert now" — only the day's appointments and this one order
 * (placed last); existing appointments may only be pushed back a little (their preferred window, else an hour).
 */
export function buildDayModel(input: DayModelInput, opts: { urgent?: ModelOrder } = {}): DayModel {
  const origin = zonedTime(input.day, 0, input.timeZone).getTime();
  const toMin = (d: Date) => (d.getTime() - origin) / MIN;
  const midday = zonedTime(input.day, '12:00', input.timeZone);
  const today = localDay(input.now, input.timeZone) === input.day;
  const nowMin = today ? toMin(input.now) : Number.NEGATIVE_INFINITY;
  const insertMode = opts.urgent !== undefined;

  const planned = input.technicians.filter((t) => t.shift && t.facts.active && t.facts.working);
  const techById = new Map(input.technicians.map((t) => [t.id, t]));
  const plannedIds = new Set(planned.map((t) => t.id));

  const jobs: ModelJob[] = [];
  const problemJobs: Job[] = [];

  const shiftOf = (t: ModelTechnician) => ({
    start: ceilQ(toMin((t.shift as { start: Date }).start)),
    end: floorQ(toMin((t.shift as { end: Date }).end)),
  });

  /**
   * The start window of a job (`preferred`: it is the customer's preferred window, cut to the shifts); null when no
   * eligible technician can start it that day any more.
   */
  const windowFor = (
    order: ModelOrder,
    duration: number,
    eligible: ModelTechnician[],
    current: ModelAppointment | null,
  ): { earliest: number; latest: number; preferred: boolean } | null => {
    const shifts = eligible.map(shiftOf);
    const hullStart = Math.min(...shifts.map((s) => s.start));
    const hullEnd = Math.max(...shifts.map((s) => s.end)) - duration;
    const floor = Math.max(hullStart, ceilQ(nowMin));
    let prefStart = Number.NEGATIVE_INFINITY;
    let prefEnd = Number.POSITIVE_INFINITY;
    const p = order.preferredWindow;
    if (p && toMin(p.end) > 0 && toMin(p.start) < 1440) {
      prefStart = toMin(p.start);
      prefEnd = toMin(p.end);
    }
    if (insertMode && current) {
      // Never earlier than booked; later only within the customer's preferred window, else by an hour at most.
      const from = ceilQ(toMin(current.start));
      const push = floorQ(prefEnd) > from ? floorQ(prefEnd) : from + INSERT_PUSH_MINUTES;
      const earliest = Math.max(from, floor);
      return { earliest, latest: Math.max(earliest, Math.min(push, floorQ(hullEnd))), preferred: false };
    }
    const earliest = ceilQ(Math.max(prefStart, floor));
    const latest = floorQ(Math.min(prefEnd, hullEnd));
    if (earliest <= latest) return { earliest, latest, preferred: Number.isFinite(prefEnd) };
    // The preference cannot be met (outside every shift, or already past): any time of the working day.
    const anyStart = ceilQ(floor);
    const anyEnd = floorQ(hullEnd);
    return anyStart <= anyEnd ? { earliest: anyStart, latest: anyEnd, preferred: false } : null;
  };

  const addJob = (job: ModelJob, pj: Omit<Job, 'location'> | null) => {
    if (pj) {
      job.index = problemJobs.length;
      problemJobs.push({ ...pj, location: problemJobs.length });
    }
    jobs.push(job);
  };

  const modelOrder = (kind: 'ready' | 'movable' | 'urgent', order: ModelOrder, current: ModelAppointment | null) => {
    const duration = current ? toMin(current.end) - toMin(current.start) : order.needs.durationMinutes;
    const job: ModelJob = { id: order.id, kind, order, appointment: current, duration, index: null, reason: null };
    const eligible = planned.filter((t) => staticallyEligible(t, { ...order.needs, durationMinutes: duration }));
    if (!eligible.length) {
      job.reason = {
        code: 'no_eligible_technician',
        params: {
          skills: order.needs.skills.map((s) => `${s.skill}>=${s.level}`).join(','),
          certificates: order.needs.certificates.join(','),
        },
      };
      addJob(job, null);
      return;
    }
    const base = PRIORITY_WEIGHT[order.priority];
    const w = windowFor(order, duration, eligible, current);
    if (!w) {
      job.reason = { code: 'window_unreachable', params: {} };
      addJob(job, null);
      return;
    }
    // Insert now: as soon as possible — within the customer's window if they gave one for today, else lateness
    // after the first hour counts against the placement.
    const soft = kind === 'urgent' && !w.preferred;
    addJob(job, {
      id: order.id,
      earliest: w.earliest,
      latest: soft ? Math.min(w.latest, w.earliest + URGENT_SOFT_MINUTES) : w.latest,
      ...(soft ? { soft: true, maxLateness: Math.max(0, w.latest - w.earliest - URGENT_SOFT_MINUTES) } : {}),
      service: duration,
      skills: jobTokens(order.needs),
      priority: kind === 'movable' ? base * EXISTING_WEIGHT : base,
    });
  };

  // Appointments first (locked ones of technicians outside the problem stay, unmodelled).
  const appointments = [...input.appointments].sort(
    (a, b) => a.start.getTime() - b.start.getTime() || a.assignmentId.localeCompare(b.assignmentId),
  );
  for (const a of appointments) {
    if (a.confirmed) {
      const duration = toMin(a.end) - toMin(a.start);
      const job: ModelJob = {
        id: a.order.id,
        kind: 'locked',
        order: a.order,
        appointment: a,
        duration,
        index: null,
        reason: null,
      };
      addJob(
        job,
        plannedIds.has(a.technicianId)
          ? {
              id: a.order.id,
              locked: true,
              technicianId: a.technicianId,
              lockedStart: toMin(a.start),
              service: duration,
              priority: LOCKED_WEIGHT,
            }
          : null,
      );
    } else modelOrder('movable', a.order, a);
  }
  if (opts.urgent) modelOrder('urgent', opts.urgent, null);
  else for (const o of input.ready) modelOrder('ready', o, null);

  // Travel: jobs 0..n-1, then each technician's home.
  const n = problemJobs.length;
  const size = n + planned.length;
  const points: (Point | null)[] = [];
  for (const j of jobs) if (j.index !== null) points[j.index] = j.order.point;
  planned.forEach((t, v) => {
    points[n + v] = t.home;
  });
  const raw = (a: number, b: number): number => {
    if (a === b) return 0;
    const pa = points[a];
    const pb = points[b];
    return pa && pb ? input.travel.minutes(pa, pb, midday) : UNKNOWN_TRAVEL_MINUTES;
  };
  const time = new Float64Array(size * size);
  const distance = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      const m = raw(a, b);
      distance[a * size + b] = m;
      time[a * size + b] = m > 0 ? ceilQ(m) : 0;
    }
  }

  // Technicians: confirmed visits always fit (they exist): travel between consecutive locked visits is capped at the
  // gap between them, and the shift is widened to reach a locked visit outside it.
  const technicians: Technician[] = planned.map((t, v) => {
    const home = n + v;
    const s = shiftOf(t);
    // Today nobody leaves home before now: the first job's arrival includes the drive from there.
    let shiftStart = Number.isFinite(nowMin) ? Math.max(s.start, ceilQ(nowMin)) : s.start;
    let shiftEnd = Math.max(s.end, shiftStart);
    const locked = jobs
      .filter((j) => j.kind === 'locked' && j.index !== null && j.appointment?.technicianId === t.id)
      .map((j) => ({ i: j.index as number, start: toMin((j.appointment as ModelAppointment).start), d: j.duration }))
      .sort((a, b) => a.start - b.start);
    let work = 0;
    let prev = home;
    let prevEnd = Number.NEGATIVE_INFINITY;
    for (const l of locked) {
      if (prev !== home) {
        const gap = Math.max(0, l.start - prevEnd);
        if ((time[prev * size + l.i] as number) > gap) time[prev * size + l.i] = gap;
      } else shiftStart = Math.min(shiftStart, l.start - (time[home * size + l.i] as number));
      work += (time[prev * size + l.i] as number) + l.d;
      prev = l.i;
      prevEnd = l.start + l.d;
    }
    if (prev !== home) {
      work += time[prev * size + home] as number;
      shiftEnd = Math.max(shiftEnd, prevEnd + (time[prev * size + home] as number));
    }
    return {
      id: t.id,
      start: home,
      end: home,
      shiftStart,
      shiftEnd,
      skills: technicianTokens(t.facts, input.day),
      capacity: Math.max(t.facts.maxJobsPerDay, locked.length),
      maxWork: Math.max(Math.round(t.facts.maxMinutesPerDay * TRAVEL_ALLOWANCE), work),
    };
  });

  const problem: Problem = {
    jobs: problemJobs,
    technicians,
    matrix: { time, distance, size },
    objective: insertMode
      ? { mode: 'none', latenessWeight: URGENT_LATENESS_WEIGHT }
      : { mode: input.objective === 'minTechnicians' ? 'minVehicles' : 'balance' },
  };
  return {
    input,
    origin,
    midday,
    nowMin,
    problem,
    jobs,
    byId: new Map(jobs.map((j) => [j.id, j])),
    planned,
    techById,
  };
}

/** Insert now: today's routes as they stand, for `insertUrgent`'s least-disruption start. */
export function currentRoutes(model: DayModel): Pick<Plan, 'routes'> {
  const routes: PlannedRoute[] = [];
  for (const t of model.planned) {
    const stops = model.jobs
      .filter((j) => j.index !== null && j.appointment?.technicianId === t.id)
      .map((j) => {
        const w = model.problem.jobs[j.index as number] as Job;
        const at = ((j.appointment as ModelAppointment).start.getTime() - model.origin) / MIN;
        const start = Math.max(at, w.earliest ?? at);
        return { jobId: j.id, arrival: start, start, end: start + j.duration, lateness: 0 };
      })
      .sort((a, b) => a.start - b.start);
    if (stops.length) {
      routes.push({
        technicianId: t.id,
        stops,
        departure: 0,
        returnTime: 0,
        distance: 0,
        travelTime: 0,
        work: 0,
        load: stops.length,
      });
    }
  }
  return { routes };
}

// ---------- back from the optimizer ----------

export interface Placement {
  technicianId: string;
  start: Date;
  end: Date;
}

export interface StoredUnassigned extends Omit<PlanUnassigned, 'reason'> {
  reason: PlanReasonCode;
}

/** One change the apply step makes: a new appointment, or an existing one moved. */
export interface Booking {
  workOrderId: string;
  workOrderNumber: string;
  workOrderVersion: number;
  technicianId: string;
  start: string;
  end: string;
  mode: 'assign' | 'reassign';
  assignmentId: string | null;
  assignmentVersion: number | null;
  previousTechnicianId: string | null;
}

/** What is stored (route_plans.proposal) and served: reasons are stored as codes and worded when read. */
export interface StoredProposal {
  routes: PlanRoute[];
  moves: PlanMove[];
  unassigned: StoredUnassigned[];
  comparison: PlanComparison;
  bookings: Booking[];
}

/** The optimizer's reason (see optimizer/model.ts) as ours. */
function unassignedReason(solverReason: string): PlanReasonCode {
  if (/^no technician has the required skills|lacks a required skill|^no technician available/.test(solverReason)) {
    return { code: 'no_eligible_technician', params: { skills: '', certificates: '' } };
  }
  if (/^time window cannot be reached/.test(solverReason)) return { code: 'window_unreachable', params: {} };
  return { code: 'no_room', params: {} };
}

/**
 * The times of one route in the solver's order: each visit as early as it can be, except that an existing
 * appointment staying with its technician keeps its booked time when the rest of the route still fits (latest
 * feasible starts computed backwards), so the proposal does not move customers for nothing.
 */
function retime(model: DayModel, route: Pick<PlannedRoute, 'technicianId' | 'stops'>): Map<string, number> {
  const out = new Map<string, number>();
  const v = model.planned.findIndex((t) => t.id === route.technicianId);
  const tech = model.problem.technicians[v];
  const matrix = model.problem.matrix;
  if (!tech || !matrix) return out;
  const T = matrix.time as Float64Array;
  const size = matrix.size as number;
  const home = tech.start as number;
  const stops = route.stops.map((s) => {
    const job = model.byId.get(s.jobId) as ModelJob;
    const pj = model.problem.jobs[job.index as number] as Job;
    const loc = pj.location as number;
    const early = pj.locked ? (pj.lockedStart as number) : (pj.earliest ?? Number.NEGATIVE_INFINITY);
    let late = pj.locked ? (pj.lockedStart as number) : (pj.latest ?? Number.POSITIVE_INFINITY);
    if (pj.soft) late += pj.maxLateness ?? Number.POSITIVE_INFINITY;
    const a = job.appointment;
    const keep =
      job.kind === 'movable' && a && a.technicianId === route.technicianId
        ? (a.start.getTime() - model.origin) / MIN
        : null;
    return { id: s.jobId, loc, early, late, svc: pj.service ?? 0, keep };
  });
  const lst: number[] = new Array(stops.length);
  for (let i = stops.length - 1; i >= 0; i--) {
    const s = stops[i] as (typeof stops)[number];
    const next = stops[i + 1];
    const bound = next
      ? (lst[i + 1] as number) - (T[s.loc * size + next.loc] as number) - s.svc
      : tech.shiftEnd - (T[s.loc * size + home] as number) - s.svc;
    lst[i] = Math.min(s.late, bound);
  }
  let prev = home;
  let t = tech.shiftStart;
  let prevSvc = 0;
  stops.forEach((s, i) => {
    let start = Math.max(t + prevSvc + (T[prev * size + s.loc] as number), s.early);
    if (s.keep !== null && s.keep > start && s.keep <= (lst[i] as number) + 1e-6) start = s.keep;
    out.set(s.id, start);
    t = start;
    prevSvc = s.svc;
    prev = s.loc;
  });
  return out;
}

interface Slot {
  job: ModelJob;
  technicianId: string;
  start: number;
  end: number;
  kind: PlanStop['kind'];
}

/**
 * Turns the optimizer's plan into appointments and checks them against the assignment rules (inside the shift, no
 * overlap with what stays, the day's job and minute limits): a new appointment that breaks one is left in the
 * queue ("no room"); an existing appointment that would break one stays where it is. Then the routes with travel,
 * the moves (before/after), the comparison with the current plan, and the bookings to apply.
 */
export function proposalFrom(model: DayModel, plan: Pick<Plan, 'routes' | 'unassigned'>): StoredProposal {
  const { origin } = model;
  const toMin = (d: Date) => (d.getTime() - origin) / MIN;
  const iso = (m: number) => new Date(origin + m * MIN).toISOString();
  const placed = new Map<string, { technicianId: string; start: number }>();
  for (const r of plan.routes) {
    const starts = retime(model, r);
    for (const s of r.stops)
      placed.set(s.jobId, { technicianId: r.technicianId, start: starts.get(s.jobId) ?? s.start });
  }
  const solverReason = new Map(plan.unassigned.map((u) => [u.jobId, u.reason]));

  const fixed: Slot[] = [];
  let candidates: Slot[] = [];
  const unassigned = new Map<string, PlanReasonCode>();
  const keep = (job: ModelJob): void => {
    const a = job.appointment as ModelAppointment;
    fixed.push({ job, technicianId: a.technicianId, start: toMin(a.start), end: toMin(a.end), kind: 'unchanged' });
  };
  for (const job of model.jobs) {
    const a = job.appointment;
    if (job.kind === 'locked' && a) {
      fixed.push({ job, technicianId: a.technicianId, start: toMin(a.start), end: toMin(a.end), kind: 'locked' });
      continue;
    }
    const p = placed.get(job.id);
    if (!p) {
      if (a) keep(job);
      else unassigned.set(job.id, job.reason ?? unassignedReason(solverReason.get(job.id) ?? ''));
      continue;
    }
    // The solver's starts are on quarter hours except after an off-grid confirmed visit: round up.
    const start = ceilQ(p.start);
    if (a && a.technicianId === p.technicianId && Math.abs(toMin(a.start) - start) < 1e-6) keep(job);
    else
      candidates.push({
        job,
        technicianId: p.technicianId,
        start,
        end: start + job.duration,
        kind: a ? 'moved' : 'new',
      });
  }

  // Check the candidates against what stays, technician by technician; a rejected move stays where it was, which
  // may in turn collide with an accepted candidate: repeat until nothing changes.
  let accepted: Slot[] = [];
  for (let round = 0; round <= model.jobs.length; round++) {
    accepted = [];
    let changed = false;
    const sorted = [...candidates].sort(
      (a, b) => a.technicianId.localeCompare(b.technicianId) || a.start - b.start || a.job.id.localeCompare(b.job.id),
    );
    for (const c of sorted) {
      const t = model.techById.get(c.technicianId);
      const mine = [...fixed, ...accepted].filter((s) => s.technicianId === c.technicianId);
      const shift = t?.shift;
      const ok =
        t !== undefined &&
        shift !== null &&
        shift !== undefined &&
        t.facts.active &&
        t.facts.working &&
        c.start >= toMin(shift.start) - 1e-6 &&
        c.end <= toMin(shift.end) + 1e-6 &&
        c.start >= model.nowMin - 1e-6 &&
        !mine.some((s) => s.start < c.end - 1e-6 && c.start < s.end - 1e-6) &&
        mine.length + 1 <= t.facts.maxJobsPerDay &&
        mine.reduce((sum, s) => sum + (s.end - s.start), 0) + (c.end - c.start) <= t.facts.maxMinutesPerDay;
      if (ok) accepted.push(c);
      else if (c.job.appointment) {
        keep(c.job);
        changed = true;
      } else unassigned.set(c.job.id, { code: 'no_room', params: {} });
    }
    candidates = accepted;
    if (!changed) break;
  }

  // Routes with travel (exact minutes at the midday speed).
  const legs = (from: Point | null, to: Point | null): number =>
    from && to ? model.input.travel.minutes(from, to, model.midday) : UNKNOWN_TRAVEL_MINUTES;
  const stopOf = (s: Slot, travelBefore: number): PlanStop => {
    const o = s.job.order;
    const pw = o.preferredWindow;
    const startAt = origin + s.start * MIN;
    return {
      workOrderId: o.id,
      workOrderNumber: o.number,
      kind: s.kind,
      priority: o.priority,
      district: o.district,
      window: { start: iso(s.start), end: iso(s.end) },
      travelMinutesBefore: travelBefore,
      preferredWindow: pw ? { start: pw.start.toISOString(), end: pw.end.toISOString() } : null,
      withinPreferred: pw ? startAt >= pw.start.getTime() && startAt <= pw.end.getTime() : null,
      point: o.point,
    };
  };
  const all = [...fixed, ...accepted];
  const ref = (t: ModelTechnician) => ({ id: t.id, name: t.name, staffNo: t.staffNo });
  const routeTravel = (home: Point, pts: (Point | null)[]): { before: number[]; total: number } => {
    const before: number[] = [];
    let prev: Point | null = home;
    let total = 0;
    for (const p of pts) {
      const m = legs(prev, p);
      before.push(m);
      total += m;
      prev = p;
    }
    if (pts.length) total += legs(prev, home);
    return { before, total };
  };
  const routes: PlanRoute[] = [];
  let proposedTravel = 0;
  let currentTravel = 0;
  for (const t of model.input.technicians) {
    const mine = all.filter((s) => s.technicianId === t.id).sort((a, b) => a.start - b.start);
    const { before, total } = routeTravel(
      t.home,
      mine.map((s) => s.job.order.point),
    );
    proposedTravel += total;
    const current = model.input.appointments
      .filter((a) => a.technicianId === t.id)
      .sort((a, b) => a.start.getTime() - b.start.getTime());
    currentTravel += routeTravel(
      t.home,
      current.map((a) => a.order.point),
    ).total;
    if (!mine.length && !(t.shift && t.facts.active && t.facts.working)) continue;
    routes.push({
      technician: ref(t),
      shift: t.shift && t.facts.working ? { start: t.shift.start.toISOString(), end: t.shift.end.toISOString() } : null,
      stops: mine.map((s, i) => stopOf(s, before[i] ?? 0)),
      travelMinutes: Math.round(total),
      serviceMinutes: Math.round(mine.reduce((sum, s) => sum + (s.end - s.start), 0)),
    });
  }

  // Moves and bookings.
  const moves: PlanMove[] = [];
  const bookings: Booking[] = [];
  const techRef = (id: string) => {
    const t = model.techById.get(id);
    return t ? ref(t) : { id, name: '', staffNo: '' };
  };
  for (const s of [...accepted].sort((a, b) => a.start - b.start || a.job.id.localeCompare(b.job.id))) {
    const a = s.job.appointment;
    const o = s.job.order;
    bookings.push({
      workOrderId: o.id,
      workOrderNumber: o.number,
      workOrderVersion: o.version,
      technicianId: s.technicianId,
      start: iso(s.start),
      end: iso(s.end),
      mode: a ? 'reassign' : 'assign',
      assignmentId: a?.assignmentId ?? null,
      assignmentVersion: a?.assignmentVersion ?? null,
      previousTechnicianId: a?.technicianId ?? null,
    });
    if (a) {
      moves.push({
        workOrderId: o.id,
        workOrderNumber: o.number,
        assignmentId: a.assignmentId,
        before: {
          technician: techRef(a.technicianId),
          window: { start: a.start.toISOString(), end: a.end.toISOString() },
        },
        after: { technician: techRef(s.technicianId), window: { start: iso(s.start), end: iso(s.end) } },
        technicianChanged: a.technicianId !== s.technicianId,
        timeChanged: Math.abs(toMin(a.start) - s.start) > 1e-6,
      });
    }
  }

  const unassignedList: StoredUnassigned[] = model.jobs
    .filter((j) => unassigned.has(j.id))
    .map((j) => ({
      workOrderId: j.order.id,
      workOrderNumber: j.order.number,
      priority: j.order.priority,
      district: j.order.district,
      preferredWindow: j.order.preferredWindow
        ? { start: j.order.preferredWindow.start.toISOString(), end: j.order.preferredWindow.end.toISOString() }
        : null,
      reason: unassigned.get(j.id) as PlanReasonCode,
    }));

  const kept = (items: { start: Date; pw: { start: Date; end: Date } | null }[]) => {
    const withPref = items.filter((i) => i.pw);
    const inside = withPref.filter(
      (i) =>
        i.start.getTime() >= (i.pw as { start: Date }).start.getTime() &&
        i.start.getTime() <= (i.pw as { end: Date }).end.getTime(),
    );
    return { windowsKept: inside.length, windowsTotal: withPref.length };
  };
  const currentKept = kept(model.input.appointments.map((a) => ({ start: a.start, pw: a.order.preferredWindow })));
  const proposedKept = kept(
    all.map((s) => ({ start: new Date(origin + s.start * MIN), pw: s.job.order.preferredWindow })),
  );
  const comparison: PlanComparison = {
    current: {
      appointments: model.input.appointments.length,
      travelMinutes: Math.round(currentTravel),
      ...currentKept,
    },
    proposed: {
      appointments: all.length,
      travelMinutes: Math.round(proposedTravel),
      ...proposedKept,
      unassigned: unassignedList.length,
    },
    travelSavedMinutes: Math.round(currentTravel) - Math.round(proposedTravel),
    newAssignments: accepted.filter((s) => !s.job.appointment).length,
    customersWithTimeChange: moves.filter((m) => m.timeChanged).length,
    technicianChanges: moves.filter((m) => m.technicianChanged).length,
  };
  return { routes, moves, unassigned: unassignedList, comparison, bookings };
}

// ---------- fingerprint ----------

/**
 * The versions the plan is based on: every active appointment of the day (assignment and order versions) and every
 * ready order it places. Any change — an order moved on, an appointment made, moved or ended — changes it.
 */
export function fingerprintOf(input: {
  appointments: readonly { assignmentId: string; assignmentVersion: number; order: { id: string; version: number } }[];
  ready: readonly { id: string; version: number }[];
}): string {
  const lines = [
    ...input.appointments.map((a) => `a:${a.assignmentId}:${a.assignmentVersion}:${a.order.id}:${a.order.version}`),
    ...input.ready.map((o) => `o:${o.id}:${o.version}`),
  ];
  return lines.sort().join('\n');
}

/** The ready orders a fingerprint names. */
export function readyOrderIds(fingerprint: string): string[] {
  return fingerprint
    .split('\n')
    .filter((l) => l.startsWith('o:'))
    .map((l) => l.split(':')[1] as string);
}

export interface FingerprintChange {
  workOrderId: string;
  change: 'order_changed' | 'appointment_added' | 'appointment_changed' | 'appointment_removed';
}

/** What differs between two fingerprints, by order. */
export function fingerprintChanges(before: string, now: string): FingerprintChange[] {
  const parse = (s: string) => {
    const appts = new Map<string, string>();
    const orders = new Map<string, string>();
    for (const line of s ? s.split('\n') : []) {
      const [kind, id, ver, orderId, orderVer] = line.split(':');
      if (kind === 'a') appts.set(orderId as string, `${id}:${ver}:${orderVer}`);
      else if (kind === 'o') orders.set(id as string, ver as string);
    }
    return { appts, orders };
  };
  const a = parse(before);
  const b = parse(now);
  const out: FingerprintChange[] = [];
  for (const [order, v] of a.appts) {
    const w = b.appts.get(order);
    if (w === undefined) out.push({ workOrderId: order, change: 'appointment_removed' });
    else if (w !== v) out.push({ workOrderId: order, change: 'appointment_changed' });
  }
  for (const order of b.appts.keys()) {
    if (!a.appts.has(order)) out.push({ workOrderId: order, change: 'appointment_added' });
  }
  for (const [order, v] of a.orders) {
    if (b.orders.get(order) !== v && !out.some((c) => c.workOrderId === order)) {
      out.push({ workOrderId: order, change: 'order_changed' });
    }
  }
  return out.sort((x, y) => x.workOrderId.localeCompare(y.workOrderId) || x.change.localeCompare(y.change));
}

// ---------- words ----------

/** The reason a ready order stays in the queue, in words. */
export function planReasonText(r: PlanReasonCode, locale: Locale): Reason {
  const zh = locale === 'zh-CN';
  switch (r.code) {
    case 'no_eligible_technician':
      return {
        code: r.code,
        params: r.params,
        text: zh
          ? '当天没有在班且具备所需技能等级和有效证书的工程师'
          : 'no technician on shift that day holds the required skills, levels and valid certificates',
      };
    case 'window_unreachable':
      return {
        code: r.code,
        params: r.params,
        text: zh
          ? '客户希望的时段内，合格的工程师都无法到达'
          : 'no qualified technician can reach the customer within the preferred window',
      };
    case 'no_room':
      return {
        code: r.code,
        params: r.params,
        text: zh
          ? '合格的工程师当天已排满（时段、班次、接单或工时上限）'
          : 'the qualified technicians’ days are full (windows, shifts, job or hour limits)',
      };
  }
}

export type { SkillCode };
