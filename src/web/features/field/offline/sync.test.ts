import type { QueueItem } from '@shared/contracts/field.contract';
import { describe, expect, it } from 'vitest';
import type { FieldAction } from '../api/field-actions';
import { MemoryStore } from './memory-store';
import { discardEntry, enqueueAction, enqueuePhoto, reapplyEntry } from './queue';
import { type PhotoUploadBody, type QueueResult, SyncEngine, type SyncTransport } from './sync';

const U = 'user-1';
const V1 = '00000000-0000-4000-8000-000000000001';
const V2 = '00000000-0000-4000-8000-000000000002';
const PHOTO_ID = '00000000-0000-4000-8000-0000000000aa';
const t0 = new Date('2026-11-27T02:00:00Z');

class NetworkDown extends Error {}
class Refused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** A fake server: records every call; `decide` answers each item (default applied, versions chained). */
class FakeServer implements SyncTransport {
  calls: QueueItem[][] = [];
  uploads: PhotoUploadBody[] = [];
  failSync = 0;
  failUpload = 0;
  versions = new Map<string, number>();
  decide: (item: QueueItem, index: number) => Partial<QueueResult> | null = () => null;
  async uploadPhoto(_visitId: string, body: PhotoUploadBody) {
    if (this.failUpload-- > 0) throw new NetworkDown();
    this.uploads.push(body);
    return { photoId: PHOTO_ID };
  }
  async syncQueue(items: QueueItem[]) {
    if (this.failSync-- > 0) throw new NetworkDown();
    this.calls.push(structuredClone(items));
    const blocked = new Set<string>();
    return items.map((item, index): QueueResult => {
      const base = {
        index,
        visitId: item.visitId,
        idempotencyKey: item.body.idempotencyKey,
        version: null,
        error: null,
        conflict: null,
      };
      if (blocked.has(item.visitId)) return { ...base, status: 'blocked' };
      const d = this.decide(item, index);
      if (d && d.status !== 'applied') {
        blocked.add(item.visitId);
        return { ...base, ...d } as QueueResult;
      }
      const v = (item.body.version ?? this.versions.get(item.visitId) ?? 0) + 1;
      this.versions.set(item.visitId, v);
      return { ...base, status: 'applied', version: v };
    });
  }
}

function engine(store: MemoryStore, server: FakeServer, batchSize = 100) {
  return new SyncEngine({
    store,
    transport: server,
    classify: (e) =>
      e instanceof Refused
        ? { kind: 'refused', code: e.code, message: e.code }
        : { kind: 'network', code: 'UNAVAILABLE', message: 'offline' },
    now: () => t0,
    base64: async (b) => Buffer.from(await b.arrayBuffer()).toString('base64'),
    batchSize,
  });
}

const step = (visitId: string, key: string, body: Record<string, unknown>, version?: number): FieldAction =>
  ({
    kind: 'step',
    visitId,
    body: { ...body, idempotencyKey: key, ...(version ? { version } : {}) },
  }) as FieldAction;

async function queueSome(store: MemoryStore) {
  let n = 0;
  const at = () => new Date(t0.getTime() + n++ * 1000);
  await enqueueAction(
    store,
    U,
    step(V1, 'key-v1-arrive', { step: 'arrive', position: { lat: 23, lng: 113 } }, 5),
    at(),
  );
  await enqueueAction(store, U, step(V2, 'key-v2-accept', { step: 'accept' }, 1), at());
  await enqueueAction(store, U, step(V1, 'key-v1-show', { step: 'show_id' }, 5), at());
}

