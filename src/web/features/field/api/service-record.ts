import { getServiceRecord, getVisitPhoto } from '@shared/contracts/field.contract';
import { buildPath } from '@web/lib/api';

/** The one-page service record of a visit (HTML, or PDF): opened as a link (cookie auth, a GET needs no header). */
export function serviceRecordUrl(visitId: string, format: 'html' | 'pdf' = 'html'): string {
  const path = buildPath(getServiceRecord.path, { visitId });
  return format === 'pdf' ? `${path}?format=pdf` : path;
}

/** A visit photo's bytes (its technician and the branch's dispatchers only). */
export function visitPhotoUrl(photoId: string): string {
  return buildPath(getVisitPhoto.path, { photoId });
}
