import type { Me, User } from '@shared/contracts/identity.contract';
import { isCompanyWide, permissionsOf, type Role } from '@shared/domain/roles';
import type { Locale } from '@shared/errors';
import type { BranchRow, UserRow } from './identity.repository';

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function branchRef(b: BranchRow | null | undefined) {
  return b ? { id: b.id, code: b.code, name: b.name } : null;
}

export function toMe(u: UserRow, branch: BranchRow | null): Me {
  const roles = u.roles as Role[];
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles,
    permissions: [...permissionsOf(roles)].sort(),
    branch: branchRef(branch),
    companyWide: isCompanyWide(roles),
    language: u.language as Locale,
    mustChangePassword: u.mustChangePassword,
  };
}

export function toUser(u: UserRow, branch: BranchRow | null | undefined): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles as Role[],
    branch: branchRef(branch),
    language: u.language as Locale,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: isoOrNull(u.lastLoginAt),
    createdAt: iso(u.createdAt),
    version: u.version,
  };
}

/** What the audit log keeps of a user: never the password hash. */
export function auditUser(u: UserRow) {
  return {
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    branchId: u.branchId,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
  };
}

export function toBranch(b: BranchRow) {
  return {
    id: b.id,
    code: b.code,
    name: b.name,
    city: b.city,
    address: b.address,
    phone: b.phone,
    timeZone: b.timeZone,
    active: b.active,
    version: b.version,
  };
}
