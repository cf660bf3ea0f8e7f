import { CheckOutlined } from '@ant-design/icons';
import {
  type ExpiringStock,
  OLD_PART_RETURN_STATUS_LABELS,
  OLD_PART_RETURN_STATUSES,
  type OldPartReturn,
  type OldPartReturnStatus,
  PARTS_ALERT_KIND_LABELS,
  PARTS_ALERT_KINDS,
  type PartsAlert,
  type PartsAlertKind,
  type PendingRequisition,
  type SlowMovingStock,
  type StockTurnoverLine,
  type ValuableFollowUp,
} from '@shared/contracts/parts-health.contract';
import { LOCATION_KIND_LABELS } from '@shared/domain/parts';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import type { useUrlFilters } from '@web/lib/use-url-filters';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Row,
  Select,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { useAcknowledgePartsAlert } from '../api/acknowledge-parts-alert';
import { useStockTurnover } from '../api/get-stock-turnover';
import { useExpiringStock } from '../api/list-expiring-stock';
import { useOldPartReturns } from '../api/list-old-part-returns';
import { usePartsAlerts } from '../api/list-parts-alerts';
import { usePendingRequisitions } from '../api/list-pending-requisitions';
import { useSlowMovingStock } from '../api/list-slow-moving-stock';
import { useValuableFollowUp } from '../api/list-valuable-follow-up';
import { partsErrorText } from '../errors';
import { formatFen } from '../money';
import { defaultTurnoverPeriod, expiryTone, formatTurnover, splitMinutes, todayIn } from '../stock-health';
import { LocationSelect } from './pickers';
import { RecordReturnModal, WaiveReturnModal } from './stock-health-dialogs';

export const PAGE_SIZE = 20;
type Filters = ReturnType<typeof useUrlFilters>;

function Part({ code, name, spec }: { code: string; name: string; spec?: string }) {
  return (
    <Flex vertical style={{ minWidth: 150 }}>
      <span>
        {code} {name}
      </span>
      {spec ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {spec}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

function Nowrap({ children }: { children: ReactNode }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;
}

function useDateTime() {
  const { lang } = useI18n();
  return (iso: string | null | undefined) => formatDateTime(iso, lang, { seconds: false });
}

/** A filter row above a tab's table. */
function FilterRow({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid={testId}>
      {children}
    </Flex>
  );
}

function Figures({
  items,
  testId,
}: {
  items: { title: string; value: string | number; danger?: boolean }[];
  testId: string;
}) {
  return (
    <Row gutter={[16, 8]} style={{ marginBottom: 12 }} data-testid={testId}>
      {items.map((i) => (
        <Col key={i.title} xs={12} md={6}>
          <Statistic
            title={i.title}
            value={i.value}
            styles={{ content: { fontSize: 18, color: i.danger ? '#cf1322' : undefined } }}
          />
        </Col>
      ))}
    </Row>
  );
}

function pagination(filters: Filters, total: number, t: ReturnType<typeof useI18n>['t']) {
  return {
    current: Number(filters.get('page') ?? '1'),
    pageSize: PAGE_SIZE,
    total,
    showSizeChanger: false,
    showTotal: (n: number) => t('common.total', { total: n }),
  };
}

/**
 * A stock-health report's table: the query's error with a retry, or its page of rows with the shared pagination
 * (the page is kept in the URL).
 */
function HealthTable<T extends object>({
  q,
  filters,
  rowKey,
  columns,
  emptyText,
  testId,
  onRow,
}: {
  q: {
    data?: { items: T[]; total: number } | undefined;
    error: unknown;
    isError: boolean;
    isFetching: boolean;
    refetch: () => unknown;
  };
  filters: Filters;
  rowKey: string | ((r: T) => string);
  columns: TableColumnsType<T>;
  emptyText: string;
  testId: string;
  onRow?: (r: T) => React.HTMLAttributes<HTMLElement>;
}) {
  const { t } = useI18n();
  if (q.isError && !q.data) return <QueryErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Table<T>
      rowKey={rowKey}
      size="middle"
      columns={columns}
      dataSource={q.data?.items ?? []}
      loading={q.isFetching}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText }}
      data-testid={testId}
      {...(onRow ? { onRow } : {})}
      onChange={(p) => filters.update({ page: String(p.current ?? 1) }, true)}
      pagination={pagination(filters, q.data?.total ?? 0, t)}
    />
  );
}

