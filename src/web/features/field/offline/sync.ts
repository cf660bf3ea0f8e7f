import type { Body } from '@shared/contracts/endpoint';
import type { QueueItem, queueResultSchema, uploadVisitPhoto } from '@shared/contracts/field.contract';
import type { z } from 'zod';
import type { FieldAction } from '../api/field-actions';
import { localPhotoIds, substitutePhotoIds } from './queue';
import type { OfflineStore, QueuedAction, QueuedPhoto, QueueEntry, SyncProblem } from './store';

// The sync engine: sends the user's queue when there is signal. Photos first (by their keys: a replay returns the
// same photo), then the actions through syncOfflineQueue in order, at most 100 a call, each visit's first item with
// the version the phone based it on. applied / replayed → gone; conflict / rejected → kept as a problem for the
// technician; blocked → kept for next time. A network failure at any point leaves the queue as it was (the keys
// make a repeat harmless). One sync at a time (a Web Lock across tabs when the browser has them).

export type QueueResult = z.infer<typeof queueResultSchema>;
export type PhotoUploadBody = Body<typeof uploadVisitPhoto>;

export interface SyncTransport {
  uploadPhoto(visitId: string, body: PhotoUploadBody): Promise<{ photoId: string }>;
  syncQueue(items: QueueItem[]): Promise<QueueResult[]>;
}

/** The kinds of failure the engine tells apart (the transport classifies its errors). */
export type FailureKind = 'network' | 'refused' | 'session';

export interface SyncEngineOptions {
  store: OfflineStore;
  transport: SyncTransport;
  /** Network (retry later, queue intact), refused (a 4xx for this item), session (401: stop). */
  classify: (error: unknown) => { kind: FailureKind; code: string; message: string };
  now: () => Date;
  /** Runs `fn` holding the sync lock (a Web Lock); default: no lock beyond the engine's own. */
  withLock?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Reads a blob's bytes as base64. */
  base64: (blob: Blob) => Promise<string>;
  batchSize?: number;
}

export interface SyncOutcome {
  /** Actions applied (or replayed) and photos uploaded. */
  sent: number;
  /** Problems found in this run. */
  problems: number;
  /** Stopped by a network failure (or a lost session): what is left waits for the next run. */
  interrupted: FailureKind | null;
  /** Visits the server changed (their caches should be refreshed). */
  visitIds: string[];
}

const PHOTO_MAP = 'photoIds';

/** A queued item as the server takes it: the version on the visit's first item of the batch only. */
function toItem(action: FieldAction, version: number | null): QueueItem {
  const { version: _v, ...rest } = action.body as { version?: number };
  const body = version === null ? rest : { ...rest, version };
  return { kind: action.kind, visitId: action.visitId, body } as QueueItem;
}

export class SyncEngine {
  private running: Promise<SyncOutcome> | null = null;

  constructor(private readonly opts: SyncEngineOptions) {}

