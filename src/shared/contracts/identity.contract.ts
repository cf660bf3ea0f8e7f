import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { LOCALES } from '../errors';
import { endpoint, isoDateTime, okResponse, paged, pageQuery, uuid } from './endpoint';

export const localeSchema = z.enum(LOCALES as ['zh-CN', 'en-US']);
export const roleSchema = z.enum(ROLES);

/** Password rule: 10–128 characters with at least a letter and a digit. */
export const passwordSchema = z
  .string()
  .min(10, { message: 'at least 10 characters' })
  .max(128)
  .refine((s) => /[A-Za-z]/.test(s) && /\d/.test(s), { message: 'needs at least one letter and one digit' });

export const usernameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, { message: '3–32 characters: lower-case letters, digits, _ . -' });

export const branchRefSchema = z.object({ id: uuid, code: z.string(), name: z.string() });

export const meSchema = z.object({
  id: uuid,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  permissions: z.array(z.string()),
  branch: branchRefSchema.nullable(),
  companyWide: z.boolean(),
  language: localeSchema,
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

// ---------- auth & self-service ----------

export const login = endpoint({
  operationId: 'login',
  method: 'POST',
  path: '/api/auth/login',
  access: 'public',
  summary: 'Log in with username and password; sets the session cookie',
  tags: ['auth'],
  body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
  response: meSchema,
});

export const logout = endpoint({
  operationId: 'logout',
  method: 'POST',
  path: '/api/auth/logout',
  access: 'authenticated',
  summary: 'End the current session',
  tags: ['auth'],
  response: okResponse,
});

export const getMe = endpoint({
  operationId: 'getMe',
  method: 'GET',
  path: '/api/auth/me',
  access: 'authenticated',
  summary: 'The logged-in user, roles, permissions, branch and language',
  tags: ['auth'],
  response: meSchema,
});

export const updateMyPreferences = endpoint({
  operationId: 'updateMyPreferences',
  method: 'PATCH',
  path: '/api/auth/me',
  access: 'authenticated',
  summary: 'Change my language',
  tags: ['auth'],
  body: z.strictObject({ language: localeSchema }),
  response: meSchema,
});

export const changeMyPassword = endpoint({
  operationId: 'changeMyPassword',
  method: 'POST',
  path: '/api/auth/me/password',
  access: 'authenticated',
  summary: 'Change my password; ends my other sessions',
  tags: ['auth'],
  body: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }),
  response: okResponse,
});

