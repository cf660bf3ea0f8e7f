import { CheckOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import type { AlertKind, WorkOrderAlert, WorkOrderSummary } from '@shared/contracts/intake.contract';
import { SETTING_DEFS } from '@shared/domain/settings';
import { CHANNEL_LABELS } from '@shared/domain/work-order';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useAcknowledgeWorkOrderAlert } from '@web/features/work-orders/api/acknowledge-work-order-alert';
import { useWorkOrderAlerts } from '@web/features/work-orders/api/list-work-order-alerts';
import { useWorkOrders } from '@web/features/work-orders/api/list-work-orders';
import { useReviewWorkOrder } from '@web/features/work-orders/api/review-work-order';
import { AlertFacts, AlertKindSelect, AlertKindTags } from '@web/features/work-orders/components/alert-content';
import { type OrderRef, ReturnOrderModal } from '@web/features/work-orders/components/return-modal';
import { PriorityTag, StatusTag } from '@web/features/work-orders/components/tags';
import { useFaultCategoryName } from '@web/features/work-orders/hooks/use-fault-category-name';
import { isVersionConflict, useErrorNotice } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useIsMobile } from '@web/lib/use-media';
import { useNow } from '@web/lib/use-now';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  List,
  Progress,
  Row,
  Segmented,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';

const REFRESH_MS = 30_000;

/**
 * Minutes waited since the order entered review (created, or resubmitted after a return) vs its deadline — the
 * running review clock's due time from the server (`slaDueAt`: the branch's setting, calendar or working time), or
 * the default of DOMAIN.md when the server gave none — as a small bar: green, orange past 2/3, red when over.
 */
function ReviewClock({ since, due, now }: { since: string; due: string | null; now: number }) {
  const { t, lang } = useI18n();
  const start = new Date(since).getTime();
  const minutes = Math.max(0, Math.floor((now - start) / 60_000));
  const defaultSla = SETTING_DEFS['sla.reviewMinutes'].default as number;
  const end = due ? new Date(due).getTime() : start + defaultSla * 60_000;
  const sla = Math.max(1, Math.round((end - start) / 60_000));
  const ratio = (now - start) / Math.max(1, end - start);
  const over = now >= end;
  const status = over ? 'exception' : 'normal';
  const color = over ? undefined : ratio >= 2 / 3 ? '#fa8c16' : '#52c41a';
  const tip = due
    ? t('review.clockTipDue', { minutes, at: formatDateTime(due, lang, { seconds: false }) })
    : t('review.clockTip', { minutes, sla });
  return (
    <Tooltip title={tip}>
      <Flex
        vertical
        style={{ minWidth: 110 }}
        data-testid="review-clock"
        data-minutes={minutes}
        data-sla={sla}
        data-due={due ?? ''}
        data-over={over ? 'true' : 'false'}
      >
        <Typography.Text type={over ? 'danger' : undefined} strong={over} style={{ whiteSpace: 'nowrap' }}>
          {t('review.clock', { minutes, sla })}
        </Typography.Text>
        <Progress
          percent={Math.min(100, Math.max(0, Math.round(ratio * 100)))}
          size="small"
          showInfo={false}
          status={status}
          strokeColor={color}
        />
      </Flex>
    </Tooltip>
  );
}

