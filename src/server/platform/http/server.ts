import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { EndpointDef, Reply } from '@shared/contracts/endpoint';
import { hasPermission } from '@shared/domain/roles';
import { ERROR_MESSAGES, type ErrorCode, type Locale, pickLocale } from '@shared/errors';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Actor, Ctx, RequestInfo } from '../context';
import type { DataCipher } from '../crypto';
import type { Db } from '../db/client';
import { AppError } from '../errors';
import type { EventBus } from '../events/events';
import { isDatabaseUnavailable, sqlState } from './db-errors';
import { withIdempotency } from './idempotency';
import { issuesFromValidation } from './issues';
import { registerSecurityHeaders } from './security-headers';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    sessionToken: string | null;
    now: Date;
  }
  interface FastifyContextConfig {
    access?: EndpointDef['access'];
    operationId?: string;
  }
}

/** What the identity module provides to the http layer (platform knows no business module). */
export interface AuthPort {
  cookieName: string;
  resolveSession(token: string, info: RequestInfo, now: Date): Promise<{ actor: Actor; language: Locale } | null>;
  /** Records a permission denial in the audit log. */
  auditDenied(ctx: Ctx, info: { operationId: string; access: string; method: string; path: string }): Promise<void>;
}

export interface HttpDeps {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  bus: EventBus;
  auth: AuthPort;
  cipher: DataCipher;
}

export type App = FastifyInstance;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function requestInfo(req: FastifyRequest): RequestInfo {
  const ua = req.headers['user-agent'];
  return {
    ip: req.ip ?? null,
    requestId: String(req.id),
    userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null,
    locale: req.locale,
  };
}

export function makeCtx(deps: Pick<HttpDeps, 'db' | 'log' | 'bus' | 'cipher'>, req: FastifyRequest): Ctx {
  return {
    db: deps.db,
    actor: req.actor,
    now: req.now,
    log: req.log as unknown as Logger,
    events: deps.bus.immediateSink(),
    bus: deps.bus,
    cipher: deps.cipher,
    request: requestInfo(req),
    inTransaction: false,
  };
}

export function errorBody(code: ErrorCode, locale: Locale, requestId: string, details?: Record<string, unknown>) {
  return { code, message: ERROR_MESSAGES[code][locale], ...(details ? { details } : {}), requestId };
}

