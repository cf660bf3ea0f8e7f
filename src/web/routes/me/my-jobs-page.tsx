import { ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { dispatchKeys } from '@web/features/dispatch/api/keys';
import { type JobDialog, MyJobDialogs } from '@web/features/dispatch/components/my-job-dialogs';
import { FALLBACK_POLL_MS, useLiveInvalidation } from '@web/features/dispatch/hooks/use-event-stream';
import { addDays, formatWindow, todayIn } from '@web/features/dispatch/time';
import { fieldKeys } from '@web/features/field/api/keys';
import { useMyDay } from '@web/features/field/api/use-my-day';
import { FieldJobCard, isOpenJob } from '@web/features/field/components/job-card';
import { FieldSyncBar } from '@web/features/field/offline';
import { DISPLAY_TIME_ZONE } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useNow } from '@web/lib/use-now';
import { App, Badge, Button, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';

const TZ = DISPLAY_TIME_ZONE;

/**
 * 今日工单 (Today): the technician's day in route order from field's listMyJobs — window, fault, unit, customer
 * history, likely parts and the van's stock, one-tap call and navigation; accept / decline / contacted / late as
 * dispatch records them; each job opens its visit step by step. Live through /api/me/stream.
 */
export function MyJobsPage() {
  const { t } = useI18n();
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const now = useNow(60_000);
  const today = todayIn(TZ, now);
  const [day, setDay] = useState<'today' | 'tomorrow'>('today');
  const date = day === 'today' ? today : addDays(today, 1);
  const live = useLiveInvalidation('/api/me/stream', [fieldKeys.days(), dispatchKeys.myJobs()]);
  const jobs = useMyDay(date, { refetchInterval: live.connected ? false : FALLBACK_POLL_MS });
  const [dialog, setDialog] = useState<JobDialog>();

  // A new assignment (one not seen before on this day's list) pops a notification.
  const seen = useRef<{ date: string; ids: Set<string> } | undefined>(undefined);
  useEffect(() => {
    const data = jobs.data;
    if (!data || jobs.isPlaceholderData) return;
    const ids = new Set(data.items.map((j) => j.visit.id));
    const before = seen.current;
    if (before && before.date === data.date) {
      for (const j of data.items) {
        if (!before.ids.has(j.visit.id) && j.assignment?.state === 'assigned') {
          notification.info({
            key: `job-${j.visit.id}`,
            title: t('myJobs.newJob'),
            description: t('myJobs.newJobText', {
              number: j.visit.workOrderNumber,
              window: formatWindow(j.assignment.window, TZ),
              district: j.visit.workOrder.district,
            }),
            placement: 'top',
            duration: 8,
            props: { 'data-testid': 'my-job-new' } as Record<string, string>,
          });
        }
      }
    }
    seen.current = { date: data.date, ids };
  }, [jobs.data, jobs.isPlaceholderData, notification, t]);

  // Route order as the server gives it (window order); jobs no longer held go last.
  const items = [...(jobs.data?.items ?? [])]
    .map((j, i) => ({ j, i }))
    .sort((x, y) => Number(!isOpenJob(x.j)) - Number(!isOpenJob(y.j)) || x.i - y.i)
    .map((x) => x.j);
  const openCount = items.filter(isOpenJob).length;

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }} data-testid="my-jobs">
      <FieldSyncBar />
      <PageHeader
        title={t('field.today.title')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void jobs.refetch()}
            loading={jobs.isFetching}
            aria-label={t('common.reload')}
            data-testid="my-jobs-refresh"
            style={{ width: 48, height: 48 }}
          />
        }
      >
        <Flex justify="space-between" align="center" style={{ marginTop: 8 }} gap={8}>
          <Segmented<'today' | 'tomorrow'>
            size="large"
            value={day}
            onChange={setDay}
            data-testid="my-jobs-date"
            options={[
              { value: 'today', label: <span data-testid="my-jobs-today">{t('myJobs.today')}</span> },
              { value: 'tomorrow', label: <span data-testid="my-jobs-tomorrow">{t('myJobs.tomorrow')}</span> },
            ]}
          />
          <span data-testid="my-jobs-live" data-connected={live.connected ? 'true' : 'false'}>
            <Badge
              status={live.connected ? 'processing' : 'default'}
              text={live.connected ? t('board.live') : t('board.polling')}
            />
          </span>
        </Flex>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
          {t('myJobs.summary', { date, count: openCount })}
        </Typography.Text>
      </PageHeader>
      {jobs.isError && !jobs.data ? (
        <QueryErrorResult error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : jobs.isLoading ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('myJobs.empty')} data-testid="my-jobs-empty" />
      ) : (
        <Flex vertical gap={12}>
          {items.map((j) => (
            <FieldJobCard key={j.visit.id} job={j} onDialog={setDialog} />
          ))}
        </Flex>
      )}
      <MyJobDialogs
        dialog={dialog}
        onClose={() => {
          setDialog(undefined);
          void queryClient.invalidateQueries({ queryKey: fieldKeys.all });
        }}
      />
    </div>
  );
}
