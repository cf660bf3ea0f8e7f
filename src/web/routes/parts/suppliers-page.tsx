import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { SupplierSummary } from '@shared/contracts/purchasing.contract';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { type ListSuppliersQuery, useSuppliers } from '@web/features/parts/api/list-suppliers';
import { SupplierRanking } from '@web/features/parts/components/purchasing-ranking';
import { ScoreTag } from '@web/features/parts/components/purchasing-status';
import { SupplierDrawer } from '@web/features/parts/components/purchasing-supplier-drawer';
import { SupplierFormModal } from '@web/features/parts/components/purchasing-supplier-form';
import { useI18n } from '@web/lib/i18n';
import { useUrlFilters } from '@web/lib/use-url-filters';
import { Button, Card, Col, Flex, Input, Row, Select, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';

const DEFAULT_PAGE_SIZE = 20;

/** 供应商: suppliers with contacts, contracts (prices, file) and evaluations; the ranking of a period. */
export function SuppliersPage() {
  const { t } = useI18n();
  const can = useCan();
  const canManage = can('purchasing.manage');
  const { get, update, clear } = useUrlFilters();
  const tab = get('tab') ?? 'list';
  const page = Number(get('page') ?? '1');
  const pageSize = Number(get('pageSize') ?? DEFAULT_PAGE_SIZE);
  const query: ListSuppliersQuery = {
    page: String(page),
    pageSize: String(pageSize),
    q: get('q'),
    active: (get('active') as 'true' | 'false' | 'all' | undefined) ?? 'true',
  };
  const suppliers = useSuppliers(query, { enabled: tab === 'list' });
  const [searchText, setSearchText] = useState(query.q ?? '');
  const [creating, setCreating] = useState(false);
  const open = get('supplier');

  const columns: TableColumnsType<SupplierSummary> = [
    {
      title: t('sup.col.code'),
      dataIndex: 'code',
      key: 'code',
      render: (code: string) => (
        <span style={{ whiteSpace: 'nowrap' }} data-testid={`sup-row-${code}`}>
          {code}
        </span>
      ),
    },
    { title: t('sup.col.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('sup.col.contact'),
      key: 'contact',
      render: (_, s) => (
        <Flex vertical>
          <span>{s.contactName || '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.contactPhone}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('sup.col.contracts'), dataIndex: 'currentContracts', key: 'contracts', align: 'right' },
    {
      title: t('sup.col.score'),
      key: 'score',
      render: (_, s) => (
        <Flex gap={4} align="center">
          <ScoreTag score={s.latestTotalScore} />
          {s.latestPeriodEnd ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.latestPeriodEnd}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('sup.col.status'),
      key: 'active',
      render: (_, s) =>
        s.active ? <Tag color="success">{t('sup.active.true')}</Tag> : <Tag>{t('sup.active.false')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) => (
        <Button size="small" onClick={() => update({ supplier: s.id }, true)} data-testid={`sup-open-${s.code}`}>
          {t('pur.open')}
        </Button>
      ),
    },
  ];

  const list = (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="sup-filters">
        <Col xs={24} md={12} xl={8}>
          <Input.Search
            allowClear
            placeholder={t('sup.searchPlaceholder')}
            maxLength={50}
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              if (e.target.value === '') update({ q: undefined });
            }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            data-testid="sup-search"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select<'true' | 'false' | 'all'>
            style={{ width: '100%' }}
            value={query.active}
            onChange={(v) => update({ active: v === 'true' ? undefined : v })}
            options={(['true', 'false', 'all'] as const).map((v) => ({ value: v, label: t(`sup.active.${v}`) }))}
            data-testid="sup-filter-active"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Flex gap={8}>
            <Button
              onClick={() => {
                setSearchText('');
                clear();
              }}
            >
              {t('common.reset')}
            </Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void suppliers.refetch()}
              aria-label={t('common.reload')}
            />
          </Flex>
        </Col>
      </Row>
      {suppliers.isError && !suppliers.data ? (
        <QueryErrorResult error={suppliers.error} onRetry={() => void suppliers.refetch()} />
      ) : (
        <Table<SupplierSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={suppliers.data?.items ?? []}
          loading={suppliers.isFetching}
          scroll={{ x: 'max-content' }}
          data-testid="sup-table"
          onRow={(s) => ({ onDoubleClick: () => update({ supplier: s.id }, true) })}
          onChange={(p) => {
            const size = String(p.pageSize ?? DEFAULT_PAGE_SIZE);
            if (Number(size) !== pageSize) update({ pageSize: size });
            else update({ page: String(p.current ?? 1) }, true);
          }}
          pagination={{
            current: page,
            pageSize,
            total: suppliers.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (n) => t('common.total', { total: n }),
          }}
        />
      )}
    </>
  );

  return (
    <div>
      <PageHeader
        title={t('sup.title')}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="sup-create">
              {t('sup.new')}
            </Button>
          ) : undefined
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'list' ? undefined : k })}
          items={[
            { key: 'list', label: t('sup.tab.list'), children: list },
            {
              key: 'ranking',
              label: t('sup.tab.ranking'),
              children: (
                <SupplierRanking
                  period={get('period')}
                  onPeriod={(p) => update({ period: p }, true)}
                  onOpenSupplier={(id) => update({ supplier: id }, true)}
                />
              ),
            },
          ]}
          data-testid="sup-tabs"
        />
      </Card>
      <SupplierDrawer supplierId={open} onClose={() => update({ supplier: undefined }, true)} />
      {canManage ? (
        <SupplierFormModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(id) => update({ supplier: id }, true)}
        />
      ) : null}
    </div>
  );
}
