import { getTechnicianPhoto } from '@shared/contracts/dispatch.contract';
import { buildPath } from '@web/lib/api';

/**
 * The address of a technician's ID photo (getTechnicianPhoto), used as an `<img src>`: the browser sends the session
 * cookie with it and a GET needs no CSRF header; the server answers no-store.
 */
export function technicianPhotoUrl(technicianId: string): string {
  return buildPath(getTechnicianPhoto.path, { technicianId });
}