/** A body limit in words: "3 MB", "64 KB", "500 bytes" (binary units, as the limits are set). */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** `scheme://host[:port]` with the default port dropped (browsers omit it in Origin; a Host header may carry it). */
function normalOrigin(s: string): string | null {
  try {
    const o = new URL(s).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
}

function allowedOrigin(req: FastifyRequest, config: Config, origin: string): boolean {
  const o = normalOrigin(origin);
  if (!o) return false;
  const own = normalOrigin(`${req.protocol}://${req.host}`);
  return o === own || config.allowedOrigins.some((a) => normalOrigin(a) === o);
}

export async function createHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const { config, log } = deps;
  const app = Fastify({
    loggerInstance: log as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('now', null as unknown as Date);

  await app.register(cookie);
  registerSecurityHeaders(app, { production: config.env === 'production', mapTileUrl: config.mapTileUrl });

  // Every /api route must come from a contract with a declared access; the unguarded-route test reads this.
  const apiRoutes: { method: string; url: string; access: string | undefined }[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (r) => {
    if (r.url.startsWith('/api/') && !r.url.startsWith('/api/docs')) {
      const methods = Array.isArray(r.method) ? r.method : [r.method];
      for (const m of methods) if (m !== 'HEAD') apiRoutes.push({ method: m, url: r.url, access: r.config?.access });
    }
  });

  app.addHook('onRequest', async (req) => {
    req.now = deps.clock.now();
    const header = req.headers['accept-language'];
    req.locale = pickLocale(typeof header === 'string' ? header : undefined);
  });

  // On shutdown, tell keep-alive clients to close so in-flight requests finish and the server can stop.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        path: req.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        userId: req.actor?.userId ?? null,
      },
      'request',
    );
  });

  app.setErrorHandler(async (err, req, reply) => {
    const locale = req.locale ?? 'zh-CN';
    const rid = String(req.id);
    if (err instanceof AppError) {
      if (err.code === 'RATE_LIMITED' && typeof err.details?.retryAfterSeconds === 'number') {
        reply.header('Retry-After', String(err.details.retryAfterSeconds));
      }
      return reply.status(err.status).send(errorBody(err.code, locale, rid, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = issuesFromValidation(
        err.validation as unknown as Parameters<typeof issuesFromValidation>[0],
        (err as { validationContext?: string }).validationContext,
        locale,
      );
      return reply.status(400).send(errorBody('VALIDATION_FAILED', locale, rid, { issues }));
    }
    const fcode = (err as { code?: string }).code;
    if (fcode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // The route's own limit (an endpoint's bodyLimit, e.g. the repair page's photo), else the server's.
      const limitBytes = req.routeOptions?.bodyLimit ?? config.bodyLimitBytes;
      const body = errorBody('PAYLOAD_TOO_LARGE', locale, rid, { limitBytes });
      const size = formatBytes(limitBytes);
      return reply.status(413).send({
        ...body,
        message: locale === 'zh-CN' ? `${body.message}（上限 ${size}）` : `${body.message} (limit ${size})`,
      });
    }
    if (fcode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', locale, rid));
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500 && !isResponseSerializationError(err)) {
      // Malformed JSON, empty JSON body and other client errors detected by Fastify itself.
      const message = locale === 'zh-CN' ? '请求体不是有效的 JSON' : 'The request body is not valid JSON';
      return reply.status(400).send(
        errorBody('VALIDATION_FAILED', locale, rid, {
          issues: [{ path: '', code: fcode ?? 'bad_request', message }],
        }),
      );
    }
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ reqId: rid, err: { message: (err as Error).message } }, 'database unavailable');
      reply.header('Retry-After', '5');
      return reply.status(503).send(errorBody('UNAVAILABLE', locale, rid));
    }
    const state = sqlState(err);
    if (state === '23505' || state === '40001' || state === '40P01') {
      return reply.status(409).send(errorBody('CONFLICT', locale, rid));
    }
    req.log.error({ reqId: rid, err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', locale, rid));
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Aircare API', description: '空调售后管理系统 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: deps.auth.cookieName } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get(
    '/api/openapi.json',
    { schema: { hide: true }, config: { access: 'public', operationId: 'getOpenApi' } },
    async () => app.swagger(),
  );

  return app as unknown as FastifyInstance;
}

export interface RouteInput<E extends EndpointDef> {
  ctx: Ctx;
  params: E['params'] extends z.ZodType ? z.output<E['params']> : Record<string, never>;
  query: E['query'] extends z.ZodType ? z.output<E['query']> : Record<string, never>;
  body: E['body'] extends z.ZodType ? z.output<E['body']> : undefined;
  req: FastifyRequest;
  reply: FastifyReply;
}

/**
 * Binds one contract endpoint: strict validation from its schemas, then (before validation) session,
 * CSRF and permission checks from its declared access. Handlers receive a ctx and typed input.
 */
export function bindEndpoint<E extends EndpointDef>(
  app: FastifyInstance,
  deps: HttpDeps,
  endpoint: E,
  handler: (input: RouteInput<E>) => Promise<Reply<E>>,
): void {
  const { auth, config } = deps;
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    ...(endpoint.bodyLimit ? { bodyLimit: endpoint.bodyLimit } : {}),
    config: { access: endpoint.access, operationId: endpoint.operationId },
    schema: {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      tags: [...endpoint.tags],
      ...(endpoint.params ? { params: endpoint.params } : {}),
      ...(endpoint.query ? { querystring: endpoint.query } : {}),
      ...(endpoint.body ? { body: endpoint.body } : {}),
      response: { [endpoint.status ?? 200]: endpoint.response },
      ...(endpoint.access === 'public' ? {} : { security: [{ session: [] }] }),
    },
    onRequest: async (req) => {
      // CSRF: a state-changing request from a browser must come from our own origin.
      const token = req.cookies[auth.cookieName] ?? null;
      if (STATE_CHANGING.has(req.method)) {
        const origin = req.headers.origin;
        const referer = req.headers.referer;
        if (typeof origin === 'string' && origin !== 'null') {
          if (!allowedOrigin(req, config, origin)) throw new AppError('CSRF_REJECTED');
        } else if (typeof referer === 'string') {
          let refOrigin = '';
          try {
            refOrigin = new URL(referer).origin;
          } catch {}
          if (!allowedOrigin(req, config, refOrigin)) throw new AppError('CSRF_REJECTED');
        } else if (token && req.headers['x-requested-with'] !== 'aircare') {
          throw new AppError('CSRF_REJECTED');
        }
      }
      if (token) {
        req.sessionToken = token;
        const resolved = await auth.resolveSession(token, requestInfo(req), req.now);
        if (resolved) {
          req.actor = resolved.actor;
          req.locale = resolved.language;
        }
      }
      if (endpoint.access === 'public') return;
      if (!req.actor) throw new AppError('UNAUTHENTICATED');
      if (!hasPermission(req.actor.roles, endpoint.access)) {
        await auth.auditDenied(makeCtx(deps, req), {
          operationId: endpoint.operationId,
          access: endpoint.access,
          method: req.method,
          path: req.url.split('?')[0] ?? req.url,
        });
        throw new AppError('FORBIDDEN', { permission: endpoint.access });
      }
    },
    preValidation: async (req) => {
      // An endpoint without a body schema takes no body: anything sent is an unknown field.
      if (!endpoint.body && req.body !== undefined && req.body !== null) {
        const keys = typeof req.body === 'object' ? Object.keys(req.body as object) : [''];
        if (keys.length > 0) {
          const zh = req.locale === 'zh-CN';
          throw AppError.validation(
            keys.map((k) => ({
              path: k,
              code: 'unrecognized_keys',
              message: zh ? `不允许的字段：${k}` : `unknown field(s): ${k}`,
            })),
          );
        }
      }
    },
    handler: async (req, reply) => {
      const run = (ctx: Ctx) =>
        handler({
          ctx,
          params: (req.params ?? {}) as RouteInput<E>['params'],
          query: (req.query ?? {}) as RouteInput<E>['query'],
          body: req.body as RouteInput<E>['body'],
          req,
          reply,
        });
      const ctx = makeCtx(deps, req);
      const result = endpoint.idempotent ? await withIdempotency(ctx, endpoint, req, reply, run) : await run(ctx);
      reply.status(endpoint.status ?? 200);
      return result;
    },
  });
}
