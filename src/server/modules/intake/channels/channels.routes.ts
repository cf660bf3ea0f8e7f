import { AppError } from '@server/platform/errors';
import { withIdempotency } from '@server/platform/http/idempotency';
import { bindEndpoint, type HttpDeps, makeCtx } from '@server/platform/http/server';
import * as c from '@shared/contracts/channels.contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type ChannelsConfig, loadChannelsConfig } from './channels.config';
import './channels.events';
import { cancelByCustomer, requestNewTime, requestPrivacy } from './use-cases/customer-actions';
import { listPublicFaultCategories } from './use-cases/list-public-fault-categories';
import { submitRepairRequest } from './use-cases/submit-repair-request';
import { authenticateCall, getCallForHotline, getMyIncomingCall, receiveCall } from './use-cases/telephony';
import { resolveTrackedOrder } from './use-cases/tracking-access';
import { buildTrackingView } from './use-cases/tracking-view';

/** Raw bodies of the webhook scope (the signature covers the exact bytes). */
const rawBodies = new WeakMap<FastifyRequest, string>();
const INVALID_JSON = Symbol('invalid-json');

/**
 * Requests carrying the same Idempotency-Key (and address) run one after the other in this process: a double click
 * then sees the first request's stored answer instead of racing it for the one-use SMS code.
 */
const inFlight = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(key: string | null, fn: () => Promise<T>): Promise<T> {
  if (!key) return fn();
  const previous = inFlight.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(fn);
  inFlight.set(key, next);
  try {
    return await next;
  } finally {
    if (inFlight.get(key) === next) inFlight.delete(key);
  }
}
function idempotencyKeyOf(req: FastifyRequest): string | null {
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  return typeof key === 'string' && key ? `${req.ip}\u0000${key.slice(0, 128)}` : null;
}

/**
 * The public channels: the repair page, the tracking page and the call-centre webhook with the agent's screen pop.
 *
 * submitRepairRequest is idempotent (Idempotency-Key), but the SMS code must be checked outside any transaction
 * (notify's verifyCode commits its own), so the route is bound without the automatic wrapping and the use case runs
 * the platform's withIdempotency itself, after the code check.
 *
 * The webhook lives in its own plugin scope, whose JSON parser keeps the raw body; a preValidation hook checks the
 * signature before anything else (a bad signature is a 401 whatever the body).
 */
export function registerChannelsRoutes(
  app: FastifyInstance,
  deps: HttpDeps,
  config: ChannelsConfig = loadChannelsConfig(process.env),
): void {
  bindEndpoint(app, deps, { ...c.submitRepairRequest, idempotent: false }, async ({ ctx, body, req, reply }) =>
    oneAtATime(idempotencyKeyOf(req), () =>
      submitRepairRequest(ctx, body, (run) => withIdempotency(ctx, c.submitRepairRequest, req, reply, run)),
    ),
  );
  bindEndpoint(app, deps, c.listPublicFaultCategories, async ({ ctx }) => listPublicFaultCategories(ctx));

  bindEndpoint(app, deps, c.trackWorkOrder, async ({ ctx, body }) => {
    const tracked = await resolveTrackedOrder(ctx, body);
    return buildTrackingView(ctx, tracked.order, tracked.session);
  });
  bindEndpoint(app, deps, c.requestNewTime, async ({ ctx, body }) => requestNewTime(ctx, body));
  bindEndpoint(app, deps, c.cancelByCustomer, async ({ ctx, body }) => cancelByCustomer(ctx, body));
  bindEndpoint(app, deps, c.requestMyData, async ({ ctx, body }) => requestPrivacy(ctx, body, 'export'));
  bindEndpoint(app, deps, c.requestDeletion, async ({ ctx, body }) => requestPrivacy(ctx, body, 'delete'));

  bindEndpoint(app, deps, c.getMyIncomingCall, async ({ ctx }) => getMyIncomingCall(ctx));
  bindEndpoint(app, deps, c.getCallForHotline, async ({ ctx, params }) => getCallForHotline(ctx, params.callId));

  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      rawBodies.set(req, text);
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(null, INVALID_JSON);
      }
    });
    scope.addHook('preValidation', async (req) => {
      const header = req.headers[c.CTI_SIGNATURE_HEADER];
      authenticateCall(
        makeCtx(deps, req),
        config,
        Array.isArray(header) ? header[0] : header,
        rawBodies.get(req) ?? '',
      );
      if (req.body === INVALID_JSON) {
        const zh = req.locale === 'zh-CN';
        throw AppError.field('', 'invalid_json', zh ? '请求体不是有效的 JSON' : 'The request body is not valid JSON');
      }
    });
    bindEndpoint(scope, deps, c.receiveCall, async ({ ctx, body }) => receiveCall(ctx, body));
  });
}
