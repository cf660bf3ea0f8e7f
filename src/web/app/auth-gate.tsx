import { useMe } from '@web/features/auth/api/get-me';
import { CurrentUserProvider } from '@web/features/auth/hooks/use-current-user';
import { sessionEndReason } from '@web/features/auth/session-end';
import { errorMessage } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { Button, Flex, Result, Spin } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';

export interface LoginLocationState {
  /** The session ended while the user was working (a 401 from any request). */
  expired?: boolean;
}

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/**
 * Everything below needs a login. No session → /login?next=<here>. Adopts the user's saved language.
 * A user who must change the password is held on /account until they do.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { data: me, isPending, isError, error, refetch } = useMe();
  const { lang, setLang, t } = useI18n();
  const location = useLocation();

  const meLanguage = me?.language;
  // biome-ignore lint/correctness/useExhaustiveDependencies: adopt only when the saved language changes
  useEffect(() => {
    if (meLanguage && meLanguage !== lang) setLang(meLanguage);
  }, [meLanguage, me?.id]);

  if (isPending) return <FullPageSpin />;
  if (isError) {
    return (
      <Result
        status="error"
        title={errorMessage(error)}
        extra={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me) {
    const reason = sessionEndReason();
    if (reason === 'logout') return <Navigate to="/login" replace />;
    const here = location.pathname + location.search + location.hash;
    const search = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    const state: LoginLocationState = { expired: reason === 'expired' };
    return <Navigate to={`/login${search}`} replace state={state} />;
  }
  if (me.mustChangePassword && location.pathname !== '/account') {
    return <Navigate to="/account" replace />;
  }
  return <CurrentUserProvider me={me}>{children}</CurrentUserProvider>;
}
