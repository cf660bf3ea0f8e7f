import { createHash, createHmac } from 'node:crypto';
import type { PhotoStore } from './photo-store';

/**
 * Visit photos in an S3-compatible bucket (AWS S3, Aliyun OSS's S3-compatible endpoint, Tencent COS, MinIO…):
 * PUT Object and GET Object over the REST API, signed with AWS Signature Version 4. Objects stay private: no ACL
 * header is ever sent (a bucket's objects are private unless a policy or an ACL says otherwise), the only way to a
 * photo is still `getVisitPhoto`, which checks who asks.
 */
export interface S3PhotoStoreConfig {
  /** http(s) URL of the service, e.g. https://s3.cn-north-1.amazonaws.com.cn, https://cos.ap-guangzhou.myqcloud.com. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** true: https://endpoint/bucket/key; false: https://bucket.endpoint/key (virtual-hosted style). */
  forcePathStyle: boolean;
  /** Prepended to every key ('' or segments ending with '/', e.g. 'field-photos/'). */
  prefix: string;
  /** Ask for server-side encryption with the service's keys (`x-amz-server-side-encryption: AES256`). */
  sse: boolean;
  /** Per attempt; default 15 s. */
  timeoutMs?: number;
  /** The HTTP client (default the global fetch). */
  fetch?: typeof fetch;
}

// ---------------------------------------------------------------------------------------------------------------
// Signature Version 4

export interface SigV4Request {
  method: string;
  /** The canonical URI: the path, each segment already URI-encoded as it is sent. */
  path: string;
  /** Query parameters, not encoded. */
  query?: Record<string, string>;
  /** Every header to sign (`host` and `x-amz-date` included), any case. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the payload (S3: the same value as the x-amz-content-sha256 header). */
  payloadHash: string;
}

export interface SigV4Scope {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** 's3' for S3; the test suite's vectors use 'service'. */
  service: string;
  /** ISO basic format, e.g. 20150830T123600Z (the x-amz-date header). */
  amzDate: string;
}

export interface SigV4Result {
  authorization: string;
  signature: string;
  signedHeaders: string;
  canonicalRequest: string;
  stringToSign: string;
}

