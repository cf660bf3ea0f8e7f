import type { FaultCategoryCode } from '@shared/contracts/intake.contract';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useFaultCategories } from '@web/features/faults/api/list-fault-categories';
import { useI18n } from '@web/lib/i18n';
import { useCallback, useMemo } from 'react';

/**
 * code → the category's name in the UI language: from the fault catalog when the user may read it (admins rename
 * categories), else the built-in names of DOMAIN.md (finance reads orders but not the catalog).
 */
export function useFaultCategoryName(): (code: FaultCategoryCode) => string {
  const { t, lang } = useI18n();
  const can = useCan();
  const catalog = useFaultCategories({ enabled: can('faults.read') });
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of catalog.data?.items ?? []) m.set(c.code, lang === 'zh-CN' ? c.nameZh : c.nameEn);
    return m;
  }, [catalog.data, lang]);
  return useCallback((code) => names.get(code) ?? t(`fault.category.${code}`), [names, t]);
}
