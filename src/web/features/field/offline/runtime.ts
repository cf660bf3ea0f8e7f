import type { Visit } from '@shared/contracts/field.contract';
import { syncOfflineQueue, uploadVisitPhoto } from '@shared/contracts/field.contract';
import { ERROR_MESSAGES } from '@shared/errors';
import { ApiError, call, isApiError } from '@web/lib/api';
import { currentLanguage } from '@web/lib/i18n';
import type { FieldSyncState } from '../api/field-actions';
import { type LocalVisit, overlay, type PendingPhoto } from './apply-locally';
import { IdbStore, idbAvailable } from './idb-store';
import { MemoryStore } from './memory-store';
import { discardEntry, reapplyEntry } from './queue';
import type { MyDayReply, OfflineStore, QueueEntry } from './store';
import { type FailureKind, SyncEngine, type SyncOutcome } from './sync';

// The offline layer's one instance in the app: the store, the sync engine, the state the sync bar shows, and the
// triggers (the `online` event, app start, every 30 s while items wait, the "立即同步" button).

export const SYNC_INTERVAL_MS = 30_000;
/** An online request taking longer than this is treated as no signal (the action is queued). */
export const REQUEST_TIMEOUT_MS = 20_000;

/** Is this error "no signal" (fetch failed, timed out, a gateway down) rather than a refusal to show? */
export function isNetworkError(e: unknown): boolean {
  if (e instanceof DOMException && (e.name === 'AbortError' || e.name === 'TimeoutError')) return true;
  if (isApiError(e)) return e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504;
  return e instanceof TypeError;
}

export function classifyError(e: unknown): { kind: FailureKind; code: string; message: string } {
  if (isNetworkError(e)) return { kind: 'network', code: 'UNAVAILABLE', message: '' };
  if (isApiError(e)) {
    if (e.status === 401) return { kind: 'session', code: e.code, message: e.message };
    if (e.status >= 500) return { kind: 'network', code: e.code, message: e.message };
    return { kind: 'refused', code: e.code, message: e.message };
  }
  return { kind: 'network', code: 'INTERNAL', message: String(e) };
}

export function offlineError(): ApiError {
  return new ApiError(0, 'UNAVAILABLE', ERROR_MESSAGES.UNAVAILABLE[currentLanguage()]);
}

export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Holds the Web Lock `aircare-field-sync` (one sync across every tab) when the browser has Web Locks. */
async function withWebLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return fn();
  return locks.request('aircare-field-sync', () => fn()) as Promise<T>;
}

export interface FieldOfflineState extends FieldSyncState {
  /** The user whose queue and cache are in use (null: nobody logged in). */
  userId: string | null;
  /** Data shown from the phone's cache (no signal): when it was saved. */
  offlineDataAt: string | null;
  /** Queued entries of other users on this phone (kept, never sent under this login). */
  otherUsersPending: boolean;
  entries: QueueEntry[];
}

type Listener = () => void;

export class FieldOffline {
  readonly store: OfflineStore;
  readonly engine: SyncEngine;
  private state: FieldOfflineState = {
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
    pending: 0,
    syncing: false,
    problems: 0,
    lastSyncedAt: null,
    userId: null,
    offlineDataAt: null,
    otherUsersPending: false,
    entries: [],
  };
  private listeners = new Set<Listener>();
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Called after a sync changed visits (the query caches refresh). */
  onSynced: (visitIds: string[]) => void = () => {};

