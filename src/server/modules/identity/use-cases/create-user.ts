import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { User } from '@shared/contracts/identity.contract';
import { COMPANY_WIDE_ROLES, type Role } from '@shared/domain/roles';
import type { Locale } from '@shared/errors';
import { hashPassword } from '../domain/password';
import { findBranch, findUserByUsername, insertUser } from '../identity.repository';
import { auditUser, toUser } from '../identity.views';
import { writeAudit } from './write-audit';

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  branchId: string | null;
  language?: Locale;
  mustChangePassword?: boolean;
  /** Seed only: marks the user as carrying the public demo password. */
  demo?: boolean;
}

/** Branch-bound roles need a branch; returns the field error, or null. */
export function branchRuleError(roles: readonly Role[], branchId: string | null, locale: Locale) {
  const needsBranch = roles.some((r) => !COMPANY_WIDE_ROLES.includes(r));
  if (needsBranch && !branchId) {
    return AppError.field(
      'branchId',
      'required',
      locale === 'zh-CN' ? '该角色需要所属网点' : 'These roles need a branch',
    );
  }
  return null;
}

export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<User> {
  const roles = [...new Set(input.roles)];
  const zh = ctx.request.locale === 'zh-CN';
  const ruleError = branchRuleError(roles, input.branchId, ctx.request.locale);
  if (ruleError) throw ruleError;
  const passwordHash = await hashPassword(input.password);
  return withTransaction(ctx, async (tx) => {
    const branch = input.branchId ? await findBranch(tx.db, input.branchId) : null;
    if (input.branchId && !branch?.active) {
      throw AppError.field('branchId', 'not_found', zh ? '网点不存在或已停用' : 'No such active branch');
    }
    if (await findUserByUsername(tx.db, input.username)) {
      throw new AppError('CONFLICT', {
        issues: [{ path: 'username', code: 'taken', message: zh ? '用户名已存在' : 'This username is taken' }],
      });
    }
    const user = await insertUser(tx.db, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      roles,
      branchId: input.branchId,
      language: input.language ?? 'zh-CN',
      mustChangePassword: input.mustChangePassword ?? false,
      demo: input.demo ?? false,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await writeAudit(tx, { action: 'user.created', objectType: 'user', objectId: user.id, after: auditUser(user) });
    return toUser(user, branch);
  });
}
