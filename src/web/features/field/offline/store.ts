import type { Reply } from '@shared/contracts/endpoint';
import type { listMyJobs, Visit, visitLogEntrySchema } from '@shared/contracts/field.contract';
import type { PhotoKind, VisitStep } from '@shared/domain/field';
import type { z } from 'zod';
import type { FieldAction } from '../api/field-actions';

// The phone's offline storage, per user: the queue of actions and photos not yet sent, the photos' bytes, and the
// last copies of the day list and of each visit the server sent. IndexedDB in the browser (idb-store.ts), an
// in-memory twin for tests (memory-store.ts).

export type MyDayReply = Reply<typeof listMyJobs>;
type LogEntry = z.infer<typeof visitLogEntrySchema>;

/** Why a queued item waits for the technician: the office changed the visit, or the server refused the item. */
export interface SyncProblem {
  kind: 'conflict' | 'rejected';
  code: string;
  message: string;
  /** Conflict: the visit as it is now on the server, and what changed since the phone's version (who, what). */
  theirs: Visit | null;
  changes: LogEntry[];
  at: string;
}

interface EntryBase {
  /** The idempotency key (kept through every retry). */
  id: string;
  userId: string;
  /** Order in the queue (the time it was queued, made unique). */
  seq: number;
  visitId: string;
  queuedAt: string;
  problem: SyncProblem | null;
}

export interface QueuedAction extends EntryBase {
  type: 'action';
  action: FieldAction;
  /** The visit's version the phone based this action on, when it is the visit's first item in the queue. */
  baseVersion: number | null;
}

export interface QueuedPhoto extends EntryBase {
  type: 'photo';
  /** `local:<key>`: what queued step bodies name until the upload gives the server's id. */
  localId: string;
  step: VisitStep;
  kind: PhotoKind;
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  takenAt: string;
  size: number;
}

export type QueueEntry = QueuedAction | QueuedPhoto;

export interface Saved<T> {
  data: T;
  savedAt: string;
}

export interface OfflineStore {
  /** The user's queue in order. */
  listQueue(userId: string): Promise<QueueEntry[]>;
  putEntry(entry: QueueEntry): Promise<void>;
  deleteEntry(userId: string, id: string): Promise<void>;
  /** Users who still have something in the queue (unsent actions are never dropped on logout). */
  queueOwners(): Promise<string[]>;

  putPhotoBlob(userId: string, id: string, blob: Blob): Promise<void>;
  getPhotoBlob(userId: string, id: string): Promise<Blob | null>;
  deletePhotoBlob(userId: string, id: string): Promise<void>;

  putDay(userId: string, date: string, day: MyDayReply, savedAt: string): Promise<void>;
  getDay(userId: string, date: string): Promise<Saved<MyDayReply> | null>;
  putVisit(userId: string, visit: Visit, savedAt: string): Promise<void>;
  getVisit(userId: string, visitId: string): Promise<Saved<Visit> | null>;
  /** Forgets the cached day lists and visits of a user (logout); the queue stays. */
  clearCache(userId: string): Promise<void>;

  getMeta<T>(userId: string, key: string): Promise<T | null>;
  setMeta(userId: string, key: string, value: unknown): Promise<void>;
}

export const bySeq = (a: QueueEntry, b: QueueEntry) => a.seq - b.seq;