export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 percent-encoding as SigV4 wants it: unreserved characters stay, every other UTF-8 byte is %XY. */
export function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** 20150830T123600Z from a date. */
export function amzDateOf(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The Authorization header of a request (AWS4-HMAC-SHA256, header-based). */
export function signV4(req: SigV4Request, scope: SigV4Scope): SigV4Result {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(req.headers)) {
    headers.set(name.toLowerCase(), value.trim().replace(/\s+/g, ' '));
  }
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((n) => `${n}:${headers.get(n)}\n`).join('');
  const canonicalQuery = Object.entries(req.query ?? {})
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    req.method.toUpperCase(),
    req.path || '/',
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    req.payloadHash,
  ].join('\n');
  const date = scope.amzDate.slice(0, 8);
  const credentialScope = `${date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', scope.amzDate, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac(`AWS4${scope.secretAccessKey}`, date);
  const kRegion = hmac(kDate, scope.region);
  const kService = hmac(kRegion, scope.service);
  const kSigning = hmac(kService, 'aws4_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${scope.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signature,
    signedHeaders,
    canonicalRequest,
    stringToSign,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The store

// The same keys as the disk store: photoKey() of a visit id and a photo id; anything else is a programming error.
const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}\.(jpg|png|webp)$/;
const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const DEFAULT_TIMEOUT_MS = 15_000;

/** The S3 error Code of an XML error body (<Error><Code>NoSuchKey</Code>…), or null. */
export function s3ErrorCode(body: string): string | null {
  const m = /<Code>\s*([A-Za-z0-9._-]{1,100})\s*<\/Code>/.exec(body);
  return m ? (m[1] as string) : null;
}

/** A failure worth one more try: the service's own (5xx) or the network's (refused, reset, timed out). */
class Retryable extends Error {}

export function s3PhotoStore(config: S3PhotoStoreConfig): PhotoStore {
  const base = new URL(config.endpoint);
  const basePath = base.pathname.replace(/\/+$/, '');
  const origin = config.forcePathStyle ? base.origin : `${base.protocol}//${config.bucket}.${base.host}`;
  const bucketPath = config.forcePathStyle ? `${basePath}/${uriEncode(config.bucket)}` : basePath;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = config.fetch ?? fetch;

  const objectKey = (key: string): string => {
    if (!KEY.test(key)) throw new Error(`invalid photo key ${key}`);
    return `${config.prefix}${key}`;
  };
  /** Where an object is: the canonical (encoded) path and the URL. */
  const locate = (key: string) => {
    const path = `${bucketPath}/${objectKey(key).split('/').map(uriEncode).join('/')}`;
    return { path, url: `${origin}${path}`, host: new URL(origin).host };
  };
  const describe = (method: string, key: string) =>
    `S3 ${method} ${config.bucket}/${config.prefix}${key} (${config.endpoint})`;

  /** One signed attempt. */
  async function attempt(
    method: 'GET' | 'PUT',
    key: string,
    body: Buffer | null,
    extra: Record<string, string>,
  ): Promise<Response> {
    const { path, url, host } = locate(key);
    const payloadHash = body ? sha256Hex(body) : EMPTY_SHA256;
    const headers: Record<string, string> = {
      host,
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': amzDateOf(new Date()),
      ...extra,
    };
    const signed = signV4(
      { method, path, headers, payloadHash },
      {
        accessKeyId: config.accessKeyId,
        secretAccessKey: config.secretAccessKey,
        region: config.region,
        service: 's3',
        amzDate: headers['x-amz-date'] as string,
      },
    );
    const { host: _host, ...sent } = headers; // fetch sets Host itself, from the URL (the value signed)
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: { ...sent, authorization: signed.authorization },
        ...(body ? { body: new Uint8Array(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
    } catch (err) {
      throw new Retryable(`${describe(method, key)} failed: ${networkReason(err, timeoutMs)}`);
    }
    if (res.status >= 500) {
      const code = s3ErrorCode(await safeText(res));
      throw new Retryable(`${describe(method, key)} failed: ${res.status}${code ? ` ${code}` : ''}`);
    }
    return res;
  }

  /** One attempt, and a second one after a 5xx or a network failure (PUT and GET of one key are idempotent). */
  async function send(
    method: 'GET' | 'PUT',
    key: string,
    body: Buffer | null,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    try {
      return await attempt(method, key, body, extra);
    } catch (err) {
      if (!(err instanceof Retryable)) throw err;
      try {
        return await attempt(method, key, body, extra);
      } catch (again) {
        if (again instanceof Retryable) throw new Error(`${again.message} (after one retry)`);
        throw again;
      }
    }
  }

  const failure = async (method: string, key: string, res: Response) => {
    const code = s3ErrorCode(await safeText(res));
    return new Error(`${describe(method, key)} failed: ${res.status}${code ? ` ${code}` : ''}`);
  };

  return {
    kind: 's3',
    async put(key, bytes) {
      const ext = key.slice(key.lastIndexOf('.') + 1);
      const extra: Record<string, string> = { 'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream' };
      if (config.sse) extra['x-amz-server-side-encryption'] = 'AES256';
      const res = await send('PUT', key, bytes, extra);
      if (res.status !== 200) throw await failure('PUT', key, res);
      await res.arrayBuffer().catch(() => undefined);
    },
    async get(key) {
      const res = await send('GET', key, null);
      if (res.status === 404) {
        const text = await safeText(res);
        const code = s3ErrorCode(text);
        // A missing object is "gone"; a missing bucket (NoSuchBucket) is a configuration error.
        if (code === null || code === 'NoSuchKey') return null;
        throw new Error(`${describe('GET', key)} failed: 404 ${code}`);
      }
      if (res.status !== 200) throw await failure('GET', key, res);
      try {
        return Buffer.from(await res.arrayBuffer());
      } catch (err) {
        throw new Error(`${describe('GET', key)} failed while reading: ${networkReason(err, timeoutMs)}`);
      }
    },
  };
}

async function safeText(res: Response): Promise<string> {
  try {
    return (await res.text()).slice(0, 4096);
  } catch {
    return '';
  }
}

/** Why fetch threw, in a few words (the cause's code, never the request's headers). */
function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = e?.cause?.code;
  return code ? `network error ${code}` : `network error ${e?.cause?.message ?? e?.message ?? String(err)}`;
}