  /** Runs a sync (or joins the one running). */
  sync(userId: string): Promise<SyncOutcome> {
    if (this.running) return this.running;
    const lock = this.opts.withLock ?? ((fn) => fn());
    this.running = lock(() => this.run(userId)).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  private async run(userId: string): Promise<SyncOutcome> {
    const out: SyncOutcome = { sent: 0, problems: 0, interrupted: null, visitIds: [] };
    const touched = new Set<string>();
    const done = () => ({ ...out, visitIds: [...touched] });

    // 1. Photos, one by one.
    for (const entry of await this.opts.store.listQueue(userId)) {
      if (entry.type !== 'photo' || entry.problem) continue;
      const r = await this.uploadPhoto(userId, entry);
      if (r === 'ok') {
        out.sent++;
        touched.add(entry.visitId);
      } else if (r === 'problem') out.problems++;
      else {
        out.interrupted = r;
        return done();
      }
    }

    // 2. Actions, in order, in batches.
    const size = this.opts.batchSize ?? 100;
    for (;;) {
      const queue = await this.opts.store.listQueue(userId);
      const batch = this.sendable(queue).slice(0, size);
      if (batch.length === 0) break;
      const firstOfVisit = new Set<string>();
      const items = batch.map((e) => {
        const first = !firstOfVisit.has(e.visitId);
        firstOfVisit.add(e.visitId);
        return toItem(e.action, first ? e.baseVersion : null);
      });
      let results: QueueResult[];
      try {
        results = await this.opts.transport.syncQueue(items);
      } catch (err) {
        const c = this.opts.classify(err);
        out.interrupted = c.kind === 'refused' ? 'network' : c.kind;
        return done();
      }
      const progress = await this.record(userId, batch, results);
      out.sent += progress.sent;
      out.problems += progress.problems;
      for (const v of progress.visitIds) touched.add(v);
      // Blocked items wait for the next run; only a full batch means more were left unsent.
      if (batch.length < size || (progress.sent === 0 && progress.problems === 0)) break;
    }
    return done();
  }

  /**
   * The actions that may go now, in order: not of a visit with a problem waiting (later items depend on it), not
   * naming a photo still on the phone (and then nothing after it of that visit either).
   */
  private sendable(queue: readonly QueueEntry[]): QueuedAction[] {
    const held = new Set<string>();
    const out: QueuedAction[] = [];
    for (const e of queue) {
      if (held.has(e.visitId)) continue;
      if (e.type === 'photo') continue;
      if (e.problem || localPhotoIds(e.action).length > 0) {
        held.add(e.visitId);
        continue;
      }
      out.push(e);
    }
    return out;
  }

  private async uploadPhoto(userId: string, entry: QueuedPhoto): Promise<'ok' | 'problem' | FailureKind> {
    const { store, transport } = this.opts;
    const blob = await store.getPhotoBlob(userId, entry.id);
    if (!blob) {
      await store.putEntry({ ...entry, problem: this.problem('rejected', 'NOT_FOUND', '照片文件已丢失') });
      return 'problem';
    }
    let photoId: string;
    try {
      const r = await transport.uploadPhoto(entry.visitId, {
        idempotencyKey: entry.id,
        step: entry.step,
        kind: entry.kind,
        contentType: entry.contentType,
        dataBase64: await this.opts.base64(blob),
        takenAt: entry.takenAt,
      });
      photoId = r.photoId;
    } catch (err) {
      const c = this.opts.classify(err);
      if (c.kind !== 'refused') return c.kind;
      await store.putEntry({ ...entry, problem: this.problem('rejected', c.code, c.message) });
      return 'problem';
    }
    // Remember the server's id, put it into every queued body naming the local one, then forget the photo.
    const map = {
      ...((await store.getMeta<Record<string, string>>(userId, PHOTO_MAP)) ?? {}),
      [entry.localId]: photoId,
    };
    await store.setMeta(userId, PHOTO_MAP, map);
    for (const e of await store.listQueue(userId)) {
      if (e.type !== 'action' || localPhotoIds(e.action).length === 0) continue;
      await store.putEntry({ ...e, action: substitutePhotoIds(e.action, map) });
    }
    await store.deleteEntry(userId, entry.id);
    await store.deletePhotoBlob(userId, entry.id);
    return 'ok';
  }

  private problem(
    kind: SyncProblem['kind'],
    code: string,
    message: string,
    extra: Partial<SyncProblem> = {},
  ): SyncProblem {
    return { kind, code, message, theirs: null, changes: [], at: this.opts.now().toISOString(), ...extra };
  }

  private async record(
    userId: string,
    batch: readonly QueuedAction[],
    results: readonly QueueResult[],
  ): Promise<{ sent: number; problems: number; visitIds: string[] }> {
    const { store } = this.opts;
    let sent = 0;
    let problems = 0;
    const visitIds = new Set<string>();
    /** The version each visit reached in this batch (the chain continues from it next time). */
    const reached = new Map<string, number>();
    for (const [i, entry] of batch.entries()) {
      const r = results.find((x) => x.index === i) ?? results.find((x) => x.idempotencyKey === entry.id);
      if (!r) continue;
      if (r.status === 'applied' || r.status === 'replayed') {
        await store.deleteEntry(userId, entry.id);
        if (r.version !== null) reached.set(entry.visitId, r.version);
        visitIds.add(entry.visitId);
        sent++;
      } else if (r.status === 'conflict') {
        await store.putEntry({
          ...entry,
          baseVersion: entry.baseVersion ?? reached.get(entry.visitId) ?? null,
          problem: this.problem('conflict', 'VERSION_CONFLICT', '办公室已修改此上门记录', {
            theirs: r.conflict?.theirs ?? null,
            changes: r.conflict?.changes ?? [],
          }),
        });
        visitIds.add(entry.visitId);
        problems++;
      } else if (r.status === 'rejected') {
        await store.putEntry({
          ...entry,
          baseVersion: entry.baseVersion ?? reached.get(entry.visitId) ?? null,
          problem: this.problem('rejected', r.error?.code ?? 'BUSINESS_RULE', r.error?.message ?? ''),
        });
        visitIds.add(entry.visitId);
        problems++;
      }
      // blocked: stays as it is.
    }
    // The first item left of each visit carries the version the chain reached.
    const left = await store.listQueue(userId);
    for (const [visitId, version] of reached) {
      const next = left.find((e): e is QueuedAction => e.type === 'action' && e.visitId === visitId);
      if (next && !next.problem) await store.putEntry({ ...next, baseVersion: version });
    }
    return { sent, problems, visitIds: [...visitIds] };
  }
}