const boolOf = (v: string | undefined) => (v === 'true' || v === 'false' ? v : undefined);

// ---------------------------------------------------------------- expiring

export function ExpiringTab({ filters }: { filters: Filters }) {
  const { t, lang } = useI18n();
  const { get, update } = filters;
  const within = get('within') ?? '60';
  const q = useExpiringStock({
    page: get('page') ?? '1',
    pageSize: String(PAGE_SIZE),
    withinDays: within,
    locationId: get('locationId'),
    expired: boolOf(get('expired')),
  });
  const columns: TableColumnsType<ExpiringStock> = [
    {
      title: t('stock.col.part'),
      key: 'part',
      render: (_, r) => <Part code={r.partCode} name={r.partName} spec={r.spec} />,
    },
    {
      title: t('stock.col.location'),
      key: 'loc',
      render: (_, r) => `${r.locationCode} ${r.locationName} (${LOCATION_KIND_LABELS[r.locationKind][lang]})`,
    },
    { title: t('stock.col.lot'), dataIndex: 'lot', key: 'lot' },
    {
      title: t('stock.col.expiry'),
      dataIndex: 'expiryDate',
      key: 'expiry',
      render: (v: string) => <Nowrap>{v}</Nowrap>,
    },
    {
      title: t('health.col.daysLeft'),
      key: 'days',
      render: (_, r) => {
        const tone = expiryTone(r.expired ? Math.min(r.daysLeft, -1) : r.daysLeft);
        return (
          <Tag
            color={tone === 'expired' ? 'red' : tone === 'soon' ? 'orange' : 'default'}
            data-testid="expiry-state"
            data-state={tone}
          >
            {r.expired ? t('health.expiredDaysAgo', { n: -r.daysLeft }) : t('health.daysLeft', { n: r.daysLeft })}
          </Tag>
        );
      },
    },
    {
      title: t('stock.col.quantity'),
      key: 'qty',
      align: 'right',
      render: (_, r) => <Nowrap>{`${r.quantity} ${r.unit}`}</Nowrap>,
    },
    {
      title: t('stock.col.value'),
      key: 'value',
      align: 'right',
      render: (_, r) => <Nowrap>{formatFen(r.valueFen)}</Nowrap>,
    },
  ];
  return (
    <>
      <FilterRow testId="health-expiring-filters">
        <Select
          style={{ minWidth: 150 }}
          value={within}
          onChange={(v) => update({ within: v === '60' ? undefined : v })}
          options={['0', '30', '60', '90', '180', '365'].map((d) => ({
            value: d,
            label: d === '0' ? t('health.within.expiredOnly') : t('health.within', { n: d }),
          }))}
          data-testid="health-filter-within"
        />
        <Select
          style={{ minWidth: 130 }}
          value={get('expired') ?? 'all'}
          onChange={(v) => update({ expired: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'true', label: t('health.expired.true') },
            { value: 'false', label: t('health.expired.false') },
          ]}
          data-testid="health-filter-expired"
        />
        <LocationFilter filters={filters} />
      </FilterRow>
      {q.data ? (
        <Figures
          testId="health-expiring-summary"
          items={[
            {
              title: t('health.expiring.total'),
              value: `${q.data.totalQuantity} · ${formatFen(q.data.totalValueFen)}`,
            },
            {
              title: t('health.expiring.expired'),
              value: `${q.data.expiredQuantity} · ${formatFen(q.data.expiredValueFen)}`,
              danger: q.data.expiredQuantity > 0,
            },
            { title: t('health.expiring.until'), value: q.data.until },
          ]}
        />
      ) : null}
      <HealthTable<ExpiringStock>
        q={q}
        filters={filters}
        rowKey={(r) => `${r.partId}|${r.locationId}|${r.lot}`}
        columns={columns}
        emptyText={t('health.expiring.empty')}
        testId="health-expiring-table"
      />
    </>
  );
}

function LocationFilter({ filters, kinds }: { filters: Filters; kinds?: readonly ('central' | 'branch' | 'van')[] }) {
  const { t } = useI18n();
  return (
    <div style={{ minWidth: 220, flex: '0 1 320px' }}>
      <LocationSelect
        allowClear
        kinds={kinds}
        placeholder={t('stock.filter.location')}
        value={filters.get('locationId')}
        onChange={(v) => filters.update({ locationId: v })}
        testId="health-filter-location"
      />
    </div>
  );
}

