// The public door of the identity module: the only file other modules import.
import type { Config } from '@server/platform/config';
import type { Ctx } from '@server/platform/context';
import type { Db } from '@server/platform/db/client';
import type { AuthPort } from '@server/platform/http/server';
import { sessionCookieName } from './identity.routes';
import { resolveSession } from './use-cases/resolve-session';
import { writeAudit } from './use-cases/write-audit';

export { DEMO_PASSWORD, hashPassword } from './domain/password';
export { countUsers } from './identity.repository';
export { registerIdentityRoutes, sessionCookieName } from './identity.routes';
export { usersWithDemoPassword } from './use-cases/check-demo-passwords';
export { createBranch } from './use-cases/create-branch';
export { createUser } from './use-cases/create-user';
export { getSetting } from './use-cases/get-setting';
export { listBranches } from './use-cases/list-branches';
export { type StaffUser, staffUsers, staffUsersByUsername } from './use-cases/staff-users';
export { type AuditInput, writeAudit } from './use-cases/write-audit';

/** The session and audit services the http layer needs. */
export function identityAuthPort(db: Db, config: Config): AuthPort {
  return {
    cookieName: sessionCookieName(config.env === 'production'),
    resolveSession: (token, _info, now) => resolveSession(db, config, token, now),
    auditDenied: (ctx: Ctx, info) =>
      writeAudit(ctx, {
        action: 'access.denied',
        objectType: 'endpoint',
        objectId: info.operationId,
        details: { permission: info.access, method: info.method, path: info.path },
      }),
  };
}
