import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import type { User } from '@shared/contracts/identity.contract';
import type { Role } from '@shared/domain/roles';
import { endSessionsOfUser, findBranch, lockUserById, updateUserVersioned } from '../identity.repository';
import { auditUser, toUser } from '../identity.views';
import { branchRuleError } from './create-user';
import { writeAudit } from './write-audit';

export interface UpdateUserInput {
  version: number;
  displayName?: string;
  roles?: Role[];
  branchId?: string | null;
  disabled?: boolean;
}

/**
 * Edits a user under optimistic locking. Disabling ends every session of the user at once.
 * An administrator cannot disable themselves or drop their own admin role (no lock-out by accident).
 */
export async function updateUser(ctx: Ctx, userId: string, input: UpdateUserInput): Promise<User> {
  const actor = requireActor(ctx.actor);
  const zh = ctx.request.locale === 'zh-CN';
  return withTransaction(ctx, async (tx) => {
    const before = await lockUserById(tx.db, userId);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    const roles = input.roles ? [...new Set(input.roles)] : (before.roles as Role[]);
    const branchId = input.branchId !== undefined ? input.branchId : before.branchId;
    const ruleError = branchRuleError(roles, branchId, ctx.request.locale);
    if (ruleError) throw ruleError;
    if (actor.userId === userId && (input.disabled === true || !roles.includes('admin'))) {
      throw new AppError('BUSINESS_RULE', {
        reason: zh ? '不能停用自己或移除自己的管理员角色' : 'You cannot disable yourself or remove your own admin role',
      });
    }
    const branch = branchId ? await findBranch(tx.db, branchId) : null;
    if (branchId && input.branchId !== undefined && !branch?.active) {
      throw AppError.field('branchId', 'not_found', zh ? '网点不存在或已停用' : 'No such active branch');
    }
    const after = await updateUserVersioned(
      tx.db,
      userId,
      input.version,
      {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.roles ? { roles } : {}),
        ...(input.branchId !== undefined ? { branchId: input.branchId } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      },
      ctx.now,
    );
    if (!after) throw new AppError('VERSION_CONFLICT');
    let endedSessions = 0;
    if (input.disabled === true && !before.disabled) {
      endedSessions = await endSessionsOfUser(tx.db, userId, ctx.now, 'user_disabled');
      tx.events.emit('identity.userDisabled', { userId });
    }
    const action =
      input.disabled === true && !before.disabled
        ? 'user.disabled'
        : input.disabled === false && before.disabled
          ? 'user.enabled'
          : input.roles && JSON.stringify([...before.roles].sort()) !== JSON.stringify([...roles].sort())
            ? 'user.roles.changed'
            : 'user.updated';
    await writeAudit(tx, {
      action,
      objectType: 'user',
      objectId: userId,
      before: auditUser(before),
      after: auditUser(after),
      ...(endedSessions ? { details: { endedSessions } } : {}),
    });
    return toUser(after, branch);
  });
}
