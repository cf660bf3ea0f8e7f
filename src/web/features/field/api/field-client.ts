import type { Body } from '@shared/contracts/endpoint';
import {
  advanceVisit,
  completeVisit,
  type QueuedStepBody,
  recordConsent,
  uploadVisitPhoto,
  type Visit,
} from '@shared/contracts/field.contract';
import type { PhotoKind, VisitStep } from '@shared/domain/field';
import { call } from '@web/lib/api';

/**
 * The technician app's one door to the server for everything that changes a visit. Pages call these and never the
 * endpoints directly, so that the offline layer (features/field/offline) can queue what cannot be sent now and
 * replay it later with the same idempotency keys.
 *
 * THIS FILE IS THE CONTRACT between the visit pages and the offline layer: keep the exported names and shapes.
 * The bodies below are the online-only first version; the offline layer replaces their insides.
 */

type ConsentBody = Body<typeof recordConsent>;
type CompleteBody = Body<typeof completeVisit>;

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

/** Sends one action now (online). The offline layer makes this queue when there is no signal. */
export async function submitFieldAction(action: FieldAction): Promise<SubmitResult> {
  const headers = { 'Idempotency-Key': action.body.idempotencyKey };
  const params = { visitId: action.visitId };
  if (action.kind === 'step') {
    const r = await call(advanceVisit, { params, body: action.body as Body<typeof advanceVisit>, headers });
    return { visit: r.visit, queued: false };
  }
  if (action.kind === 'consent') {
    const r = await call(recordConsent, { params, body: action.body, headers });
    return { visit: r.visit, queued: false };
  }
  const r = await call(completeVisit, { params, body: action.body, headers });
  return { visit: r.visit, queued: false };
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

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Uploads a visit photo now (online). The offline layer makes this queue the photo (a Blob in IndexedDB). */
export async function addVisitPhoto(input: PhotoInput): Promise<PhotoResult> {
  const key = newActionKey();
  const contentType = input.blob.type as 'image/jpeg' | 'image/png' | 'image/webp';
  const r = await call(uploadVisitPhoto, {
    params: { visitId: input.visitId },
    body: {
      idempotencyKey: key,
      step: input.step,
      kind: input.kind,
      contentType,
      dataBase64: await base64Of(input.blob),
      takenAt: input.takenAt,
    },
    headers: { 'Idempotency-Key': key },
  });
  return { localId: `local:${key}`, photoId: r.photo.id, queued: false };
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
