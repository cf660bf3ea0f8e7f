import { z } from 'zod';
import type { Access } from '../domain/roles';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One API endpoint: the single source for validation (server), types (server and web) and
 * documentation (OpenAPI). Every endpoint names its access: a permission, `public` or `authenticated`.
 */
export interface EndpointDef {
  operationId: string;
  method: HttpMethod;
  path: string;
  access: Access;
  summary: string;
  tags: readonly string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** Success status; 200 unless given. */
  status?: 200 | 201 | 202 | 204;
  /** Body size limit in bytes for this endpoint, when different from the server default. */
  bodyLimit?: number;
  /** Responses carry personal data (forces no-store even outside /api). Every /api response is no-store anyway. */
  personalData?: boolean;
  /**
   * Honours an `Idempotency-Key` header (platform/http/idempotency.ts): the first request with a key runs and its
   * response is kept; a retry with the same key and the same body gets that response again (header
   * `Idempotent-Replayed: true`) instead of acting twice; the same key with a different body is refused (422).
   */
  idempotent?: boolean;
}

export function endpoint<const E extends EndpointDef>(def: E): E {
  return def;
}

export type Body<E extends EndpointDef> = E['body'] extends z.ZodType ? z.input<E['body']> : undefined;
export type Query<E extends EndpointDef> = E['query'] extends z.ZodType ? z.input<E['query']> : undefined;
export type Params<E extends EndpointDef> = E['params'] extends z.ZodType ? z.input<E['params']> : undefined;
export type Reply<E extends EndpointDef> = z.output<E['response']>;

// ---- Reusable pieces (no coercion: query strings are parsed explicitly) ----

export const uuid = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });

/** A positive integer carried in a query string ("1", "25"); rejects "1.5", "abc", "-1", "01". */
export function queryInt(min: number, max: number) {
  return z
    .string()
    .regex(/^(0|[1-9]\d{0,8})$/, { message: 'must be a whole number' })
    .transform((s) => Number(s))
    .pipe(z.number().int().min(min).max(max));
}

export const pageQuery = {
  page: queryInt(1, 100_000).optional(),
  pageSize: queryInt(1, 200).optional(),
};

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const okResponse = z.object({ ok: z.literal(true) });