  constructor(store?: OfflineStore) {
    this.store = store ?? (idbAvailable() ? new IdbStore() : new MemoryStore());
    this.engine = new SyncEngine({
      store: this.store,
      transport: {
        uploadPhoto: async (visitId, body) => {
          const r = await call(uploadVisitPhoto, {
            params: { visitId },
            body,
            headers: { 'Idempotency-Key': body.idempotencyKey },
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 3),
          });
          return { photoId: r.photo.id };
        },
        syncQueue: async (items) => {
          const r = await call(syncOfflineQueue, {
            body: { items },
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 3),
          });
          return r.results;
        },
      },
      classify: classifyError,
      now: () => new Date(),
      withLock: withWebLock,
      base64: blobToBase64,
    });
  }

  // ---- state for React (useSyncExternalStore) ----

  getState = (): FieldOfflineState => this.state;

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  private set(patch: Partial<FieldOfflineState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  get userId(): string | null {
    return this.state.userId;
  }

  // ---- life cycle ----

  /** Starts listening to the network; call once at app start. */
  start(): void {
    if (typeof window === 'undefined') return;
    window.addEventListener('online', () => {
      this.set({ online: true });
      void this.syncNow();
    });
    window.addEventListener('offline', () => this.set({ online: false }));
    this.timer ??= setInterval(() => {
      if (this.state.online && this.state.pending > 0 && this.state.problems < this.state.pending) void this.syncNow();
    }, SYNC_INTERVAL_MS);
  }

  /** The logged-in user changed (login, logout, session gone). The queue stays keyed by its user. */
  async setUser(userId: string | null): Promise<number> {
    const previous = this.state.userId;
    if (previous === userId) return 0;
    let unsent = 0;
    if (previous && userId === null) {
      await this.store.clearCache(previous);
      unsent = (await this.store.listQueue(previous)).length;
    }
    this.set({ userId, offlineDataAt: null, lastSyncedAt: null });
    if (userId) {
      const last = await this.store.getMeta<string>(userId, 'lastSyncedAt');
      this.set({ lastSyncedAt: last });
    }
    await this.refresh();
    if (userId) void this.syncNow();
    return unsent;
  }

  /** Re-reads the queue into the state. */
  async refresh(): Promise<void> {
    const userId = this.state.userId;
    const owners = await this.store.queueOwners();
    const entries = userId ? await this.store.listQueue(userId) : [];
    this.set({
      entries,
      pending: entries.length,
      problems: entries.filter((e) => e.problem).length,
      otherUsersPending: owners.some((o) => o !== userId),
    });
  }

  noteOnline(online: boolean): void {
    if (online !== this.state.online) this.set({ online });
  }

  noteOfflineData(savedAt: string | null): void {
    if (savedAt !== this.state.offlineDataAt) this.set({ offlineDataAt: savedAt });
  }

  /** Sends the queue now (no-op offline or without a user). */
  async syncNow(): Promise<SyncOutcome | null> {
    const userId = this.state.userId;
    if (!userId) return null;
    if (typeof navigator !== 'undefined' && !navigator.onLine) {
      this.set({ online: false });
      return null;
    }
    const entries = await this.store.listQueue(userId);
    if (entries.length === 0) {
      await this.refresh();
      return null;
    }
    this.set({ syncing: true });
    try {
      const out = await this.engine.sync(userId);
      if (out.interrupted === null) {
        const at = new Date().toISOString();
        await this.store.setMeta(userId, 'lastSyncedAt', at);
        this.set({ lastSyncedAt: at, online: true });
      } else if (out.interrupted === 'network') {
        this.set({ online: false });
      }
      if (out.visitIds.length > 0) this.onSynced(out.visitIds);
      return out;
    } finally {
      this.set({ syncing: false });
      await this.refresh();
    }
  }

  async discard(id: string): Promise<void> {
    const userId = this.state.userId;
    if (!userId) return;
    await discardEntry(this.store, userId, id);
    await this.refresh();
    this.onSynced([]);
    void this.syncNow();
  }

  async reapply(id: string, newKey: string): Promise<void> {
    const userId = this.state.userId;
    if (!userId) return;
    await reapplyEntry(this.store, userId, id, newKey);
    await this.refresh();
    await this.syncNow();
  }

  // ---- the visit as the phone shows it ----

  /** The server's copy of a visit with every queued action of it applied (and its photos waiting). */
  async shownVisit(visit: Visit): Promise<LocalVisit> {
    const userId = this.state.userId;
    if (!userId) return visit;
    const entries = (await this.store.listQueue(userId)).filter((e) => e.visitId === visit.id);
    if (entries.length === 0) return visit;
    const actions = entries.flatMap((e) => (e.type === 'action' ? [{ action: e.action, at: e.queuedAt }] : []));
    const photos: PendingPhoto[] = entries.flatMap((e) =>
      e.type === 'photo' ? [{ localId: e.localId, step: e.step, kind: e.kind, takenAt: e.takenAt }] : [],
    );
    return overlay(visit, actions, photos);
  }

  async shownDay(day: MyDayReply): Promise<MyDayReply> {
    const items = await Promise.all(day.items.map(async (i) => ({ ...i, visit: await this.shownVisit(i.visit) })));
    return { ...day, items };
  }

  /** Keeps the server's copy of a visit (the base the queue applies to). */
  async saveVisit(visit: Visit): Promise<void> {
    const userId = this.state.userId;
    if (!userId || (visit as LocalVisit).pendingSync) return;
    await this.store.putVisit(userId, visit, new Date().toISOString());
  }

  async saveDay(date: string, day: MyDayReply): Promise<void> {
    const userId = this.state.userId;
    if (!userId || day.items.some((i) => (i.visit as LocalVisit).pendingSync)) return;
    const at = new Date().toISOString();
    await this.store.putDay(userId, date, day, at);
    // The visits of the day are kept one by one too, so each opens without signal.
    for (const item of day.items) await this.store.putVisit(userId, item.visit, at);
  }

  async cachedVisit(visitId: string): Promise<{ visit: LocalVisit; savedAt: string } | null> {
    const userId = this.state.userId;
    if (!userId) return null;
    const saved = await this.store.getVisit(userId, visitId);
    return saved ? { visit: await this.shownVisit(saved.data), savedAt: saved.savedAt } : null;
  }

  async cachedDay(date: string): Promise<{ day: MyDayReply; savedAt: string } | null> {
    const userId = this.state.userId;
    if (!userId) return null;
    const saved = await this.store.getDay(userId, date);
    if (!saved) return null;
    // Each visit from its own copy when newer (steps synced since the day was saved).
    const items = await Promise.all(
      saved.data.items.map(async (i) => {
        const own = await this.store.getVisit(userId, i.visit.id);
        const base = own && own.data.version >= i.visit.version ? own.data : i.visit;
        return { ...i, visit: await this.shownVisit(base) };
      }),
    );
    return { day: { ...saved.data, items }, savedAt: saved.savedAt };
  }

  async hasQueued(visitId: string): Promise<boolean> {
    const userId = this.state.userId;
    if (!userId) return false;
    return (await this.store.listQueue(userId)).some((e) => e.visitId === visitId && e.type === 'action');
  }

  async photoMap(): Promise<Record<string, string>> {
    const userId = this.state.userId;
    if (!userId) return {};
    return (await this.store.getMeta<Record<string, string>>(userId, 'photoIds')) ?? {};
  }

  async photoBlob(localId: string): Promise<Blob | null> {
    const userId = this.state.userId;
    if (!userId) return null;
    return this.store.getPhotoBlob(userId, localId.replace(/^local:/, ''));
  }
}

let instance: FieldOffline | null = null;

/** The app's offline layer (created on first use). */
export function fieldOffline(): FieldOffline {
  instance ??= new FieldOffline();
  return instance;
}
