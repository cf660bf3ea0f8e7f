import type { Db } from '@server/platform/db/client';
import { SETTING_DEFS, type SettingKey, type SettingValue } from '@shared/domain/settings';
import { listSettingRows } from '../identity.repository';

/** The effective value of a setting for a branch (branch override → company value → default). */
export async function getSetting<K extends SettingKey>(
  db: Db,
  key: K,
  branchId: string | null,
): Promise<SettingValue<K>> {
  const rows = await listSettingRows(db, branchId);
  const own = branchId ? rows.find((r) => r.key === key && r.branchId === branchId) : undefined;
  const global = rows.find((r) => r.key === key && r.branchId === null);
  const raw = own?.value ?? global?.value;
  if (raw === undefined) return SETTING_DEFS[key].default as SettingValue<K>;
  const parsed = SETTING_DEFS[key].schema.safeParse(raw);
  return (parsed.success ? parsed.data : SETTING_DEFS[key].default) as SettingValue<K>;
}
