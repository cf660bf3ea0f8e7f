import type { Db } from '@server/platform/db/client';
import type { Role } from '@shared/domain/roles';
import { findUsersByIds, findUsersByUsernames, type UserRow } from '../identity.repository';

/** What other modules may know of a staff user: no password hash, no sessions. */
export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  branchId: string | null;
  disabled: boolean;
}

function toStaffUser(u: UserRow): StaffUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles as Role[],
    branchId: u.branchId,
    disabled: u.disabled,
  };
}

/** Staff users by id (missing ids are simply absent from the map). No access check: the caller scopes. */
export async function staffUsers(db: Db, ids: readonly string[]): Promise<Map<string, StaffUser>> {
  const rows = await findUsersByIds(db, [...new Set(ids)]);
  return new Map(rows.map((u) => [u.id, toStaffUser(u)]));
}

/** Staff users by username (for seeds and scripts). */
export async function staffUsersByUsername(db: Db, usernames: readonly string[]): Promise<Map<string, StaffUser>> {
  const rows = await findUsersByUsernames(db, [...new Set(usernames)]);
  return new Map(rows.map((u) => [u.username, toStaffUser(u)]));
}
