import { timingSafeEqual } from 'node:crypto';
import { findCustomerByPhone } from '@server/modules/customers';
import { verifyCode } from '@server/modules/notify';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { FieldIssue } from '@shared/errors';
import {
  findWorkOrder,
  findWorkOrderByNumber,
  findWorkOrderByTokenHash,
  type WorkOrderRow,
} from '../../intake.repository';
import { hashTrackingToken } from '../../use-cases/create-work-order';
import { insertTrackingFailure, trackingFailuresSince } from '../channels.repository';

/** At most 10 failed tracking attempts (bad token, bad session, wrong code, not found) per address per 15 minutes. */
export const TRACKING_FAILURE_WINDOW_MS = 15 * 60_000;
export const MAX_TRACKING_FAILURES = 10;
/** A tracking session (after order number + SMS code) lasts 30 minutes. */
export const TRACKING_SESSION_TTL_MS = 30 * 60_000;
const SESSION_PURPOSE = 'intake.tracking-session/v1';

export interface TrackingAuthInput {
  token?: string | undefined;
  session?: string | undefined;
  number?: string | undefined;
  phone?: string | undefined;
  code?: string | undefined;
}

export interface TrackedOrder {
  order: WorkOrderRow;
  /** Issued when the customer came with order number + SMS code. */
  session: { token: string; expiresAt: Date } | null;
}

const msg = (ctx: Ctx, zh: string, en: string) => (ctx.request.locale === 'zh-CN' ? zh : en);

/** A session: base64url({o: order id, c: customer id, e: expiry ms}) "." HMAC (the data key's blind-index key). */
export function issueTrackingSession(ctx: Ctx, order: WorkOrderRow): { token: string; expiresAt: Date } {
  const expiresAt = new Date(ctx.now.getTime() + TRACKING_SESSION_TTL_MS);
  const payload = Buffer.from(JSON.stringify({ o: order.id, c: order.customerId, e: expiresAt.getTime() })).toString(
    'base64url',
  );
  return { token: `${payload}.${ctx.cipher.blindIndex(SESSION_PURPOSE, payload)}`, expiresAt };
}

function readSession(ctx: Ctx, token: string): { orderId: string; customerId: string } | null {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  const expected = Buffer.from(ctx.cipher.blindIndex(SESSION_PURPOSE, payload));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      o?: unknown;
      c?: unknown;
      e?: unknown;
    };
    if (typeof data.o !== 'string' || typeof data.c !== 'string' || typeof data.e !== 'number') return null;
    if (data.e <= ctx.now.getTime()) return null;
    return { orderId: data.o, customerId: data.c };
  } catch {
    return null;
  }
}

async function assertNotThrottled(ctx: Ctx, ip: string): Promise<void> {
  const since = new Date(ctx.now.getTime() - TRACKING_FAILURE_WINDOW_MS);
  const { n, oldest } = await trackingFailuresSince(ctx.db, ip, since);
  if (n >= MAX_TRACKING_FAILURES) {
    const frees = (oldest ?? ctx.now).getTime() + TRACKING_FAILURE_WINDOW_MS;
    throw new AppError('RATE_LIMITED', {
      retryAfterSeconds: Math.max(1, Math.ceil((frees - ctx.now.getTime()) / 1000)),
    });
  }
}

/**
 * Who may see or act on an order from the public tracking page: the link's token, a tracking session, or the order
 * number with a phone of the order's customer and an SMS code (purpose `track`, checked first, so a wrong code says
 * nothing about the order). A wrong token, an expired session, a wrong number and another person's order all
 * answer the same NOT_FOUND. Every failure is counted per address (10 per 15 minutes, then RATE_LIMITED).
 * Must run outside a transaction (the failure rows and the code's tries must stay when the request is refused).
 */
export async function resolveTrackedOrder(ctx: Ctx, input: TrackingAuthInput): Promise<TrackedOrder> {
  const ip = (ctx.request.ip ?? '').slice(0, 64) || 'unknown';
  const fail = async (kind: string, error: AppError = new AppError('NOT_FOUND')): Promise<never> => {
    await insertTrackingFailure(ctx.db, { ip, kind, at: ctx.now });
    throw error;
  };

  const byNumber = input.number !== undefined || input.phone !== undefined || input.code !== undefined;
  const modes = [input.token !== undefined, input.session !== undefined, byNumber].filter(Boolean).length;
  if (modes !== 1) {
    throw AppError.field(
      modes === 0 ? 'number' : '',
      modes === 0 ? 'required' : 'either_token_or_number',
      modes === 0
        ? msg(ctx, '请输入工单号', 'Enter the order number')
        : msg(
            ctx,
            '请使用查询链接，或输入工单号、手机号和验证码',
            'Give either the link token or number, phone and code',
          ),
    );
  }
  if (byNumber) {
    const issues: FieldIssue[] = [];
    const required = msg(ctx, '必填', 'is required');
    if (!input.number) issues.push({ path: 'number', code: 'required', message: required });
    if (!input.phone) issues.push({ path: 'phone', code: 'required', message: required });
    if (!input.code) issues.push({ path: 'code', code: 'required', message: required });
    if (issues.length) throw AppError.validation(issues);
  }

  await assertNotThrottled(ctx, ip);

  if (input.token !== undefined) {
    const order = await findWorkOrderByTokenHash(ctx.db, hashTrackingToken(input.token));
    return order ? { order, session: null } : fail('token');
  }
  if (input.session !== undefined) {
    const s = readSession(ctx, input.session);
    const order = s ? await findWorkOrder(ctx.db, s.orderId) : null;
    return order && order.customerId === s?.customerId ? { order, session: null } : fail('session');
  }

  const phone = input.phone as string;
  const verified = await verifyCode(ctx, { phone, purpose: 'track', code: input.code as string });
  if (!verified) {
    return fail(
      'code',
      AppError.field(
        'code',
        'invalid_code',
        msg(ctx, '验证码错误或已过期，请重新获取', 'The code is wrong or has expired; request a new one'),
      ),
    );
  }
  const order = await findWorkOrderByNumber(ctx.db, (input.number as string).trim().toUpperCase());
  const owner = order ? await findCustomerByPhone(ctx, phone) : null;
  if (!order || !owner || owner.customerId !== order.customerId) return fail('number');
  return { order, session: issueTrackingSession(ctx, order) };
}
