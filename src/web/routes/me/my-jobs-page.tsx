import {
  CheckOutlined,
  ClockCircleOutlined,
  CloseOutlined,
  EnvironmentOutlined,
  EyeOutlined,
  PhoneOutlined,
  ReloadOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import type { Assignment, MyJob } from '@shared/contracts/dispatch.contract';
import { UNIT_TYPE_LABELS, type UnitType } from '@shared/domain/work-order';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useAcceptAssignment } from '@web/features/dispatch/api/accept-assignment';
import { dispatchKeys } from '@web/features/dispatch/api/keys';
import { useMyJobs } from '@web/features/dispatch/api/list-my-jobs';
import { useRevealJobContact } from '@web/features/dispatch/api/reveal-job-contact';
import { type JobDialog, MyJobDialogs } from '@web/features/dispatch/components/my-job-dialogs';
import { FALLBACK_POLL_MS, useLiveInvalidation } from '@web/features/dispatch/hooks/use-event-stream';
import { addDays, formatHm, formatWindow, todayIn } from '@web/features/dispatch/time';
import { PriorityTag, StatusTag } from '@web/features/work-orders/components/tags';
import { useFaultCategoryName } from '@web/features/work-orders/hooks/use-fault-category-name';
import { isUnknownModel } from '@web/features/work-orders/labels';
import { errorMessage, useErrorNotice } from '@web/lib/errors';
import { DISPLAY_TIME_ZONE } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useNow } from '@web/lib/use-now';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Badge, Button, Card, Empty, Flex, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';

const TZ = DISPLAY_TIME_ZONE;

/** Assignments that hold the technician's time; the others (declined, taken back…) are shown greyed. */
function isOpen(state: Assignment['state']): boolean {
  return state === 'assigned' || state === 'accepted';
}

interface Revealed {
  name: string;
  phone: string;
  address: string;
  district: string;
}

function JobCard({ job, onDialog }: { job: MyJob; onDialog: (d: JobDialog) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const notify = useErrorNotice();
  const faultName = useFaultCategoryName();
  const accept = useAcceptAssignment();
  const reveal = useRevealJobContact();
  // The full contact lives in this card's state only (never in the query cache), and is audited on the server.
  const [contact, setContact] = useState<Revealed>();
  const a = job.assignment;
  const wo = job.workOrder;
  const acceptKey = useMemo(() => `${a.id}.${a.version}.${randomUuid()}`, [a.id, a.version]);
  const open = isOpen(a.state);
  const lateEta = a.etaAt && new Date(a.etaAt).getTime() > new Date(a.window.start).getTime() ? a.etaAt : null;
  const unitType = UNIT_TYPE_LABELS[wo.unit.type as UnitType]?.[lang] ?? wo.unit.type;

  const big = { height: 48, fontSize: 16 } as const;

  return (
    <Card
      data-testid="my-job"
      data-number={wo.number}
      data-state={a.state}
      data-status={wo.status}
      data-assignment-id={a.id}
      style={{ opacity: open ? 1 : 0.6, borderLeft: wo.priority === 'urgent' ? '4px solid #f5222d' : undefined }}
      styles={{ body: { padding: 14 } }}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div>
          <Typography.Text strong style={{ fontSize: 22, lineHeight: 1.2 }} data-testid="my-job-window">
            {formatWindow(a.window, TZ)}
          </Typography.Text>
          {lateEta ? (
            <div>
              <Typography.Text type="danger" data-testid="my-job-eta">
                <ClockCircleOutlined /> {t('myJobs.eta', { at: formatHm(lateEta, TZ) })}
              </Typography.Text>
            </div>
          ) : null}
        </div>
        <Flex vertical align="flex-end" gap={4}>
          <Tag
            color={a.state === 'assigned' ? 'blue' : a.state === 'accepted' ? 'geekblue' : 'default'}
            style={{ marginInlineEnd: 0 }}
            data-testid="my-job-state"
          >
            {t(`myJobs.state.${a.state}`)}
          </Tag>
          {wo.priority === 'urgent' ? <PriorityTag priority="urgent" /> : null}
        </Flex>
      </Flex>
      <Flex gap={8} align="center" wrap style={{ marginTop: 6 }}>
        <Typography.Text strong>{wo.number}</Typography.Text>
        {!open || wo.status === 'assigned' || wo.status === 'accepted' ? null : <StatusTag status={wo.status} />}
      </Flex>
      <div style={{ marginTop: 6, fontSize: 15 }}>
        <div>
          <SolutionOutlined /> {faultName(wo.faultCategory)} · {wo.unit.brand} {unitType}
          {isUnknownModel(wo.unit.model) ? '' : ` ${wo.unit.model}`}
        </div>
        <div>
          <EnvironmentOutlined /> {wo.district}
        </div>
        <div>
          <PhoneOutlined /> {wo.customerName} {wo.phoneMasked}
        </div>
        {wo.description ? (
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2, expandable: true, symbol: t('myJobs.more') }}
            style={{ margin: '4px 0 0' }}
          >
            {wo.description}
          </Typography.Paragraph>
        ) : null}
      </div>
      {a.contactedAt ? (
        <Typography.Text type="success" style={{ display: 'block', marginTop: 6 }} data-testid="my-job-contacted">
          <CheckOutlined /> {t('myJobs.contactedAt', { at: formatHm(a.contactedAt, TZ) })}
        </Typography.Text>
      ) : null}

      {contact ? (
        <Alert
          style={{ marginTop: 10 }}
          type="info"
          data-testid="my-job-contact"
          title={
            <Flex vertical gap={4} style={{ fontSize: 16 }}>
              <span>{contact.name}</span>
              <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} data-testid="job-phone" style={{ fontSize: 20 }}>
                <PhoneOutlined /> {contact.phone}
              </a>
              <span data-testid="job-address">
                <EnvironmentOutlined /> {contact.address}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('myJobs.revealLogged')}
              </Typography.Text>
            </Flex>
          }
        />
      ) : null}

      {open ? (
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, marginTop: 12 }}>
          {a.state === 'assigned' ? (
            <>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                style={big}
                loading={accept.isPending}
                data-testid="job-accept"
                onClick={() =>
                  accept.mutate(
                    { assignmentId: a.id, idempotencyKey: acceptKey, body: { version: a.version } },
                    {
                      onSuccess: () => void message.success(t('myJobs.accepted', { number: wo.number })),
                      onError: notify,
                    },
                  )
                }
              >
                {t('myJobs.accept')}
              </Button>
              <Button
                danger
                icon={<CloseOutlined />}
                style={big}
                data-testid="job-decline"
                onClick={() => onDialog({ kind: 'decline', job })}
              >
                {t('myJobs.decline')}
              </Button>
            </>
          ) : null}
          {contact ? null : (
            <Button
              icon={<EyeOutlined />}
              style={big}
              loading={reveal.isPending}
              data-testid="job-reveal"
              onClick={() =>
                reveal.mutate(a.id, {
                  onSuccess: (c) => setContact(c),
                  onError: (e) => void message.error(errorMessage(e)),
                })
              }
            >
              {t('myJobs.reveal')}
            </Button>
          )}
          {a.state === 'accepted' && !a.contactedAt ? (
            <Button
              type="primary"
              ghost
              icon={<PhoneOutlined />}
              style={big}
              data-testid="job-contact"
              onClick={() => onDialog({ kind: 'contact', job })}
            >
              {t('myJobs.contacted')}
            </Button>
          ) : null}
          {a.state === 'accepted' ? (
            <Button
              icon={<ClockCircleOutlined />}
              style={big}
              data-testid="job-late"
              onClick={() => onDialog({ kind: 'late', job })}
            >
              {t('myJobs.late')}
            </Button>
          ) : null}
        </div>
      ) : a.declineReason ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('myJobs.declineReasonShown', { reason: a.declineReason })}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

