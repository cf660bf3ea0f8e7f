// Visit photos in an S3-compatible bucket (AIRCARE_PHOTO_STORE=s3): the real app, configured through the
// environment like in production, against a fake S3 on 127.0.0.1 that checks every request's SigV4 signature. The
// bytes land in the bucket under the prefix (never under DATA_DIR), come back through getVisitPhoto, the row says
// `s3`; a signature the service refuses fails the upload and keeps nothing; a 5xx once is retried.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { visitPhotos } from '../../src/server/modules/field/field.schema';
import { type FakeS3, startFakeS3 } from '../fakes/fake-s3';
import {
  assignedVisit,
  DAY,
  type FieldWorld,
  fieldWorld,
  get,
  gz,
  JPEG_BASE64,
  type Json,
  PNG_BASE64,
} from './field-support';
import { expectError } from './support';

const KEY_ID = 'AKIAFIELDPHOTOSTEST1';
const SECRET = 'field/Photos+Secret/For-Integration-0001';
const BUCKET = 'aircare-field';

let s3: FakeS3;
let w: FieldWorld;

beforeAll(async () => {
  s3 = await startFakeS3({ buckets: [BUCKET], accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'ap-guangzhou' });
  vi.stubEnv('AIRCARE_PHOTO_STORE', 's3');
  vi.stubEnv('AIRCARE_S3_ENDPOINT', s3.url);
  vi.stubEnv('AIRCARE_S3_REGION', 'ap-guangzhou');
  vi.stubEnv('AIRCARE_S3_BUCKET', BUCKET);
  vi.stubEnv('AIRCARE_S3_ACCESS_KEY_ID', KEY_ID);
  vi.stubEnv('AIRCARE_S3_SECRET_ACCESS_KEY', SECRET);
  vi.stubEnv('AIRCARE_S3_FORCE_PATH_STYLE', 'true');
  vi.stubEnv('AIRCARE_S3_PREFIX', 'field-photos/');
  vi.stubEnv('AIRCARE_S3_SSE', 'true');
  w = await fieldWorld();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await w?.t.close();
  await s3?.close();
});
beforeEach(() => {
  s3.credentials.set(KEY_ID, SECRET);
  s3.failures.clear();
  s3.requests.length = 0;
});

const dispatcher = () => w.staff.cookies.dispatcher as string;
const photoBody = (idempotencyKey: string, over: Record<string, unknown> = {}) => ({
  idempotencyKey,
  step: 'diagnosis',
  kind: 'fault',
  contentType: 'image/jpeg',
  dataBase64: JPEG_BASE64,
  ...over,
});
const upload = (visitId: string, body: Record<string, unknown>) =>
  w.t.request({ method: 'POST', url: `/api/field/visits/${visitId}/photos`, cookie: w.tech.cookie, body });
const photoRows = (visitId: string) =>
  w.t.database.db.select().from(visitPhotos).where(eq(visitPhotos.visitId, visitId));
