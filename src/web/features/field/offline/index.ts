// The technician app's offline layer: what pages use. The actions themselves go through
// features/field/api/field-client.ts (submitFieldAction / addVisitPhoto), which queue when there is no signal.

export {
  applyLocally,
  checkLocally,
  isPending,
  type LocalVisit,
  type PendingPhoto,
  type PendingSync,
  quoteVersionFor,
} from './apply-locally';
export { FieldSyncBar, useFieldSync, useFieldSyncState } from './field-sync-bar';
export { installFieldOffline } from './install';
export { hhmm, om as offlineText } from './messages';
export { fieldOffline, isNetworkError } from './runtime';
export { SyncProblems } from './sync-problems';

import type { Visit } from '@shared/contracts/field.contract';
import type { LocalVisit } from './apply-locally';

/** The quote was made offline: no prices yet (show "待同步后计价" instead of amounts). */
export function quotePricePending(visit: Visit): boolean {
  return (visit as LocalVisit).pendingSync?.quotePending === true;
}

/** The step was recorded on the phone and waits for the server (show "待同步" next to it). */
export function stepPendingSync(visit: Visit, step: string): boolean {
  return ((visit as LocalVisit).pendingSync?.localSteps as string[] | undefined)?.includes(step) === true;
}

/** A photo taken offline as a Blob (for a thumbnail with URL.createObjectURL), by its `local:` id. */
export function localPhotoBlob(localId: string): Promise<Blob | null> {
  return fieldOffline().photoBlob(localId);
}

import { fieldOffline } from './runtime';
