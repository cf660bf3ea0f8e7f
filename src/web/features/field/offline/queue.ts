import type { FieldAction, PhotoInput } from '../api/field-actions';
import type { OfflineStore, QueuedAction, QueuedPhoto, QueueEntry } from './store';

// Putting actions and photos into the user's queue, and the technician's decisions on a problem.

let lastSeq = 0;
/** A queue position after every earlier one, also across reloads (time based, made strictly increasing). */
export function nextSeq(now: number, existing: readonly QueueEntry[]): number {
  const max = existing.reduce((m, e) => Math.max(m, e.seq), lastSeq);
  lastSeq = Math.max(now, max + 1);
  return lastSeq;
}

export const LOCAL_PREFIX = 'local:';

export function isLocalPhotoId(id: string): boolean {
  return id.startsWith(LOCAL_PREFIX);
}

/** The `local:` photo ids a step body names. */
export function localPhotoIds(action: FieldAction): string[] {
  const b = action.body as { photoIds?: string[] };
  return (b.photoIds ?? []).filter(isLocalPhotoId);
}

/** The body with `local:` photo ids replaced by the server's (those known). */
export function substitutePhotoIds(action: FieldAction, map: Record<string, string>): FieldAction {
  const b = action.body as { photoIds?: string[] };
  if (!b.photoIds?.some(isLocalPhotoId)) return action;
  return {
    ...action,
    body: { ...action.body, photoIds: b.photoIds.map((id) => map[id] ?? id) },
  } as FieldAction;
}

export async function enqueueAction(
  store: OfflineStore,
  userId: string,
  action: FieldAction,
  now: Date,
): Promise<QueuedAction> {
  const existing = await store.listQueue(userId);
  const first = !existing.some((e) => e.type === 'action' && e.visitId === action.visitId);
  const entry: QueuedAction = {
    type: 'action',
    id: action.body.idempotencyKey,
    userId,
    seq: nextSeq(now.getTime(), existing),
    visitId: action.visitId,
    queuedAt: now.toISOString(),
    problem: null,
    action,
    baseVersion: first ? (action.body.version ?? null) : null,
  };
  await store.putEntry(entry);
  return entry;
}

export async function enqueuePhoto(
  store: OfflineStore,
  userId: string,
  key: string,
  input: PhotoInput,
  now: Date,
): Promise<QueuedPhoto> {
  const existing = await store.listQueue(userId);
  await store.putPhotoBlob(userId, key, input.blob);
  const entry: QueuedPhoto = {
    type: 'photo',
    id: key,
    userId,
    seq: nextSeq(now.getTime(), existing),
    visitId: input.visitId,
    queuedAt: now.toISOString(),
    problem: null,
    localId: `${LOCAL_PREFIX}${key}`,
    step: input.step,
    kind: input.kind,
    contentType: input.blob.type as QueuedPhoto['contentType'],
    takenAt: input.takenAt,
    size: input.blob.size,
  };
  await store.putEntry(entry);
  return entry;
}

/** True when the visit has actions waiting in the queue (a new action must wait behind them, in order). */
export async function hasQueuedActions(store: OfflineStore, userId: string, visitId: string): Promise<boolean> {
  return (await store.listQueue(userId)).some((e) => e.type === 'action' && e.visitId === visitId);
}

/** The visit's next entry after `after` (or its first), to carry the version once the earlier one is gone. */
function nextOfVisit(queue: readonly QueueEntry[], visitId: string, afterSeq: number): QueuedAction | undefined {
  return queue.find((e): e is QueuedAction => e.type === 'action' && e.visitId === visitId && e.seq > afterSeq);
}

/**
 * "放弃我的记录": the item leaves the queue; the visit's next item carries the version the server has now (the
 * conflict's visit), or the version this item was based on.
 */
export async function discardEntry(store: OfflineStore, userId: string, id: string): Promise<void> {
  const queue = await store.listQueue(userId);
  const entry = queue.find((e) => e.id === id);
  if (!entry) return;
  await store.deleteEntry(userId, id);
  if (entry.type === 'photo') {
    await store.deletePhotoBlob(userId, id);
    return;
  }
  const next = nextOfVisit(queue, entry.visitId, entry.seq);
  if (next && next.baseVersion === null) {
    const version = entry.problem?.theirs?.version ?? entry.baseVersion;
    await store.putEntry({ ...next, baseVersion: version });
  }
}

/**
 * "按最新版本重新提交": the same action again, on the visit's version now (the office's), with a new idempotency key
 * (the old key belongs to the refused request), in the same place of the queue.
 */
export async function reapplyEntry(store: OfflineStore, userId: string, id: string, newKey: string): Promise<void> {
  const queue = await store.listQueue(userId);
  const entry = queue.find((e) => e.id === id);
  if (entry?.type !== 'action' || !entry.problem) return;
  const version = entry.problem.theirs?.version ?? entry.baseVersion;
  const action = {
    ...entry.action,
    body: { ...entry.action.body, idempotencyKey: newKey, ...(version !== null ? { version } : {}) },
  } as FieldAction;
  await store.deleteEntry(userId, id);
  await store.putEntry({ ...entry, id: newKey, action, baseVersion: version, problem: null });
}
