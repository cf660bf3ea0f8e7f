import { randomUUID } from 'node:crypto';
import { type FakeS3, startFakeS3 } from '@test/fakes/fake-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFieldConfig, photoStoreFrom } from './field.config';
import { photoKey } from './photo-store';
import { EMPTY_SHA256, type S3PhotoStoreConfig, s3PhotoStore, sha256Hex, signV4, uriEncode } from './photo-store-s3';

describe('Signature Version 4', () => {
  // The suite's secret is wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY ("+" where S3's own examples have "/").
  it('signs the test suite’s get-vanilla request (service "service")', () => {
    const signed = signV4(
      {
        method: 'GET',
        path: '/',
        headers: { Host: 'example.amazonaws.com', 'X-Amz-Date': '20150830T123600Z' },
        payloadHash: EMPTY_SHA256,
      },
      {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        region: 'us-east-1',
        service: 'service',
        amzDate: '20150830T123600Z',
      },
    );
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/',
        '',
        'host:example.amazonaws.com',
        'x-amz-date:20150830T123600Z',
        '',
        'host;x-amz-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(signed.signature).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
    expect(signed.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  const s3Example = {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    region: 'us-east-1',
    service: 's3',
    amzDate: '20130524T000000Z',
  };

  it('signs S3’s documented GET Object example (examplebucket, /test.txt, Range bytes=0-9)', () => {
    const signed = signV4(
      {
        method: 'GET',
        path: '/test.txt',
        headers: {
          Host: 'examplebucket.s3.amazonaws.com',
          Range: 'bytes=0-9',
          'x-amz-content-sha256': EMPTY_SHA256,
          'x-amz-date': '20130524T000000Z',
        },
        payloadHash: EMPTY_SHA256,
      },
      s3Example,
    );
    expect(signed.signedHeaders).toBe('host;range;x-amz-content-sha256;x-amz-date');
    expect(signed.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('signs S3’s documented PUT Object example (/test$file.text, "Welcome to Amazon S3.")', () => {
    const payloadHash = sha256Hex('Welcome to Amazon S3.');
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const signed = signV4(
      {
        method: 'PUT',
        path: `/${uriEncode('test$file.text')}`,
        headers: {
          Host: 'examplebucket.s3.amazonaws.com',
          Date: 'Fri, 24 May 2013 00:00:00 GMT',
          'x-amz-date': '20130524T000000Z',
          'x-amz-storage-class': 'REDUCED_REDUNDANCY',
          'x-amz-content-sha256': payloadHash,
        },
        payloadHash,
      },
      s3Example,
    );
    expect(signed.canonicalRequest.split('\n')[1]).toBe('/test%24file.text');
    expect(signed.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('encodes like RFC 3986 (unreserved characters only stay) and sorts the query', () => {
    expect(uriEncode("a b/c~d_e.f-g!'()*你")).toBe('a%20b%2Fc~d_e.f-g%21%27%28%29%2A%E4%BD%A0');
    const signed = signV4(
      { method: 'get', path: '/', query: { b: '2', a: 'x y' }, headers: { host: 'h' }, payloadHash: EMPTY_SHA256 },
      { ...s3Example, service: 's3' },
    );
    expect(signed.canonicalRequest.split('\n').slice(0, 3)).toEqual(['GET', '/', 'a=x%20y&b=2']);
  });
});

const KEY_ID = 'AKIAFAKEFIELDPHOTOS1';
const SECRET = 'fake/Secret+Key/For-The-Tests-0123456789';
const BUCKET = 'aircare-photos';

describe('s3PhotoStore against a fake S3', () => {
  let s3: FakeS3;
  const config = (over: Partial<S3PhotoStoreConfig> = {}): S3PhotoStoreConfig => ({
    endpoint: s3.url,
    region: 'ap-guangzhou',
    bucket: BUCKET,
    accessKeyId: KEY_ID,
    secretAccessKey: SECRET,
    forcePathStyle: true,
    prefix: 'field-photos/',
    sse: false,
    timeoutMs: 2_000,
    ...over,
  });
  const key = (ct = 'image/jpeg') => photoKey(randomUUID(), randomUUID(), ct);
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0, 255, 10, 13]);

  beforeAll(async () => {
    s3 = await startFakeS3({ buckets: [BUCKET], accessKeyId: KEY_ID, secretAccessKey: SECRET, region: 'ap-guangzhou' });
  });
  afterAll(async () => {
    await s3?.close();
  });
  beforeEach(() => {
    s3.credentials.set(KEY_ID, SECRET);
    s3.failures.clear();
    s3.requests.length = 0;
  });

  it('puts a private object under the prefix (path style) and gets the same bytes back', async () => {
    const store = s3PhotoStore(config());
    expect(store.kind).toBe('s3');
    const k = key('image/png');
    await store.put(k, bytes);
    const obj = s3.objects.get(`${BUCKET}/field-photos/${k}`);
    expect(obj?.bytes.equals(bytes)).toBe(true);
    expect(obj?.contentType).toBe('image/png');
    const put = s3.requests[0];
    expect(put).toMatchObject({ method: 'PUT', path: `/${BUCKET}/field-photos/${k}`, status: 200 });
    expect(put?.headers['x-amz-content-sha256']).toBe(sha256Hex(bytes));
    expect(put?.headers['x-amz-acl']).toBeUndefined();
    expect(put?.headers['x-amz-server-side-encryption']).toBeUndefined();
    expect(Object.keys(put?.headers ?? {}).filter((h) => h.startsWith('x-amz-grant'))).toEqual([]);
    expect((await store.get(k))?.equals(bytes)).toBe(true);
    expect(s3.requests[1]).toMatchObject({ method: 'GET', status: 200 });
    expect(s3.requests[1]?.headers['x-amz-content-sha256']).toBe(EMPTY_SHA256);
  });

  it('asks for server-side encryption only when configured; content type from the extension', async () => {
    const k = key('image/webp');
    await s3PhotoStore(config({ sse: true, prefix: '' })).put(k, bytes);
    const obj = s3.objects.get(`${BUCKET}/${k}`);
    expect(obj?.headers['x-amz-server-side-encryption']).toBe('AES256');
    expect(obj?.contentType).toBe('image/webp');
    const jpg = key();
    await s3PhotoStore(config()).put(jpg, bytes);
    expect(s3.objects.get(`${BUCKET}/field-photos/${jpg}`)?.contentType).toBe('image/jpeg');
  });

  it('virtual-hosted style: the bucket in the host name, the key alone in the path', async () => {
    const store = s3PhotoStore(config({ endpoint: 'https://s3.example.com', forcePathStyle: false, fetch: s3.fetch }));
    const k = key();
    await store.put(k, bytes);
    expect(s3.requests[0]).toMatchObject({
      host: `${BUCKET}.s3.example.com`,
      path: `/field-photos/${k}`,
      bucket: BUCKET,
      status: 200,
    });
    expect((await store.get(k))?.equals(bytes)).toBe(true);
  });

  it('a missing object is null; a missing bucket is an error', async () => {
    expect(await s3PhotoStore(config()).get(key())).toBeNull();
    expect(s3.requests[0]).toMatchObject({ status: 404, code: 'NoSuchKey' });
    await expect(s3PhotoStore(config({ bucket: 'no-such-bucket' })).get(key())).rejects.toThrow(/404 NoSuchBucket/);
  });

  it('a wrong secret fails with the status and S3’s code, never the secret', async () => {
    const wrong = 'an0ther/Secret+Key/That-Is-Wrong-000000';
    const store = s3PhotoStore(config({ secretAccessKey: wrong }));
    const k = key();
    const err = await store.put(k, bytes).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/S3 PUT aircare-photos\/field-photos\/.+ failed: 403 SignatureDoesNotMatch/);
    expect(err?.message).not.toContain(wrong);
    expect(err?.message).not.toContain(SECRET);
    expect(s3.objects.has(`${BUCKET}/field-photos/${k}`)).toBe(false);
    expect(s3.requests).toHaveLength(1); // a 4xx is not retried
    await expect(s3PhotoStore(config({ accessKeyId: 'AKIAUNKNOWN' })).get(key())).rejects.toThrow(
      /403 InvalidAccessKeyId/,
    );
  });

  it('retries once after a 5xx or a dropped connection, not twice', async () => {
    const store = s3PhotoStore(config());
    const k = key();
    s3.failures.push('internal');
    await store.put(k, bytes);
    expect(s3.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(s3.objects.get(`${BUCKET}/field-photos/${k}`)?.bytes.equals(bytes)).toBe(true);

    s3.requests.length = 0;
    s3.failures.push('drop');
    expect((await store.get(k))?.equals(bytes)).toBe(true);
    expect(s3.requests.map((r) => r.code)).toEqual(['drop', null]);

    s3.requests.length = 0;
    s3.failures.push('slowdown', 2);
    await expect(store.put(key(), bytes)).rejects.toThrow(/503 SlowDown \(after one retry\)/);
    expect(s3.requests).toHaveLength(2);
  });

  it('gives up on a silent server after the timeout, once retried', async () => {
    const store = s3PhotoStore(config({ timeoutMs: 150 }));
    s3.failures.push('hang', 2);
    await expect(store.get(key())).rejects.toThrow(/no answer within 150 ms \(after one retry\)/);
    expect(s3.requests.map((r) => r.code)).toEqual(['hang', 'hang']);
  });

  it('refuses keys that photoKey() does not make, before any request', async () => {
    const store = s3PhotoStore(config());
    for (const bad of ['../etc/passwd', `${randomUUID()}/x.jpg`, `${randomUUID()}/${randomUUID()}.gif`, '']) {
      await expect(store.put(bad, bytes)).rejects.toThrow(/invalid photo key/);
      await expect(store.get(bad)).rejects.toThrow(/invalid photo key/);
    }
    expect(s3.requests).toHaveLength(0);
  });
});

describe('loadFieldConfig', () => {
  const s3Env = {
    AIRCARE_PHOTO_STORE: 's3',
    AIRCARE_S3_ENDPOINT: 'https://cos.ap-guangzhou.myqcloud.com/',
    AIRCARE_S3_BUCKET: 'aircare-1250000000',
    AIRCARE_S3_ACCESS_KEY_ID: 'AKIDexample',
    AIRCARE_S3_SECRET_ACCESS_KEY: 's3cr3t/Value+x',
  };

  it('defaults to the disk store', () => {
    expect(loadFieldConfig({})).toEqual({ photos: { store: 'disk' } });
    expect(loadFieldConfig({ AIRCARE_PHOTO_STORE: 'disk', AIRCARE_S3_SSE: 'maybe' })).toEqual({
      photos: { store: 'disk' },
    });
    expect(photoStoreFrom(loadFieldConfig({}), '/tmp/x').kind).toBe('disk');
  });

  it('reads an S3 store with its defaults', () => {
    const config = loadFieldConfig(s3Env);
    expect(config).toEqual({
      photos: {
        store: 's3',
        s3: {
          endpoint: 'https://cos.ap-guangzhou.myqcloud.com',
          region: 'us-east-1',
          bucket: 'aircare-1250000000',
          accessKeyId: 'AKIDexample',
          secretAccessKey: 's3cr3t/Value+x',
          forcePathStyle: true,
          prefix: '',
          sse: false,
        },
      },
    });
    expect(photoStoreFrom(config, '/tmp/x').kind).toBe('s3');
    const full = loadFieldConfig({
      ...s3Env,
      AIRCARE_S3_REGION: 'ap-guangzhou',
      AIRCARE_S3_FORCE_PATH_STYLE: 'false',
      AIRCARE_S3_PREFIX: 'aircare/field-photos',
      AIRCARE_S3_SSE: '1',
    });
    expect(full.photos).toMatchObject({
      s3: { region: 'ap-guangzhou', forcePathStyle: false, prefix: 'aircare/field-photos/', sse: true },
    });
  });

  it('names the missing variable', () => {
    for (const name of Object.keys(s3Env).filter((n) => n !== 'AIRCARE_PHOTO_STORE')) {
      expect(() => loadFieldConfig({ ...s3Env, [name]: '' })).toThrow(
        new RegExp(`^${name} is required with AIRCARE_PHOTO_STORE=s3$`),
      );
      const { [name]: _gone, ...without } = s3Env as Record<string, string>;
      expect(() => loadFieldConfig(without)).toThrow(new RegExp(`^${name} is required`));
    }
  });

  it('refuses bad values, never echoing the secret', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ AIRCARE_PHOTO_STORE: 'S3' }, /AIRCARE_PHOTO_STORE must be disk or s3/],
      [{ AIRCARE_S3_ENDPOINT: 'cos.ap-guangzhou.myqcloud.com' }, /AIRCARE_S3_ENDPOINT must be an http\(s\) URL/],
      [{ AIRCARE_S3_ENDPOINT: 'ftp://files.example.com' }, /AIRCARE_S3_ENDPOINT must be an http\(s\) URL/],
      [{ AIRCARE_S3_ENDPOINT: 'https://k:pw@s3.example.com' }, /AIRCARE_S3_ENDPOINT must not contain a user/],
      [{ AIRCARE_S3_ENDPOINT: 'https://s3.example.com/?x=1' }, /AIRCARE_S3_ENDPOINT must not have a query/],
      [{ AIRCARE_S3_FORCE_PATH_STYLE: 'yes' }, /AIRCARE_S3_FORCE_PATH_STYLE must be true or false, got "yes"/],
      [{ AIRCARE_S3_SSE: 'AES256' }, /AIRCARE_S3_SSE must be true or false/],
      [{ AIRCARE_S3_REGION: 'Guangzhou 1' }, /AIRCARE_S3_REGION must be a region name/],
      [{ AIRCARE_S3_BUCKET: 'Aircare_Photos' }, /AIRCARE_S3_BUCKET must be a bucket name/],
      [{ AIRCARE_S3_BUCKET: 'ab' }, /AIRCARE_S3_BUCKET must be a bucket name/],
      [{ AIRCARE_S3_PREFIX: '../photos' }, /AIRCARE_S3_PREFIX must be folder names/],
      [{ AIRCARE_S3_PREFIX: 'a//b' }, /AIRCARE_S3_PREFIX must be folder names/],
      [{ AIRCARE_S3_SECRET_ACCESS_KEY: 'two words' }, /AIRCARE_S3_SECRET_ACCESS_KEY must not contain spaces/],
      [
        { AIRCARE_S3_ENDPOINT: 'http://127.0.0.1:9000', AIRCARE_S3_FORCE_PATH_STYLE: 'false' },
        /AIRCARE_S3_FORCE_PATH_STYLE=false needs an endpoint with a domain name/,
      ],
    ];
    for (const [over, message] of bad) {
      let thrown: Error | null = null;
      try {
        loadFieldConfig({ ...s3Env, ...over });
      } catch (err) {
        thrown = err as Error;
      }
      expect(thrown?.message, JSON.stringify(over)).toMatch(message);
      expect(thrown?.message).not.toContain('s3cr3t');
      expect(thrown?.message).not.toContain('two words');
      expect(thrown?.message).not.toContain(':pw@');
    }
    // A local MinIO with path style is fine.
    expect(loadFieldConfig({ ...s3Env, AIRCARE_S3_ENDPOINT: 'http://127.0.0.1:9000' }).photos.store).toBe('s3');
  });
});
