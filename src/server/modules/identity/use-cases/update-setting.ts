import { assertBranchAccess, requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import { localiseIssue } from '@server/platform/http/issues';
import { SETTING_DEFS, type SettingKey } from '@shared/domain/settings';
import {
  deleteSettingRowVersioned,
  findBranch,
  findSettingRow,
  insertSettingRow,
  listSettingRows,
  updateSettingRowVersioned,
} from '../identity.repository';
import { settingView } from './settings-view';
import { writeAudit } from './write-audit';

export interface UpdateSettingInput {
  branchId: string | null;
  /** null clears the value (the default, or the company value for a branch, applies again). */
  value: unknown;
  /** The version the editor saw (0 when there was no row). */
  version: number;
}

/**
 * Sets a typed setting for the company (admin) or a branch (admin, or the branch's manager).
 * The value is validated by the setting's own schema; the change is audited with before and after.
 */
export async function updateSetting(ctx: Ctx, key: string, input: UpdateSettingInput) {
  const actor = requireActor(ctx.actor);
  const zh = ctx.request.locale === 'zh-CN';
  if (!Object.hasOwn(SETTING_DEFS, key)) throw new AppError('NOT_FOUND');
  const k = key as SettingKey;
  const def = SETTING_DEFS[k];
  if (input.branchId === null && !actor.roles.includes('admin')) {
    throw new AppError('FORBIDDEN', {
      reason: zh ? '只有系统管理员可修改全公司设置' : 'Only an administrator changes company-wide settings',
    });
  }
  if (input.branchId !== null) {
    if (!def.branchOverride) {
      throw AppError.field(
        'branchId',
        'not_overridable',
        zh ? '此设置不能按网点单独设置' : 'This setting cannot be set per branch',
      );
    }
    assertBranchAccess(actor, input.branchId);
  }
  let value: unknown = null;
  if (input.value !== null) {
    const parsed = def.schema.safeParse(input.value);
    if (!parsed.success) {
      throw AppError.validation(
        parsed.error.issues.map((i) =>
          localiseIssue(
            {
              code: i.code,
              path: ['value', ...i.path].join('.'),
              message: i.message,
              params: i as unknown as Record<string, unknown>,
            },
            ctx.request.locale,
          ),
        ),
      );
    }
    value = parsed.data;
  }
  return withTransaction(ctx, async (tx) => {
    if (input.branchId && !(await findBranch(tx.db, input.branchId))) throw new AppError('NOT_FOUND');
    const existing = await findSettingRow(tx.db, k, input.branchId);
    const currentVersion = existing?.version ?? 0;
    if (currentVersion !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion });
    if (existing && value === null) {
      if (!(await deleteSettingRowVersioned(tx.db, existing.id, existing.version)))
        throw new AppError('VERSION_CONFLICT');
    } else if (existing) {
      if (!(await updateSettingRowVersioned(tx.db, existing.id, existing.version, value, ctx.now, actor.userId))) {
        throw new AppError('VERSION_CONFLICT');
      }
    } else if (value !== null) {
      const inserted = await insertSettingRow(tx.db, {
        key: k,
        branchId: input.branchId,
        value,
        updatedAt: ctx.now,
        updatedBy: actor.userId,
      });
      // Someone else created it between our read and insert.
      if (!inserted) throw new AppError('VERSION_CONFLICT');
    }
    await writeAudit(tx, {
      action: 'setting.changed',
      objectType: 'setting',
      objectId: input.branchId ? `${k}@${input.branchId}` : k,
      before: { value: existing?.value ?? null },
      after: { value },
    });
    tx.events.emit('identity.settingChanged', { key: k, branchId: input.branchId });
    const rows = await listSettingRows(tx.db, input.branchId);
    return settingView(
      k,
      ctx.request.locale,
      rows.find((r) => r.key === k && r.branchId === null),
      input.branchId ? rows.find((r) => r.key === k && r.branchId === input.branchId) : undefined,
      input.branchId !== null,
      new Map([[actor.userId, actor.username]]),
    );
  });
}
