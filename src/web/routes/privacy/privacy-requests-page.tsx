import { CheckOutlined, EyeOutlined, StopOutlined } from '@ant-design/icons';
import {
  PRIVACY_REQUEST_KINDS,
  PRIVACY_REQUEST_STATUSES,
  type PrivacyRequest,
} from '@shared/contracts/customers.contract';
import { CHANNEL_LABELS, type Channel } from '@shared/domain/work-order';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useFetchPrivacyRequest } from '@web/features/privacy/api/get-privacy-request';
import { usePrivacyRequests } from '@web/features/privacy/api/list-privacy-requests';
import { ExportResultModal } from '@web/features/privacy/components/export-result-modal';
import { HandlePrivacyModal, type PrivacyAction } from '@web/features/privacy/components/handle-privacy-modal';
import { PrivacyStatusTag } from '@web/features/privacy/components/privacy-status-tag';
import { useErrorNotice } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useIsMobile } from '@web/lib/use-media';
import { App, Button, Card, Col, Flex, Row, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';

type Status = PrivacyRequest['status'];
type Kind = PrivacyRequest['kind'];

/** 隐私请求: customers' requests for a copy or deletion of their data; complete (export / anonymise) or reject. */
export function PrivacyRequestsPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const notify = useErrorNotice();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  const [status, setStatus] = useState<Status | undefined>('open');
  const [kind, setKind] = useState<Kind>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const requests = usePrivacyRequests({
    page: String(page),
    pageSize: String(pageSize),
    status,
    kind,
    customerId,
  });
  const fetchOne = useFetchPrivacyRequest();
  const [handling, setHandlingState] = useState<{ request: PrivacyRequest; action: PrivacyAction; open: boolean }>();
  const setHandling = (h: { request: PrivacyRequest; action: PrivacyAction } | undefined) =>
    setHandlingState((prev) => (h ? { ...h, open: true } : prev ? { ...prev, open: false } : undefined));
  const [result, setResult] = useState<{ requestId: string; data: unknown }>();

  const view = (r: PrivacyRequest) =>
    fetchOne.mutate(r.id, {
      onSuccess: (d) => setResult({ requestId: d.id, data: d.result }),
      onError: notify,
    });

  const columns: TableColumnsType<PrivacyRequest> = [
    {
      title: t('privacy.col.requestedAt'),
      dataIndex: 'requestedAt',
      key: 'requestedAt',
      render: (at: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, lang, { seconds: false })}</span>
      ),
    },
    {
      title: t('privacy.col.customer'),
      key: 'customer',
      render: (_, r) =>
        can('customers.read') ? (
          <Link to={`/customers/${r.customerId}`}>{r.customerNameMasked}</Link>
        ) : (
          r.customerNameMasked
        ),
    },
    {
      title: t('privacy.col.kind'),
      key: 'kind',
      render: (_, r) => <Tag color={r.kind === 'delete' ? 'volcano' : 'blue'}>{t(`privacy.kind.${r.kind}`)}</Tag>,
    },
    { title: t('privacy.col.status'), key: 'status', render: (_, r) => <PrivacyStatusTag status={r.status} /> },
    {
      title: t('privacy.col.channel'),
      key: 'channel',
      render: (_, r) =>
        Object.hasOwn(CHANNEL_LABELS, r.channel) ? CHANNEL_LABELS[r.channel as Channel][lang] : r.channel,
    },
    {
      title: t('privacy.col.note'),
      dataIndex: 'note',
      key: 'note',
      render: (note: string) => (
        <Typography.Text style={{ maxWidth: 240 }} ellipsis={{ tooltip: note }}>
          {note || '—'}
        </Typography.Text>
      ),
    },
    {
      title: t('privacy.col.handled'),
      key: 'handled',
      render: (_, r) =>
        r.handledAt ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(r.handledAt, lang, { seconds: false })} · {r.handledByName ?? '—'}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isMobile ? undefined : 'right',
      render: (_, r) => (
        <Flex gap={4} wrap={false}>
          {r.status === 'open' ? (
            <>
              <Button
                size="small"
                type="primary"
                danger={r.kind === 'delete'}
                icon={<CheckOutlined />}
                onClick={() => setHandling({ request: r, action: 'complete' })}
                data-testid={`privacy-complete-${r.id}`}
              >
                {r.kind === 'delete' ? t('privacy.completeDelete') : t('privacy.completeExport')}
              </Button>
              <Button
                size="small"
                icon={<StopOutlined />}
                onClick={() => setHandling({ request: r, action: 'reject' })}
                data-testid={`privacy-reject-${r.id}`}
              >
                {t('privacy.reject')}
              </Button>
            </>
          ) : null}
          {r.kind === 'export' && r.status === 'done' && r.hasResult ? (
            <Button
              size="small"
              icon={<EyeOutlined />}
              loading={fetchOne.isPending && fetchOne.variables === r.id}
              onClick={() => view(r)}
              data-testid={`privacy-view-${r.id}`}
            >
              {t('privacy.viewData')}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <div>
      <PageHeader title={t('privacy.title')}>
        <Typography.Text type="secondary">{t('privacy.hint')}</Typography.Text>
      </PageHeader>
      <Card styles={{ body: { padding: 16 } }}>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Select<Status>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('privacy.col.status')}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={PRIVACY_REQUEST_STATUSES.map((s) => ({ value: s, label: t(`privacy.status.${s}`) }))}
              data-testid="privacy-filter-status"
            />
          </Col>
          <Col xs={12} md={6}>
            <Select<Kind>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('privacy.col.kind')}
              value={kind}
              onChange={(v) => {
                setKind(v);
                setPage(1);
              }}
              options={PRIVACY_REQUEST_KINDS.map((k) => ({ value: k, label: t(`privacy.kind.${k}`) }))}
              data-testid="privacy-filter-kind"
            />
          </Col>
          {customerId ? (
            <Col xs={24} md={12}>
              <Tag closable onClose={() => setParams({}, { replace: true })}>
                {t('privacy.oneCustomer')}
              </Tag>
            </Col>
          ) : null}
        </Row>
        {requests.isError && !requests.data ? (
          <QueryErrorResult error={requests.error} onRetry={() => void requests.refetch()} />
        ) : (
          <Table<PrivacyRequest>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={requests.data?.items ?? []}
            loading={requests.isFetching}
            scroll={{ x: 'max-content' }}
            data-testid="privacy-table"
            pagination={{
              current: page,
              pageSize,
              total: requests.data?.total ?? 0,
              showSizeChanger: true,
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
      <HandlePrivacyModal
        request={handling?.open ? handling.request : undefined}
        action={handling?.action ?? 'complete'}
        onClose={() => setHandling(undefined)}
        onDone={({ request, data }) => {
          if (request.status === 'rejected') void message.success(t('privacy.rejected'));
          else if (request.kind === 'delete') void message.success(t('privacy.deleted'));
          else {
            void message.success(t('privacy.exported'));
            setResult({ requestId: request.id, data });
          }
        }}
      />
      <ExportResultModal result={result} onClose={() => setResult(undefined)} />
    </div>
  );
}
