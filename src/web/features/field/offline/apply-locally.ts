import type { QuoteView, Visit } from '@shared/contracts/field.contract';
import { SKIPPABLE_STEPS, VISIT_STEP_LABELS, type VisitStep } from '@shared/domain/field';
import { REDOABLE_BEFORE_CONSENT, sequenceOf } from '@shared/domain/field-order';
import type { FieldAction } from '../api/field-actions';

// What the phone shows while an action waits in the offline queue: the cached visit with the action applied by the
// same order rules as the server (src/server/modules/field/domain/steps.ts: a step counts when done after every
// step before it; diagnosis and quote may be redone until the customer consents; only the skippable steps are
// skipped). Pure: no I/O, no clock (the time of the action is passed in).

/** A photo taken offline, waiting to be uploaded (its `localId` may stand in a queued step's photoIds). */
export interface PendingPhoto {
  localId: string;
  step: VisitStep;
  kind: string;
  takenAt: string;
}

/** Marks a visit shown from the phone's queue rather than the server's answer. */
export interface PendingSync {
  /** Actions of this visit waiting in the queue. */
  actions: number;
  photos: PendingPhoto[];
  /** A quote made offline: its prices come when synced (待同步后计价). */
  quotePending: boolean;
  /** Steps of this visit marked done / skipped on the phone only. */
  localSteps: VisitStep[];
}

export type LocalVisit = Visit & { pendingSync?: PendingSync };

export interface LocalRefusal {
  ok: false;
  reason: 'visit_closed' | 'not_in_visit' | 'not_skippable' | 'already_done' | 'out_of_order' | 'not_now';
  zh: string;
  en: string;
  next?: VisitStep | null;
}
export type LocalResult = { ok: true; visit: LocalVisit } | LocalRefusal;

const zh = (s: VisitStep) => VISIT_STEP_LABELS[s]['zh-CN'];
const en = (s: VisitStep) => VISIT_STEP_LABELS[s]['en-US'];

function refuse(reason: LocalRefusal['reason'], zhText: string, enText: string, next?: VisitStep | null): LocalRefusal {
  return { ok: false, reason, zh: zhText, en: enText, ...(next !== undefined ? { next } : {}) };
}

function isComplete(visit: Visit, step: VisitStep): boolean {
  const s = visit.steps.find((x) => x.step === step);
  return s !== undefined && s.status !== 'todo';
}

function pendingOf(visit: LocalVisit): PendingSync {
  return visit.pendingSync
    ? { ...visit.pendingSync, photos: [...visit.pendingSync.photos], localSteps: [...visit.pendingSync.localSteps] }
    : { actions: 0, photos: [], quotePending: false, localSteps: [] };
}

/** The step an action names, and whether it is a skip. Null for delay / waiting_parts (no step of the sequence). */
function targetOf(action: FieldAction): { step: VisitStep; skip: boolean } | null {
  if (action.kind === 'consent') return { step: 'consent', skip: false };
  if (action.kind === 'complete') return { step: 'complete', skip: false };
  const b = action.body;
  if (b.step === 'skip') return { step: b.target, skip: true };
  if (b.step === 'delay' || b.step === 'waiting_parts') return null;
  return { step: b.step, skip: false };
}

/**
 * May the phone queue this action on its copy of the visit? The server's `checkAction`, on the visit's steps as
 * the phone shows them. Null when allowed.
 */
