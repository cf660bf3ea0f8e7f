import type { Visit } from '@shared/contracts/field.contract';
import { bySeq, type MyDayReply, type OfflineStore, type QueueEntry, type Saved } from './store';

const k = (userId: string, id: string) => `${userId}\u0000${id}`;
const copy = <T>(v: T): T => structuredClone(v);

/** The offline store in memory (tests; a browser without IndexedDB keeps the queue for the tab's life only). */
export class MemoryStore implements OfflineStore {
  readonly queue = new Map<string, QueueEntry>();
  readonly photos = new Map<string, Blob>();
  readonly days = new Map<string, Saved<MyDayReply>>();
  readonly visits = new Map<string, Saved<Visit>>();
  readonly meta = new Map<string, unknown>();

  async listQueue(userId: string): Promise<QueueEntry[]> {
    return [...this.queue.values()]
      .filter((e) => e.userId === userId)
      .sort(bySeq)
      .map(copy);
  }
  async putEntry(entry: QueueEntry): Promise<void> {
    this.queue.set(k(entry.userId, entry.id), copy(entry));
  }
  async deleteEntry(userId: string, id: string): Promise<void> {
    this.queue.delete(k(userId, id));
  }
  async queueOwners(): Promise<string[]> {
    return [...new Set([...this.queue.values()].map((e) => e.userId))];
  }
  async putPhotoBlob(userId: string, id: string, blob: Blob): Promise<void> {
    this.photos.set(k(userId, id), blob);
  }
  async getPhotoBlob(userId: string, id: string): Promise<Blob | null> {
    return this.photos.get(k(userId, id)) ?? null;
  }
  async deletePhotoBlob(userId: string, id: string): Promise<void> {
    this.photos.delete(k(userId, id));
  }
  async putDay(userId: string, date: string, day: MyDayReply, savedAt: string): Promise<void> {
    this.days.set(k(userId, date), { data: copy(day), savedAt });
  }
  async getDay(userId: string, date: string): Promise<Saved<MyDayReply> | null> {
    const s = this.days.get(k(userId, date));
    return s ? copy(s) : null;
  }
  async putVisit(userId: string, visit: Visit, savedAt: string): Promise<void> {
    this.visits.set(k(userId, visit.id), { data: copy(visit), savedAt });
  }
  async getVisit(userId: string, visitId: string): Promise<Saved<Visit> | null> {
    const s = this.visits.get(k(userId, visitId));
    return s ? copy(s) : null;
  }
  async clearCache(userId: string): Promise<void> {
    const prefix = k(userId, '');
    for (const m of [this.days, this.visits]) {
      for (const key of [...m.keys()]) if (key.startsWith(prefix)) m.delete(key);
    }
  }
  async getMeta<T>(userId: string, key: string): Promise<T | null> {
    const v = this.meta.get(k(userId, key));
    return v === undefined ? null : (copy(v) as T);
  }
  async setMeta(userId: string, key: string, value: unknown): Promise<void> {
    this.meta.set(k(userId, key), copy(value));
  }
}
