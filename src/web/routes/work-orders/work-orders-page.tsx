import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  FAULT_CATEGORY_CODES,
  type FaultCategoryCode,
  type WORK_ORDER_SORTS,
  type WorkOrderSummary,
} from '@shared/contracts/intake.contract';
import {
  CHANNEL_LABELS,
  CHANNELS,
  type Channel,
  PRIORITIES,
  PRIORITY_LABELS,
  type Priority,
  STATUS_LABELS,
  WORK_ORDER_STATUSES,
  type WorkOrderStatus,
} from '@shared/domain/work-order';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { GUANGZHOU_DISTRICTS } from '@web/features/intake/districts';
import { useExportWorkOrders } from '@web/features/work-orders/api/export-work-orders';
import { type ListWorkOrdersQuery, useWorkOrders } from '@web/features/work-orders/api/list-work-orders';
import { OverdueTag, PriorityTag, StatusTag } from '@web/features/work-orders/components/tags';
import { useFaultCategoryName } from '@web/features/work-orders/hooks/use-fault-category-name';
import { useErrorNotice } from '@web/lib/errors';
import { formatDateTime, pickedToIso } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useUrlFilters } from '@web/lib/use-url-filters';
import {
  Badge,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Input,
  Row,
  Select,
  Table,
  type TableColumnsType,
  type TableProps,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';

type Sort = (typeof WORK_ORDER_SORTS)[number];
const DEFAULT_PAGE_SIZE = 20;

/** The list's filters, sort and page live in the URL, so "back" from an order returns to the same list. */
function useListParams() {
  const { get, update, clear } = useUrlFilters();
  const query: ListWorkOrdersQuery = {
    page: get('page') ?? '1',
    pageSize: get('pageSize') ?? String(DEFAULT_PAGE_SIZE),
    q: get('q'),
    status: get('status'),
    channel: get('channel') as Channel | undefined,
    priority: get('priority') as Priority | undefined,
    faultCategory: get('faultCategory') as FaultCategoryCode | undefined,
    district: get('district'),
    from: get('from'),
    to: get('to'),
    overdue: get('overdue') as 'true' | 'false' | undefined,
    sort: get('sort') as Sort | undefined,
    order: get('order') as 'asc' | 'desc' | undefined,
  };
  return { query, update, clear };
}

export function WorkOrdersPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const notify = useErrorNotice();
  const faultName = useFaultCategoryName();
  const { query, update, clear } = useListParams();
  const orders = useWorkOrders(query);
  const exporter = useExportWorkOrders();
  const [searchText, setSearchText] = useState(query.q ?? '');

  const statusValue = useMemo(() => (query.status ? query.status.split(',') : []) as WorkOrderStatus[], [query.status]);
  const range: [Dayjs, Dayjs] | null =
    query.from && query.to ? [dayjs(query.from), dayjs(query.to).subtract(1, 'day')] : null;

  const sortOrderOf = (key: Sort) =>
    (query.sort ?? 'createdAt') === key ? ((query.order ?? 'desc') === 'asc' ? 'ascend' : 'descend') : null;

  const columns: TableColumnsType<WorkOrderSummary> = [
    {
      title: t('wo.col.number'),
      dataIndex: 'number',
      key: 'number',
      sorter: true,
      sortOrder: sortOrderOf('number'),
      fixed: 'left',
      render: (number: string, o) => (
        <Link to={`/work-orders/${o.id}`} data-testid={`wo-link-${number}`}>
          <span style={{ whiteSpace: 'nowrap' }}>{number}</span>
        </Link>
      ),
    },
    {
      title: t('wo.col.status'),
      key: 'status',
      render: (_, o) => (
        <Flex gap={4} wrap={false}>
          <StatusTag status={o.status} />
          {o.overdue ? <OverdueTag /> : null}
        </Flex>
      ),
    },
    {
      title: t('wo.col.priority'),
      key: 'priority',
      sorter: true,
      sortOrder: sortOrderOf('priority'),
      render: (_, o) => <PriorityTag priority={o.priority} />,
    },
    {
      title: t('wo.col.customer'),
      key: 'customer',
      render: (_, o) => (
        <Flex vertical style={{ whiteSpace: 'nowrap' }}>
          <span>{o.customer.name}</span>
          {o.customer.phone ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.customer.phone.masked}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: t('wo.col.district'), dataIndex: 'district', key: 'district' },
    {
      title: t('wo.col.fault'),
      key: 'fault',
      render: (_, o) => (
        <Tooltip title={o.description}>
          <span style={{ whiteSpace: 'nowrap' }}>{faultName(o.faultCategory)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('wo.col.channel'),
      key: 'channel',
      render: (_, o) => CHANNEL_LABELS[o.channel][lang],
    },
    {
      title: t('wo.col.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: sortOrderOf('createdAt'),
      render: (at: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, lang, { seconds: false })}</span>
      ),
    },
    {
      title: t('wo.col.estimatedAt'),
      dataIndex: 'estimatedAt',
      key: 'estimatedAt',
      sorter: true,
      sortOrder: sortOrderOf('estimatedAt'),
      render: (at: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, lang, { seconds: false })}</span>
      ),
    },
    {
      title: t('wo.col.alerts'),
      dataIndex: 'openAlerts',
      key: 'openAlerts',
      align: 'center',
      render: (n: number) => (n > 0 ? <Badge count={n} /> : null),
    },
  ];

  const onTableChange: TableProps<WorkOrderSummary>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.columnKey as Sort | undefined;
      if (!s?.order || !key) update({ sort: undefined, order: undefined });
      else update({ sort: key, order: s.order === 'ascend' ? 'asc' : 'desc' });
      return;
    }
    const pageSize = String(pagination.pageSize ?? DEFAULT_PAGE_SIZE);
    if (pageSize !== query.pageSize) update({ pageSize, page: undefined });
    else update({ page: String(pagination.current ?? 1) }, true);
  };

  const onExport = () => {
    const { page: _p, pageSize: _s, ...filters } = query;
    exporter.mutate(filters, { onError: notify });
  };

  return (
    <div>
      <PageHeader
        title={t('wo.title')}
        extra={
          <>
            {can('workorders.create') ? (
              <Link to="/intake/hotline">
                <Button type="primary" icon={<PlusOutlined />}>
                  {t('wo.new')}
                </Button>
              </Link>
            ) : null}
            {can('workorders.export') ? (
              <Button
                icon={<DownloadOutlined />}
                onClick={onExport}
                loading={exporter.isPending}
                data-testid="wo-export"
              >
                {t('wo.export')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="wo-filters">
          <Col xs={24} md={12} xl={6}>
            <Input.Search
              allowClear
              placeholder={t('wo.searchPlaceholder')}
              maxLength={32}
              value={searchText}
              onChange={(e) => {
                setSearchText(e.target.value);
                if (e.target.value === '') update({ q: undefined });
              }}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              data-testid="wo-search"
            />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Select<WorkOrderStatus[]>
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              style={{ width: '100%' }}
              placeholder={t('wo.filter.status')}
              value={statusValue}
              onChange={(v) => update({ status: v.length ? v.join(',') : undefined })}
              options={WORK_ORDER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s][lang] }))}
              optionFilterProp="label"
              data-testid="wo-filter-status"
            />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Select<Channel>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('wo.filter.channel')}
              value={query.channel}
              onChange={(v) => update({ channel: v })}
              options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c][lang] }))}
              data-testid="wo-filter-channel"
            />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Select<Priority>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('wo.filter.priority')}
              value={query.priority}
              onChange={(v) => update({ priority: v })}
              options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p][lang] }))}
              data-testid="wo-filter-priority"
            />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Select<string>
              allowClear
              showSearch
              style={{ width: '100%' }}
              placeholder={t('wo.filter.district')}
              value={query.district}
              onChange={(v) => update({ district: v })}
              options={GUANGZHOU_DISTRICTS.map((d) => ({ value: d, label: d }))}
              data-testid="wo-filter-district"
            />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Select<'true' | 'false'>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('wo.filter.overdue')}
              value={query.overdue}
              onChange={(v) => update({ overdue: v })}
              options={[
                { value: 'true', label: t('wo.filter.overdueYes') },
                { value: 'false', label: t('wo.filter.overdueNo') },
              ]}
              data-testid="wo-filter-overdue"
            />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Select<FaultCategoryCode>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('wo.filter.fault')}
              value={query.faultCategory}
              onChange={(v) => update({ faultCategory: v })}
              options={FAULT_CATEGORY_CODES.map((c) => ({ value: c, label: faultName(c) }))}
              data-testid="wo-filter-fault"
            />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              value={range}
              placeholder={[t('wo.filter.createdFrom'), t('wo.filter.createdTo')]}
              onChange={(v) => {
                const [from, to] = v ?? [];
                update({
                  from: from ? pickedToIso(from.startOf('day')) : undefined,
                  to: to ? pickedToIso(to.add(1, 'day').startOf('day')) : undefined,
                });
              }}
              data-testid="wo-filter-range"
            />
          </Col>
          <Col xs={24} xl={4}>
            <Flex gap={8}>
              <Button
                onClick={() => {
                  setSearchText('');
                  clear();
                }}
                data-testid="wo-filter-reset"
              >
                {t('common.reset')}
              </Button>
              <Button icon={<ReloadOutlined />} onClick={() => void orders.refetch()} aria-label={t('common.reload')} />
            </Flex>
          </Col>
        </Row>

        {orders.isError && !orders.data ? (
          <QueryErrorResult error={orders.error} onRetry={() => void orders.refetch()} />
        ) : (
          <Table<WorkOrderSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={orders.data?.items ?? []}
            loading={orders.isFetching}
            scroll={{ x: 'max-content' }}
            onChange={onTableChange}
            showSorterTooltip={false}
            data-testid="work-orders-table"
            pagination={{
              current: Number(query.page ?? 1),
              pageSize: Number(query.pageSize ?? DEFAULT_PAGE_SIZE),
              total: orders.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { total }),
            }}
          />
        )}
      </Card>
    </div>
  );
}
