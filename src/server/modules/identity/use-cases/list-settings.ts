import { assertBranchAccess } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { SETTING_KEYS } from '@shared/domain/settings';
import { findUserById, listSettingRows } from '../identity.repository';
import { settingView } from './settings-view';

export async function listSettings(ctx: Ctx, input: { branchId?: string }) {
  const branchId = input.branchId ?? null;
  if (branchId) assertBranchAccess(ctx.actor, branchId);
  const rows = await listSettingRows(ctx.db, branchId);
  const usernames = new Map<string, string>();
  for (const r of rows) {
    if (r.updatedBy && !usernames.has(r.updatedBy)) {
      const u = await findUserById(ctx.db, r.updatedBy);
      if (u) usernames.set(r.updatedBy, u.username);
    }
  }
  return {
    items: SETTING_KEYS.map((key) =>
      settingView(
        key,
        ctx.request.locale,
        rows.find((r) => r.key === key && r.branchId === null),
        branchId ? rows.find((r) => r.key === key && r.branchId === branchId) : undefined,
        branchId !== null,
        usernames,
      ),
    ),
  };
}
