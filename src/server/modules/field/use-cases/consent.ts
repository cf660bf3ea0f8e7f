import { createHash, randomBytes } from 'node:crypto';
import { getContact } from '@server/modules/customers';
import { lockWorkOrderFor } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { QuoteView, RecordConsentBody } from '@shared/contracts/field.contract';
import { checkConsent } from '../domain/step-rules';
import {
  findConsentByToken,
  findVisit,
  insertConsent,
  lockConsentByToken,
  lockVisit,
  setConsentStatus,
  supersedePendingConsents,
  type VisitRow,
} from '../field.repository';
import { storeSignature } from './steps-finish';
import {
  appendOfficeRow,
  breakError,
  type FieldServices,
  rule,
  runStep,
  type StepResult,
  systemView,
  tellCustomer,
  transitionOrder,
} from './visit-support';

/** How long a customer's approval link stays valid. */
export const APPROVAL_LINK_HOURS = 24;

export const hashApprovalToken = (token: string) => createHash('sha256').update(token).digest('hex');

function currentQuote(visit: VisitRow): QuoteView | null {
  return visit.quote ? (visit.quote as QuoteView) : null;
}

function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/**
 * POST /api/field/visits/:visitId/consent — the customer's consent to the current quote (never an older version):
 * - `signature`: drawn on the phone, each non-designated part accepted explicitly (the terms shown are kept with the
 *   consent); the order moves diagnosed → in_repair.
 * - `link`: an SMS with a link to the quote (valid 24 h) goes to the customer's mobile; the consent step completes
 *   when they approve on their own phone (decideQuoteApproval).
 */
export async function recordConsent(
  ctx: Ctx,
  visitId: string,
  body: RecordConsentBody,
  services: FieldServices,
  source: 'app' | 'offline' = 'app',
): Promise<StepResult> {
  return runStep(
    ctx,
    {
      visitId,
      idempotencyKey: body.idempotencyKey,
      version: body.version,
      occurredAt: body.occurredAt,
      body: body as Record<string, unknown>,
      source,
    },
    { type: 'step', step: 'consent' },
    async (tx, s) => {
      const quote = currentQuote(s.visit);
      const nonDesignated = quote?.nonDesignated.map((p) => p.partId) ?? [];
      const broken = checkConsent({
        currentQuoteVersion: quote ? quote.version : null,
        quoteVersion: body.quoteVersion,
        nonDesignatedPartIds: nonDesignated,
        // By link, the customer accepts the parts on the approval page itself.
        acceptedNonDesignated: body.method === 'signature' ? body.acceptedNonDesignated : nonDesignated,
      });
      if (broken) throw breakError(tx, broken);
      if (!quote) throw new AppError('INTERNAL');
      const terms = { nonDesignated: quote.nonDesignated, unitInWarranty: quote.unitInWarranty };
      if (body.method === 'signature') {
        const sig = await storeSignature(tx, s.visit.id, 'consent', body, s.at);
        await supersedePendingConsents(tx.db, s.visit.id, tx.now);
        const consent = await insertConsent(tx.db, {
          visitId: s.visit.id,
          quoteVersion: quote.version,
          method: 'signature',
          status: 'approved',
          signatureId: sig.id,
          signerName: sig.signerName,
          totalFen: quote.totalFen,
          customerPaysFen: quote.customerPaysFen,
          terms,
          requestedAt: s.at,
          decidedAt: s.at,
        });
        if (s.visit.kind === 'first') await transitionOrder(tx, s.visit.workOrderId, { type: 'consent' });
        return {
          step: 'consent',
          data: {
            method: 'signature',
            consentId: consent.id,
            quoteVersion: quote.version,
            signerName: sig.signerName,
            acceptedNonDesignated: body.acceptedNonDesignated,
            customerPaysFen: quote.customerPaysFen,
          },
          patch: { consentedQuoteVersion: quote.version },
        };
      }
      const contact = await getContact(tx, { customerId: s.order.customerId, phoneId: s.order.phoneId });
      if (!contact.phone || contact.phoneKind !== 'mobile' || contact.anonymised) {
        throw rule(
          tx,
          'no_mobile',
          '客户没有可接收短信的手机号，请让客户在屏幕上签字确认',
          'The customer has no mobile for the link; ask them to sign on the screen',
        );
      }
      const token = randomBytes(24).toString('base64url');
      await supersedePendingConsents(tx.db, s.visit.id, tx.now);
      const consent = await insertConsent(tx.db, {
        visitId: s.visit.id,
        quoteVersion: quote.version,
        method: 'link',
        status: 'pending',
        tokenHash: hashApprovalToken(token),
        expiresAt: new Date(tx.now.getTime() + APPROVAL_LINK_HOURS * 3_600_000),
        totalFen: quote.totalFen,
        customerPaysFen: quote.customerPaysFen,
        terms,
        requestedAt: s.at,
      });
      await tellCustomer(tx, s.order, 'quote_approval', {
        amount: yuan(quote.customerPaysFen),
        approvalUrl: `${services.publicUrl.replace(/\/+$/, '')}/approve?t=${encodeURIComponent(token)}`,
      });
      return {
        step: 'consent_link',
        data: { method: 'link', consentId: consent.id, quoteVersion: quote.version },
        patch: {},
      };
    },
  );
}

