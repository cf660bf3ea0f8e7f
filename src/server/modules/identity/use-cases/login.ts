import type { Config } from '@server/platform/config';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { Me } from '@shared/contracts/identity.contract';
import { LOCKOUT_WINDOW_MS, lockedFor, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from '../domain/lockout';
import { verifyAgainstDummy, verifyPassword } from '../domain/password';
import { hashToken, newSessionToken } from '../domain/session-token';
import {
  endSession,
  findBranch,
  findLiveSessionByTokenHash,
  findUserByUsername,
  insertSession,
  recentFailuresForIp,
  recentFailuresForUsername,
  recordLastLogin,
  recordLoginAttempt,
} from '../identity.repository';
import { toMe } from '../identity.views';
import { writeAudit } from './write-audit';

export interface LoginInput {
  username: string;
  password: string;
  /** The session token the browser already had, if any: it is ended (a new id at every login). */
  previousToken: string | null;
}

export interface LoginResult {
  me: Me;
  token: string;
  expiresAt: Date;
}

export async function login(ctx: Ctx, config: Pick<Config, 'session'>, input: LoginInput): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const ip = ctx.request.ip ?? 'unknown';
  const since = new Date(ctx.now.getTime() - LOCKOUT_WINDOW_MS);

  const ipLock = lockedFor(await recentFailuresForIp(ctx.db, ip, since), MAX_FAILURES_PER_IP, ctx.now);
  const userLock =
    ipLock ?? lockedFor(await recentFailuresForUsername(ctx.db, username, since), MAX_FAILURES_PER_ACCOUNT, ctx.now);
  if (userLock !== null) {
    await writeAudit(ctx, {
      action: 'auth.login.throttled',
      actorId: null,
      actorName: username,
      objectType: 'user',
      objectId: username,
      details: { scope: ipLock !== null ? 'ip' : 'account', retryAfterSeconds: userLock },
    });
    throw new AppError('RATE_LIMITED', { retryAfterSeconds: userLock });
  }

  const user = await findUserByUsername(ctx.db, username);
  let ok = false;
  if (user && !user.disabled) ok = await verifyPassword(user.passwordHash, input.password);
  else await verifyAgainstDummy(input.password); // same time as a real check: no username probing
  if (!user || !ok) {
    await withTransaction(ctx, async (tx) => {
      await recordLoginAttempt(tx.db, { username, ip, at: ctx.now, success: false });
      await writeAudit(tx, {
        action: 'auth.login.failed',
        actorId: null,
        actorName: username,
        objectType: 'user',
        objectId: user?.id ?? null,
        details: { reason: !user ? 'unknown_user' : user.disabled ? 'disabled' : 'wrong_password' },
      });
    });
    throw new AppError('INVALID_CREDENTIALS');
  }

  const token = newSessionToken();
  const expiresAt = new Date(ctx.now.getTime() + config.session.absoluteHours * 3_600_000);
  await withTransaction(ctx, async (tx) => {
    if (input.previousToken) {
      const previous = await findLiveSessionByTokenHash(tx.db, hashToken(input.previousToken));
      if (previous) await endSession(tx.db, previous.session.id, ctx.now, 'replaced_by_login');
    }
    const session = await insertSession(tx.db, {
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: ctx.now,
      lastSeenAt: ctx.now,
      expiresAt,
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    await recordLoginAttempt(tx.db, { username, ip, at: ctx.now, success: true });
    await recordLastLogin(tx.db, user.id, ctx.now);
    await writeAudit(tx, {
      action: 'auth.login.succeeded',
      actorId: user.id,
      actorName: user.username,
      objectType: 'session',
      objectId: session.id,
    });
  });
  const branch = user.branchId ? await findBranch(ctx.db, user.branchId) : null;
  return { me: toMe(user, branch), token, expiresAt };
}
