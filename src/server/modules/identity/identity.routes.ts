import { bindEndpoint, type HttpDeps } from '@server/platform/http/server';
import * as c from '@shared/contracts/identity.contract';
import type { FastifyInstance } from 'fastify';
import { changeMyPassword } from './use-cases/change-my-password';
import { createBranch } from './use-cases/create-branch';
import { createUser } from './use-cases/create-user';
import { endMySession } from './use-cases/end-my-session';
import { getMe } from './use-cases/get-me';
import { getUser } from './use-cases/get-user';
import { listAuditEvents } from './use-cases/list-audit-events';
import { listBranches } from './use-cases/list-branches';
import { listMySessions } from './use-cases/list-my-sessions';
import { listSettings } from './use-cases/list-settings';
import { listUsers } from './use-cases/list-users';
import { login } from './use-cases/login';
import { logout } from './use-cases/logout';
import { resetUserPassword } from './use-cases/reset-user-password';
import { updateBranch } from './use-cases/update-branch';
import { updateMyPreferences } from './use-cases/update-my-preferences';
import { updateSetting } from './use-cases/update-setting';
import { updateUser } from './use-cases/update-user';

export const SESSION_COOKIE_DEV = 'aircare_sid';
export const SESSION_COOKIE_PROD = '__Host-aircare_sid';

export function sessionCookieName(production: boolean): string {
  return production ? SESSION_COOKIE_PROD : SESSION_COOKIE_DEV;
}

export function registerIdentityRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const production = deps.config.env === 'production';
  const cookieName = sessionCookieName(production);
  const cookieOptions = (secure: boolean) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: production || secure,
  });

  bindEndpoint(app, deps, c.login, async ({ ctx, body, req, reply }) => {
    const result = await login(ctx, deps.config, { ...body, previousToken: req.cookies[cookieName] ?? null });
    reply.setCookie(cookieName, result.token, {
      ...cookieOptions(req.protocol === 'https'),
      expires: result.expiresAt,
    });
    return result.me;
  });
  bindEndpoint(app, deps, c.logout, async ({ ctx, req, reply }) => {
    await logout(ctx);
    reply.clearCookie(cookieName, cookieOptions(req.protocol === 'https'));
    return { ok: true as const };
  });
  bindEndpoint(app, deps, c.getMe, async ({ ctx }) => getMe(ctx));
  bindEndpoint(app, deps, c.updateMyPreferences, async ({ ctx, body }) => updateMyPreferences(ctx, body));
  bindEndpoint(app, deps, c.changeMyPassword, async ({ ctx, body }) => {
    await changeMyPassword(ctx, body);
    return { ok: true as const };
  });
  bindEndpoint(app, deps, c.listMySessions, async ({ ctx }) => listMySessions(ctx));
  bindEndpoint(app, deps, c.endMySession, async ({ ctx, params }) => {
    await endMySession(ctx, params.sessionId);
    return { ok: true as const };
  });

  bindEndpoint(app, deps, c.listUsers, async ({ ctx, query }) => listUsers(ctx, query));
  bindEndpoint(app, deps, c.getUser, async ({ ctx, params }) => getUser(ctx, params.userId));
  bindEndpoint(app, deps, c.createUser, async ({ ctx, body }) => createUser(ctx, body));
  bindEndpoint(app, deps, c.updateUser, async ({ ctx, params, body }) => updateUser(ctx, params.userId, body));
  bindEndpoint(app, deps, c.resetUserPassword, async ({ ctx, params, body }) => {
    await resetUserPassword(ctx, params.userId, body.newPassword);
    return { ok: true as const };
  });

  bindEndpoint(app, deps, c.listBranches, async ({ ctx }) => listBranches(ctx));
  bindEndpoint(app, deps, c.createBranch, async ({ ctx, body }) => createBranch(ctx, body));
  bindEndpoint(app, deps, c.updateBranch, async ({ ctx, params, body }) => updateBranch(ctx, params.branchId, body));

  bindEndpoint(app, deps, c.listSettings, async ({ ctx, query }) => listSettings(ctx, query));
  bindEndpoint(app, deps, c.updateSetting, async ({ ctx, params, body }) => updateSetting(ctx, params.key, body));

  bindEndpoint(app, deps, c.listAuditEvents, async ({ ctx, query }) => listAuditEvents(ctx, query));
}
