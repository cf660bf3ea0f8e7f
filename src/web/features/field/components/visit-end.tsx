import { CheckCircleFilled, FilePdfOutlined, FileTextOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import type { Visit } from '@shared/contracts/field.contract';
import { VISIT_STATUS_LABELS } from '@shared/domain/field';
import { dateOf, formatWindow } from '@web/features/dispatch/time';
import { DISPLAY_TIME_ZONE, formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Alert, Button, Flex, Result, Typography } from 'antd';
import { Link } from 'react-router';
import { serviceRecordUrl } from '../api/service-record';

/** The visit is over: completed (the service record), waiting for parts (the follow-up proposal), or closed. */
export function VisitEnd({ visit }: { visit: Visit }) {
  const { t, lang } = useI18n();
  const back = (
    <Link to="/me/jobs" data-testid="visit-back-today">
      <Button size="large" block style={{ height: 48 }}>
        {t('field.backToday')}
      </Button>
    </Link>
  );
  if (visit.status === 'completed') {
    return (
      <div data-testid="visit-done">
        <Result
          icon={<CheckCircleFilled style={{ color: '#52c41a' }} />}
          title={t('field.done.title')}
          subTitle={t('field.done.subtitle', {
            number: visit.workOrderNumber,
            at: formatDateTime(visit.finishedAt, lang),
          })}
        />
        <Flex vertical gap={8}>
          <a href={serviceRecordUrl(visit.id)} target="_blank" rel="noreferrer" data-testid="visit-record-link">
            <Button type="primary" size="large" block icon={<FileTextOutlined />} style={{ height: 52 }}>
              {t('field.done.record')}
            </Button>
          </a>
          <a href={serviceRecordUrl(visit.id, 'pdf')} target="_blank" rel="noreferrer" data-testid="visit-record-pdf">
            <Button size="large" block icon={<FilePdfOutlined />} style={{ height: 48 }}>
              {t('field.done.pdf')}
            </Button>
          </a>
          {back}
        </Flex>
      </div>
    );
  }
  if (visit.status === 'waiting_parts') {
    return (
      <div data-testid="visit-waiting-parts">
        <Result
          icon={<ShoppingCartOutlined style={{ color: '#fa8c16' }} />}
          title={t('field.wait.doneTitle')}
          subTitle={[...visit.log].reverse().find((e) => e.step === 'waiting_parts')?.reason ?? undefined}
        />
        {visit.followUp ? (
          <Alert
            type="info"
            showIcon
            data-testid="visit-follow-up"
            title={t('field.wait.followUp', {
              status: VISIT_STATUS_LABELS[visit.followUp.status][lang],
              // Always with its date: a follow-up is on another day.
              window: visit.followUp.window
                ? `${dateOf(visit.followUp.window.start, DISPLAY_TIME_ZONE).slice(5)} ${formatWindow(visit.followUp.window, DISPLAY_TIME_ZONE)}`
                : '—',
            })}
            description={t('field.wait.followUpHint')}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {back}
      </div>
    );
  }
  return (
    <div data-testid="visit-closed">
      <Result
        status="info"
        title={VISIT_STATUS_LABELS[visit.status][lang]}
        subTitle={visit.endReason ?? t('field.closed')}
      />
      <Typography.Paragraph />
      {back}
    </div>
  );
}