function AlertsPanel() {
  const { t } = useI18n();
  const notify = useErrorNotice();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [kind, setKind] = useState<AlertKind>();
  const alerts = useWorkOrderAlerts(
    { status, pageSize: '50', ...(kind ? { kind } : {}) },
    { refetchInterval: REFRESH_MS },
  );
  const ack = useAcknowledgeWorkOrderAlert();
  const items = alerts.data?.items ?? [];

  return (
    <Card
      size="small"
      data-testid="alerts-panel"
      title={
        <Flex gap={8} align="center">
          {t('alerts.title')}
          <Badge count={status === 'open' ? (alerts.data?.total ?? 0) : 0} />
        </Flex>
      }
      extra={
        <Segmented<'open' | 'all'>
          size="small"
          value={status}
          onChange={setStatus}
          options={[
            { value: 'open', label: t('alerts.open') },
            { value: 'all', label: t('alerts.all') },
          ]}
        />
      }
    >
      <Flex justify="flex-end" style={{ marginBottom: 4 }}>
        <AlertKindSelect value={kind} onChange={setKind} />
      </Flex>
      {alerts.isError && !alerts.data ? (
        <QueryErrorResult error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerts.none')} />
      ) : (
        <List<WorkOrderAlert>
          size="small"
          loading={alerts.isLoading}
          dataSource={items}
          renderItem={(a) => (
            <List.Item
              style={{ paddingInline: 0 }}
              data-testid={`alert-${a.workOrderNumber}`}
              data-kind={a.kind}
              actions={
                a.acknowledgedAt
                  ? []
                  : [
                      <Button
                        key="ack"
                        size="small"
                        loading={ack.isPending && ack.variables === a.id}
                        onClick={() => ack.mutate(a.id, { onError: notify })}
                        data-testid="alert-ack"
                      >
                        {t('alerts.ack')}
                      </Button>,
                    ]
              }
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Flex gap={6} align="center" wrap>
                  <AlertKindTags alert={a} />
                  <Link to={`/work-orders/${a.workOrderId}`}>{a.workOrderNumber}</Link>
                  <StatusTag status={a.workOrderStatus} />
                  {a.priority === 'urgent' ? <PriorityTag priority="urgent" /> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.district}
                  </Typography.Text>
                </Flex>
                <AlertFacts alert={a} />
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 待审核: orders awaiting review, oldest first, with the review clock and one-click approve / return. */
export function ReviewQueuePage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const notify = useErrorNotice();
  const isMobile = useIsMobile();
  const faultName = useFaultCategoryName();
  const now = useNow(15_000);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const orders = useWorkOrders(
    { status: 'new', sort: 'createdAt', order: 'asc', page: String(page), pageSize: String(pageSize) },
    { refetchInterval: REFRESH_MS },
  );
  const review = useReviewWorkOrder();
  const [returning, setReturning] = useState<OrderRef>();

  const approve = (o: WorkOrderSummary) => {
    review.mutate(
      { workOrderId: o.id, body: { decision: 'approve', version: o.version } },
      {
        onSuccess: (r) => void message.success(t('wo.approve.done', { number: r.number })),
        onError: (error) => {
          if (isVersionConflict(error)) void message.warning(t('wo.versionConflict'));
          else notify(error);
        },
      },
    );
  };

  const columns: TableColumnsType<WorkOrderSummary> = [
    {
      title: t('wo.col.number'),
      key: 'number',
      fixed: isMobile ? undefined : 'left',
      render: (_, o) => (
        <Flex vertical>
          <Link to={`/work-orders/${o.id}`} style={{ whiteSpace: 'nowrap' }}>
            {o.number}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {formatDateTime(o.createdAt, lang, { seconds: false })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('review.col.clock'),
      key: 'clock',
      render: (_, o) => (
        <ReviewClock since={o.statusChangedAt} due={o.slaClock === 'review' ? o.slaDueAt : null} now={now} />
      ),
    },
    { title: t('wo.col.priority'), key: 'priority', render: (_, o) => <PriorityTag priority={o.priority} /> },
    {
      title: t('wo.col.customer'),
      key: 'customer',
      render: (_, o) => (
        <Flex vertical style={{ whiteSpace: 'nowrap' }}>
          <span>{o.customer.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.customer.phone?.masked ?? ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('wo.col.district'), dataIndex: 'district', key: 'district' },
    {
      title: t('wo.col.fault'),
      key: 'fault',
      render: (_, o) => (
        <Flex vertical style={{ maxWidth: 260 }}>
          <span>{faultName(o.faultCategory)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: o.description }}>
            {o.description}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('wo.col.unit'),
      key: 'unit',
      render: (_, o) => <span style={{ whiteSpace: 'nowrap' }}>{`${o.unit.brand} ${o.unit.model}`}</span>,
    },
    { title: t('wo.col.channel'), key: 'channel', render: (_, o) => CHANNEL_LABELS[o.channel][lang] },
  ];
  if (can('workorders.review')) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, o) => (
        <Flex gap={4} wrap={false}>
          <Button
            size="small"
            type="primary"
            icon={<CheckOutlined />}
            loading={review.isPending && review.variables?.workOrderId === o.id}
            onClick={() => approve(o)}
            aria-label={t('wo.approve')}
            data-testid={`review-approve-${o.number}`}
          >
            {isMobile ? null : t('wo.approve')}
          </Button>
          <Button
            size="small"
            icon={<RollbackOutlined />}
            onClick={() => setReturning({ id: o.id, number: o.number, version: o.version })}
            aria-label={t('wo.return')}
            data-testid={`review-return-${o.number}`}
          >
            {isMobile ? null : t('wo.return')}
          </Button>
        </Flex>
      ),
    });
  }

  return (
    <div>
      <PageHeader
        title={t('review.title')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void orders.refetch()} loading={orders.isFetching}>
            {t('common.reload')}
          </Button>
        }
      >
        <Typography.Text type="secondary">{t('review.hint', { seconds: REFRESH_MS / 1000 })}</Typography.Text>
      </PageHeader>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={can('alerts.read') ? 16 : 24}>
          <Card
            size="small"
            title={
              <Flex gap={8} align="center">
                {t('review.queue')}
                <Badge count={orders.data?.total ?? 0} color="gold" />
              </Flex>
            }
          >
            {orders.isError && !orders.data ? (
              <QueryErrorResult error={orders.error} onRetry={() => void orders.refetch()} />
            ) : (
              <Table<WorkOrderSummary>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={orders.data?.items ?? []}
                loading={orders.isLoading}
                scroll={{ x: 'max-content' }}
                data-testid="review-table"
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.empty')} /> }}
                pagination={{
                  current: page,
                  pageSize,
                  total: orders.data?.total ?? 0,
                  hideOnSinglePage: true,
                  showTotal: (total) => t('common.total', { total }),
                  onChange: (p, ps) => {
                    if (ps !== pageSize) {
                      setPageSize(ps);
                      setPage(1);
                    } else setPage(p);
                  },
                }}
              />
            )}
          </Card>
        </Col>
        {can('alerts.read') ? (
          <Col xs={24} xl={8}>
            <AlertsPanel />
          </Col>
        ) : null}
      </Row>
      <ReturnOrderModal order={returning} onClose={() => setReturning(undefined)} />
    </div>
  );
}
