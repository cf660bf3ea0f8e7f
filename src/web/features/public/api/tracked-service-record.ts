import { getTrackedServiceRecord } from '@shared/contracts/field.contract';
import { buildPath, buildQuery } from '@web/lib/api';
import type { TrackingAuth } from './track-work-order';

/**
 * The address of a finished visit's service record for the customer (getTrackedServiceRecord), with the page's own
 * authorisation (the link's token, or the session after number + SMS code). Opened in a new tab as a plain link: a
 * GET needs no CSRF header, and the server answers `private, no-store`.
 */
export function trackedServiceRecordUrl(visitNo: number, auth: TrackingAuth, format: 'html' | 'pdf'): string {
  return (
    buildPath(getTrackedServiceRecord.path, { visitNo }) +
    buildQuery({ ...('token' in auth ? { token: auth.token } : { session: auth.session }), format })
  );
}
