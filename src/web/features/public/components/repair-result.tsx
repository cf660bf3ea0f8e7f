import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Button, Card, Flex, Result, Typography } from 'antd';
import { Link } from 'react-router';
import { usePublicT } from '../messages';
import type { RepairDone } from './repair-form';

/** The tracking page of a link, on this site ("/track?t=…"), whatever host the SMS link names. */
export function trackingPath(trackingUrl: string): string {
  try {
    return `/track${new URL(trackingUrl, window.location.origin).search}`;
  } catch {
    return '/track';
  }
}

/** After a successful submission: the order number, the estimated time and the tracking link. */
export function RepairResult({ result, onAnother }: { result: RepairDone; onAnother: () => void }) {
  const t = usePublicT();
  const { lang } = useI18n();
  return (
    <Flex vertical gap={16}>
      <Result
        status="success"
        title={t('repair.doneTitle')}
        subTitle={t('repair.doneSms')}
        style={{ padding: '24px 0 0' }}
      />
      <Card size="small">
        <Flex vertical gap={12}>
          <div>
            <Typography.Text type="secondary">{t('repair.doneNumber')}</Typography.Text>
            <Typography.Title level={4} copyable style={{ margin: 0 }} data-testid="repair-result-number">
              {result.number}
            </Typography.Title>
          </div>
          <div>
            <Typography.Text type="secondary">{t('repair.doneEta')}</Typography.Text>
            <div style={{ fontSize: 16 }} data-testid="repair-result-eta">
              {formatDateTime(result.estimatedAt, lang, { seconds: false })}
            </div>
          </div>
        </Flex>
      </Card>
      <Link to={trackingPath(result.trackingUrl)} data-testid="repair-track-link">
        <Button type="primary" size="large" block>
          {t('repair.track')}
        </Button>
      </Link>
      <Button size="large" block type="link" onClick={onAnother} data-testid="repair-another">
        {t('repair.another')}
      </Button>
    </Flex>
  );
}
