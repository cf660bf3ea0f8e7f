import type { Locale } from '@shared/errors';
import { useI18n } from '@web/lib/i18n';
import { useDocumentTitle } from '@web/lib/use-document-title';
import { Flex, Segmented, Typography } from 'antd';
import type { ReactNode } from 'react';
import { usePublicT } from '../messages';

/**
 * The frame of the public pages: phone-first (a 480 px column), no staff menu, no login; a language switch that
 * only remembers the choice in this browser.
 */
export function PublicShell({ title, children }: { title: string; children: ReactNode }) {
  const { lang, setLang } = useI18n();
  const t = usePublicT();
  useDocumentTitle(title);
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <header style={{ background: '#1677ff', color: '#fff', padding: '12px 16px' }}>
        <Flex justify="space-between" align="center" gap={8} style={{ maxWidth: 480, margin: '0 auto' }}>
          <div>
            <div style={{ fontWeight: 600, fontSize: 16 }}>{t('brand.title')}</div>
            <div style={{ fontSize: 12, opacity: 0.85 }}>{t('brand.subtitle')}</div>
          </div>
          <Segmented<Locale>
            size="small"
            aria-label={t('lang.switch')}
            data-testid="public-lang"
            value={lang}
            onChange={setLang}
            options={[
              { value: 'zh-CN', label: <span data-testid="public-lang-zh-CN">中</span> },
              { value: 'en-US', label: <span data-testid="public-lang-en-US">EN</span> },
            ]}
          />
        </Flex>
      </header>
      <main style={{ maxWidth: 480, margin: '0 auto', padding: '16px 12px 32px' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </main>
    </div>
  );
}
