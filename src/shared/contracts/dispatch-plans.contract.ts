import { z } from 'zod';
import { reasonSchema, routePlanProgressSchema, routePlanStatusSchema, technicianRefSchema } from './dispatch.contract';
import { endpoint, isoDateTime, uuid } from './endpoint';
import { prioritySchema, windowSchema, workOrderStatusSchema } from './intake.contract';

// Route planning (issue 7 "In the product"): "Plan the day" runs the route optimizer over a branch's day in the
// background and proposes every technician's sequence of visits; the dispatcher applies it in one step or discards
// it. "Insert now" places an urgent order into today's routes with the least disruption.

// The status and progress schemas live in dispatch.contract.ts (the live stream carries them too).
export { type RoutePlanProgress, routePlanProgressSchema, routePlanStatusSchema } from './dispatch.contract';

const dateOnly = z.iso.date();
const pointSchema = z.object({ lat: z.number(), lng: z.number() });

export const ROUTE_PLAN_OBJECTIVES = ['balance', 'minTechnicians'] as const;
export const routePlanObjectiveSchema = z.enum(ROUTE_PLAN_OBJECTIVES);

/**
 * One visit of a proposed route. `new`: a ready order gets its appointment; `moved`: an existing, not yet confirmed
 * appointment changes technician and/or time; `unchanged`: an existing appointment stays as it is; `locked`: a
 * confirmed appointment (customer contacted, order past accepted, or already begun), never moved.
 */
export const planStopSchema = z.object({
  workOrderId: uuid,
  workOrderNumber: z.string(),
  kind: z.enum(['new', 'moved', 'unchanged', 'locked']),
  priority: prioritySchema,
  district: z.string(),
  /** The appointment: start (arrival, on a quarter hour) → start + the job's duration. */
  window: windowSchema,
  /** Driving from the previous visit (or home for the first), by the travel model at the midday speed. */
  travelMinutesBefore: z.number().int(),
  preferredWindow: windowSchema.nullable(),
  /** Whether the start lies in the customer's preferred window (null: no preference given). */
  withinPreferred: z.boolean().nullable(),
  point: pointSchema.nullable(),
});
export type PlanStop = z.infer<typeof planStopSchema>;

export const planRouteSchema = z.object({
  technician: technicianRefSchema,
  /** The technician's working time that day (null: not working — only confirmed visits stay on the row). */
  shift: windowSchema.nullable(),
  stops: z.array(planStopSchema),
  /** Total driving of the day, home → visits → home. */
  travelMinutes: z.number().int(),
  /** Sum of the visits' durations. */
  serviceMinutes: z.number().int(),
});
export type PlanRoute = z.infer<typeof planRouteSchema>;

/** An existing appointment that the proposal moves (another technician and/or another time). */
export const planMoveSchema = z.object({
  workOrderId: uuid,
  workOrderNumber: z.string(),
  assignmentId: uuid,
  before: z.object({ technician: technicianRefSchema, window: windowSchema }),
  after: z.object({ technician: technicianRefSchema, window: windowSchema }),
  technicianChanged: z.boolean(),
  timeChanged: z.boolean(),
});
export type PlanMove = z.infer<typeof planMoveSchema>;

/** A ready order the proposal leaves in the queue, with the reason in words. */
export const planUnassignedSchema = z.object({
  workOrderId: uuid,
  workOrderNumber: z.string(),
  priority: prioritySchema,
  district: z.string(),
  preferredWindow: windowSchema.nullable(),
  /** Codes: `no_eligible_technician`, `window_unreachable`, `no_room`. */
  reason: reasonSchema,
});
export type PlanUnassigned = z.infer<typeof planUnassignedSchema>;

const planFiguresSchema = z.object({
  /** Appointments on the day (current: the existing ones; proposed: existing + new). */
  appointments: z.number().int(),
  travelMinutes: z.number().int(),
  /** Appointments starting inside the customer's preferred window, of those with a preference. */
  windowsKept: z.number().int(),
  windowsTotal: z.number().int(),
});

export const planComparisonSchema = z.object({
  current: planFiguresSchema,
  proposed: planFiguresSchema.extend({ unassigned: z.number().int() }),
  /** current.travelMinutes − proposed.travelMinutes (negative when the proposal drives more to serve more). */
  travelSavedMinutes: z.number().int(),
  newAssignments: z.number().int(),
  /** Existing appointments whose time changes (their customers get a new SMS). */
  customersWithTimeChange: z.number().int(),
  /** Existing appointments that go to another technician. */
  technicianChanges: z.number().int(),
});
export type PlanComparison = z.infer<typeof planComparisonSchema>;

