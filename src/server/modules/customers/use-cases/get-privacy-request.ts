import { writeAudit } from '@server/modules/identity';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import { findCustomer, findPrivacyRequest } from '../customers.repository';
import { toPrivacyRequestDetail } from '../customers.views';

/** GET /api/privacy-requests/:requestId — with the exported data of a completed export (audited download). */
export async function getPrivacyRequest(ctx: Ctx, requestId: string) {
  requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const row = await findPrivacyRequest(tx.db, requestId);
    if (!row) throw new AppError('NOT_FOUND');
    const customer = await findCustomer(tx.db, row.customerId);
    const detail = toPrivacyRequestDetail(tx.cipher, row, customer?.nameMasked ?? '');
    if (detail.result !== null) {
      await writeAudit(tx, {
        action: 'privacy.export.downloaded',
        objectType: 'privacy_request',
        objectId: row.id,
        details: { customerId: row.customerId },
      });
    }
    return detail;
  });
}
