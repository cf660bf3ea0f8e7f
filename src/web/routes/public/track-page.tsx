import { type TrackingAuth, type TrackingView, useTrackWorkOrder } from '@web/features/public/api/track-work-order';
import { PublicShell } from '@web/features/public/components/public-shell';
import { TrackLookupForm } from '@web/features/public/components/track-lookup-form';
import { TrackView } from '@web/features/public/components/track-view';
import { usePublicT } from '@web/features/public/messages';
import { isApiError } from '@web/lib/api';
import { errorMessage } from '@web/lib/errors';
import { Alert, Button, Flex, Spin } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * /track: order number + phone + SMS code, or the link's token (?t=…). Shows the order in plain words with the
 * customer's actions. A wrong token answers the same "not found" as a wrong number.
 */
export function TrackPage() {
  const t = usePublicT();
  const [params, setParams] = useSearchParams();
  const token = params.get('t');
  const track = useTrackWorkOrder();
  const [auth, setAuth] = useState<TrackingAuth | null>(token ? { token } : null);
  const [view, setView] = useState<TrackingView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = async (a: TrackingAuth) => {
    setProblem(null);
    try {
      setView(await track.mutateAsync(a));
    } catch (error) {
      const notFound = isApiError(error) && error.code === 'NOT_FOUND';
      if (notFound && 'session' in a) return reset(t('track.expired'));
      setView(null);
      setProblem(notFound ? t('track.notFound') : errorMessage(error));
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per link token
  useEffect(() => {
    if (token) {
      setAuth({ token });
      void load({ token });
    }
  }, [token]);

  const reset = (message: string | null) => {
    setView(null);
    setAuth(null);
    setProblem(null);
    setNotice(message);
    if (token) setParams({}, { replace: true });
  };

  const found = (v: TrackingView) => {
    setNotice(null);
    setView(v);
    if (v.session) setAuth({ session: v.session.token });
  };

  let content: ReactNode;
  if (auth && view) {
    content = (
      <TrackView
        view={view}
        auth={auth}
        onView={(v) => setView(v)}
        onExpired={() => reset('token' in auth ? t('track.notFound') : t('track.expired'))}
        onRefresh={() => void load(auth)}
        refreshing={track.isPending}
      />
    );
  } else if (token && track.isPending) {
    content = (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin tip={t('track.loading')} />
      </Flex>
    );
  } else if (token && problem) {
    content = (
      <Flex vertical gap={12}>
        <Alert type="error" showIcon title={problem} data-testid="track-error" />
        <Button onClick={() => reset(null)}>{t('track.again')}</Button>
      </Flex>
    );
  } else {
    content = <TrackLookupForm onFound={found} notice={notice} initialNumber={params.get('no')} />;
  }

  return (
    <PublicShell title={t('track.title')}>
      {!view && !token && <p style={{ color: 'rgba(0,0,0,.55)', marginTop: 0 }}>{t('track.intro')}</p>}
      {content}
      {view && (
        <Button type="link" block style={{ marginTop: 12 }} onClick={() => reset(null)} data-testid="track-again">
          {t('track.again')}
        </Button>
      )}
    </PublicShell>
  );
}