export function checkLocally(visit: Visit, action: FieldAction): LocalRefusal | null {
  if (visit.status !== 'open') {
    return refuse('visit_closed', '该上门记录已结束，不能再操作', 'This visit is over; nothing more can be recorded');
  }
  if (action.kind === 'step' && action.body.step === 'waiting_parts') {
    const after: VisitStep = visit.kind === 'follow_up' ? 'arrive' : 'diagnosis';
    if (!isComplete(visit, after) || isComplete(visit, 'tests')) {
      return refuse(
        'not_now',
        `须在${zh(after)}之后、测试之前登记待配件`,
        `Waiting for parts is recorded after ${en(after)} and before the tests`,
      );
    }
    return null;
  }
  if (action.kind === 'step' && action.body.step === 'delay') {
    if (!isComplete(visit, 'arrive') || isComplete(visit, 'complete')) {
      return refuse(
        'not_now',
        '到达之后、完工之前才能报告延误',
        'A delay is reported after arriving and before completion',
      );
    }
    return null;
  }
  const target = targetOf(action);
  if (!target) return null;
  const { step, skip } = target;
  if (!sequenceOf(visit.kind).includes(step)) {
    return refuse('not_in_visit', '此类上门没有这一步', 'This kind of visit has no such step');
  }
  if (skip && !SKIPPABLE_STEPS.includes(step)) {
    return refuse(
      'not_skippable',
      `「${zh(step)}」是制度要求的步骤，不能跳过`,
      `"${en(step)}" is required by the policy and cannot be skipped`,
    );
  }
  if (isComplete(visit, step)) {
    const redo = !skip && REDOABLE_BEFORE_CONSENT.includes(step) && !isComplete(visit, 'consent');
    return redo ? null : refuse('already_done', `「${zh(step)}」已完成`, `"${en(step)}" is done already`);
  }
  if (visit.next !== step) {
    const next = visit.next;
    return next
      ? refuse('out_of_order', `请先完成「${zh(next)}」`, `Do "${en(next)}" first`, next)
      : refuse('visit_closed', '该上门记录已结束，不能再操作', 'This visit is over; nothing more can be recorded');
  }
  return null;
}

/** Marks `step` done (or skipped) at `at`; a redone step sends every later step back to be done again. */
function markStep(visit: LocalVisit, step: VisitStep, at: string, skipReason: string | null): LocalVisit {
  const index = visit.steps.findIndex((s) => s.step === step);
  const steps = visit.steps.map((s, i) => {
    if (i === index) return { step: s.step, status: skipReason === null ? 'done' : 'skipped', at, skipReason } as const;
    if (i > index) return { step: s.step, status: 'todo', at: null, skipReason: null } as const;
    return s;
  });
  const next = steps.find((s) => s.status === 'todo')?.step ?? null;
  return { ...visit, steps, next };
}

/** A quote recorded offline: the parts without prices (the server prices it when synced), version one higher. */
function offlineQuote(visit: Visit, body: Extract<FieldAction['body'], { step: 'quote' }>): QuoteView {
  const version = (visit.quote?.version ?? 0) + 1;
  return {
    version,
    lines: body.parts.map((p) => ({
      kind: 'part' as const,
      partId: p.partId,
      code: null,
      description: '',
      quantity: p.quantity,
      source: p.source,
      designated: p.insteadOfPartId === undefined,
      unitPriceFen: 0,
      amountFen: 0,
      costFen: 0,
      warrantyMonths: null,
      covered: false,
      coverage: null,
      customerPaysFen: 0,
      warrantyFen: 0,
    })),
    labourMinutes: visit.diagnosis?.standardMinutes ?? 0,
    difficulty: visit.diagnosis?.difficulty ?? 0,
    travelKm: body.travelKm,
    totalFen: 0,
    customerPaysFen: 0,
    warrantyFen: 0,
    nonDesignated: body.parts
      .filter((p) => p.insteadOfPartId !== undefined)
      .map((p) => ({
        partId: p.partId,
        code: '',
        name: '',
        insteadOfPartId: p.insteadOfPartId as string,
        insteadOfCode: '',
        insteadOfName: '',
        quantity: p.quantity,
        unitPriceDifferenceFen: 0,
        totalDifferenceFen: 0,
        warrantyMonths: 0,
        designatedWarrantyMonths: 0,
        coveredByCompanyWarranty: false as const,
      })),
    unitInWarranty: visit.workOrder.unit.inWarranty,
  };
}

/**
 * The visit as the phone shows it after `action`, queued at `at` (ISO): the step marked done with the time (or
 * skipped with the reason), `next` moved along the visit's sequence, the step's own facts where the view has a place
 * for them, and `pendingSync` saying what waits for the server. Refused (like the server would) when out of order.
 */
