import { CheckOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CALENDAR_STATUSES, CalendarEntry } from '@shared/contracts/dispatch.contract';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useAvailabilityRequests } from '@web/features/technicians/api/list-availability-requests';
import { DecisionModal, type PendingDecision } from '@web/features/technicians/components/decision-modal';
import { CalendarKindTag, CalendarStatusTag } from '@web/features/technicians/components/tags';
import { entryTimeText } from '@web/features/technicians/labels';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Button, Card, Flex, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';

type Status = (typeof CALENDAR_STATUSES)[number] | 'all';
const STATUS_FILTERS: Status[] = ['pending', 'approved', 'rejected', 'all'];
const PAGE_SIZE = 20;

/** 请假审批: the branch's leave / day-off / extra-shift requests; the department head approves or rejects them. */
export function AvailabilityRequestsPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const canDecide = can('availability.approve');
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: Status = (STATUS_FILTERS as string[]).includes(raw ?? '') ? (raw as Status) : 'pending';
  const page = params.get('page') ?? '1';
  const requests = useAvailabilityRequests({ status, page, pageSize: String(PAGE_SIZE) });
  const [pending, setPending] = useState<PendingDecision>();

  const setFilter = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<CalendarEntry> = [
    {
      title: t('avail.col.technician'),
      key: 'technician',
      fixed: 'left',
      render: (_, e) => (
        <Link to={`/technicians/${e.technicianId}`}>
          <span style={{ whiteSpace: 'nowrap' }}>{e.technicianName}</span>
        </Link>
      ),
    },
    {
      title: t('avail.col.day'),
      dataIndex: 'day',
      key: 'day',
      render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{d}</span>,
    },
    { title: t('avail.col.kind'), key: 'kind', render: (_, e) => <CalendarKindTag kind={e.kind} /> },
    { title: t('avail.col.time'), key: 'time', render: (_, e) => entryTimeText(t, e) },
    {
      title: t('avail.col.reason'),
      dataIndex: 'reason',
      key: 'reason',
      render: (r: string) => <span style={{ display: 'inline-block', minWidth: 140 }}>{r}</span>,
    },
    {
      title: t('avail.col.requestedAt'),
      key: 'requestedAt',
      render: (_, e) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.requestedAt, lang, { seconds: false })}</span>
      ),
    },
    { title: t('avail.col.status'), key: 'status', render: (_, e) => <CalendarStatusTag status={e.status} /> },
    {
      title: t('avail.col.decision'),
      key: 'decision',
      render: (_, e) =>
        e.status === 'pending' && canDecide ? (
          <Flex gap={8} wrap={false}>
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => setPending({ entry: e, decision: 'approve' })}
              data-testid={`avail-approve-${e.id}`}
            >
              {t('avail.approve')}
            </Button>
            <Button
              size="small"
              danger
              icon={<CloseOutlined />}
              onClick={() => setPending({ entry: e, decision: 'reject' })}
              data-testid={`avail-reject-${e.id}`}
            >
              {t('avail.reject')}
            </Button>
          </Flex>
        ) : e.decidedByName ? (
          <Flex vertical>
            <span style={{ whiteSpace: 'nowrap' }}>
              {t('avail.decidedBy', {
                name: e.decidedByName,
                at: formatDateTime(e.decidedAt, lang, { seconds: false }),
              })}
            </span>
            {e.decisionNote ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.decisionNote}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('avail.title')}
        extra={
          <>
            {canDecide ? null : <Tag>{t('audit.readOnly')}</Tag>}
            <Button icon={<ReloadOutlined />} onClick={() => void requests.refetch()} aria-label={t('common.reload')} />
          </>
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <div style={{ marginBottom: 16, overflowX: 'auto' }}>
          <Segmented<Status>
            value={status}
            onChange={(v) => setFilter({ status: v === 'pending' ? undefined : v, page: undefined })}
            options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`avail.status.${s}`) }))}
            data-testid="avail-filter-status"
          />
        </div>
        {requests.isError && !requests.data ? (
          <QueryErrorResult error={requests.error} onRetry={() => void requests.refetch()} />
        ) : (
          <Table<CalendarEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={requests.data?.items ?? []}
            loading={requests.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('avail.empty') }}
            data-testid="avail-table"
            onChange={(p) => setFilter({ page: String(p.current ?? 1) })}
            pagination={{
              current: Number(page),
              pageSize: PAGE_SIZE,
              total: requests.data?.total ?? 0,
              showTotal: (total) => t('common.total', { total }),
            }}
          />
        )}
      </Card>
      <DecisionModal pending={pending} onClose={() => setPending(undefined)} />
    </div>
  );
}
