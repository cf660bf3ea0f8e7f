import type { Actor } from '@server/platform/context';
import type { Role } from '@shared/domain/roles';

/** A pseudo user for the system's own dispatch work (auto-dispatch, the demo seed), acting in one branch. */
export function systemActor(
  branchId: string,
  displayName: string,
  roles: Role[],
  userId = '00000000-0000-0000-0000-000000000000',
): Actor {
  return { userId, username: 'system', displayName, roles, branchId, companyWide: false, sessionId: null };
}
