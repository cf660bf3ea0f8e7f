import type { Body, EndpointDef, Params, Query, Reply } from '@shared/contracts/endpoint';
import { ERROR_CODES, ERROR_MESSAGES, type ErrorCode, type FieldIssue } from '@shared/errors';
import { currentLanguage } from './i18n';

/**
 * The typed API client. Every request names a contract endpoint; params, query, body and the reply
 * are typed from its zod schemas, so the web and the server cannot drift apart silently.
 */

/** An error reply of the API: `{ code, message, details, requestId }`; `message` is already localised. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** Field problems of a VALIDATION_FAILED reply. */
  get issues(): FieldIssue[] {
    const raw = this.details.issues;
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (i): i is FieldIssue =>
        typeof i === 'object' &&
        i !== null &&
        typeof (i as FieldIssue).path === 'string' &&
        typeof (i as FieldIssue).message === 'string',
    );
  }

  /** Seconds to wait after RATE_LIMITED, when the server said. */
  get retryAfterSeconds(): number | undefined {
    const v = this.details.retryAfterSeconds;
    return typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.ceil(v)) : undefined;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

// ---- typed call input ----

/** A slot is absent when the endpoint has no such part, optional when every field is optional. */
type Slot<K extends string, T> = [T] extends [undefined]
  ? { [P in K]?: undefined }
  : // biome-ignore lint/complexity/noBannedTypes: "all fields optional" test
    {} extends T
    ? { [P in K]?: T }
    : { [P in K]: T };

export type CallInput<E extends EndpointDef> = Slot<'params', Params<E>> &
  Slot<'query', Query<E>> &
  Slot<'body', Body<E>> & {
    signal?: AbortSignal;
    /** Do not treat a 401 as "session gone" (used by the initial getMe probe). */
    silent401?: boolean;
    /** Extra request headers, e.g. `Idempotency-Key` for endpoints flagged `idempotent`. */
    headers?: Record<string, string>;
  };

type CallArgs<E extends EndpointDef> =
  // biome-ignore lint/complexity/noBannedTypes: "no required part" test
  {} extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>];

// ---- session-gone hook ----

let onUnauthenticated: (() => void) | undefined;

/** The app registers what to do when a request finds the session gone (go to /login?next=…). */
export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

// ---- request building ----

export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_whole, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`Missing path parameter "${name}" for ${path}`);
    }
    return encodeURIComponent(String(value));
  });
}

export function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.append(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

async function toApiError(res: Response): Promise<ApiError> {
  const lang = currentLanguage();
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null && isErrorCode((body as { code?: unknown }).code)) {
    const b = body as { code: ErrorCode; message?: unknown; details?: unknown; requestId?: unknown };
    return new ApiError(
      res.status,
      b.code,
      typeof b.message === 'string' ? b.message : ERROR_MESSAGES[b.code][lang],
      typeof b.details === 'object' && b.details !== null ? (b.details as Record<string, unknown>) : {},
      typeof b.requestId === 'string' ? b.requestId : (res.headers.get('x-request-id') ?? undefined),
    );
  }
  // Not an API error body (a proxy, a crash page): make one up from the status.
  const code: ErrorCode =
    res.status === 401
      ? 'UNAUTHENTICATED'
      : res.status === 403
        ? 'FORBIDDEN'
        : res.status === 404
          ? 'NOT_FOUND'
          : res.status === 429
            ? 'RATE_LIMITED'
            : res.status === 502 || res.status === 503 || res.status === 504
              ? 'UNAVAILABLE'
              : 'INTERNAL';
  return new ApiError(res.status, code, ERROR_MESSAGES[code][lang], {}, res.headers.get('x-request-id') ?? undefined);
}

type RawInput = {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal;
  silent401?: boolean;
  headers?: Record<string, string>;
};

/** Send one request of the contract; a non-2xx reply becomes an `ApiError` (and a 401 may end the session). */
async function send(endpoint: EndpointDef, inp: RawInput, accept: string): Promise<Response> {
  const url = buildPath(endpoint.path, inp.params) + buildQuery(inp.query);
  const headers: Record<string, string> = {
    ...inp.headers,
    Accept: accept,
    'Accept-Language': currentLanguage(),
    'X-Requested-With': 'aircare',
  };
  const init: RequestInit = { method: endpoint.method, headers, credentials: 'same-origin' };
  if (inp.signal) init.signal = inp.signal;
  if (inp.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(inp.body);
  }

  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    const lang = currentLanguage();
    throw new ApiError(0, 'UNAVAILABLE', ERROR_MESSAGES.UNAVAILABLE[lang]);
  }

  if (!res.ok) {
    const error = await toApiError(res);
    if (
      error.status === 401 &&
      error.code === 'UNAUTHENTICATED' &&
      endpoint.operationId !== 'login' &&
      !inp.silent401
    ) {
      onUnauthenticated?.();
    }
    throw error;
  }
  return res;
}

/**
 * Call one endpoint of the contract.
 *
 *   const me = await call(getMe);
 *   const page = await call(listUsers, { query: { page: '1', q: 'wang' } });
 *   await call(updateUser, { params: { userId }, body: { version, disabled: true } });
 *   await call(createWorkOrder, { body, headers: { 'Idempotency-Key': key } });
 */
export async function call<E extends EndpointDef>(endpoint: E, ...[input]: CallArgs<E>): Promise<Reply<E>> {
  const res = await send(endpoint, (input ?? {}) as RawInput, 'application/json');
  if (res.status === 204) return undefined as Reply<E>;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as Reply<E>;
}

/** A file reply: its bytes and the file name from Content-Disposition (when the server gave one). */
export interface FileReply {
  blob: Blob;
  filename: string | undefined;
}

/** `attachment; filename="a.xlsx"; filename*=UTF-8''%E5%B7%A5%E5%8D%95.xlsx` → the (decoded) file name. */
export function filenameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || undefined;
}

/**
 * Call an endpoint whose reply is a file (an Excel export): same headers and error handling as `call`,
 * the body read as a Blob.
 */
export async function callFile<E extends EndpointDef>(endpoint: E, ...[input]: CallArgs<E>): Promise<FileReply> {
  const res = await send(endpoint, (input ?? {}) as RawInput, '*/*');
  return { blob: await res.blob(), filename: filenameFromDisposition(res.headers.get('content-disposition')) };
}