/** 我的工单: the technician's jobs of today or tomorrow, phone-first, live. */
export function MyJobsPage() {
  const { t } = useI18n();
  const { notification } = App.useApp();
  const now = useNow(60_000);
  const today = todayIn(TZ, now);
  const [day, setDay] = useState<'today' | 'tomorrow'>('today');
  const date = day === 'today' ? today : addDays(today, 1);
  const live = useLiveInvalidation('/api/me/stream', [dispatchKeys.myJobs()]);
  const jobs = useMyJobs(date, { refetchInterval: live.connected ? false : FALLBACK_POLL_MS });
  const [dialog, setDialog] = useState<JobDialog>();

  // A new assignment (one not seen before on this day's list) pops a notification.
  const seen = useRef<{ date: string; ids: Set<string> } | undefined>(undefined);
  useEffect(() => {
    const data = jobs.data;
    if (!data || jobs.isPlaceholderData) return;
    const ids = new Set(data.items.map((j) => j.assignment.id));
    const before = seen.current;
    if (before && before.date === data.date) {
      for (const j of data.items) {
        if (!before.ids.has(j.assignment.id) && j.assignment.state === 'assigned') {
          notification.info({
            key: `job-${j.assignment.id}`,
            title: t('myJobs.newJob'),
            description: t('myJobs.newJobText', {
              number: j.workOrder.number,
              window: formatWindow(j.assignment.window, TZ),
              district: j.workOrder.district,
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

  const items = [...(jobs.data?.items ?? [])].sort((x, y) => {
    const ox = isOpen(x.assignment.state) ? 0 : 1;
    const oy = isOpen(y.assignment.state) ? 0 : 1;
    if (ox !== oy) return ox - oy;
    return new Date(x.assignment.window.start).getTime() - new Date(y.assignment.window.start).getTime();
  });
  const openCount = items.filter((j) => isOpen(j.assignment.state)).length;

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }} data-testid="my-jobs">
      <PageHeader
        title={t('myJobs.title')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void jobs.refetch()}
            loading={jobs.isFetching}
            aria-label={t('common.reload')}
            data-testid="my-jobs-refresh"
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
            <JobCard key={j.assignment.id} job={j} onDialog={setDialog} />
          ))}
        </Flex>
      )}
      <MyJobDialogs dialog={dialog} onClose={() => setDialog(undefined)} />
    </div>
  );
}
