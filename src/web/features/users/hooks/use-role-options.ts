import { ROLE_LABELS, ROLES, type Role } from '@shared/domain/roles';
import { useI18n } from '@web/lib/i18n';
import { useMemo } from 'react';

/** Select options for roles, labelled in the UI language. */
export function useRoleOptions(): { value: Role; label: string }[] {
  const { lang } = useI18n();
  return useMemo(() => ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role][lang] })), [lang]);
}