// ---------------------------------------------------------------- slow-moving

export function SlowMovingTab({ filters }: { filters: Filters }) {
  const { t, lang } = useI18n();
  const at = useDateTime();
  const { get, update } = filters;
  const days = get('days') ?? '90';
  const q = useSlowMovingStock({
    page: get('page') ?? '1',
    pageSize: String(PAGE_SIZE),
    days,
    locationId: get('locationId'),
  });
  const columns: TableColumnsType<SlowMovingStock> = [
    {
      title: t('stock.col.part'),
      key: 'part',
      render: (_, r) => <Part code={r.partCode} name={r.partName} spec={r.spec} />,
    },
    {
      title: t('stock.col.location'),
      key: 'loc',
      render: (_, r) => `${r.locationCode} ${r.locationName} (${LOCATION_KIND_LABELS[r.locationKind][lang]})`,
    },
    {
      title: t('stock.col.onHand'),
      key: 'qty',
      align: 'right',
      render: (_, r) => <Nowrap>{`${r.onHand} ${r.unit}`}</Nowrap>,
    },
    {
      title: t('stock.col.value'),
      key: 'value',
      align: 'right',
      render: (_, r) => <Nowrap>{formatFen(r.valueFen)}</Nowrap>,
    },
    {
      title: t('health.col.lastIssue'),
      key: 'last',
      render: (_, r) => <Nowrap>{r.lastIssueAt ? at(r.lastIssueAt) : t('health.never')}</Nowrap>,
    },
    { title: t('health.col.stockedSince'), key: 'since', render: (_, r) => <Nowrap>{at(r.stockedSince)}</Nowrap> },
    {
      title: t('health.col.daysIdle'),
      key: 'idle',
      align: 'right',
      render: (_, r) => <Tag color={r.daysIdle >= 180 ? 'red' : 'orange'}>{t('health.days', { n: r.daysIdle })}</Tag>,
    },
  ];
  return (
    <>
      <FilterRow testId="health-slow-filters">
        <Select
          style={{ minWidth: 160 }}
          value={days}
          onChange={(v) => update({ days: v === '90' ? undefined : v })}
          options={['30', '60', '90', '180', '365'].map((d) => ({ value: d, label: t('health.idleFor', { n: d }) }))}
          data-testid="health-filter-days"
        />
        <LocationFilter filters={filters} />
      </FilterRow>
      {q.data ? (
        <Figures
          testId="health-slow-summary"
          items={[
            { title: t('health.slow.total'), value: `${q.data.totalQuantity} · ${formatFen(q.data.totalValueFen)}` },
          ]}
        />
      ) : null}
      <HealthTable<SlowMovingStock>
        q={q}
        filters={filters}
        rowKey={(r) => `${r.partId}|${r.locationId}`}
        columns={columns}
        emptyText={t('health.slow.empty')}
        testId="health-slow-table"
      />
    </>
  );
}

// ---------------------------------------------------------------- turnover

