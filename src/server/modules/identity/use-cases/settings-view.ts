import { SETTING_DEFS, type SettingKey } from '@shared/domain/settings';
import type { Locale } from '@shared/errors';
import type { SettingRow } from '../identity.repository';
import { iso } from '../identity.views';

/** One setting as the API shows it for a scope (company, or a branch). */
export function settingView(
  key: SettingKey,
  locale: Locale,
  globalRow: SettingRow | undefined,
  branchRow: SettingRow | undefined,
  branchScoped: boolean,
  usernames: Map<string, string>,
) {
  const def = SETTING_DEFS[key];
  const shown = branchScoped ? branchRow : globalRow;
  return {
    key,
    label: def.label[locale],
    unit: def.unit,
    branchOverride: def.branchOverride,
    defaultValue: def.default,
    globalValue: globalRow?.value ?? null,
    branchValue: branchRow?.value ?? null,
    effectiveValue: branchRow?.value ?? globalRow?.value ?? def.default,
    version: shown?.version ?? 0,
    updatedAt: shown ? iso(shown.updatedAt) : null,
    updatedBy: shown?.updatedBy ? (usernames.get(shown.updatedBy) ?? shown.updatedBy) : null,
  };
}
