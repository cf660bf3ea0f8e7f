import type { Body } from '@shared/contracts/endpoint';
import type { completeVisit, QueuedStepBody, recordConsent, Visit } from '@shared/contracts/field.contract';
import type { PhotoKind, VisitStep } from '@shared/domain/field';

// The shapes shared by the visit pages, field-client.ts and the offline layer (kept apart so the offline layer
// needs nothing of the client that uses it).

export type ConsentBody = Body<typeof recordConsent>;
export type CompleteBody = Body<typeof completeVisit>;

/** One change to a visit, as the server's offline queue (syncOfflineQueue) takes it. */
export type FieldAction =
  | { kind: 'step'; visitId: string; body: QueuedStepBody }
  | { kind: 'consent'; visitId: string; body: ConsentBody }
  | { kind: 'complete'; visitId: string; body: CompleteBody };

export interface SubmitResult {
  /** The visit after the action: the server's answer, or (queued) the cached visit with the action applied locally. */
  visit: Visit;
  /** True when the action waits in the phone's queue (no signal). */
  queued: boolean;
}

/** A fresh idempotency key for one action (kept with it through retries and offline replays). */
export function newActionKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return `fa-${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}

export interface PhotoInput {
  visitId: string;
  step: VisitStep;
  kind: PhotoKind;
  /** Already resized on the phone (≤ 1600 px JPEG, < 2 MB). */
  blob: Blob;
  takenAt: string;
}

export interface PhotoResult {
  /** Stable id on the phone (`local:<uuid>`): a step body's photoIds may name it while the photo is queued. */
  localId: string;
  /** The server's id once uploaded. */
  photoId: string | null;
  queued: boolean;
}

/** The phone's sync state, shown in the app bar (the offline layer fills it in). */
export interface FieldSyncState {
  online: boolean;
  /** Actions and photos waiting in the queue. */
  pending: number;
  syncing: boolean;
  /** Items the server refused or that conflict with an office edit: the technician decides. */
  problems: number;
  lastSyncedAt: string | null;
}
