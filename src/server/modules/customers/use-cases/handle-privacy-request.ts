import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import { findCustomer, lockPrivacyRequest, updatePrivacyRequestVersioned } from '../customers.repository';
import { type PrivacyResult, toPrivacyRequestDetail } from '../customers.views';
import { anonymiseCustomer } from './anonymise-customer';
import { exportCustomerData } from './export-customer-data';

export interface HandlePrivacyRequestInput {
  action: 'complete' | 'reject';
  note: string;
  version: number;
}

/**
 * POST /api/privacy-requests/:requestId/handle — completes or rejects an open request, under optimistic locking.
 * Completing an export stores the customer's data encrypted and returns it decrypted in `result`
 * (audited `privacy.export.completed`); completing a deletion anonymises the customer
 * (`privacy.delete.completed`); rejecting needs a note (`privacy.request.rejected`).
 */
export async function handlePrivacyRequest(ctx: Ctx, requestId: string, input: HandlePrivacyRequestInput) {
  const actor = requireActor(ctx.actor);
  const zh = ctx.request.locale === 'zh-CN';
  const note = input.note.trim();
  if (input.action === 'reject' && note.length < 2) {
    throw AppError.field(
      'note',
      'required',
      zh ? '驳回需填写原因（至少 2 个字）' : 'Give a reason to reject (2+ characters)',
    );
  }
  return withTransaction(ctx, async (tx) => {
    const request = await lockPrivacyRequest(tx.db, requestId);
    if (!request) throw new AppError('NOT_FOUND');
    if (request.version !== input.version) {
      throw new AppError('VERSION_CONFLICT', { currentVersion: request.version });
    }
    if (request.status !== 'open') throw new AppError('ILLEGAL_TRANSITION', { status: request.status });
    const result: PrivacyResult = { handledByName: actor.displayName };
    let action = 'privacy.request.rejected';
    let details: Record<string, unknown> = { customerId: request.customerId, kind: request.kind };
    if (input.action === 'complete' && request.kind === 'export') {
      const data = await exportCustomerData(tx, request.customerId);
      result.exportEnc = tx.cipher.encrypt(JSON.stringify(data));
      action = 'privacy.export.completed';
    } else if (input.action === 'complete') {
      const done = await anonymiseCustomer(tx, request.customerId);
      action = 'privacy.delete.completed';
      details = { ...details, ...done };
    }
    const after = await updatePrivacyRequestVersioned(tx.db, requestId, input.version, {
      status: input.action === 'complete' ? 'done' : 'rejected',
      note,
      handledBy: actor.userId,
      handledAt: tx.now,
      result,
    });
    if (!after) throw new AppError('VERSION_CONFLICT');
    await writeAudit(tx, {
      action,
      objectType: 'privacy_request',
      objectId: requestId,
      before: { status: request.status },
      after: { status: after.status },
      details,
    });
    const customer = await findCustomer(tx.db, request.customerId);
    return toPrivacyRequestDetail(tx.cipher, after, customer?.nameMasked ?? '');
  });
}
