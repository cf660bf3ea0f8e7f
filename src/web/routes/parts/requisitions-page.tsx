import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Requisition } from '@shared/contracts/parts.contract';
import { REQUISITION_STATUS_LABELS, REQUISITION_STATUSES, type RequisitionStatus } from '@shared/domain/parts';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan, useCurrentUser } from '@web/features/auth/hooks/use-current-user';
import { useCancelRequisition } from '@web/features/parts/api/cancel-requisition';
import { useRequisitions } from '@web/features/parts/api/list-requisitions';
import { DecideModal, IssueModal } from '@web/features/parts/components/requisition-dialogs';
import { RequisitionForm } from '@web/features/parts/components/requisition-form';
import { errorMessage } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useIsMobile } from '@web/lib/use-media';
import {
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Flex,
  Pagination,
  Popconfirm,
  Select,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<RequisitionStatus, string> = {
  submitted: 'processing',
  approved: 'success',
  partially_approved: 'warning',
  rejected: 'error',
  issued: 'default',
  cancelled: 'default',
};

function RequisitionCard({ r, onDecide, onIssue }: { r: Requisition; onDecide?: () => void; onIssue?: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const can = useCan();
  const cancel = useCancelRequisition();
  const canCancel =
    can('requisitions.create') &&
    r.requesterId === me.id &&
    (r.status === 'submitted' || r.status === 'approved' || r.status === 'partially_approved');
  return (
    <Card size="small" data-testid={`req-${r.number}`} data-status={r.status}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <Flex vertical>
          <Typography.Text strong>{r.number}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.requesterName} · {formatDateTime(r.createdAt, lang, { seconds: false })}
          </Typography.Text>
        </Flex>
        <Flex gap={4} wrap>
          <Tag>{t(`req.purpose.${r.purpose}`)}</Tag>
          <Tag color={STATUS_COLORS[r.status]} data-testid="req-status">
            {REQUISITION_STATUS_LABELS[r.status][lang]}
          </Tag>
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0', fontSize: 12 }}>
        {r.purpose === 'job' ? r.workOrderNumber : (r.targetLocationCode ?? '')}
        {r.note ? ` · ${r.note}` : ''}
      </Typography.Paragraph>
      <Flex vertical gap={2} style={{ margin: '8px 0' }}>
        {r.lines.map((l) => (
          <Flex key={l.id} justify="space-between" gap={8} wrap>
            <span>
              {l.partCode} {l.partName} {l.spec ? <Typography.Text type="secondary">{l.spec}</Typography.Text> : null}
            </span>
            <span style={{ whiteSpace: 'nowrap' }}>
              × {l.quantity} {l.unit}
              {l.decision === 'approved' ? (
                <Tag color="success" style={{ marginInlineStart: 6 }}>
                  {t('req.line.approved', { n: l.approvedQuantity })}
                </Tag>
              ) : l.decision === 'rejected' ? (
                <Tag color="error" style={{ marginInlineStart: 6 }}>
                  {t('req.line.rejected')}
                </Tag>
              ) : null}
              {l.issuedQuantity > 0 ? <Tag>{t('req.line.issued', { n: l.issuedQuantity })}</Tag> : null}
              {l.rejectReason ? <Typography.Text type="secondary"> {l.rejectReason}</Typography.Text> : null}
              {l.issuedSerials.length > 0 ? (
                <Typography.Text type="secondary"> {l.issuedSerials.join(', ')}</Typography.Text>
              ) : null}
            </span>
          </Flex>
        ))}
      </Flex>
      <Flex gap={8} wrap justify="flex-end">
        {onDecide && r.status === 'submitted' ? (
          <Button type="primary" size="large" onClick={onDecide} data-testid={`req-decide-${r.number}`}>
            {t('req.approve')}
          </Button>
        ) : null}
        {onIssue && (r.status === 'approved' || r.status === 'partially_approved') ? (
          <Button type="primary" size="large" onClick={onIssue} data-testid={`req-issue-${r.number}`}>
            {t('req.issue')}
          </Button>
        ) : null}
        {canCancel ? (
          <Popconfirm
            title={t('req.cancelConfirm', { number: r.number })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'req-cancel-confirm' } as Record<string, string>}
            onConfirm={() =>
              cancel.mutateAsync(
                { params: { requisitionId: r.id }, body: { version: r.version } },
                {
                  onSuccess: () => void message.success(t('req.cancelled')),
                  onError: (e) => void message.error(errorMessage(e)),
                },
              )
            }
          >
            <Button size="large" danger loading={cancel.isPending} data-testid={`req-cancel-${r.number}`}>
              {t('req.cancel')}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
    </Card>
  );
}

/** 领用申请: a technician asks from the phone; the head decides per line; the warehouse issues. */
export function RequisitionsPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'open') as RequisitionStatus | 'open' | 'all';
  const mine = params.get('mine') === 'true';
  const page = Number(params.get('page') ?? '1');
  const set = (k: string, v: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v === undefined) next.delete(k);
        else next.set(k, v);
        if (k !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );
  const list = useRequisitions({
    page: String(page),
    pageSize: String(PAGE_SIZE),
    status: status === 'all' ? undefined : status,
    mine: mine ? 'true' : undefined,
  });
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<Requisition | undefined>();
  const [issuing, setIssuing] = useState<Requisition | undefined>();
  const items = list.data?.items ?? [];

  return (
    <div style={{ maxWidth: 960 }}>
      <PageHeader
        title={t('req.title')}
        extra={
          can('requisitions.create') ? (
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="req-create"
            >
              {t('req.new')}
            </Button>
          ) : undefined
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="req-filters">
        <Select
          size="large"
          style={{ minWidth: 160 }}
          value={status}
          onChange={(v) => set('status', v === 'open' ? undefined : v)}
          options={[
            { value: 'open', label: t('req.filter.open') },
            ...REQUISITION_STATUSES.map((s) => ({ value: s, label: REQUISITION_STATUS_LABELS[s][lang] })),
            { value: 'all', label: t('common.all') },
          ]}
          data-testid="req-filter-status"
        />
        <Checkbox
          checked={mine}
          onChange={(e) => set('mine', e.target.checked ? 'true' : undefined)}
          data-testid="req-filter-mine"
        >
          {t('req.filter.mine')}
        </Checkbox>
        <Button
          size="large"
          icon={<ReloadOutlined />}
          onClick={() => void list.refetch()}
          aria-label={t('common.reload')}
        />
      </Flex>
      {list.isError && !list.data ? (
        <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Spin spinning={list.isFetching}>
          <Flex vertical gap={12} data-testid="req-list">
            {items.length === 0 && !list.isLoading ? <Empty description={t('req.empty')} /> : null}
            {items.map((r) => (
              <RequisitionCard
                key={r.id}
                r={r}
                onDecide={can('requisitions.approve') ? () => setDeciding(r) : undefined}
                onIssue={can('requisitions.issue') ? () => setIssuing(r) : undefined}
              />
            ))}
          </Flex>
          {(list.data?.total ?? 0) > PAGE_SIZE ? (
            <Pagination
              style={{ marginTop: 16 }}
              current={page}
              pageSize={PAGE_SIZE}
              total={list.data?.total ?? 0}
              onChange={(p) => set('page', String(p))}
              showSizeChanger={false}
            />
          ) : null}
        </Spin>
      )}
      <Drawer
        open={creating}
        onClose={() => setCreating(false)}
        title={t('req.createTitle')}
        placement={mobile ? 'bottom' : 'right'}
        size={mobile ? '100%' : 520}
        destroyOnHidden
        data-testid="req-create-drawer"
      >
        <RequisitionForm onDone={() => setCreating(false)} />
      </Drawer>
      <DecideModal requisition={deciding} onClose={() => setDeciding(undefined)} />
      <IssueModal requisition={issuing} onClose={() => setIssuing(undefined)} />
    </div>
  );
}