describe('the sync engine', () => {
  it('sends the queue in order, the version only on each visit’s first item, and empties it', async () => {
    const store = new MemoryStore();
    const server = new FakeServer();
    await queueSome(store);
    const out = await engine(store, server).sync(U);
    expect(out).toMatchObject({ sent: 3, problems: 0, interrupted: null });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]?.map((i) => [i.visitId, i.body.idempotencyKey, i.body.version])).toEqual([
      [V1, 'key-v1-arrive', 5],
      [V2, 'key-v2-accept', 1],
      [V1, 'key-v1-show', undefined],
    ]);
    expect(await store.listQueue(U)).toEqual([]);
    expect(new Set(out.visitIds)).toEqual(new Set([V1, V2]));
  });

  it('a network failure mid-sync leaves the queue intact; the retry sends the same keys and bodies', async () => {
    const store = new MemoryStore();
    const server = new FakeServer();
    await queueSome(store);
    const before = await store.listQueue(U);
    server.failSync = 1;
    const out = await engine(store, server).sync(U);
    expect(out).toMatchObject({ sent: 0, interrupted: 'network' });
    expect(await store.listQueue(U)).toEqual(before);
    await engine(store, server).sync(U);
    expect(server.calls[0]?.map((i) => i.body.idempotencyKey)).toEqual([
      'key-v1-arrive',
      'key-v2-accept',
      'key-v1-show',
    ]);
    expect(await store.listQueue(U)).toEqual([]);
  });

  it('uploads queued photos first with their keys and puts the server ids into the step bodies', async () => {
    const store = new MemoryStore();
    const server = new FakeServer();
    const blob = new Blob([new Uint8Array(64).fill(7)], { type: 'image/jpeg' });
    const photo = await enqueuePhoto(
      store,
      U,
      'photo-key-0001',
      { visitId: V1, step: 'diagnosis', kind: 'fault', blob, takenAt: t0.toISOString() },
      t0,
    );
    await enqueueAction(
      store,
      U,
      step(
        V1,
        'key-diag',
        { step: 'diagnosis', faultCategory: 'no_cooling', cause: '冷媒泄漏', photoIds: [photo.localId] },
        8,
      ),
      new Date(t0.getTime() + 1000),
    );
    server.failUpload = 1; // no signal at the first try: nothing moves
    expect((await engine(store, server).sync(U)).interrupted).toBe('network');
    expect(await store.listQueue(U)).toHaveLength(2);
    await engine(store, server).sync(U);
    expect(server.uploads.map((u) => [u.idempotencyKey, u.step, u.kind, u.contentType])).toEqual([
      ['photo-key-0001', 'diagnosis', 'fault', 'image/jpeg'],
    ]);
    expect((server.calls[0]?.[0]?.body as { photoIds?: string[] } | undefined)?.photoIds).toEqual([PHOTO_ID]);
    expect(await store.listQueue(U)).toEqual([]);
    expect(await store.getPhotoBlob(U, 'photo-key-0001')).toBeNull();
  });

  it('a conflict is kept as a problem with both versions, later items of that visit wait, others go on', async () => {
    const store = new MemoryStore();
    const server = new FakeServer();
    await queueSome(store);
    const theirs = { id: V1, version: 6 } as never;
    const changes = [{ step: 'office_edit', actorName: 'dispatcher1' }] as never;
    server.decide = (item) =>
      item.body.idempotencyKey === 'key-v1-arrive'
        ? { status: 'conflict', version: 6, conflict: { yours: item as never, theirs, changes } }
        : null;
    const out = await engine(store, server).sync(U);
    expect(out).toMatchObject({ sent: 1, problems: 1 });
    const left = await store.listQueue(U);
    expect(left.map((e) => [e.id, e.problem?.kind ?? null])).toEqual([
      ['key-v1-arrive', 'conflict'],
      ['key-v1-show', null],
    ]);
    expect(left[0]?.problem).toMatchObject({ theirs: { version: 6 }, changes: [{ actorName: 'dispatcher1' }] });
    // The next sync does not send the visit's items while the problem waits.
    await engine(store, server).sync(U);
    expect(server.calls).toHaveLength(1);
    // Re-applied on the office's version with a new key: sent first, then the waiting item follows it.
    server.decide = () => null;
    await reapplyEntry(store, U, 'key-v1-arrive', 'key-v1-arrive-2');
    await engine(store, server).sync(U);
    expect(server.calls[1]?.map((i) => [i.body.idempotencyKey, i.body.version])).toEqual([
      ['key-v1-arrive-2', 6],
      ['key-v1-show', undefined],
    ]);
    expect(await store.listQueue(U)).toEqual([]);
  });

  it('a rejected item keeps the server’s message; discarding it lets the next item go with the version', async () => {
    const store = new MemoryStore();
    const server = new FakeServer();
    await queueSome(store);
    server.decide = (item) =>
      item.body.idempotencyKey === 'key-v1-arrive'
        ? { status: 'rejected', error: { code: 'BUSINESS_RULE', message: '位置不在中国境内' } }
        : null;
    await engine(store, server).sync(U);
    const [problem] = await store.listQueue(U);
    expect(problem?.problem).toMatchObject({ kind: 'rejected', message: '位置不在中国境内' });
    server.decide = () => null;
    await discardEntry(store, U, 'key-v1-arrive');
    await engine(store, server).sync(U);
    expect(server.calls[1]?.map((i) => [i.body.idempotencyKey, i.body.version])).toEqual([['key-v1-show', 5]]);
  });

  it('blocked items stay for next time and carry the version the chain reached', async () => {
    const store = new MemoryStore();
    const server = new FakeServer();
    await queueSome(store);
    let first = true;
    server.decide = (item) => {
      if (item.body.idempotencyKey === 'key-v1-show' && first) {
        first = false;
        return { status: 'blocked' };
      }
      return null;
    };
    await engine(store, server).sync(U);
    expect((await store.listQueue(U)).map((e) => e.id)).toEqual(['key-v1-show']);
    await engine(store, server).sync(U);
    expect(server.calls[1]?.map((i) => [i.body.idempotencyKey, i.body.version])).toEqual([['key-v1-show', 6]]);
  });

  it('sends at most the batch size per call, in order', async () => {
    const store = new MemoryStore();
    const server = new FakeServer();
    for (let i = 0; i < 5; i++) {
      await enqueueAction(store, U, step(V1, `key-batch-${i}`, { step: 'show_id' }, 3), new Date(t0.getTime() + i));
    }
    await engine(store, server, 2).sync(U);
    expect(server.calls.map((c) => c.map((i) => i.body.idempotencyKey))).toEqual([
      ['key-batch-0', 'key-batch-1'],
      ['key-batch-2', 'key-batch-3'],
      ['key-batch-4'],
    ]);
    expect(server.calls.map((c) => c[0]?.body.version)).toEqual([3, 5, 7]);
  });

  it('runs one sync at a time: a second call joins the running one', async () => {
    const store = new MemoryStore();
    const server = new FakeServer();
    await queueSome(store);
    const e = engine(store, server);
    const [a, b] = await Promise.all([e.sync(U), e.sync(U)]);
    expect(a).toBe(b);
    expect(server.calls).toHaveLength(1);
  });
});