const visitPhotoList = async (visitId: string): Promise<Json[]> => {
  const res = await get(w.t, `/api/field/visits/${visitId}`, w.tech.cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().visit.photos;
};

describe('visit photos in an S3-compatible store', () => {
  it('upload puts the bytes in the bucket (signed, private, encrypted), getVisitPhoto reads them back', async () => {
    const { visit } = await assignedVisit(w, {}, { start: gz(DAY, '10:00'), end: gz(DAY, '11:00') });
    const res = await upload(visit.id, photoBody('s3-photo-0001'));
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json().photo;

    const [row] = await photoRows(visit.id);
    expect(row).toMatchObject({ id: photo.id, storage: 's3', storageKey: `${visit.id}/${photo.id}.jpg` });
    const object = s3.objects.get(`${BUCKET}/field-photos/${visit.id}/${photo.id}.jpg`);
    expect(object?.bytes.equals(Buffer.from(JPEG_BASE64, 'base64'))).toBe(true);
    expect(object?.contentType).toBe('image/jpeg');
    expect(object?.headers['x-amz-server-side-encryption']).toBe('AES256');
    expect(object?.headers['x-amz-acl']).toBeUndefined();
    const put = s3.requests.filter((r) => r.method === 'PUT');
    expect(put).toHaveLength(1);
    expect(put[0]).toMatchObject({ path: `/${BUCKET}/field-photos/${visit.id}/${photo.id}.jpg`, status: 200 });
    expect(put[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAFIELDPHOTOSTEST1\/\d{8}\/ap-guangzhou\/s3\/aws4_request, /,
    );
    // Nothing on disk under DATA_DIR.
    expect(existsSync(path.join(w.dataDir, 'field-photos'))).toBe(false);

    // The same photo again is a replay: no second PUT.
    const again = await upload(visit.id, photoBody('s3-photo-0001'));
    expect(again.json()).toMatchObject({ replayed: true, photo: { id: photo.id } });
    expect(s3.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);

    const bytes = await w.t.aircare.app.inject({
      method: 'GET',
      url: `/api/field/photos/${photo.id}`,
      headers: { cookie: dispatcher(), 'x-requested-with': 'aircare' },
    });
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/jpeg');
    expect(bytes.headers['cache-control']).toBe('private, no-store');
    expect(bytes.rawPayload.equals(Buffer.from(JPEG_BASE64, 'base64'))).toBe(true);
    expect(s3.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
    expect(s3.requests.at(-1)).toMatchObject({ method: 'GET', status: 200 });
    // Still only for those who see the visit: no request reaches the bucket for the others.
    expectError(await get(w.t, `/api/field/photos/${photo.id}`, w.tech2.cookie), 404, 'NOT_FOUND');
    expect(s3.requests.filter((r) => r.method === 'GET')).toHaveLength(1);

    // An object gone from the bucket (NoSuchKey) is a 404 of the photo.
    s3.objects.delete(`${BUCKET}/field-photos/${visit.id}/${photo.id}.jpg`);
    expectError(await get(w.t, `/api/field/photos/${photo.id}`, dispatcher()), 404, 'NOT_FOUND');
    expect(s3.requests.at(-1)).toMatchObject({ method: 'GET', status: 404, code: 'NoSuchKey' });
  });

  it('a signature the service refuses fails the upload (503: the phone retries later) and leaves no photo behind', async () => {
    const { visit } = await assignedVisit(w, {}, { start: gz(DAY, '11:00'), end: gz(DAY, '12:00') });
    // The service no longer knows the app's secret (rotated there, not here): every signature is wrong.
    s3.credentials.set(KEY_ID, 'rotated/Secret+On-The-Service-Side-000001');
    const res = await upload(
      visit.id,
      photoBody('s3-photo-0002', { contentType: 'image/png', dataBase64: PNG_BASE64 }),
    );
    expectError(res, 503, 'UNAVAILABLE');
    expect(res.body).not.toContain(SECRET);
    expect(s3.requests).toHaveLength(1); // a 403 is not retried
    expect(s3.requests[0]).toMatchObject({ method: 'PUT', status: 403, code: 'SignatureDoesNotMatch' });
    expect([...s3.objects.keys()].some((k) => k.includes(visit.id))).toBe(false);
    expect(await photoRows(visit.id)).toEqual([]);
    expect(await visitPhotoList(visit.id)).toEqual([]);

    // With the secret right again, the same idempotency key uploads (nothing of the failure was kept).
    s3.credentials.set(KEY_ID, SECRET);
    const ok = await upload(visit.id, photoBody('s3-photo-0002', { contentType: 'image/png', dataBase64: PNG_BASE64 }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().replayed).toBe(false);
    const list = await visitPhotoList(visit.id);
    expect(list.map((p) => p.id)).toEqual([ok.json().photo.id]);
    expect(s3.objects.get(`${BUCKET}/field-photos/${visit.id}/${ok.json().photo.id}.png`)?.contentType).toBe(
      'image/png',
    );
  });

  it('a 5xx once is retried; twice fails the upload without a row', async () => {
    const { visit } = await assignedVisit(w, {}, { start: gz(DAY, '13:00'), end: gz(DAY, '14:00') });
    s3.failures.push('internal');
    const res = await upload(visit.id, photoBody('s3-photo-0003'));
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json().photo;
    expect(s3.requests.map((r) => [r.method, r.status, r.code])).toEqual([
      ['PUT', 500, 'InternalError'],
      ['PUT', 200, null],
    ]);
    expect(s3.objects.get(`${BUCKET}/field-photos/${visit.id}/${photo.id}.jpg`)?.bytes.length).toBe(
      Buffer.from(JPEG_BASE64, 'base64').length,
    );
    expect((await photoRows(visit.id)).map((r) => r.storage)).toEqual(['s3']);

    // Reading through a 503 once.
    s3.requests.length = 0;
    s3.failures.push('slowdown');
    const read = await get(w.t, `/api/field/photos/${photo.id}`, w.tech.cookie);
    expect(read.statusCode).toBe(200);
    expect(s3.requests.map((r) => r.status)).toEqual([503, 200]);

    // Two in a row: one retry only, then the upload fails and nothing is recorded.
    s3.requests.length = 0;
    s3.failures.push('internal', 2);
    expectError(await upload(visit.id, photoBody('s3-photo-0004')), 503, 'UNAVAILABLE');
    expect(s3.requests.map((r) => r.status)).toEqual([500, 500]);
    expect((await photoRows(visit.id)).map((r) => r.id)).toEqual([photo.id]);
    expect((await visitPhotoList(visit.id)).map((p: Json) => p.id)).toEqual([photo.id]);
  });
});
