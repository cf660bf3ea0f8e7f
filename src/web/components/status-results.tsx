import { isApiError } from '@web/lib/api';
import { errorMessage } from '@web/lib/errors';
import { useT } from '@web/lib/i18n';
import { Button, Result } from 'antd';
import { Link } from 'react-router';

export function ForbiddenResult() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('error.403.title')}
      subTitle={t('error.403.subtitle')}
      data-testid="page-403"
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundResult() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('error.404.title')}
      subTitle={t('error.404.subtitle')}
      data-testid="page-404"
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** What a page shows when its main query failed: 403/404 pages, or the message with a retry. */
export function QueryErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (isApiError(error) && error.code === 'FORBIDDEN') return <ForbiddenResult />;
  if (isApiError(error) && error.status === 404) return <NotFoundResult />;
  const requestId = isApiError(error) ? error.requestId : undefined;
  return (
    <Result
      status="error"
      title={errorMessage(error)}
      subTitle={requestId ? t('common.requestId', { id: requestId }) : undefined}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
