import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { ServiceRecordDocument } from './service-record';

/**
 * GET /api/public/track/visits/:visitNo/record — the customer's copy of a visit's service record, authorised by the
 * tracking link's token or the tracking session. (Being built.)
 */
export async function getTrackedServiceRecord(
  _ctx: Ctx,
  _visitNo: number,
  _auth: { token?: string | undefined; session?: string | undefined; format?: 'html' | 'pdf' | undefined },
): Promise<ServiceRecordDocument> {
  throw new AppError('NOT_FOUND');
}
