import type { Body } from '@shared/contracts/endpoint';
import {
  advanceVisit,
  completeVisit,
  recordConsent,
  uploadVisitPhoto,
  type Visit,
} from '@shared/contracts/field.contract';
import { ApiError, call } from '@web/lib/api';
import { currentLanguage } from '@web/lib/i18n';
import { applyLocally } from '../offline/apply-locally';
import { enqueueAction, enqueuePhoto, localPhotoIds, substitutePhotoIds } from '../offline/queue';
import { blobToBase64, fieldOffline, isNetworkError, offlineError, REQUEST_TIMEOUT_MS } from '../offline/runtime';
import {
  type FieldAction,
  type FieldSyncState,
  newActionKey,
  type PhotoInput,
  type PhotoResult,
  type SubmitResult,
} from './field-actions';

/**
 * The technician app's one door to the server for everything that changes a visit. Pages call these and never the
 * endpoints directly, so that the offline layer (features/field/offline) can queue what cannot be sent now and
 * replay it later with the same idempotency keys.
 *
 * THIS FILE IS THE CONTRACT between the visit pages and the offline layer: keep the exported names and shapes.
 * Offline: actions and photos go into the phone's queue (features/field/offline) and come back applied locally.
 */

/** Sends one action to the server (online). */
async function sendNow(action: FieldAction, signal: AbortSignal): Promise<Visit> {
  const headers = { 'Idempotency-Key': action.body.idempotencyKey };
  const params = { visitId: action.visitId };
  if (action.kind === 'step') {
    const r = await call(advanceVisit, { params, body: action.body as Body<typeof advanceVisit>, headers, signal });
    return r.visit;
  }
  if (action.kind === 'consent') {
    const r = await call(recordConsent, { params, body: action.body as Body<typeof recordConsent>, headers, signal });
    return r.visit;
  }
  const r = await call(completeVisit, { params, body: action.body as Body<typeof completeVisit>, headers, signal });
  return r.visit;
}

/** The cached visit with the action applied, the action put into the queue; refused like the server would. */
async function queueAction(action: FieldAction): Promise<SubmitResult> {
  const rt = fieldOffline();
  const userId = rt.userId;
  const cached = await rt.cachedVisit(action.visitId);
  if (!userId || !cached) throw offlineError();
  const now = new Date();
  const applied = applyLocally(cached.visit, action, now.toISOString());
  if (!applied.ok) {
    const lang = currentLanguage();
    throw new ApiError(409, 'ILLEGAL_TRANSITION', lang === 'zh-CN' ? applied.zh : applied.en, {
      reason: applied.reason,
      ...(applied.next ? { next: applied.next } : {}),
      offline: true,
    });
  }
  await enqueueAction(rt.store, userId, action, now);
  await rt.refresh();
  return { visit: applied.visit, queued: true };
}

/**
 * Sends one action now, or queues it: without signal (the browser is offline, the request fails on the network or
 * times out, a gateway is down), or when earlier actions of the visit still wait in the queue (order is kept). A
 * queued action is returned applied to the cached visit (`queued: true`). A 4xx is a real refusal and is thrown.
 */
export async function submitFieldAction(action: FieldAction): Promise<SubmitResult> {
  const rt = fieldOffline();
  // A photo still on the phone: its server id goes into the body when known, else the action waits behind it.
  const map = await rt.photoMap();
  let act = substitutePhotoIds(action, map);
  if (!rt.userId) {
    const visit = await sendNow(act, AbortSignal.timeout(REQUEST_TIMEOUT_MS));
    return { visit, queued: false };
  }
  const offline = typeof navigator !== 'undefined' && !navigator.onLine;
  if (offline || localPhotoIds(act).length > 0 || (await rt.hasQueued(act.visitId))) {
    // Queued without a try: the phone's time goes with it (the server records when it really happened).
    if (act.body.occurredAt === undefined) {
      act = { ...act, body: { ...act.body, occurredAt: new Date().toISOString() } } as FieldAction;
    }
    const r = await queueAction(act);
    if (!offline) void rt.syncNow();
    return r;
  }
  try {
    const visit = await sendNow(act, AbortSignal.timeout(REQUEST_TIMEOUT_MS));
    void rt.saveVisit(visit);
    return { visit, queued: false };
  } catch (e) {
    if (!isNetworkError(e)) throw e;
    rt.noteOnline(false);
    // The request may have reached the server: the same body is queued (same key, same request hash), so the replay
    // is recognised and acts once.
    return queueAction(act);
  }
}

/**
 * Uploads a visit photo now, or keeps it on the phone (IndexedDB) to upload with the queue: its `local:` id may be
 * named in a step's photoIds meanwhile (the sync puts the server's id in its place).
 */
export async function addVisitPhoto(input: PhotoInput): Promise<PhotoResult> {
  const key = newActionKey();
  const rt = fieldOffline();
  const localId = `local:${key}`;
  const queue = async (): Promise<PhotoResult> => {
    const userId = rt.userId;
    if (!userId) throw offlineError();
    await enqueuePhoto(rt.store, userId, key, input, new Date());
    await rt.refresh();
    return { localId, photoId: null, queued: true };
  };
  if (rt.userId && typeof navigator !== 'undefined' && !navigator.onLine) return queue();
  const contentType = input.blob.type as 'image/jpeg' | 'image/png' | 'image/webp';
  try {
    const r = await call(uploadVisitPhoto, {
      params: { visitId: input.visitId },
      body: {
        idempotencyKey: key,
        step: input.step,
        kind: input.kind,
        contentType,
        dataBase64: await blobToBase64(input.blob),
        takenAt: input.takenAt,
      },
      headers: { 'Idempotency-Key': key },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 2),
    });
    return { localId, photoId: r.photo.id, queued: false };
  } catch (e) {
    if (!rt.userId || !isNetworkError(e)) throw e;
    rt.noteOnline(false);
    return queue();
  }
}

export { type FieldAction, type FieldSyncState, newActionKey, type PhotoInput, type PhotoResult, type SubmitResult };