export const planProposalSchema = z.object({
  routes: z.array(planRouteSchema),
  moves: z.array(planMoveSchema),
  unassigned: z.array(planUnassignedSchema),
  comparison: planComparisonSchema,
});
export type PlanProposal = z.infer<typeof planProposalSchema>;

export const routePlanSchema = z.object({
  id: uuid,
  branchId: uuid,
  date: dateOnly,
  status: routePlanStatusSchema,
  objective: routePlanObjectiveSchema,
  timeLimitSeconds: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  appliedAt: isoDateTime.nullable(),
  /** Latest progress (also pushed as `plan` events on the dispatch stream); null before the first report. */
  progress: routePlanProgressSchema.nullable(),
  /** Once `ready` (and kept when applied / stale): the proposal. */
  proposal: planProposalSchema.nullable(),
  /** Why it failed (status `failed`). */
  error: z.string().nullable(),
  version: z.number().int(),
});
export type RoutePlan = z.infer<typeof routePlanSchema>;

const planParams = z.strictObject({ planId: uuid });

export const planDay = endpoint({
  operationId: 'planDay',
  method: 'POST',
  path: '/api/dispatch/plans',
  access: 'dispatch.assign',
  summary:
    'Plan the day: the route optimizer runs in the background over the branch’s ready and not yet confirmed orders of the day; poll getPlan (or watch the stream) for progress and the proposal',
  tags: ['dispatch'],
  body: z.strictObject({
    branchId: uuid.optional(),
    date: dateOnly,
    timeLimitSeconds: z.number().int().min(5).max(120).optional(),
    objective: routePlanObjectiveSchema.optional(),
  }),
  response: routePlanSchema,
  status: 202,
});

export const getPlan = endpoint({
  operationId: 'getPlan',
  method: 'GET',
  path: '/api/dispatch/plans/:planId',
  access: 'dispatch.read',
  summary:
    'A route plan: status, progress (time used and left, best so far), and once ready the proposal with the comparison to the current plan',
  tags: ['dispatch'],
  params: planParams,
  response: routePlanSchema,
});

export const stopPlan = endpoint({
  operationId: 'stopPlan',
  method: 'POST',
  path: '/api/dispatch/plans/:planId/stop',
  access: 'dispatch.assign',
  summary: 'Stop a running plan early: the best plan found so far becomes the proposal',
  tags: ['dispatch'],
  params: planParams,
  response: routePlanSchema,
});

export const applyPlan = endpoint({
  operationId: 'applyPlan',
  method: 'POST',
  path: '/api/dispatch/plans/:planId/apply',
  access: 'dispatch.assign',
  summary:
    'Apply a ready proposal in one transaction (new appointments, moves; confirmed ones stay; customers whose time changes are told); 409 CONFLICT and the plan becomes stale when the day changed since planning; applying again returns the applied plan',
  tags: ['dispatch'],
  params: planParams,
  body: z.strictObject({ version: z.number().int().min(1).optional() }),
  response: routePlanSchema,
  idempotent: true,
});

export const discardPlan = endpoint({
  operationId: 'discardPlan',
  method: 'POST',
  path: '/api/dispatch/plans/:planId/discard',
  access: 'dispatch.assign',
  summary: 'Discard a plan (a running one is stopped); nothing on the board changes',
  tags: ['dispatch'],
  params: planParams,
  response: routePlanSchema,
});

export const insertNowResultSchema = z.object({
  workOrderId: uuid,
  workOrderNumber: z.string(),
  date: dateOnly,
  /** Whether a place was found today. */
  inserted: z.boolean(),
  technician: technicianRefSchema.nullable(),
  window: windowSchema.nullable(),
  travelMinutesBefore: z.number().int().nullable(),
  /** Existing appointments that move to make room (before / after). */
  moves: z.array(planMoveSchema),
  /** Why it could not be placed (when not inserted). */
  reason: reasonSchema.nullable(),
  /** True when `apply` was asked and done: the order is assigned and the moves made. */
  applied: z.boolean(),
  workOrderVersion: z.number().int(),
  workOrderStatus: workOrderStatusSchema,
});
export type InsertNowResult = z.infer<typeof insertNowResultSchema>;

export const insertUrgentOrder = endpoint({
  operationId: 'insertUrgentOrder',
  method: 'POST',
  path: '/api/work-orders/:workOrderId/insert-now',
  access: 'dispatch.assign',
  summary:
    'Insert now: place a ready (urgent) order into today’s routes with the least disruption, showing which appointments move; with apply: true, assign it and make the moves in one transaction',
  tags: ['dispatch'],
  params: z.strictObject({ workOrderId: uuid }),
  body: z.strictObject({ apply: z.boolean().optional() }),
  response: insertNowResultSchema,
  idempotent: true,
});

export const dispatchPlansEndpoints = [planDay, getPlan, stopPlan, applyPlan, discardPlan, insertUrgentOrder] as const;
