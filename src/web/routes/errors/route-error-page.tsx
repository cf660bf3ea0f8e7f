import { NotFoundResult } from '@web/components/status-results';
import { useT } from '@web/lib/i18n';
import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** A render error or a failed page chunk (e.g. after a deploy): offer a reload, never a blank page. */
export function RouteErrorPage() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundResult />;
  if (error) console.error(error);
  return (
    <Result
      status="500"
      title={t('error.500.title')}
      subTitle={t('error.500.subtitle')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('error.reloadPage')}
        </Button>
      }
    />
  );
}