export function TurnoverTab({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const { get, update } = filters;
  const period = defaultTurnoverPeriod(todayIn());
  const from = get('from') ?? period.from;
  const to = get('to') ?? period.to;
  const q = useStockTurnover({
    page: get('page') ?? '1',
    pageSize: String(PAGE_SIZE),
    from,
    to,
    locationId: get('locationId'),
  });
  const days = (bp: number | null) => (bp === null ? '—' : t('health.days', { n: bp }));
  const columns: TableColumnsType<StockTurnoverLine> = [
    { title: t('stock.col.part'), key: 'part', render: (_, r) => <Part code={r.partCode} name={r.partName} /> },
    {
      title: t('health.col.issued'),
      key: 'issued',
      align: 'right',
      render: (_, r) => <Nowrap>{`${r.issuedQuantity} ${r.unit} · ${formatFen(r.issuedValueFen)}`}</Nowrap>,
    },
    {
      title: t('health.col.opening'),
      key: 'opening',
      align: 'right',
      render: (_, r) => <Nowrap>{formatFen(r.openingValueFen)}</Nowrap>,
    },
    {
      title: t('health.col.closing'),
      key: 'closing',
      align: 'right',
      render: (_, r) => <Nowrap>{`${r.closingQuantity} ${r.unit} · ${formatFen(r.closingValueFen)}`}</Nowrap>,
    },
    {
      title: t('health.col.average'),
      key: 'avg',
      align: 'right',
      render: (_, r) => <Nowrap>{formatFen(r.averageValueFen)}</Nowrap>,
    },
    {
      title: t('health.col.turnover'),
      key: 'turnover',
      align: 'right',
      render: (_, r) => <Nowrap>{formatTurnover(r.turnoverBasisPoints)}</Nowrap>,
    },
    { title: t('health.col.daysOfSupply'), key: 'dos', align: 'right', render: (_, r) => days(r.daysOfSupply) },
  ];
  const totals = q.data?.totals;
  return (
    <>
      <FilterRow testId="health-turnover-filters">
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          onChange={(v) => {
            const [a, b] = v ?? [];
            if (a && b) update({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
          }}
          data-testid="health-filter-period"
        />
        <LocationFilter filters={filters} />
      </FilterRow>
      {totals && q.data ? (
        <Figures
          testId="health-turnover-summary"
          items={[
            { title: t('health.turnover.issued'), value: formatFen(totals.issuedValueFen) },
            { title: t('health.turnover.average'), value: formatFen(totals.averageValueFen) },
            {
              title: t('health.turnover.times', { days: q.data.days }),
              value: formatTurnover(totals.turnoverBasisPoints),
            },
            { title: t('health.turnover.daysOfSupply'), value: days(totals.daysOfSupply) },
          ]}
        />
      ) : null}
      <HealthTable<StockTurnoverLine>
        q={q}
        filters={filters}
        rowKey="partId"
        columns={columns}
        emptyText={t('health.turnover.empty')}
        testId="health-turnover-table"
      />
    </>
  );
}

// ---------------------------------------------------------------- pending requisitions

function Age({ minutes }: { minutes: number }) {
  const { t } = useI18n();
  const a = splitMinutes(minutes);
  if (a.days > 0) return <Nowrap>{t('health.age.dh', { d: a.days, h: a.hours })}</Nowrap>;
  if (a.hours > 0) return <Nowrap>{t('health.age.hm', { h: a.hours, m: a.minutes })}</Nowrap>;
  return <Nowrap>{t('health.age.m', { m: a.minutes })}</Nowrap>;
}

export function PendingTab({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const at = useDateTime();
  const { get, update } = filters;
  const stage = get('stage') as 'approval' | 'issue' | undefined;
  const q = usePendingRequisitions({
    page: get('page') ?? '1',
    pageSize: String(PAGE_SIZE),
    stage,
    overdue: boolOf(get('overdue')),
  });
  const columns: TableColumnsType<PendingRequisition> = [
    {
      title: t('req.col.number'),
      key: 'number',
      render: (_, r) => (
        <Link
          to={`/parts/requisitions?status=${r.stage === 'approval' ? 'submitted' : r.status}`}
          data-testid={`pending-${r.number}`}
        >
          {r.number}
        </Link>
      ),
    },
    { title: t('req.col.requester'), dataIndex: 'requesterName', key: 'requester' },
    {
      title: t('req.col.purpose'),
      key: 'purpose',
      render: (_, r) => (
        <Flex vertical>
          <span>{t(`req.purpose.${r.purpose}`)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.purpose === 'job' ? r.workOrderNumber : (r.targetLocationCode ?? '')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('health.col.stage'),
      key: 'stage',
      render: (_, r) => <Tag color={r.stage === 'approval' ? 'blue' : 'purple'}>{t(`health.stage.${r.stage}`)}</Tag>,
    },
    {
      title: t('health.col.lines'),
      key: 'lines',
      align: 'right',
      render: (_, r) => t('health.linesUnits', { lines: r.lines, units: r.quantity }),
    },
    { title: t('health.col.waiting'), key: 'age', render: (_, r) => <Age minutes={r.ageMinutes} /> },
    {
      title: t('health.col.due'),
      key: 'due',
      render: (_, r) => (
        <Flex gap={4} align="center" wrap>
          <Nowrap>{at(r.dueAt)}</Nowrap>
          {r.overdue ? (
            <Tag color="red" data-testid="pending-overdue">
              {t('health.overdue')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    { title: t('health.col.since'), key: 'since', render: (_, r) => <Nowrap>{at(r.since)}</Nowrap> },
  ];
  return (
    <>
      <FilterRow testId="health-pending-filters">
        <Select
          style={{ minWidth: 140 }}
          value={stage ?? 'all'}
          onChange={(v) => update({ stage: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'approval', label: t('health.stage.approval') },
            { value: 'issue', label: t('health.stage.issue') },
          ]}
          data-testid="health-filter-stage"
        />
        <OverdueSelect filters={filters} />
      </FilterRow>
      {q.data ? (
        <Figures
          testId="health-pending-summary"
          items={[
            { title: t('health.pending.total'), value: q.data.total },
            { title: t('health.pending.overdue'), value: q.data.overdueCount, danger: q.data.overdueCount > 0 },
          ]}
        />
      ) : null}
      <HealthTable<PendingRequisition>
        q={q}
        filters={filters}
        rowKey="id"
        columns={columns}
        emptyText={t('health.pending.empty')}
        testId="health-pending-table"
        onRow={(r) => ({ 'data-overdue': String(r.overdue) }) as React.HTMLAttributes<HTMLElement>}
      />
    </>
  );
}

function OverdueSelect({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  return (
    <Select
      style={{ minWidth: 130 }}
      value={filters.get('overdue') ?? 'all'}
      onChange={(v) => filters.update({ overdue: v === 'all' ? undefined : v })}
      options={[
        { value: 'all', label: t('common.all') },
        { value: 'true', label: t('health.overdueOnly') },
        { value: 'false', label: t('health.notOverdue') },
      ]}
      data-testid="health-filter-overdue"
    />
  );
}

// ---------------------------------------------------------------- parts alerts

function alertSubject(a: PartsAlert, t: ReturnType<typeof useI18n>['t']): string {
  const bits = [
    a.requisitionNumber && `${a.requisitionNumber}${a.requesterName ? ` (${a.requesterName})` : ''}`,
    a.oldPartReturnNumber,
    a.partCode && `${a.partCode} ${a.partName ?? ''}`.trim(),
    a.serial && `SN ${a.serial}`,
    a.quantity !== null && a.quantity !== undefined ? t('health.alerts.quantity', { n: a.quantity }) : '',
    a.locationCode,
    a.technicianName,
    a.workOrderNumber,
  ];
  return bits.filter(Boolean).join(' · ');
}

export function AlertsTab({ filters }: { filters: Filters }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const at = useDateTime();
  const { get, update } = filters;
  const status = (get('alertStatus') ?? 'open') as 'open' | 'acknowledged' | 'all';
  const kinds = (get('kinds') ?? '').split(',').filter(Boolean) as PartsAlertKind[];
  const q = usePartsAlerts({
    page: get('page') ?? '1',
    pageSize: String(PAGE_SIZE),
    status,
    kinds: kinds.length ? kinds.join(',') : undefined,
  });
  const ack = useAcknowledgePartsAlert();
  const [acking, setAcking] = useState<string | undefined>();
  const columns: TableColumnsType<PartsAlert> = [
    {
      title: t('health.col.kind'),
      key: 'kind',
      render: (_, a) => (
        <Tag color={a.acknowledgedAt ? 'default' : 'red'} data-testid="alert-kind" data-kind={a.kind}>
          {PARTS_ALERT_KIND_LABELS[a.kind][lang]}
        </Tag>
      ),
    },
    { title: t('health.col.subject'), key: 'subject', render: (_, a) => alertSubject(a, t) },
    { title: t('health.col.due'), key: 'due', render: (_, a) => <Nowrap>{at(a.dueAt)}</Nowrap> },
    { title: t('health.col.raised'), key: 'raised', render: (_, a) => <Nowrap>{at(a.raisedAt)}</Nowrap> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) =>
        a.acknowledgedAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('health.alerts.acknowledgedBy', { name: a.acknowledgedByName ?? '', at: at(a.acknowledgedAt) })}
          </Typography.Text>
        ) : can('parts.manage') ? (
          <Button
            size="small"
            icon={<CheckOutlined />}
            loading={ack.isPending && acking === a.id}
            onClick={() => {
              setAcking(a.id);
              ack.mutate(
                { alertId: a.id },
                {
                  onSuccess: () => void message.success(t('health.alerts.acknowledged')),
                  onError: (e) => void message.error(partsErrorText(t, e)),
                },
              );
            }}
            data-testid={`alert-ack-${a.id}`}
          >
            {t('health.alerts.acknowledge')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <FilterRow testId="health-alerts-filters">
        <Select
          style={{ minWidth: 130 }}
          value={status}
          onChange={(v) => update({ alertStatus: v === 'open' ? undefined : v })}
          options={[
            { value: 'open', label: t('health.alerts.open') },
            { value: 'acknowledged', label: t('health.alerts.acknowledgedFilter') },
            { value: 'all', label: t('common.all') },
          ]}
          data-testid="health-filter-alert-status"
        />
        <Select<PartsAlertKind[]>
          mode="multiple"
          allowClear
          style={{ minWidth: 240, flex: '0 1 420px' }}
          placeholder={t('health.col.kind')}
          value={kinds}
          onChange={(v) => update({ kinds: v.length ? v.join(',') : undefined })}
          options={PARTS_ALERT_KINDS.map((k) => ({ value: k, label: PARTS_ALERT_KIND_LABELS[k][lang] }))}
          data-testid="health-filter-kinds"
        />
      </FilterRow>
      <HealthTable<PartsAlert>
        q={q}
        filters={filters}
        rowKey="id"
        columns={columns}
        emptyText={t('health.alerts.empty')}
        testId="health-alerts-table"
      />
    </>
  );
}

// ---------------------------------------------------------------- old-part returns

const RETURN_COLORS: Record<OldPartReturnStatus, string> = {
  pending: 'processing',
  returned: 'success',
  waived: 'default',
};

export function ReturnsTab({ filters }: { filters: Filters }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const at = useDateTime();
  const { get, update } = filters;
  const status = (get('returnStatus') ?? 'pending') as OldPartReturnStatus | 'all';
  const q = useOldPartReturns({
    page: get('page') ?? '1',
    pageSize: String(PAGE_SIZE),
    status: status === 'all' ? undefined : status,
    overdue: boolOf(get('overdue')),
  });
  const [recording, setRecording] = useState<OldPartReturn | undefined>();
  const [waiving, setWaiving] = useState<OldPartReturn | undefined>();
  const columns: TableColumnsType<OldPartReturn> = [
    { title: t('health.col.number'), dataIndex: 'number', key: 'number' },
    { title: t('stock.col.part'), key: 'part', render: (_, r) => <Part code={r.partCode} name={r.partName} /> },
    {
      title: t('health.col.job'),
      key: 'job',
      render: (_, r) => (
        <Flex vertical>
          <span>{r.workOrderNumber || '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.technicianName, r.requisitionNumber, r.newSerial && `SN ${r.newSerial}`].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('health.col.due'),
      key: 'due',
      render: (_, r) => (
        <Flex gap={4} align="center" wrap>
          <Nowrap>{at(r.dueAt)}</Nowrap>
          {r.overdue ? (
            <Tag color="red" data-testid="return-overdue">
              {t('health.overdue')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('health.col.status'),
      key: 'status',
      render: (_, r) => (
        <Flex vertical>
          <Tag color={RETURN_COLORS[r.status]} data-testid="return-status" data-status={r.status}>
            {OLD_PART_RETURN_STATUS_LABELS[r.status][lang]}
          </Tag>
          {r.status !== 'pending' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[r.closedByName, at(r.closedAt), r.receivedLocationCode, r.oldSerial && `SN ${r.oldSerial}`, r.note]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) =>
        r.status === 'pending' ? (
          <Flex gap={4} wrap>
            {can('stock.move') ? (
              <Button
                size="small"
                type="primary"
                onClick={() => setRecording(r)}
                data-testid={`return-record-${r.number}`}
              >
                {t('health.returns.record')}
              </Button>
            ) : null}
            {can('requisitions.approve') ? (
              <Button size="small" danger onClick={() => setWaiving(r)} data-testid={`return-waive-${r.number}`}>
                {t('health.returns.waive')}
              </Button>
            ) : null}
          </Flex>
        ) : null,
    },
  ];
  return (
    <>
      <FilterRow testId="health-returns-filters">
        <Select
          style={{ minWidth: 130 }}
          value={status}
          onChange={(v) => update({ returnStatus: v === 'pending' ? undefined : v })}
          options={[
            ...OLD_PART_RETURN_STATUSES.map((s) => ({ value: s, label: OLD_PART_RETURN_STATUS_LABELS[s][lang] })),
            { value: 'all', label: t('common.all') },
          ]}
          data-testid="health-filter-return-status"
        />
        <OverdueSelect filters={filters} />
      </FilterRow>
      {q.data ? (
        <Figures
          testId="health-returns-summary"
          items={[
            { title: t('health.returns.listed'), value: q.data.total },
            { title: t('health.returns.overdue'), value: q.data.overdueCount, danger: q.data.overdueCount > 0 },
          ]}
        />
      ) : null}
      <HealthTable<OldPartReturn>
        q={q}
        filters={filters}
        rowKey="id"
        columns={columns}
        emptyText={t('health.returns.empty')}
        testId="health-returns-table"
      />
      <RecordReturnModal item={recording} onClose={() => setRecording(undefined)} />
      <WaiveReturnModal item={waiving} onClose={() => setWaiving(undefined)} />
    </>
  );
}

// ---------------------------------------------------------------- valuable units in vans

export function ValuableTab({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const at = useDateTime();
  const { get } = filters;
  const q = useValuableFollowUp({
    page: get('page') ?? '1',
    pageSize: String(PAGE_SIZE),
    locationId: get('locationId'),
    overdue: boolOf(get('overdue')),
  });
  const columns: TableColumnsType<ValuableFollowUp> = [
    { title: t('stock.col.part'), key: 'part', render: (_, r) => <Part code={r.partCode} name={r.partName} /> },
    { title: t('stock.col.serial'), key: 'serial', render: (_, r) => r.serial || '—' },
    {
      title: t('health.col.van'),
      key: 'van',
      render: (_, r) => (
        <Flex vertical>
          <span>{r.technicianName ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.locationCode}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('stock.col.quantity'), key: 'qty', align: 'right', render: (_, r) => `${r.quantity} ${r.unit}` },
    {
      title: t('stock.col.value'),
      key: 'value',
      align: 'right',
      render: (_, r) => <Nowrap>{formatFen(r.valueFen)}</Nowrap>,
    },
    { title: t('health.col.arrived'), key: 'arrived', render: (_, r) => <Nowrap>{at(r.arrivedAt)}</Nowrap> },
    {
      title: t('health.col.daysInVan'),
      key: 'days',
      align: 'right',
      render: (_, r) => (
        <Flex gap={4} align="center" justify="flex-end">
          <span>{t('health.days', { n: r.daysInVan })}</span>
          {r.overdue ? (
            <Tag color="red" data-testid="valuable-overdue">
              {t('health.overdue')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    { title: t('health.col.due'), key: 'due', render: (_, r) => <Nowrap>{at(r.dueAt)}</Nowrap> },
  ];
  return (
    <>
      <FilterRow testId="health-valuable-filters">
        <LocationFilter filters={filters} kinds={['van']} />
        <OverdueSelect filters={filters} />
      </FilterRow>
      {q.data ? (
        <Figures
          testId="health-valuable-summary"
          items={[
            { title: t('health.valuable.units'), value: q.data.total },
            { title: t('health.valuable.value'), value: formatFen(q.data.totalValueFen) },
            { title: t('health.valuable.overdue'), value: q.data.overdueCount, danger: q.data.overdueCount > 0 },
          ]}
        />
      ) : null}
      <HealthTable<ValuableFollowUp>
        q={q}
        filters={filters}
        rowKey={(r) => `${r.partId}|${r.locationId}|${r.serial}`}
        columns={columns}
        emptyText={t('health.valuable.empty')}
        testId="health-valuable-table"
      />
    </>
  );
}

/** Badge counts of the tab labels: open alerts, overdue requisitions, returns and valuable units. */
export function useHealthCounts() {
  const one = { page: '1', pageSize: '1' };
  const alerts = usePartsAlerts({ ...one, status: 'open' });
  const pending = usePendingRequisitions(one);
  const returns = useOldPartReturns({ ...one, status: 'pending' });
  const valuable = useValuableFollowUp(one);
  const expired = useExpiringStock({ ...one, withinDays: '0', expired: 'true' });
  return {
    alerts: alerts.data?.total ?? 0,
    pending: pending.data?.overdueCount ?? 0,
    returns: returns.data?.overdueCount ?? 0,
    valuable: valuable.data?.overdueCount ?? 0,
    expired: expired.data?.total ?? 0,
  };
}

export type HealthTab = 'expiring' | 'slow' | 'turnover' | 'pending' | 'alerts' | 'returns' | 'valuable';
export const HEALTH_TABS: readonly HealthTab[] = [
  'expiring',
  'slow',
  'turnover',
  'pending',
  'alerts',
  'returns',
  'valuable',
];

/** Wraps each tab in a card body (used by the page). */
export function HealthCard({ children }: { children: ReactNode }) {
  return <Card styles={{ body: { padding: 16, paddingTop: 4 } }}>{children}</Card>;
}
