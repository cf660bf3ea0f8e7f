import type { Reply } from '@shared/contracts/endpoint';
import type { listSettings } from '@shared/contracts/identity.contract';
import { SETTING_DEFS, type SettingKey } from '@shared/domain/settings';
import type { Locale } from '@shared/errors';
import { type MessageKey, type TFunction, translate } from '@web/lib/i18n';

export type SettingRow = Reply<typeof listSettings>['items'][number];

/** How a setting is edited and shown, from its key and unit. */
export type SettingKind =
  | { kind: 'number'; unit: 'minutes' | 'hours' | 'days' }
  | { kind: 'enum'; options: string[] }
  | { kind: 'workingHours' }
  | { kind: 'timezone' }
  | { kind: 'json' };

function defOf(key: string) {
  return Object.hasOwn(SETTING_DEFS, key) ? SETTING_DEFS[key as SettingKey] : undefined;
}

export function settingKind(row: Pick<SettingRow, 'key' | 'unit'>): SettingKind {
  const def = defOf(row.key);
  const unit = def?.unit ?? row.unit;
  if (unit === 'minutes' || unit === 'hours' || unit === 'days') return { kind: 'number', unit };
  if (unit === 'enum') {
    const schema = def?.schema as { options?: unknown } | undefined;
    const options = Array.isArray(schema?.options) ? schema.options.map(String) : [];
    return { kind: 'enum', options };
  }
  if (row.key === 'sla.workingHours') return { kind: 'workingHours' };
  if (unit === 'timezone') return { kind: 'timezone' };
  return { kind: 'json' };
}

/** The label of a setting in the UI language (from src/shared), else what the server sent. */
export function settingLabel(row: Pick<SettingRow, 'key' | 'label'>, lang: Locale): string {
  return defOf(row.key)?.label[lang] ?? row.label;
}

const UNIT_KEYS: Record<'minutes' | 'hours' | 'days', MessageKey> = {
  minutes: 'settings.unit.minutes',
  hours: 'settings.unit.hours',
  days: 'settings.unit.days',
};

export function unitLabel(unit: 'minutes' | 'hours' | 'days', t: TFunction): string {
  return t(UNIT_KEYS[unit]);
}

export function enumLabel(key: string, value: string, lang: Locale): string {
  if (key === 'sla.clockMode' && (value === 'calendar' || value === 'working')) {
    return translate(lang, `settings.clockMode.${value}`);
  }
  return value;
}

function isWorkingHours(v: unknown): v is { start: string; end: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { start?: unknown }).start === 'string' &&
    typeof (v as { end?: unknown }).end === 'string'
  );
}

/** A value as text: "30 分钟", "工作时", "08:00–20:00", "Asia/Shanghai". */
export function formatSettingValue(row: Pick<SettingRow, 'key' | 'unit'>, value: unknown, lang: Locale): string {
  if (value === null || value === undefined) return '';
  const kind = settingKind(row);
  const t: TFunction = (k, vars) => translate(lang, k, vars);
  switch (kind.kind) {
    case 'number':
      return `${String(value)} ${unitLabel(kind.unit, t)}`;
    case 'enum':
      return enumLabel(row.key, String(value), lang);
    case 'workingHours':
      return isWorkingHours(value) ? `${value.start}–${value.end}` : JSON.stringify(value);
    case 'timezone':
      return String(value);
    case 'json':
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
