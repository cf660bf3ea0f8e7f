import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  PURCHASE_ORDER_STATUSES,
  PURCHASE_PLAN_STATUSES,
  type PurchaseOrder,
  type PurchaseOrderStatus,
  type PurchasePlanStatus,
  type PurchasePlanSummary,
} from '@shared/contracts/purchasing.contract';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { type ListPurchaseOrdersQuery, usePurchaseOrders } from '@web/features/parts/api/list-purchase-orders';
import { type ListPurchasePlansQuery, usePurchasePlans } from '@web/features/parts/api/list-purchase-plans';
import { LocationSelect } from '@web/features/parts/components/pickers';
import { OrderDrawer } from '@web/features/parts/components/purchasing-order-drawer';
import { OrderCreateModal } from '@web/features/parts/components/purchasing-order-form';
import { PlanCreateModal } from '@web/features/parts/components/purchasing-plan-create';
import { PlanDrawer } from '@web/features/parts/components/purchasing-plan-drawer';
import { OrderStatusTag, PlanStatusTag } from '@web/features/parts/components/purchasing-status';
import { SupplierSelect } from '@web/features/parts/components/purchasing-supplier-select';
import { formatFen } from '@web/features/parts/money';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useUrlFilters } from '@web/lib/use-url-filters';
import { Button, Card, Checkbox, Flex, Select, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useState } from 'react';

const PAGE_SIZE = 20;
const STORES = ['central', 'branch'] as const;

