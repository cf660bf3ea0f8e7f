import type { Ctx } from '@server/platform/context';
import type { AdvanceVisitBody, QueuedStepBody } from '@shared/contracts/field.contract';
import { armRepairClock } from './repair-clock';
import { applyDelay, applyHandover, applySignature, applySiteCleaned, applySkip } from './steps-finish';
import { applyRepair, applyTests } from './steps-repair';
import { applyAccept, applyArrive, applyContacted, applyDepart } from './steps-travel';
import { applyDiagnosis, applyQuote, applySafety, applyShowId } from './steps-work';
import { runStep, type StepRequest, type StepResult, transitionOrder } from './visit-support';
import { applyWaitingParts } from './waiting-parts';

/** A step with the version to check (online: as sent; offline: the one the queue computed). */
export type StepBody = (AdvanceVisitBody | QueuedStepBody) & { version: number };

/**
 * POST /api/field/visits/:visitId/steps — one step of the technician's own visit, named in the body (or a skip with
 * a reason, a delay report, the end of the visit waiting for parts). See runStep for what every step goes through.
 */
export async function advanceVisit(
  ctx: Ctx,
  visitId: string,
  body: StepBody,
  source: 'app' | 'offline' = 'app',
): Promise<StepResult> {
  const req: StepRequest = {
    visitId,
    idempotencyKey: body.idempotencyKey,
    version: body.version,
    occurredAt: body.occurredAt,
    body: body as Record<string, unknown>,
    source,
  };
  switch (body.step) {
    case 'accept':
      return runStep(ctx, req, { type: 'step', step: 'accept' }, (tx, s) => applyAccept(tx, s));
    case 'contacted':
      return runStep(ctx, req, { type: 'step', step: 'contacted' }, (tx, s) => applyContacted(tx, s, body));
    case 'depart':
      return runStep(ctx, req, { type: 'step', step: 'depart' }, (tx, s) => applyDepart(tx, s, body));
    case 'arrive':
      return runStep(ctx, req, { type: 'step', step: 'arrive' }, (tx, s) => applyArrive(tx, s, body));
    case 'show_id':
      return runStep(ctx, req, { type: 'step', step: 'show_id' }, () => applyShowId());
    case 'safety':
      return runStep(ctx, req, { type: 'step', step: 'safety' }, (tx, s) => applySafety(tx, s, body));
    case 'diagnosis':
      return runStep(ctx, req, { type: 'step', step: 'diagnosis' }, (tx, s) => applyDiagnosis(tx, s, body));
    case 'quote':
      return runStep(ctx, req, { type: 'step', step: 'quote' }, (tx, s) => applyQuote(tx, s, body));
    case 'repair':
      return runStep(ctx, req, { type: 'step', step: 'repair' }, (tx, s) => applyRepair(tx, s, body));
    case 'tests':
      return runStep(ctx, req, { type: 'step', step: 'tests' }, (tx, s) => applyTests(tx, s, body));
    case 'handover':
      return runStep(ctx, req, { type: 'step', step: 'handover' }, (tx, s) => applyHandover(tx, s, body));
    case 'site_cleaned':
      return runStep(ctx, req, { type: 'step', step: 'site_cleaned' }, (tx, s) => applySiteCleaned(tx, s, body));
    case 'signature':
      return runStep(ctx, req, { type: 'step', step: 'signature' }, (tx, s) => applySignature(tx, s, body));
    case 'skip':
      return runStep(ctx, req, { type: 'skip', step: body.target }, (tx, s) => applySkip(tx, s, body));
    case 'delay':
      return runStep(ctx, req, { type: 'delay' }, (tx, s) => applyDelay(tx, s, body), { overdueOk: true });
    case 'waiting_parts':
      return runStep(ctx, req, { type: 'waiting_parts' }, (tx, s) => applyWaitingParts(tx, s, body), {
        overdueOk: true,
      });
    default: {
      const never: never = body;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}

/**
 * POST /api/field/visits/:visitId/complete — the last step: every step before it done or skipped (the customer's
 * signature, or its skip with a reason); the order becomes completed and the repair clock stops.
 */
export async function completeVisit(
  ctx: Ctx,
  visitId: string,
  body: { version: number; idempotencyKey: string; occurredAt?: string | undefined },
  source: 'app' | 'offline' = 'app',
): Promise<StepResult> {
  return runStep(
    ctx,
    {
      visitId,
      idempotencyKey: body.idempotencyKey,
      version: body.version,
      occurredAt: body.occurredAt,
      body: { ...body, step: 'complete' },
      source,
    },
    { type: 'step', step: 'complete' },
    async (tx, s) => {
      await transitionOrder(tx, s.visit.workOrderId, { type: 'complete' }, { visitId: s.visit.id });
      await armRepairClock(tx, s.visit.id, null);
      return {
        step: 'complete',
        data: { delays: s.visit.delayCount, lateMinutes: s.visit.lateMinutes },
        patch: { status: 'completed', finishedAt: s.at, endReason: 'completed' },
      };
    },
  );
}
