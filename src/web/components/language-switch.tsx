import type { Locale } from '@shared/errors';
import { useSwitchLanguage } from '@web/features/auth/hooks/use-switch-language';
import { Segmented } from 'antd';

const OPTIONS: { value: Locale; label: string; short: string }[] = [
  { value: 'zh-CN', label: '中文', short: '中' },
  { value: 'en-US', label: 'English', short: 'EN' },
];

/** 中文 / English switch. Labels are in their own language on purpose. */
export function LanguageSwitch({ compact = false, size }: { compact?: boolean; size?: 'small' | 'middle' | 'large' }) {
  const { lang, switchTo } = useSwitchLanguage();
  return (
    <Segmented<Locale>
      data-testid="lang-switch"
      size={size}
      value={lang}
      onChange={switchTo}
      options={OPTIONS.map((o) => ({
        value: o.value,
        label: (
          <span data-testid={`lang-${o.value}`} lang={o.value} title={o.label}>
            {compact ? o.short : o.label}
          </span>
        ),
      }))}
    />
  );
}