/** 采购: purchase plans (propose, edit, submit, approve, order) and purchase orders (overdue, receive). */
export function PurchasingPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const canManage = can('purchasing.manage');
  const { get, update } = useUrlFilters();
  const tab = get('tab') ?? 'plans';
  const page = get('page') ?? '1';
  const planQuery: ListPurchasePlansQuery = {
    page,
    pageSize: String(PAGE_SIZE),
    status: get('status') as PurchasePlanStatus | undefined,
    locationId: get('locationId'),
  };
  const orderQuery: ListPurchaseOrdersQuery = {
    page,
    pageSize: String(PAGE_SIZE),
    status: (get('orderStatus') as PurchaseOrderStatus | 'pending' | undefined) ?? undefined,
    supplierId: get('supplierId'),
    locationId: get('locationId'),
    overdue: get('overdue') === 'true' ? 'true' : undefined,
  };
  const plans = usePurchasePlans(planQuery, { enabled: tab === 'plans' });
  const orders = usePurchaseOrders(orderQuery, { enabled: tab === 'orders' });
  const [creatingPlan, setCreatingPlan] = useState(false);
  const [creatingOrder, setCreatingOrder] = useState(false);

  const planColumns: TableColumnsType<PurchasePlanSummary> = [
    {
      title: t('plan.col.number'),
      dataIndex: 'number',
      key: 'number',
      render: (n: string) => <span data-testid={`plan-row-${n}`}>{n}</span>,
    },
    { title: t('plan.col.location'), key: 'loc', render: (_, p) => `${p.locationCode} ${p.locationName}` },
    { title: t('plan.col.status'), key: 'status', render: (_, p) => <PlanStatusTag status={p.status} /> },
    { title: t('plan.col.lines'), dataIndex: 'lineCount', key: 'lines', align: 'right' },
    { title: t('plan.col.total'), key: 'total', align: 'right', render: (_, p) => formatFen(p.totalFen) },
    { title: t('plan.col.createdBy'), dataIndex: 'createdByName', key: 'by' },
    {
      title: t('plan.col.createdAt'),
      key: 'at',
      render: (_, p) => formatDateTime(p.createdAt, lang, { seconds: false }),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, p) => (
        <Button size="small" onClick={() => update({ plan: p.id }, true)} data-testid={`plan-open-${p.number}`}>
          {t('pur.open')}
        </Button>
      ),
    },
  ];

  const orderColumns: TableColumnsType<PurchaseOrder> = [
    {
      title: t('po.col.number'),
      dataIndex: 'number',
      key: 'number',
      render: (n: string) => <span data-testid={`po-row-${n}`}>{n}</span>,
    },
    { title: t('po.col.supplier'), key: 'supplier', render: (_, o) => o.supplierName },
    { title: t('po.col.location'), key: 'loc', render: (_, o) => o.locationCode },
    {
      title: t('po.col.status'),
      key: 'status',
      render: (_, o) => <OrderStatusTag status={o.status} overdue={o.overdue} />,
    },
    {
      title: t('po.col.expectedOn'),
      key: 'expected',
      render: (_, o) => <Typography.Text type={o.overdue ? 'danger' : undefined}>{o.expectedOn}</Typography.Text>,
    },
    {
      title: t('po.col.progress'),
      key: 'progress',
      align: 'right',
      render: (_, o) => `${o.receivedQuantity} / ${o.quantity}`,
    },
    { title: t('po.col.total'), key: 'total', align: 'right', render: (_, o) => formatFen(o.totalFen) },
    {
      title: t('po.col.orderedAt'),
      key: 'at',
      render: (_, o) => formatDateTime(o.orderedAt, lang, { seconds: false }),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, o) => (
        <Button size="small" onClick={() => update({ order: o.id }, true)} data-testid={`po-open-${o.number}`}>
          {t('pur.open')}
        </Button>
      ),
    },
  ];

  const pagination = (total: number) => ({
    current: Number(page),
    pageSize: PAGE_SIZE,
    total,
    showSizeChanger: false,
    showTotal: (n: number) => t('common.total', { total: n }),
  });

  const plansTab = (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center" data-testid="plan-filters">
        <Select<PurchasePlanStatus>
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('plan.filter.status')}
          value={planQuery.status}
          onChange={(v) => update({ status: v })}
          options={PURCHASE_PLAN_STATUSES.map((s) => ({ value: s, label: t(`pur.status.plan.${s}`) }))}
          data-testid="plan-filter-status"
        />
        <LocationSelect
          allowClear
          kinds={STORES}
          value={planQuery.locationId}
          onChange={(v) => update({ locationId: v })}
          placeholder={t('plan.location')}
          style={{ width: 240 }}
          testId="plan-filter-location"
        />
        <Button icon={<ReloadOutlined />} onClick={() => void plans.refetch()} aria-label={t('common.reload')} />
      </Flex>
      {plans.isError && !plans.data ? (
        <QueryErrorResult error={plans.error} onRetry={() => void plans.refetch()} />
      ) : (
        <Table<PurchasePlanSummary>
          rowKey="id"
          size="middle"
          columns={planColumns}
          dataSource={plans.data?.items ?? []}
          loading={plans.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('plan.empty') }}
          onRow={(p) => ({ onDoubleClick: () => update({ plan: p.id }, true) })}
          onChange={(p) => update({ page: String(p.current ?? 1) }, true)}
          pagination={pagination(plans.data?.total ?? 0)}
          data-testid="plan-table"
        />
      )}
    </Flex>
  );

  const ordersTab = (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center" data-testid="po-filters">
        <Select<PurchaseOrderStatus | 'pending'>
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('po.col.status')}
          value={orderQuery.status}
          onChange={(v) => update({ orderStatus: v })}
          options={[
            { value: 'pending' as const, label: t('pur.status.order.pending') },
            ...PURCHASE_ORDER_STATUSES.map((s) => ({ value: s, label: t(`pur.status.order.${s}`) })),
          ]}
          data-testid="po-filter-status"
        />
        <SupplierSelect
          allowClear
          value={orderQuery.supplierId}
          onChange={(v) => update({ supplierId: v })}
          placeholder={t('po.filter.supplier')}
          style={{ width: 240 }}
          testId="po-filter-supplier"
        />
        <Checkbox
          checked={orderQuery.overdue === 'true'}
          onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}
          data-testid="po-filter-overdue"
        >
          {t('po.filter.overdue')}
        </Checkbox>
        <Button icon={<ReloadOutlined />} onClick={() => void orders.refetch()} aria-label={t('common.reload')} />
      </Flex>
      {orders.isError && !orders.data ? (
        <QueryErrorResult error={orders.error} onRetry={() => void orders.refetch()} />
      ) : (
        <Table<PurchaseOrder>
          rowKey="id"
          size="middle"
          columns={orderColumns}
          dataSource={orders.data?.items ?? []}
          loading={orders.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('po.empty') }}
          onRow={(o) => ({
            onDoubleClick: () => update({ order: o.id }, true),
            style: o.overdue ? { background: '#fff1f0' } : undefined,
          })}
          onChange={(p) => update({ page: String(p.current ?? 1) }, true)}
          pagination={pagination(orders.data?.total ?? 0)}
          data-testid="po-table"
        />
      )}
    </Flex>
  );

  return (
    <div>
      <PageHeader
        title={t('plan.title')}
        extra={
          canManage ? (
            tab === 'orders' ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreatingOrder(true)}
                data-testid="po-create"
              >
                {t('po.new')}
              </Button>
            ) : (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreatingPlan(true)}
                data-testid="plan-create"
              >
                {t('plan.new')}
              </Button>
            )
          ) : undefined
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'plans' ? undefined : k, status: undefined, orderStatus: undefined })}
          items={[
            { key: 'plans', label: t('plan.tab.plans'), children: plansTab },
            { key: 'orders', label: t('plan.tab.orders'), children: ordersTab },
          ]}
          data-testid="purchasing-tabs"
        />
      </Card>
      <PlanDrawer planId={get('plan')} onClose={() => update({ plan: undefined }, true)} />
      <OrderDrawer orderId={get('order')} onClose={() => update({ order: undefined }, true)} />
      {canManage ? (
        <>
          <PlanCreateModal
            open={creatingPlan}
            onClose={() => setCreatingPlan(false)}
            onCreated={(id) => update({ plan: id }, true)}
          />
          <OrderCreateModal
            open={creatingOrder}
            onClose={() => setCreatingOrder(false)}
            onCreated={(id) => update({ tab: 'orders', order: id }, true)}
          />
        </>
      ) : null}
    </div>
  );
}
