import { FilePdfOutlined, FileTextOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Alert, Button, Card, Flex, Steps, Tag, Typography } from 'antd';
import type { TrackingAuth, TrackingView } from '../api/track-work-order';
import { trackedServiceRecordUrl } from '../api/tracked-service-record';
import { type PublicMessageKey, usePublicT } from '../messages';

type Visit = TrackingView['visits'][number];

const VISIT_STATUS: Record<Visit['status'], { key: PublicMessageKey; color: string }> = {
  proposed: { key: 'track.visit.proposed', color: 'orange' },
  open: { key: 'track.visit.open', color: 'processing' },
  completed: { key: 'track.visit.completed', color: 'success' },
  waiting_parts: { key: 'track.visit.waitingParts', color: 'warning' },
  withdrawn: { key: 'track.visit.withdrawn', color: 'default' },
  cancelled: { key: 'track.visit.cancelled', color: 'default' },
};

/**
 * The technician's visits step by step, for the customer: each step done (with its time, in Beijing time), skipped,
 * or to do; the ETA until arrival, the arrival, the expected finish of a complex repair and a delay's new time; and,
 * once a visit is over, its service record (HTML in a new tab, or the PDF) with the page's own authorisation.
 */
export function TrackVisits({ visits, auth }: { visits: TrackingView['visits']; auth: TrackingAuth }) {
  const t = usePublicT();
  if (visits.length === 0) return null;
  return (
    <Card size="small" title={t('track.visits')} styles={{ body: { paddingTop: 4 } }}>
      <Flex vertical gap={16}>
        {visits.map((v) => (
          <VisitBlock key={v.visitNo} visit={v} auth={auth} showNumber={visits.length > 1} />
        ))}
      </Flex>
    </Card>
  );
}

function VisitBlock({ visit, auth, showNumber }: { visit: Visit; auth: TrackingAuth; showNumber: boolean }) {
  const t = usePublicT();
  const { lang } = useI18n();
  const when = (iso: string | null) => formatDateTime(iso, lang, { seconds: false });
  const open = visit.status === 'open';
  // A visit that ended (waiting for parts) leaves its remaining steps to the next one: only what happened shows.
  const steps = open || visit.status === 'proposed' ? visit.steps : visit.steps.filter((s) => s.status !== 'todo');
  const current = open ? steps.findIndex((s) => s.status === 'todo') : -1;
  const status = VISIT_STATUS[visit.status];
  const title =
    visit.kind === 'follow_up'
      ? t('track.visitFollowUp', { n: visit.visitNo })
      : t('track.visitN', { n: visit.visitNo });
  const finishAt = visit.delay?.newFinishAt ?? visit.expectedFinishAt;

  return (
    <section data-testid="track-visit" data-visit-no={visit.visitNo} data-status={visit.status}>
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text strong>
          {showNumber || visit.kind === 'follow_up' ? title : t('track.visitOne')}
        </Typography.Text>
        <Tag color={status.color} style={{ marginInlineEnd: 0 }}>
          {t(status.key)}
        </Tag>
      </Flex>

      <Flex vertical gap={4} style={{ marginBottom: 8 }}>
        {visit.window && (
          <Typography.Text type="secondary">
            {t('track.visitWindow')}：{when(visit.window.start)} – {when(visit.window.end).slice(-5)}
          </Typography.Text>
        )}
        {visit.status === 'proposed' && <Typography.Text type="secondary">{t('track.visitToBeSet')}</Typography.Text>}
        {open && visit.etaAt && !visit.arrivedAt && (
          <Typography.Text data-testid="track-visit-eta">
            {t('track.visitEta')}：<Typography.Text strong>{when(visit.etaAt)}</Typography.Text>
          </Typography.Text>
        )}
        {visit.arrivedAt && (
          <Typography.Text type="secondary">
            {t('track.arrivedAt')}：{when(visit.arrivedAt)}
          </Typography.Text>
        )}
        {finishAt && !visit.finishedAt && (
          <Typography.Text data-testid="track-expected-finish" data-at={finishAt}>
            {t('track.expectedFinish')}：<Typography.Text strong>{when(finishAt)}</Typography.Text>
          </Typography.Text>
        )}
        {visit.finishedAt && (
          <Typography.Text type="secondary">
            {visit.status === 'waiting_parts' ? t('track.endedAt') : t('track.finishedAt')}：{when(visit.finishedAt)}
          </Typography.Text>
        )}
      </Flex>

      {visit.delay && open && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="track-delay"
          data-at={visit.delay.newFinishAt}
          title={t('track.delayTitle', { at: when(visit.delay.newFinishAt) })}
          description={visit.delay.reason ? t('track.delayReason', { reason: visit.delay.reason }) : undefined}
        />
      )}
      {visit.status === 'waiting_parts' && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('track.waitingParts')} />
      )}

      {visit.recordAvailable && (
        <Flex gap={8} wrap="wrap" style={{ marginBottom: 12 }}>
          <Button
            size="large"
            style={{ flex: '1 1 140px' }}
            icon={<FileTextOutlined />}
            href={trackedServiceRecordUrl(visit.visitNo, auth, 'html')}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="track-record-html"
          >
            {t('track.record')}
          </Button>
          <Button
            size="large"
            style={{ flex: '1 1 140px' }}
            icon={<FilePdfOutlined />}
            href={trackedServiceRecordUrl(visit.visitNo, auth, 'pdf')}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="track-record-pdf"
          >
            {t('track.recordPdf')}
          </Button>
        </Flex>
      )}
      <Steps
        orientation="vertical"
        size="small"
        current={current >= 0 ? current : steps.length}
        items={steps.map((s, i) => ({
          key: s.step,
          status: s.status === 'todo' ? (i === current ? 'process' : 'wait') : 'finish',
          ...(s.status === 'skipped' ? { icon: <MinusCircleOutlined style={{ color: 'rgba(0,0,0,.35)' }} /> } : {}),
          title: (
            <span
              data-testid="track-step"
              data-step={s.step}
              data-state={s.status}
              {...(s.at ? { 'data-at': s.at } : {})}
              style={s.status === 'skipped' ? { color: 'rgba(0,0,0,.45)' } : undefined}
            >
              {s.label}
            </span>
          ),
          content:
            s.status === 'done' ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {when(s.at)}
              </Typography.Text>
            ) : s.status === 'skipped' ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('track.stepSkipped')}
              </Typography.Text>
            ) : i === current ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('track.stepNext')}
              </Typography.Text>
            ) : undefined,
        }))}
      />
    </section>
  );
}
