import { QueryClientProvider } from '@tanstack/react-query';
import { meQueryKey } from '@web/features/auth/api/get-me';
import { noteSessionEnded } from '@web/features/auth/session-end';
import { setUnauthenticatedHandler } from '@web/lib/api';
import { I18nProvider } from '@web/lib/i18n';
import { App as AntdApp, ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { queryClient } from './query-client';

// A request found the session gone: forget the user; the auth gate sends them to /login?next=…
setUnauthenticatedHandler(() => {
  if (queryClient.getQueryData(meQueryKey)) {
    noteSessionEnded('expired');
    queryClient.setQueryData(meQueryKey, null);
  }
});

const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', " +
  "'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Zen Hei', 'Helvetica Neue', Arial, sans-serif";

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider theme={{ token: { fontFamily: FONT_FAMILY, colorPrimary: '#1677ff' } }}>
        <I18nProvider>
          <AntdApp>{children}</AntdApp>
        </I18nProvider>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
