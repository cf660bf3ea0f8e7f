import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FailureQueue } from './server';

/**
 * A stand-in for an S3-compatible object store (PUT Object, GET Object), checking requests the way S3 does, written
 * here independently of the store: the Authorization header (AWS4-HMAC-SHA256) parsed, a known access key, the
 * credential scope's date = x-amz-date's, the configured region, service s3, the clock skew (15 min), host,
 * x-amz-date and x-amz-content-sha256 signed along with every x-amz-* header sent, the payload's SHA-256 = the
 * x-amz-content-sha256 header, then the signature recomputed from the request as received with the secret it
 * holds. It answers like S3, XML errors with a Code: SignatureDoesNotMatch, InvalidAccessKeyId, NoSuchKey,
 * NoSuchBucket, AccessDenied (an ACL header granting anything beyond the owner: objects stay private),
 * XAmzContentSHA256Mismatch. Path-style (/bucket/key) and virtual-hosted style (Host: bucket.endpoint).
 */
export interface FakeS3Object {
  bytes: Buffer;
  contentType: string | undefined;
  /** The x-amz-* and content-* headers it was stored with. */
  headers: Record<string, string>;
}

export interface FakeS3Seen {
  method: string;
  host: string;
  /** The path as received (encoded). */
  path: string;
  bucket: string | null;
  key: string | null;
  headers: Record<string, string>;
  /** What the fake answered: status and S3 error code (null on success). */
  status: number;
  code: string | null;
}

/** Forced failures, in order: a 500 InternalError, a 503 SlowDown, the connection dropped, no answer at all. */
export type FakeS3Failure = 'internal' | 'slowdown' | 'drop' | 'hang';

export interface FakeS3 {
  /** http://127.0.0.1:<port> (path style). */
  url: string;
  region: string;
  /** Access key id → secret, as the service knows them (change one to make the app's signature wrong). */
  credentials: Map<string, string>;
  /** "bucket/key" → the object. */
  objects: Map<string, FakeS3Object>;
  requests: FakeS3Seen[];
  failures: FailureQueue<FakeS3Failure>;
  /** The same service in-process, as a fetch function (for hosts that do not resolve, e.g. bucket.s3.example.com). */
  fetch: typeof fetch;
  close(): Promise<void>;
}

interface Incoming {
  method: string;
  host: string;
  /** Raw path and query as sent. */
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string>;
  body: Buffer;
}

type Outcome = { status: number; headers: Record<string, string>; body: Buffer } | 'drop' | 'hang';

const MAX_SKEW_MS = 15 * 60_000;

function hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function enc(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function xmlError(status: number, code: string, message: string, resource: string): Outcome {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><Resource>${resource}</Resource><RequestId>FAKE${Date.now()}</RequestId></Error>`;
  return { status, headers: { 'content-type': 'application/xml' }, body: Buffer.from(body) };
}

function fromAmzDate(v: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export async function startFakeS3(opts: {
  buckets: string[];
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
}): Promise<FakeS3> {
  const region = opts.region ?? 'us-east-1';
  const credentials = new Map([[opts.accessKeyId, opts.secretAccessKey]]);
  const objects = new Map<string, FakeS3Object>();
  const requests: FakeS3Seen[] = [];
  const failures = new FailureQueue<FakeS3Failure>();
  const buckets = new Set(opts.buckets);

  /** The signature check; null when the request is authentic. */
  function authenticate(req: Incoming, resource: string): Outcome | null {
    const auth = req.headers.authorization ?? '';
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return xmlError(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed', resource);
    const [, keyId, scopeDate, scopeRegion, service, signedList, signature] = m as unknown as string[];
    const secret = credentials.get(keyId as string);
    if (secret === undefined) {
      return xmlError(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist', resource);
    }
    const amzDate = req.headers['x-amz-date'] ?? '';
    const when = fromAmzDate(amzDate);
    if (when === null || amzDate.slice(0, 8) !== scopeDate || scopeRegion !== region || service !== 's3') {
      return xmlError(400, 'AuthorizationHeaderMalformed', 'The credential scope is wrong', resource);
    }
    if (Math.abs(Date.now() - when) > MAX_SKEW_MS) {
      return xmlError(
        403,
        'RequestTimeTooSkewed',
        'The difference between the request time and now is too large',
        resource,
      );
    }
    const signed = (signedList as string).split(';');
    const mustSign = [
      'host',
      'x-amz-date',
      'x-amz-content-sha256',
      ...Object.keys(req.headers).filter((h) => h.startsWith('x-amz-')),
    ];
    if (mustSign.some((h) => !signed.includes(h))) {
      return xmlError(403, 'AccessDenied', 'There were headers present in the request which were not signed', resource);
    }
    const payloadHash = req.headers['x-amz-content-sha256'] ?? '';
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== hex(req.body)) {
      return xmlError(
        400,
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match",
        resource,
      );
    }
    const query = req.rawQuery
      .split('&')
      .filter(Boolean)
      .map((p) => {
        const i = p.indexOf('=');
        const k = decodeURIComponent(i < 0 ? p : p.slice(0, i));
        const v = i < 0 ? '' : decodeURIComponent(p.slice(i + 1));
        return `${enc(k)}=${enc(v)}`;
      })
      .sort()
      .join('&');
    const canonical = [
      req.method,
      req.rawPath,
      query,
      signed.map((h) => `${h}:${(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join(''),
      signedList,
      payloadHash,
    ].join('\n');
    const toSign = ['AWS4-HMAC-SHA256', amzDate, `${scopeDate}/${region}/s3/aws4_request`, hex(canonical)].join('\n');
    let k = createHmac('sha256', `AWS4${secret}`)
      .update(scopeDate as string)
      .digest();
    for (const part of [region, 's3', 'aws4_request']) k = createHmac('sha256', k).update(part).digest();
    const expected = createHmac('sha256', k).update(toSign).digest();
    if (!timingSafeEqual(expected, Buffer.from(signature as string, 'hex'))) {
      return xmlError(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided',
        resource,
      );
    }
    return null;
  }

  async function serve(req: Incoming, seen: FakeS3Seen): Promise<Outcome> {
    const hostname = req.host.replace(/:\d+$/, '');
    const virtual = [...buckets].find((b) => hostname.startsWith(`${b}.`));
    let bucket: string | null;
    let rawKey: string;
    if (virtual) {
      bucket = virtual;
      rawKey = req.rawPath.slice(1);
    } else {
      const [first, ...rest] = req.rawPath.slice(1).split('/');
      bucket = first ? decodeURIComponent(first) : null;
      rawKey = rest.join('/');
    }
    const key = rawKey ? decodeURIComponent(rawKey) : null;
    seen.bucket = bucket;
    seen.key = key;
    const resource = `/${bucket ?? ''}/${key ?? ''}`;

    const failure = failures.next();
    if (failure === 'drop' || failure === 'hang') return failure;
    if (failure === 'internal') return xmlError(500, 'InternalError', 'We encountered an internal error', resource);
    if (failure === 'slowdown') return xmlError(503, 'SlowDown', 'Please reduce your request rate', resource);

    const denied = authenticate(req, resource);
    if (denied) return denied;
    if (!bucket || !buckets.has(bucket))
      return xmlError(404, 'NoSuchBucket', 'The specified bucket does not exist', resource);
    if (!key) return xmlError(400, 'InvalidRequest', 'This fake serves objects only', resource);
    const acl = req.headers['x-amz-acl'];
    const grants = Object.keys(req.headers).filter((h) => h.startsWith('x-amz-grant-'));
    if ((acl !== undefined && acl !== 'private' && acl !== 'bucket-owner-full-control') || grants.length > 0) {
      return xmlError(403, 'AccessDenied', 'Public access to objects is blocked on this bucket', resource);
    }
    const id = `${bucket}/${key}`;
    if (req.method === 'PUT') {
      const kept: Record<string, string> = {};
      for (const [h, v] of Object.entries(req.headers)) {
        if (h.startsWith('x-amz-') || h.startsWith('content-')) kept[h] = v;
      }
      objects.set(id, { bytes: Buffer.from(req.body), contentType: req.headers['content-type'], headers: kept });
      const etag = `"${createHash('md5').update(req.body).digest('hex')}"`;
      return { status: 200, headers: { etag }, body: Buffer.alloc(0) };
    }
    if (req.method === 'GET') {
      const obj = objects.get(id);
      if (!obj) return xmlError(404, 'NoSuchKey', 'The specified key does not exist.', resource);
      return {
        status: 200,
        headers: {
          'content-type': obj.contentType ?? 'binary/octet-stream',
          'content-length': String(obj.bytes.length),
        },
        body: obj.bytes,
      };
    }
    return xmlError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource', resource);
  }

  async function handle(req: Incoming): Promise<Outcome> {
    const seen: FakeS3Seen = {
      method: req.method,
      host: req.host,
      path: req.rawPath,
      bucket: null,
      key: null,
      headers: req.headers,
      status: 0,
      code: null,
    };
    requests.push(seen);
    const out = await serve(req, seen);
    if (out === 'drop' || out === 'hang') {
      seen.code = out;
      return out;
    }
    seen.status = out.status;
    seen.code = out.status >= 300 ? (/<Code>([^<]+)<\/Code>/.exec(out.body.toString('utf8'))?.[1] ?? null) : null;
    return out;
  }

  const pending = new Set<ServerResponse>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const headers: Record<string, string> = {};
    for (const [h, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers[h] = Array.isArray(v) ? v.join(',') : v;
    }
    const out = await handle({
      method: req.method ?? 'GET',
      host: headers.host ?? '',
      rawPath: q < 0 ? url : url.slice(0, q),
      rawQuery: q < 0 ? '' : url.slice(q + 1),
      headers,
      body: Buffer.concat(chunks),
    });
    if (out === 'drop') {
      req.socket.destroy();
      return;
    }
    if (out === 'hang') {
      pending.add(res);
      return;
    }
    res.writeHead(out.status, out.headers);
    res.end(out.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const inProcess: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const u = new URL(request.url);
    const headers: Record<string, string> = { host: u.host };
    request.headers.forEach((v, h) => {
      headers[h] = v;
    });
    const out = await handle({
      method: request.method,
      host: u.host,
      rawPath: u.pathname,
      rawQuery: u.search.replace(/^\?/, ''),
      headers,
      body: Buffer.from(await request.arrayBuffer()),
    });
    if (out === 'drop')
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });
    if (out === 'hang') {
      return new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal;
        signal?.addEventListener('abort', () => reject(signal.reason));
      });
    }
    return new Response(out.body.length ? new Uint8Array(out.body) : null, {
      status: out.status,
      headers: out.headers,
    });
  };

  return {
    url: `http://127.0.0.1:${port}`,
    region,
    credentials,
    objects,
    requests,
    failures,
    fetch: inProcess,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of pending) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
