import type { Visit } from '@shared/contracts/field.contract';
import { FOLLOW_UP_STEPS, VISIT_STEPS, type VisitStep } from '@shared/domain/field';
import { describe, expect, it } from 'vitest';
import type { FieldAction } from '../api/field-actions';
import { applyLocally, type LocalVisit, overlay } from './apply-locally';

const VID = '00000000-0000-4000-8000-000000000001';
const AT = '2026-11-27T02:00:00.000Z';

function visitAt(next: VisitStep, kind: 'first' | 'follow_up' = 'first', quoteVersion: number | null = null): Visit {
  const seq = kind === 'first' ? VISIT_STEPS : FOLLOW_UP_STEPS;
  const i = seq.indexOf(next);
  return {
    id: VID,
    kind,
    status: 'open',
    version: 7,
    steps: seq.map((step, j) => ({
      step,
      status: j < i ? 'done' : 'todo',
      at: j < i ? '2026-11-27T01:00:00.000Z' : null,
      skipReason: null,
    })),
    next,
    quote: quoteVersion === null ? null : ({ version: quoteVersion, lines: [] } as unknown as Visit['quote']),
    diagnosis: null,
    consent: null,
    workOrder: { unit: { inWarranty: false } },
  } as unknown as Visit;
}

const stepAction = (body: Record<string, unknown>): FieldAction =>
  ({ kind: 'step', visitId: VID, body: { idempotencyKey: `k-${String(body.step)}`, ...body } }) as FieldAction;

const ok = (r: ReturnType<typeof applyLocally>): LocalVisit => {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.visit;
};

describe('applying a queued action to the cached visit', () => {
  it('marks the step done at the phone’s time, moves next along and marks the visit pending', () => {
    const v = ok(applyLocally(visitAt('arrive'), stepAction({ step: 'arrive', position: { lat: 23, lng: 113 } }), AT));
    expect(v.steps.find((s) => s.step === 'arrive')).toMatchObject({ status: 'done', at: AT });
    expect(v.next).toBe('show_id');
    expect(v.arrivedAt).toBe(AT);
    expect(v.version).toBe(7); // the server's version stays: the queue sends it with the first item
    expect(v.pendingSync).toMatchObject({ actions: 1, localSteps: ['arrive'] });
  });

  it('uses occurredAt when the body carries it', () => {
    const when = '2026-11-27T01:30:00.000Z';
    const v = ok(applyLocally(visitAt('show_id'), stepAction({ step: 'show_id', occurredAt: when }), AT));
    expect(v.steps.find((s) => s.step === 'show_id')?.at).toBe(when);
  });

  it('refuses out of order, an unskippable skip and a step done already, like the server', () => {
    const r1 = applyLocally(visitAt('arrive'), stepAction({ step: 'safety' }), AT);
    expect(r1).toMatchObject({ ok: false, reason: 'out_of_order', next: 'arrive' });
    const r2 = applyLocally(visitAt('safety'), stepAction({ step: 'skip', target: 'safety', reason: '太忙了吧' }), AT);
    expect(r2).toMatchObject({ ok: false, reason: 'not_skippable' });
    const r3 = applyLocally(visitAt('safety'), stepAction({ step: 'arrive', position: { lat: 23, lng: 113 } }), AT);
    expect(r3).toMatchObject({ ok: false, reason: 'already_done' });
    const r4 = applyLocally(visitAt('contacted', 'follow_up'), stepAction({ step: 'accept' }), AT);
    expect(r4).toMatchObject({ ok: false, reason: 'not_in_visit' });
  });

  it('skips a skippable step with its reason', () => {
    const v = ok(
      applyLocally(visitAt('show_id'), stepAction({ step: 'skip', target: 'show_id', reason: '客户不在家' }), AT),
    );
    expect(v.steps.find((s) => s.step === 'show_id')).toMatchObject({ status: 'skipped', skipReason: '客户不在家' });
    expect(v.next).toBe('safety');
  });

  it('an offline quote has no prices yet and the next version; a redone diagnosis voids it and later steps', () => {
    const quoted = ok(
      applyLocally(visitAt('quote', 'first', 2), stepAction({ step: 'quote', parts: [], travelKm: 3 }), AT),
    );
    expect(quoted.quote).toMatchObject({ version: 3, totalFen: 0 });
    expect(quoted.pendingSync?.quotePending).toBe(true);
    expect(quoted.next).toBe('consent');
    const rediag = ok(
      applyLocally(quoted, stepAction({ step: 'diagnosis', faultCategory: 'no_cooling', cause: '压缩机故障' }), AT),
    );
    expect(rediag.quote).toBeNull();
    expect(rediag.next).toBe('quote');
    expect(rediag.steps.find((s) => s.step === 'quote')?.status).toBe('todo');
    expect(rediag.pendingSync?.actions).toBe(2);
  });

  it('consent by signature on the offline quote moves on to the repair; by link it waits for the customer', () => {
    const v = visitAt('consent', 'first', 3);
    const sig = ok(
      applyLocally(
        v,
        {
          kind: 'consent',
          visitId: VID,
          body: {
            method: 'signature',
            idempotencyKey: 'k-consent-1',
            version: 7,
            quoteVersion: 3,
            signerName: '王先生',
            signature: { contentType: 'image/png', dataBase64: 'iVBORw0KGgoAAAANSUhEUg==' },
            acceptedNonDesignated: [],
          },
        },
        AT,
      ),
    );
    expect(sig.next).toBe('repair');
    expect(sig.consent).toMatchObject({ status: 'approved', quoteVersion: 3, signerName: '王先生' });
    const link = ok(
      applyLocally(
        v,
        {
          kind: 'consent',
          visitId: VID,
          body: { method: 'link', idempotencyKey: 'k-consent-2', quoteVersion: 3, version: 7 },
        },
        AT,
      ),
    );
    expect(link.next).toBe('consent');
    expect(link.consent?.status).toBe('pending');
  });

  it('completion closes the visit; waiting for parts ends it; nothing is allowed after', () => {
    const done = ok(
      applyLocally(
        visitAt('complete'),
        { kind: 'complete', visitId: VID, body: { idempotencyKey: 'k-complete', version: 7 } },
        AT,
      ),
    );
    expect(done).toMatchObject({ status: 'completed', next: null, finishedAt: AT });
    const waiting = ok(
      applyLocally(
        visitAt('repair'),
        stepAction({ step: 'waiting_parts', reason: '缺压缩机', parts: [{ partId: VID, quantity: 1 }] }),
        AT,
      ),
    );
    expect(waiting.status).toBe('waiting_parts');
    expect(applyLocally(waiting, stepAction({ step: 'repair', workDone: '更换', parts: [] }), AT)).toMatchObject({
      ok: false,
      reason: 'visit_closed',
    });
  });

  it('overlay replays the queue on the server copy and leaves out what the server did already', () => {
    const server = visitAt('show_id');
    const v = overlay(
      server,
      [
        { action: stepAction({ step: 'arrive', position: { lat: 23, lng: 113 } }), at: AT },
        { action: stepAction({ step: 'show_id' }), at: AT },
      ],
      [{ localId: 'local:p1', step: 'safety', kind: 'site', takenAt: AT }],
    );
    expect(v.next).toBe('safety');
    expect(v.pendingSync).toMatchObject({ actions: 1, photos: [{ localId: 'local:p1' }] });
  });
});
