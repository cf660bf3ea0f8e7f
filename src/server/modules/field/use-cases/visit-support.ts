import { createHash } from 'node:crypto';
import { getContact } from '@server/modules/customers';
import { activeJobOfOrder, type FieldJob } from '@server/modules/dispatch';
import { getSetting } from '@server/modules/identity';
import { addWorkOrderNote, changeWorkOrderStatus, lockWorkOrderFor, type WorkOrderRow } from '@server/modules/intake';
import { enqueueMessage, type TemplateName } from '@server/modules/notify';
import { canAccessBranch, requireActor } from '@server/platform/access';
import type { Actor, Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import { VISIT_STEPS, type VisitKind, type VisitStatus, type VisitStep } from '@shared/domain/field';
import { hasPermission } from '@shared/domain/roles';
import type { WorkOrderEvent } from '@shared/domain/work-order-lifecycle';
import type { Issue, RuleBreak } from '../domain/issues';
import type { Rates } from '../domain/quote';
import { checkAction, type Progress, progressOf, type StepRecord, type VisitAction } from '../domain/steps';
import { delayRequired, stepTime } from '../domain/time-rules';
import {
  findVisit,
  insertStep,
  lockVisit,
  type NewVisit,
  type StepRow,
  stepByKey,
  stepsOf,
  updateVisitVersioned,
  type VisitRow,
  visitsOfOrder,
} from '../field.repository';
import '../field.events';
import type { PhotoStore } from '../photo-store';

/** What the routes hand to the use cases: the photo store and the site's public address (approval links). */
export interface FieldServices {
  /** Where new photos go (disk by default, S3 when configured). */
  photos: PhotoStore;
  /** Every store a photo row may name (`visit_photos.storage`): photos kept before a switch of store stay readable. */
  readers?: Partial<Record<PhotoStore['kind'], PhotoStore>>;
  publicUrl: string;
}

export const zh = (ctx: Ctx) => ctx.request.locale === 'zh-CN';

export function fail(ctx: Ctx, issues: Issue[]): AppError {
  return AppError.validation(issues.map((i) => ({ path: i.path, code: i.code, message: zh(ctx) ? i.zh : i.en })));
}

export function fieldIssue(ctx: Ctx, path: string, code: string, zhText: string, en: string): AppError {
  return AppError.field(path, code, zh(ctx) ? zhText : en);
}

/** A broken rule as the API's error: order rules are 409 ILLEGAL_TRANSITION, the others 422 BUSINESS_RULE. */
export function breakError(ctx: Ctx, b: RuleBreak): AppError {
  return new AppError(b.kind === 'order' ? 'ILLEGAL_TRANSITION' : 'BUSINESS_RULE', {
    reason: b.reason,
    message: zh(ctx) ? b.zh : b.en,
    ...(b.details ?? {}),
  });
}

export function rule(ctx: Ctx, reason: string, zhText: string, en: string, extra: Record<string, unknown> = {}) {
  return new AppError('BUSINESS_RULE', { reason, message: zh(ctx) ? zhText : en, ...extra });
}

/**
 * Who may read a visit: its technician (jobs.own), and the branch's dispatchers, heads and managers (dispatch.read).
 * Anyone else gets NOT_FOUND (no hint that it exists).
 */
export function canReadVisit(actor: Actor, visit: Pick<VisitRow, 'technicianId' | 'branchId'>): boolean {
  if (visit.technicianId === actor.userId && hasPermission(actor.roles, 'jobs.own')) return true;
  return hasPermission(actor.roles, 'dispatch.read') && canAccessBranch(actor, visit.branchId);
}

export async function readableVisit(ctx: Ctx, visitId: string): Promise<VisitRow> {
  const actor = requireActor(ctx.actor);
  const visit = await findVisit(ctx.db, visitId);
  if (!visit || !canReadVisit(actor, visit)) throw new AppError('NOT_FOUND');
  return visit;
}

/** The ctx without the user, for locking an order the technician does not "read" as staff (as dispatch does). */
export function systemView(tx: Ctx): Ctx {
  return { ...tx, actor: null };
}

export async function branchTimeZone(ctx: Ctx, branchId: string): Promise<string> {
  return (await getSetting(ctx.db, 'branch.timeZone', branchId)) as string;
}

/** "7月15日 14:30" in the branch's zone. */
export function timeText(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

export async function quoteRates(ctx: Ctx, branchId: string): Promise<Rates> {
  const labour = await getSetting(ctx.db, 'billing.labourRatesFen', branchId);
  const margin = await getSetting(ctx.db, 'billing.partsMarginBp', branchId);
  const bands = await getSetting(ctx.db, 'billing.travelBandsFen', branchId);
  return { labourFenPerHour: labour, partsMarginBp: margin, travelBands: bands };
}

/** One life-cycle event of the visit's order, through intake (in the caller's transaction, version as locked). */
export async function transitionOrder(
  tx: Ctx,
  workOrderId: string,
  event: WorkOrderEvent,
  details?: Record<string, unknown>,
): Promise<WorkOrderRow> {
  const order = await lockWorkOrderFor(systemView(tx), workOrderId);
  return changeWorkOrderStatus(tx, {
    workOrderId,
    version: order.version,
    event,
    ...(details ? { details } : {}),
  });
}

/**
 * An SMS to the order's contact phone through the notify outbox (in the caller's transaction), noted on the order's
 * timeline — as intake's notifyCustomer does for its own templates. A landline or an anonymised customer gets none
 * (noted too).
 */
export async function tellCustomer(
  tx: Ctx,
  order: Pick<WorkOrderRow, 'id' | 'number' | 'customerId' | 'phoneId'>,
  template: TemplateName,
  variables: Record<string, string>,
): Promise<boolean> {
  const contact = await getContact(tx, { customerId: order.customerId, phoneId: order.phoneId });
  if (!contact.phone || contact.phoneKind !== 'mobile' || contact.anonymised) {
    await addWorkOrderNote(tx, order.id, {
      kind: 'notice',
      event: 'sms_skipped',
      details: { template, reason: contact.anonymised ? 'anonymised' : 'no_mobile' },
    });
    return false;
  }
  await enqueueMessage(tx, {
    channel: 'sms',
    template,
    variables: { orderNumber: order.number, ...variables },
    recipient: contact.phone,
    workOrderId: order.id,
  });
  await addWorkOrderNote(tx, order.id, {
    kind: 'notice',
    event: 'sms_queued',
    details: { template, recipient: contact.phoneMasked },
  });
  return true;
}

// ---------- the visit's progress ----------

const isVisitStep = (s: string): s is VisitStep => (VISIT_STEPS as readonly string[]).includes(s);

/**
 * The step records of a visit: its own log, plus the appointment's acceptance and the customer contact when the
 * technician did them through dispatch directly (a visit that is still the order's own: not withdrawn or cancelled).
 */
export function recordsOf(visit: VisitRow, rows: readonly StepRow[], job: FieldJob | null): StepRecord[] {
  const out: StepRecord[] = [];
  for (const r of rows) {
    if (r.step === 'skip' && r.target && isVisitStep(r.target)) {
      out.push({ step: r.target, skipped: true, order: r.id, at: r.occurredAt });
    } else if (isVisitStep(r.step)) {
      out.push({ step: r.step, skipped: false, order: r.id, at: r.occurredAt });
    }
  }
  const own = visit.kind === 'first' && visit.status !== 'withdrawn' && visit.status !== 'cancelled';
  if (own && job && job.technician.id === visit.technicianId) {
    const a = job.assignment;
    if (a.acceptedAt) out.push({ step: 'accept', skipped: false, order: null, at: new Date(a.acceptedAt) });
    if (a.contactedAt) out.push({ step: 'contacted', skipped: false, order: null, at: new Date(a.contactedAt) });
  }
  return out;
}

/**
 * The order's active appointment as it concerns this visit: a first visit's own, or a booked follow-up's (dispatch
 * books the follow-up's time: scheduleFollowUpVisit). A visit that ended waiting for parts does not take its booked
 * follow-up's appointment for its own.
 */
export async function jobOf(ctx: Ctx, visit: VisitRow): Promise<FieldJob | null> {
  if (visit.status === 'withdrawn' || visit.status === 'cancelled' || visit.status === 'proposed') return null;
  const job = await activeJobOfOrder(ctx, visit.workOrderId);
  if (!job) return null;
  if (visit.status === 'waiting_parts') {
    const later = (await visitsOfOrder(ctx.db, visit.workOrderId)).filter((v) => v.visitNo > visit.visitNo);
    if (later.some((v) => v.status === 'open' || v.status === 'completed' || v.status === 'waiting_parts')) return null;
  }
  return job;
}

export async function progressOfVisit(ctx: Ctx, visit: VisitRow, rows?: StepRow[]) {
  const log = rows ?? (await stepsOf(ctx.db, visit.id));
  const job = await jobOf(ctx, visit);
  return { rows: log, job, progress: progressOf(visit.kind as VisitKind, recordsOf(visit, log, job)) };
}

// ---------- running one step ----------

export interface StepRequest {
  visitId: string;
  idempotencyKey: string;
  /** The visit version the phone saw (for an offline batch: the version after the previous item of the visit). */
  version: number;
  occurredAt?: string | undefined;
  /** The request as sent: its hash tells a replay from a different request reusing the key. */
  body: Record<string, unknown>;
  source: 'app' | 'offline';
}

export interface StepScope {
  visit: VisitRow;
  /** The order, locked for this transaction. */
  order: WorkOrderRow;
  rows: StepRow[];
  progress: Progress;
  job: FieldJob | null;
  /** When the step happened (the phone's time for a queued step, in order). */
  at: Date;
}

export interface StepOutcome {
  /** What the log row says: a VISIT_STEP, or skip | delay | waiting_parts | consent_link … */
  step: string;
  target?: string | null;
  reason?: string | null;
  data: Record<string, unknown>;
  patch: Partial<NewVisit>;
  /** Runs once the log row exists (rows that point at it). */
  afterInsert?: (row: StepRow) => Promise<void>;
  /** Runs once the visit row is updated (a follow-up visit may exist only after this one is closed). */
  afterUpdate?: (visit: VisitRow) => Promise<void>;
}

export interface StepResult {
  visit: VisitRow;
  replayed: boolean;
  /** The visit's version right after this step (for a replay: as it was then). */
  versionAfter: number;
}

/** SHA-256 of the request without its version (a queued copy of a step sent online hashes the same). */
export function requestHashOf(body: Record<string, unknown>): string {
  const { version: _version, ...rest } = body;
  return createHash('sha256').update(stableJson(rest)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Every action of the technician on a visit goes through here, in one transaction:
 * the order is locked first, then the visit (the lock order of every transaction touching both); the idempotency key
 * replays an action already recorded (same request) or refuses a reused key (different request); the version the
 * phone saw must be the visit's (else 409 VERSION_CONFLICT — an office edit or another action came first); the
 * action must be allowed now (order of steps, skips, the visit open); the step's time is checked; past the repair's
 * deadline only a delay report or waiting for parts is accepted. Then `apply` checks the step's own data and does its
 * work (the order's life cycle, parts, messages), and the log row and the visit (version + 1) are written.
 */
export async function runStep(
  ctx: Ctx,
  req: StepRequest,
  action: VisitAction,
  apply: (tx: Ctx, scope: StepScope) => Promise<StepOutcome>,
  opts: { overdueOk?: boolean } = {},
): Promise<StepResult> {
  const actor = requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const seen = await findVisit(tx.db, req.visitId);
    if (!seen || seen.technicianId !== actor.userId) throw new AppError('NOT_FOUND');
    const order = await lockWorkOrderFor(systemView(tx), seen.workOrderId);
    const visit = (await lockVisit(tx.db, seen.id)) as VisitRow;
    const hash = requestHashOf(req.body);
    const again = await stepByKey(tx.db, visit.id, req.idempotencyKey);
    if (again) {
      if (again.requestHash !== hash) {
        throw rule(
          tx,
          'idempotency_key_reused',
          '此幂等键已用于另一项不同的操作；新的操作请使用新的键',
          'This idempotency key was already used for a different action; use a new key for a new action',
          { path: 'idempotencyKey' },
        );
      }
      return { visit, replayed: true, versionAfter: again.versionAfter };
    }
    if (visit.version !== req.version) throw new AppError('VERSION_CONFLICT', { currentVersion: visit.version });
    const { rows, job, progress } = await progressOfVisit(tx, visit);
    const broken = checkAction(
      { status: visit.status as VisitStatus, kind: visit.kind as VisitKind },
      progress,
      action,
    );
    if (broken) throw breakError(tx, broken);
    const previousAt = rows.reduce<Date | null>((m, r) => (!m || r.occurredAt > m ? r.occurredAt : m), null);
    const time = stepTime({
      occurredAt: req.occurredAt ? new Date(req.occurredAt) : null,
      now: tx.now,
      previousAt,
    });
    if (!time.ok) throw fail(tx, [time.issue]);
    if (!opts.overdueOk) {
      const overdue = delayRequired(time.at, visit.repairDueAt);
      if (overdue) throw breakError(tx, overdue);
    }
    const outcome = await apply(tx, { visit, order, rows, progress, job, at: time.at });
    const row = await insertStep(tx.db, {
      visitId: visit.id,
      step: outcome.step,
      target: outcome.target ?? null,
      reason: outcome.reason ?? null,
      data: {
        ...outcome.data,
        ...(req.occurredAt && new Date(req.occurredAt).getTime() !== time.at.getTime()
          ? { phoneTime: req.occurredAt }
          : {}),
      },
      actorId: actor.userId,
      actorName: actor.displayName,
      source: req.source,
      occurredAt: time.at,
      recordedAt: tx.now,
      idempotencyKey: req.idempotencyKey,
      requestHash: hash,
      versionAfter: visit.version + 1,
    });
    if (outcome.afterInsert) await outcome.afterInsert(row);
    const updated = await updateVisitVersioned(tx.db, visit.id, visit.version, {
      ...outcome.patch,
      updatedAt: tx.now,
    });
    if (!updated) throw new AppError('VERSION_CONFLICT', { currentVersion: visit.version });
    if (outcome.afterUpdate) await outcome.afterUpdate(updated);
    emitVisitChanged(tx, updated, outcome.step);
    return { visit: updated, replayed: false, versionAfter: updated.version };
  });
}

export function emitVisitChanged(tx: Ctx, visit: VisitRow, step: string): void {
  tx.events.emit('field.visitChanged', {
    visitId: visit.id,
    workOrderId: visit.workOrderId,
    technicianId: visit.technicianId,
    branchId: visit.branchId,
    step,
  });
}

/**
 * A log row written by someone other than the technician's app (an office edit, the system closing a visit, the
 * customer's approval by link), with the visit's update: version + 1, so the phone's queued steps conflict.
 */
export async function appendOfficeRow(
  tx: Ctx,
  visit: VisitRow,
  input: {
    step: string;
    reason?: string | null;
    data: Record<string, unknown>;
    source: 'office' | 'system';
    actorName?: string;
  },
  patch: Partial<NewVisit>,
): Promise<VisitRow> {
  await insertStep(tx.db, {
    visitId: visit.id,
    step: input.step,
    target: null,
    reason: input.reason ?? null,
    data: input.data,
    actorId: tx.actor?.userId ?? null,
    actorName: input.actorName ?? tx.actor?.displayName ?? '系统',
    source: input.source,
    occurredAt: tx.now,
    recordedAt: tx.now,
    idempotencyKey: null,
    requestHash: null,
    versionAfter: visit.version + 1,
  });
  const updated = await updateVisitVersioned(tx.db, visit.id, visit.version, { ...patch, updatedAt: tx.now });
  if (!updated) throw new AppError('VERSION_CONFLICT', { currentVersion: visit.version });
  emitVisitChanged(tx, updated, input.step);
  return updated;
}