export const sessionSchema = z.object({
  id: uuid,
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime,
  expiresAt: isoDateTime,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

export const listMySessions = endpoint({
  operationId: 'listMySessions',
  method: 'GET',
  path: '/api/auth/me/sessions',
  access: 'authenticated',
  summary: 'My active sessions',
  tags: ['auth'],
  response: z.object({ items: z.array(sessionSchema) }),
});

export const endMySession = endpoint({
  operationId: 'endMySession',
  method: 'DELETE',
  path: '/api/auth/me/sessions/:sessionId',
  access: 'authenticated',
  summary: 'End one of my sessions',
  tags: ['auth'],
  params: z.strictObject({ sessionId: uuid }),
  response: okResponse,
});

// ---------- users ----------

export const userSchema = z.object({
  id: uuid,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  branch: branchRefSchema.nullable(),
  language: localeSchema,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

const displayNameSchema = z.string().trim().min(1).max(64);

export const listUsers = endpoint({
  operationId: 'listUsers',
  method: 'GET',
  path: '/api/users',
  access: 'users.read',
  summary: 'Users, filtered and paginated',
  tags: ['users'],
  query: z.strictObject({
    ...pageQuery,
    q: z.string().max(64).optional(),
    role: roleSchema.optional(),
    branchId: uuid.optional(),
    status: z.enum(['active', 'disabled']).optional(),
  }),
  response: paged(userSchema),
});

export const getUser = endpoint({
  operationId: 'getUser',
  method: 'GET',
  path: '/api/users/:userId',
  access: 'users.read',
  summary: 'One user',
  tags: ['users'],
  params: z.strictObject({ userId: uuid }),
  response: userSchema,
});

export const createUser = endpoint({
  operationId: 'createUser',
  method: 'POST',
  path: '/api/users',
  access: 'users.manage',
  summary: 'Create a user with roles and a branch',
  tags: ['users'],
  status: 201,
  body: z.strictObject({
    username: usernameSchema,
    displayName: displayNameSchema,
    password: passwordSchema,
    roles: z.array(roleSchema).min(1).max(ROLES.length),
    branchId: uuid.nullable(),
    language: localeSchema.optional(),
    mustChangePassword: z.boolean().optional(),
  }),
  response: userSchema,
});

export const updateUser = endpoint({
  operationId: 'updateUser',
  method: 'PATCH',
  path: '/api/users/:userId',
  access: 'users.manage',
  summary: 'Edit, disable or enable a user; `version` guards against stale edits',
  tags: ['users'],
  params: z.strictObject({ userId: uuid }),
  body: z.strictObject({
    version: z.number().int().min(1),
    displayName: displayNameSchema.optional(),
    roles: z.array(roleSchema).min(1).max(ROLES.length).optional(),
    branchId: uuid.nullable().optional(),
    disabled: z.boolean().optional(),
  }),
  response: userSchema,
});

export const resetUserPassword = endpoint({
  operationId: 'resetUserPassword',
  method: 'POST',
  path: '/api/users/:userId/password',
  access: 'users.manage',
  summary: "Set a new password for a user; ends the user's sessions; the user must change it at next login",
  tags: ['users'],
  params: z.strictObject({ userId: uuid }),
  body: z.strictObject({ newPassword: passwordSchema }),
  response: okResponse,
});

// ---------- branches ----------

export const branchSchema = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  city: z.string(),
  address: z.string(),
  phone: z.string(),
  timeZone: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Branch = z.infer<typeof branchSchema>;

const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'unknown time zone' },
);

export const listBranches = endpoint({
  operationId: 'listBranches',
  method: 'GET',
  path: '/api/branches',
  access: 'branches.read',
  summary: 'All branches',
  tags: ['branches'],
  response: z.object({ items: z.array(branchSchema) }),
});

export const createBranch = endpoint({
  operationId: 'createBranch',
  method: 'POST',
  path: '/api/branches',
  access: 'branches.manage',
  summary: 'Create a branch',
  tags: ['branches'],
  status: 201,
  body: z.strictObject({
    code: z.string().regex(/^[A-Z0-9-]{2,16}$/, { message: '2–16 characters: A–Z, 0–9, -' }),
    name: z.string().trim().min(1).max(64),
    city: z.string().trim().min(1).max(32),
    address: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(32).optional(),
    timeZone: timeZoneSchema.optional(),
  }),
  response: branchSchema,
});

export const updateBranch = endpoint({
  operationId: 'updateBranch',
  method: 'PATCH',
  path: '/api/branches/:branchId',
  access: 'branches.manage',
  summary: 'Edit a branch; `version` guards against stale edits',
  tags: ['branches'],
  params: z.strictObject({ branchId: uuid }),
  body: z.strictObject({
    version: z.number().int().min(1),
    name: z.string().trim().min(1).max(64).optional(),
    city: z.string().trim().min(1).max(32).optional(),
    address: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(32).optional(),
    timeZone: timeZoneSchema.optional(),
    active: z.boolean().optional(),
  }),
  response: branchSchema,
});

// ---------- settings ----------

export const settingSchema = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  branchOverride: z.boolean(),
  defaultValue: z.unknown(),
  /** The company-wide value, or null when the default applies. */
  globalValue: z.unknown().nullable(),
  /** The branch's own value (only when a branch was asked for), or null. */
  branchValue: z.unknown().nullable(),
  effectiveValue: z.unknown(),
  /** Version of the row being shown for the requested scope (0 when none exists yet). */
  version: z.number().int(),
  updatedAt: isoDateTime.nullable(),
  updatedBy: z.string().nullable(),
});

export const listSettings = endpoint({
  operationId: 'listSettings',
  method: 'GET',
  path: '/api/settings',
  access: 'settings.read',
  summary: 'Typed settings with defaults, company values and (for a branch) overrides',
  tags: ['settings'],
  query: z.strictObject({ branchId: uuid.optional() }),
  response: z.object({ items: z.array(settingSchema) }),
});

export const updateSetting = endpoint({
  operationId: 'updateSetting',
  method: 'PUT',
  path: '/api/settings/:key',
  access: 'settings.manage',
  summary: 'Set a company-wide value (branchId null) or a branch override; value null clears it',
  tags: ['settings'],
  params: z.strictObject({ key: z.string().max(64) }),
  body: z.strictObject({
    branchId: uuid.nullable(),
    value: z.unknown(),
    version: z.number().int().min(0),
  }),
  response: settingSchema,
});

// ---------- audit ----------

export const auditEventSchema = z.object({
  id: z.number().int(),
  at: isoDateTime,
  actorId: uuid.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  details: z.unknown().nullable(),
});

export const listAuditEvents = endpoint({
  operationId: 'listAuditEvents',
  method: 'GET',
  path: '/api/audit-events',
  access: 'audit.read',
  summary: 'The audit log (read-only), newest first',
  tags: ['audit'],
  query: z.strictObject({
    ...pageQuery,
    actor: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
    objectType: z.string().max(64).optional(),
    objectId: z.string().max(128).optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
  }),
  response: paged(auditEventSchema),
});

export const identityEndpoints = [
  login,
  logout,
  getMe,
  updateMyPreferences,
  changeMyPassword,
  listMySessions,
  endMySession,
  listUsers,
  getUser,
  createUser,
  updateUser,
  resetUserPassword,
  listBranches,
  createBranch,
  updateBranch,
  listSettings,
  updateSetting,
  listAuditEvents,
] as const;