export function applyLocally(visit: LocalVisit, action: FieldAction, at: string): LocalResult {
  const refused = checkLocally(visit, action);
  if (refused) return refused;
  const when = action.body.occurredAt ?? at;
  const pending = pendingOf(visit);
  pending.actions += 1;
  let v: LocalVisit = { ...visit, updatedAt: when };

  if (action.kind === 'consent') {
    const b = action.body;
    v.consent = {
      status: b.method === 'signature' ? 'approved' : 'pending',
      method: b.method,
      quoteVersion: b.quoteVersion,
      signerName: b.method === 'signature' ? b.signerName : null,
      requestedAt: when,
      decidedAt: b.method === 'signature' ? when : null,
    };
    // By link the customer decides later (on their phone): the step stays to do until then.
    if (b.method === 'signature') {
      v = markStep(v, 'consent', when, null);
      pending.localSteps.push('consent');
    }
    return { ok: true, visit: { ...v, pendingSync: pending } };
  }
  if (action.kind === 'complete') {
    v = markStep(v, 'complete', when, null);
    pending.localSteps.push('complete');
    return { ok: true, visit: { ...v, status: 'completed', finishedAt: when, pendingSync: pending } };
  }

  const b = action.body;
  switch (b.step) {
    case 'skip':
      v = markStep(v, b.target, when, b.reason);
      pending.localSteps.push(b.target);
      break;
    case 'delay':
      v = { ...v, delayRequired: false, repairDueAt: b.newFinishAt };
      if (v.diagnosis?.complexity === 'complex') v.expectedFinishAt = b.newFinishAt;
      break;
    case 'waiting_parts':
      v = { ...v, status: 'waiting_parts', endReason: b.reason, finishedAt: when, next: null };
      break;
    default: {
      v = markStep(v, b.step, when, null);
      pending.localSteps.push(b.step);
      if (b.step === 'depart') v = { ...v, departedAt: when, etaAt: b.etaAt };
      if (b.step === 'arrive') v = { ...v, arrivedAt: when };
      if (b.step === 'diagnosis') {
        v = {
          ...v,
          diagnosis: {
            faultCategory: b.faultCategory,
            faultCodeId: b.faultCodeId ?? null,
            faultCode: null,
            cause: b.cause,
            complexity: b.expectedFinishAt ? 'complex' : 'simple',
            standardMinutes: visit.diagnosis?.standardMinutes ?? 0,
            difficulty: visit.diagnosis?.difficulty ?? 0,
          },
          expectedFinishAt: b.expectedFinishAt ?? null,
          // A new diagnosis voids the quote made for the old one.
          quote: null,
        };
        pending.quotePending = false;
      }
      if (b.step === 'quote') {
        v = { ...v, quote: offlineQuote(visit, b) };
        pending.quotePending = true;
      }
      if (b.step === 'repair') v = { ...v, workDone: b.workDone };
      if (b.step === 'tests') {
        v = {
          ...v,
          tests: {
            mode: b.mode,
            readings: Object.entries(b.readings)
              .filter((e): e is [keyof typeof b.readings, number] => typeof e[1] === 'number')
              .map(([name, value]) => ({ name, value, unit: '' })),
          },
        };
      }
      if (b.step === 'handover') v = { ...v, advice: b.advice.filter((a) => a.length > 0) };
    }
  }
  return { ok: true, visit: { ...v, pendingSync: pending } };
}

/** Adds a photo waiting for upload to the visit's pending marks (photos never change the steps). */
export function withPendingPhoto(visit: LocalVisit, photo: PendingPhoto): LocalVisit {
  const pending = pendingOf(visit);
  pending.photos.push(photo);
  return { ...visit, pendingSync: pending };
}

/**
 * The version to send with a consent queued after an offline quote: the quote recorded offline will be the cached
 * quote's version + 1 once the server prices it.
 */
export function quoteVersionFor(visit: LocalVisit): number {
  return visit.quote?.version ?? 1;
}

/** True when this copy of the visit carries steps or photos that wait for the server. */
export function isPending(visit: LocalVisit): boolean {
  const p = visit.pendingSync;
  return p !== undefined && (p.actions > 0 || p.photos.length > 0);
}

/** Replays every queued action of a visit on the server's copy (actions the rules refuse are left out). */
export function overlay(
  visit: Visit,
  actions: readonly { action: FieldAction; at: string }[],
  photos: readonly PendingPhoto[],
): LocalVisit {
  let v: LocalVisit = visit;
  for (const { action, at } of actions) {
    const r = applyLocally(v, action, at);
    if (r.ok) v = r.visit;
  }
  for (const p of photos) v = withPendingPhoto(v, p);
  return v;
}
