import type { Locale } from '../errors';

/** Staff roles (DOMAIN.md). Customers are not users; they use the public pages. */
export const ROLES = [
  'agent',
  'dispatcher',
  'technician',
  'warehouse',
  'head',
  'finance',
  'manager',
  'admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, Record<Locale, string>> = {
  agent: { 'zh-CN': '客服', 'en-US': 'Agent' },
  dispatcher: { 'zh-CN': '调度员', 'en-US': 'Dispatcher' },
  technician: { 'zh-CN': '维修工程师', 'en-US': 'Technician' },
  warehouse: { 'zh-CN': '仓管员', 'en-US': 'Warehouse keeper' },
  head: { 'zh-CN': '部门负责人', 'en-US': 'Department head' },
  finance: { 'zh-CN': '财务', 'en-US': 'Finance' },
  manager: { 'zh-CN': '管理人员', 'en-US': 'Manager' },
  admin: { 'zh-CN': '系统管理员', 'en-US': 'Administrator' },
  auditor: { 'zh-CN': '审计', 'en-US': 'Auditor' },
};

/**
 * Permissions. An endpoint declares exactly one of these, or `public` (no login), or
 * `authenticated` (any logged-in user acting on their own account).
 * Later modules add their permissions here, next to the roles that hold them.
 */
export const PERMISSIONS = [
  'users.read',
  'users.manage',
  'branches.read',
  'branches.manage',
  'settings.read',
  'settings.manage',
  'audit.read',
  // customers (ch. 2, 9.2)
  'customers.read',
  'customers.manage',
  'customers.reveal',
  'privacy.manage',
  // intake (ch. 2)
  'faults.read',
  'faults.manage',
  'workorders.read',
  'workorders.create',
  'workorders.review',
  'workorders.cancel',
  'workorders.export',
  'alerts.read',
  // notify
  'messages.read',
  // dispatch (ch. 3)
  'technicians.read',
  'technicians.manage',
  'availability.approve',
  'dispatch.read',
  'dispatch.assign',
  /** A technician's own jobs, availability requests and position. */
  'jobs.own',
  // parts (ch. 7)
  'parts.read',
  'parts.manage',
  'stock.move',
  'requisitions.create',
  'requisitions.approve',
  'requisitions.issue',
  /** Suppliers, contracts, purchase plans (draft), purchase orders and receipts. */
  'purchasing.manage',
  /** Approve purchase plans; adjust supplier evaluation scores. */
  'purchasing.approve',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type Access = Permission | 'public' | 'authenticated';

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  agent: [
    'branches.read',
    'customers.read',
    'customers.manage',
    'customers.reveal',
    'privacy.manage',
    'faults.read',
    'workorders.read',
    'workorders.create',
    'workorders.cancel',
  ],
  dispatcher: [
    'branches.read',
    'customers.read',
    'faults.read',
    'workorders.read',
    'workorders.review',
    'workorders.cancel',
    'alerts.read',
    'technicians.read',
    'dispatch.read',
    'dispatch.assign',
    'parts.read',
  ],
  technician: ['branches.read', 'faults.read', 'jobs.own', 'parts.read', 'requisitions.create'],
  warehouse: [
    'branches.read',
    'faults.read',
    'parts.read',
    'parts.manage',
    'stock.move',
    'requisitions.create',
    'requisitions.issue',
    'purchasing.manage',
  ],
  head: [
    'branches.read',
    'users.read',
    'customers.read',
    'faults.read',
    'workorders.read',
    'alerts.read',
    'privacy.manage',
    'technicians.read',
    'technicians.manage',
    'availability.approve',
    'dispatch.read',
    'parts.read',
    'parts.manage',
    'requisitions.approve',
    'purchasing.approve',
  ],
  finance: ['branches.read', 'customers.read', 'workorders.read', 'parts.read'],
  manager: [
    'branches.read',
    'users.read',
    'settings.read',
    'settings.manage',
    'customers.read',
    'faults.read',
    'workorders.read',
    'workorders.export',
    'alerts.read',
    'privacy.manage',
    'technicians.read',
    'technicians.manage',
    'dispatch.read',
    'parts.read',
  ],
  admin: [
    'branches.read',
    'branches.manage',
    'users.read',
    'users.manage',
    'settings.read',
    'settings.manage',
    'faults.read',
    'faults.manage',
    'messages.read',
  ],
  // The auditor reads the audit log and nothing else; the admin is deliberately not an auditor.
  auditor: ['audit.read'],
};

/** Roles whose data scope is the whole company; every other role sees its own branch only. */
export const COMPANY_WIDE_ROLES: readonly Role[] = ['admin', 'auditor'];

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) out.add(p);
  return out;
}

export function hasPermission(roles: readonly Role[], access: Access): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(access));
}

export function isCompanyWide(roles: readonly Role[]): boolean {
  return roles.some((r) => COMPANY_WIDE_ROLES.includes(r));
}
