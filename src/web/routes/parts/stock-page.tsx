import { ReloadOutlined } from '@ant-design/icons';
import type { StockBalance } from '@shared/contracts/parts.contract';
import { LOCATION_KIND_LABELS, PART_CATEGORIES, PART_CATEGORY_LABELS, type PartCategory } from '@shared/domain/parts';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { type GetStockBalancesQuery, useStockBalances } from '@web/features/parts/api/get-stock-balances';
import { useStockValue } from '@web/features/parts/api/get-stock-value';
import { useReorderAlerts } from '@web/features/parts/api/list-reorder-alerts';
import { LedgerDrawer } from '@web/features/parts/components/ledger-drawer';
import { type MoveKind, MovementModal } from '@web/features/parts/components/movement-modal';
import { LocationSelect } from '@web/features/parts/components/pickers';
import { SerialLookup } from '@web/features/parts/components/serial-lookup';
import { formatFen } from '@web/features/parts/money';
import { useI18n } from '@web/lib/i18n';
import { useUrlFilters } from '@web/lib/use-url-filters';
import {
  Badge,
  Button,
  Card,
  Col,
  Flex,
  Input,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';

const PAGE_SIZE = 20;
type AlertRow = NonNullable<ReturnType<typeof useReorderAlerts>['data']>['items'][number];
type ValueRow = NonNullable<ReturnType<typeof useStockValue>['data']>['items'][number];
type LedgerTarget = { partId: string; partCode: string; partName: string };

/** 库存: balances with value, per-location totals, reorder alerts, serial lookup; movements with stock.move. */
export function StockPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const canMove = can('stock.move');
  const { get, update, clear } = useUrlFilters();
  const tab = get('tab') ?? 'balances';
  const query: GetStockBalancesQuery = {
    page: get('page') ?? '1',
    pageSize: String(PAGE_SIZE),
    locationId: get('locationId'),
    category: get('category') as PartCategory | undefined,
    q: get('q'),
  };
  const balances = useStockBalances(query, { enabled: tab === 'balances' });
  const value = useStockValue();
  const alertsPage = get('alertsPage') ?? '1';
  const alerts = useReorderAlerts({ page: alertsPage, pageSize: String(PAGE_SIZE), locationId: get('locationId') });
  const [searchText, setSearchText] = useState(query.q ?? '');
  const [moving, setMoving] = useState<MoveKind | undefined>();
  const [ledgerOf, setLedgerOf] = useState<LedgerTarget | undefined>();

  const ledgerButton = (r: LedgerTarget) => (
    <Button
      size="small"
      type="link"
      onClick={() => setLedgerOf({ partId: r.partId, partCode: r.partCode, partName: r.partName })}
      data-testid={`stock-ledger-${r.partCode}`}
    >
      {t('stock.ledger')}
    </Button>
  );

  const columns: TableColumnsType<StockBalance> = [
    {
      title: t('stock.col.part'),
      key: 'part',
      fixed: 'left',
      render: (_, b) => (
        <Flex vertical style={{ minWidth: 160 }}>
          <span>
            {b.partCode} {b.partName}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {b.spec} · {PART_CATEGORY_LABELS[b.category][lang]}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('stock.col.location'), key: 'location', render: (_, b) => `${b.locationCode} ${b.locationName}` },
    { title: t('stock.col.lot'), dataIndex: 'lot', key: 'lot' },
    { title: t('stock.col.expiry'), key: 'expiry', render: (_, b) => b.expiryDate ?? '' },
    { title: t('stock.col.serial'), dataIndex: 'serial', key: 'serial' },
    {
      title: t('stock.col.quantity'),
      key: 'quantity',
      align: 'right',
      render: (_, b) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {b.quantity} {b.unit}
        </span>
      ),
    },
    {
      title: t('stock.col.avgCost'),
      key: 'avg',
      align: 'right',
      render: (_, b) => <span style={{ whiteSpace: 'nowrap' }}>{formatFen(b.avgCostFen)}</span>,
    },
    {
      title: t('stock.col.value'),
      key: 'value',
      align: 'right',
      render: (_, b) => <span style={{ whiteSpace: 'nowrap' }}>{formatFen(b.valueFen)}</span>,
    },
    { title: t('common.actions'), key: 'actions', render: (_, b) => ledgerButton(b) },
  ];

  const valueColumns: TableColumnsType<ValueRow> = [
    { title: t('stock.col.location'), key: 'loc', render: (_, v) => `${v.locationCode} ${v.locationName}` },
    { title: t('stock.col.kind'), key: 'kind', render: (_, v) => LOCATION_KIND_LABELS[v.kind][lang] },
    { title: t('stock.col.quantity'), dataIndex: 'quantity', key: 'quantity', align: 'right' },
    { title: t('stock.col.value'), key: 'value', align: 'right', render: (_, v) => formatFen(v.valueFen) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, v) => (
        <Button
          size="small"
          type="link"
          onClick={() => update({ tab: undefined, locationId: v.locationId })}
          data-testid={`stock-location-${v.locationCode}`}
        >
          {t('stock.tab.balances')}
        </Button>
      ),
    },
  ];

  const alertColumns: TableColumnsType<AlertRow> = [
    { title: t('stock.col.part'), key: 'part', render: (_, a) => `${a.partCode} ${a.partName}` },
    { title: t('stock.col.location'), key: 'loc', render: (_, a) => `${a.locationCode} ${a.locationName}` },
    {
      title: t('stock.col.onHand'),
      key: 'onHand',
      align: 'right',
      render: (_, a) => (
        <Typography.Text type="danger">
          {a.onHand} {a.unit}
        </Typography.Text>
      ),
    },
    { title: t('stock.col.reorderPoint'), dataIndex: 'reorderPoint', key: 'point', align: 'right' },
    { title: t('stock.col.reorderQuantity'), dataIndex: 'reorderQuantity', key: 'qty', align: 'right' },
    { title: t('common.actions'), key: 'actions', render: (_, a) => ledgerButton(a) },
  ];

  const balancesTab = (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="stock-filters">
        <Col xs={24} md={10} xl={7}>
          <Input.Search
            allowClear
            placeholder={t('stock.searchPlaceholder')}
            maxLength={50}
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              if (e.target.value === '') update({ q: undefined });
            }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            data-testid="stock-search"
          />
        </Col>
        <Col xs={24} md={8} xl={6}>
          <LocationSelect
            allowClear
            placeholder={t('stock.filter.location')}
            value={query.locationId}
            onChange={(v) => update({ locationId: v })}
            testId="stock-filter-location"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select<PartCategory>
            allowClear
            style={{ width: '100%' }}
            placeholder={t('parts.filter.category')}
            value={query.category}
            onChange={(v) => update({ category: v })}
            options={PART_CATEGORIES.map((c) => ({ value: c, label: PART_CATEGORY_LABELS[c][lang] }))}
            data-testid="stock-filter-category"
          />
        </Col>
        <Col xs={12} md={24} xl={7}>
          <Flex gap={8}>
            <Button
              onClick={() => {
                setSearchText('');
                clear();
              }}
              data-testid="stock-filter-reset"
            >
              {t('common.reset')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => void balances.refetch()} aria-label={t('common.reload')} />
          </Flex>
        </Col>
      </Row>
      {balances.data ? (
        <Typography.Paragraph data-testid="stock-total">
          {t('stock.total', {
            quantity: balances.data.totalQuantity,
            value: formatFen(balances.data.totalValueFen),
          })}
        </Typography.Paragraph>
      ) : null}
      {balances.isError && !balances.data ? (
        <QueryErrorResult error={balances.error} onRetry={() => void balances.refetch()} />
      ) : (
        <Table<StockBalance>
          rowKey={(b) => `${b.partId}|${b.locationId}|${b.lot}|${b.serial}`}
          size="middle"
          columns={columns}
          dataSource={balances.data?.items ?? []}
          loading={balances.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('stock.empty') }}
          data-testid="stock-table"
          onChange={(p) => update({ page: String(p.current ?? 1) }, true)}
          pagination={{
            current: Number(query.page),
            pageSize: PAGE_SIZE,
            total: balances.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => t('common.total', { total: n }),
          }}
        />
      )}
    </>
  );

  return (
    <div>
      <PageHeader
        title={t('stock.title')}
        extra={
          canMove
            ? (['receipt', 'transfer', 'scrap', 'adjustment'] as const).map((k) => (
                <Button
                  key={k}
                  type={k === 'receipt' ? 'primary' : 'default'}
                  onClick={() => setMoving(k)}
                  data-testid={`stock-${k}`}
                >
                  {t(`stock.move.${k}`)}
                </Button>
              ))
            : undefined
        }
      />
      <Card styles={{ body: { padding: 16, paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'balances' ? undefined : k }, true)}
          items={[
            {
              key: 'balances',
              label: <span data-testid="stock-tab-balances">{t('stock.tab.balances')}</span>,
              children: balancesTab,
            },
            {
              key: 'locations',
              label: <span data-testid="stock-tab-locations">{t('stock.tab.locations')}</span>,
              children: (
                <>
                  {value.data ? (
                    <Typography.Paragraph data-testid="stock-value-total">
                      {t('stock.totalValue', { value: formatFen(value.data.totalValueFen) })}
                    </Typography.Paragraph>
                  ) : null}
                  <Table<ValueRow>
                    rowKey="locationId"
                    size="middle"
                    columns={valueColumns}
                    dataSource={value.data?.items ?? []}
                    loading={value.isFetching}
                    scroll={{ x: 'max-content' }}
                    pagination={false}
                    data-testid="stock-value-table"
                  />
                </>
              ),
            },
            {
              key: 'alerts',
              label: (
                <span data-testid="stock-tab-alerts">
                  {t('stock.tab.alerts')}{' '}
                  <Badge count={alerts.data?.total ?? 0} size="small" data-testid="reorder-alerts-count" />
                </span>
              ),
              children: (
                <Table<AlertRow>
                  rowKey={(a) => `${a.partId}|${a.locationId}`}
                  size="middle"
                  columns={alertColumns}
                  dataSource={alerts.data?.items ?? []}
                  loading={alerts.isFetching}
                  scroll={{ x: 'max-content' }}
                  locale={{ emptyText: t('stock.alerts.empty') }}
                  data-testid="reorder-alerts-table"
                  onChange={(p) => update({ alertsPage: String(p.current ?? 1) }, true)}
                  pagination={{
                    current: Number(alertsPage),
                    pageSize: PAGE_SIZE,
                    total: alerts.data?.total ?? 0,
                    showTotal: (n) => t('common.total', { total: n }),
                  }}
                />
              ),
            },
            {
              key: 'serial',
              label: <span data-testid="stock-tab-serial">{t('stock.tab.serial')}</span>,
              children: <SerialLookup />,
            },
          ]}
        />
      </Card>
      {canMove ? <MovementModal kind={moving} onClose={() => setMoving(undefined)} /> : null}
      <LedgerDrawer part={ledgerOf} onClose={() => setLedgerOf(undefined)} />
    </div>
  );
}
