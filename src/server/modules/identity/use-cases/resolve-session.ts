import type { Config } from '@server/platform/config';
import type { Actor } from '@server/platform/context';
import type { Db } from '@server/platform/db/client';
import { isCompanyWide, type Role } from '@shared/domain/roles';
import type { Locale } from '@shared/errors';
import { hashToken } from '../domain/session-token';
import { endSession, findLiveSessionByTokenHash, touchSession } from '../identity.repository';

/** Only write last_seen_at when it is this stale, so every request is not a write. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Turns a cookie token into the acting user, or null. Idle and absolute expiry end the session;
 * a disabled user has no live session (disabling also ends them at once).
 */
export async function resolveSession(
  db: Db,
  config: Pick<Config, 'session'>,
  token: string,
  now: Date,
): Promise<{ actor: Actor; language: Locale } | null> {
  if (token.length < 20 || token.length > 100) return null;
  const found = await findLiveSessionByTokenHash(db, hashToken(token));
  if (!found) return null;
  const { session, user } = found;
  const idleLimit = session.lastSeenAt.getTime() + config.session.idleMinutes * 60_000;
  if (user.disabled) {
    await endSession(db, session.id, now, 'user_disabled');
    return null;
  }
  if (now.getTime() >= session.expiresAt.getTime()) {
    await endSession(db, session.id, now, 'expired_absolute');
    return null;
  }
  if (now.getTime() >= idleLimit) {
    await endSession(db, session.id, now, 'expired_idle');
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await touchSession(db, session.id, now);
  const roles = user.roles as Role[];
  return {
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles,
      branchId: user.branchId,
      companyWide: isCompanyWide(roles),
      sessionId: session.id,
    },
    language: user.language as Locale,
  };
}