async function pendingConsent(ctx: Ctx, token: string) {
  const consent = await findConsentByToken(ctx.db, hashApprovalToken(token));
  if (!consent) throw new AppError('NOT_FOUND');
  const visit = await findVisit(ctx.db, consent.visitId);
  if (!visit) throw new AppError('NOT_FOUND');
  return { consent, visit };
}

/** GET /api/public/quote-approvals/:token — what the customer approves (no personal data beyond the order number). */
export async function getQuoteApproval(ctx: Ctx, token: string) {
  const { consent, visit } = await pendingConsent(ctx, token);
  const quote = currentQuote(visit);
  if (!quote || quote.version !== consent.quoteVersion) throw new AppError('NOT_FOUND');
  const expired = consent.status === 'pending' && consent.expiresAt !== null && consent.expiresAt < ctx.now;
  return {
    workOrderNumber: visit.workOrderNumber,
    technicianName: visit.technicianName,
    status: (expired ? 'superseded' : consent.status) as 'pending' | 'approved' | 'declined' | 'superseded',
    expiresAt: consent.expiresAt?.toISOString() ?? null,
    expired,
    diagnosis: visit.faultCategory && visit.cause ? { faultCategory: visit.faultCategory, cause: visit.cause } : null,
    quote,
  };
}

/**
 * POST /api/public/quote-approvals/:token — the customer approves (the consent step completes, the order moves to
 * in_repair) or declines (the technician may quote again). Once decided, the same decision again is answered ok;
 * another is refused. An expired or replaced link is refused.
 */
export async function decideQuoteApproval(
  ctx: Ctx,
  token: string,
  input: { decision: 'approve' | 'decline' },
): Promise<{ ok: true }> {
  return withTransaction(ctx, async (tx) => {
    const { visit: seen } = await pendingConsent(tx, token);
    await lockWorkOrderFor(systemView(tx), seen.workOrderId);
    const visit = (await lockVisit(tx.db, seen.id)) as VisitRow;
    const consent = await lockConsentByToken(tx.db, hashApprovalToken(token));
    if (!consent) throw new AppError('NOT_FOUND');
    const decided = input.decision === 'approve' ? 'approved' : 'declined';
    if (consent.status === decided) return { ok: true as const };
    const zh = tx.request.locale === 'zh-CN';
    if (consent.status !== 'pending') {
      throw new AppError('ILLEGAL_TRANSITION', {
        reason: 'link_used',
        message: zh ? '该确认链接已失效' : 'This link is no longer valid',
      });
    }
    const quote = currentQuote(visit);
    const stale = visit.status !== 'open' || !quote || quote.version !== consent.quoteVersion;
    if (stale || (consent.expiresAt !== null && consent.expiresAt < tx.now)) {
      throw new AppError('ILLEGAL_TRANSITION', {
        reason: 'link_expired',
        message: zh ? '该确认链接已过期或报价已更新，请联系工程师' : 'This link expired or the quote changed',
      });
    }
    await setConsentStatus(tx.db, consent.id, { status: decided, decidedAt: tx.now });
    const customer = zh ? '客户（短信链接）' : 'Customer (SMS link)';
    if (decided === 'approved') {
      if (visit.kind === 'first') {
        await transitionOrder(tx, visit.workOrderId, { type: 'consent' }, { consentId: consent.id, method: 'link' });
      }
      await appendOfficeRow(
        tx,
        visit,
        {
          step: 'consent',
          data: { method: 'link', consentId: consent.id, quoteVersion: consent.quoteVersion },
          source: 'system',
          actorName: customer,
        },
        { consentedQuoteVersion: consent.quoteVersion },
      );
    } else {
      await appendOfficeRow(
        tx,
        visit,
        {
          step: 'consent_declined',
          data: { consentId: consent.id, quoteVersion: consent.quoteVersion },
          source: 'system',
          actorName: customer,
        },
        {},
      );
    }
    return { ok: true as const };
  });
}
