import type { Visit } from '@shared/contracts/field.contract';
import { bySeq, type MyDayReply, type OfflineStore, type QueueEntry, type Saved } from './store';

// IndexedDB `aircare-field`: every record is keyed by [userId, …] so that one phone shared by two technicians never
// mixes their queues or caches.

const DB_NAME = 'aircare-field';
const DB_VERSION = 1;
const STORES = ['queue', 'photos', 'days', 'visits', 'meta'] as const;
type StoreName = (typeof STORES)[number];

function promisify<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const name of STORES) {
        if (db.objectStoreNames.contains(name)) continue;
        const s = db.createObjectStore(name, { keyPath: ['userId', 'key'] });
        s.createIndex('byUser', 'userId');
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

interface Row<T> {
  userId: string;
  key: string;
  value: T;
}

export class IdbStore implements OfflineStore {
  private db: Promise<IDBDatabase> | null = null;

  private async tx(name: StoreName, mode: IDBTransactionMode): Promise<IDBObjectStore> {
    this.db ??= openDb();
    return (await this.db).transaction(name, mode).objectStore(name);
  }
  private async put<T>(name: StoreName, userId: string, key: string, value: T): Promise<void> {
    const s = await this.tx(name, 'readwrite');
    await promisify(s.put({ userId, key, value } satisfies Row<T>));
  }
  private async get<T>(name: StoreName, userId: string, key: string): Promise<T | null> {
    const s = await this.tx(name, 'readonly');
    const row = (await promisify(s.get([userId, key]))) as Row<T> | undefined;
    return row ? row.value : null;
  }
  private async del(name: StoreName, userId: string, key: string): Promise<void> {
    const s = await this.tx(name, 'readwrite');
    await promisify(s.delete([userId, key]));
  }
  private async allOf<T>(name: StoreName, userId: string): Promise<T[]> {
    const s = await this.tx(name, 'readonly');
    const rows = (await promisify(s.index('byUser').getAll(userId))) as Row<T>[];
    return rows.map((r) => r.value);
  }

  async listQueue(userId: string): Promise<QueueEntry[]> {
    return (await this.allOf<QueueEntry>('queue', userId)).sort(bySeq);
  }
  putEntry(entry: QueueEntry): Promise<void> {
    return this.put('queue', entry.userId, entry.id, entry);
  }
  deleteEntry(userId: string, id: string): Promise<void> {
    return this.del('queue', userId, id);
  }
  async queueOwners(): Promise<string[]> {
    const s = await this.tx('queue', 'readonly');
    const keys = (await promisify(s.getAllKeys())) as [string, string][];
    return [...new Set(keys.map((key) => key[0]))];
  }
  putPhotoBlob(userId: string, id: string, blob: Blob): Promise<void> {
    return this.put('photos', userId, id, blob);
  }
  getPhotoBlob(userId: string, id: string): Promise<Blob | null> {
    return this.get<Blob>('photos', userId, id);
  }
  deletePhotoBlob(userId: string, id: string): Promise<void> {
    return this.del('photos', userId, id);
  }
  putDay(userId: string, date: string, day: MyDayReply, savedAt: string): Promise<void> {
    return this.put('days', userId, date, { data: day, savedAt });
  }
  getDay(userId: string, date: string): Promise<Saved<MyDayReply> | null> {
    return this.get('days', userId, date);
  }
  putVisit(userId: string, visit: Visit, savedAt: string): Promise<void> {
    return this.put('visits', userId, visit.id, { data: visit, savedAt });
  }
  getVisit(userId: string, visitId: string): Promise<Saved<Visit> | null> {
    return this.get('visits', userId, visitId);
  }
  async clearCache(userId: string): Promise<void> {
    for (const name of ['days', 'visits'] as const) {
      const s = await this.tx(name, 'readwrite');
      const keys = await promisify(s.index('byUser').getAllKeys(userId));
      for (const key of keys) s.delete(key);
      await new Promise<void>((resolve, reject) => {
        s.transaction.oncomplete = () => resolve();
        s.transaction.onerror = () => reject(s.transaction.error);
      });
    }
  }
  getMeta<T>(userId: string, key: string): Promise<T | null> {
    return this.get<T>('meta', userId, key);
  }
  setMeta(userId: string, key: string, value: unknown): Promise<void> {
    return this.put('meta', userId, key, value);
  }
}

/** IndexedDB when the browser has it. */
export function idbAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}
