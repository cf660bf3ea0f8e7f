import { OPEN_STATUSES, type WorkOrderSummary } from '@shared/contracts/intake.contract';
import { QueryErrorResult } from '@web/components/status-results';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Empty, Flex, List, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { useWorkOrders } from '../api/list-work-orders';
import { useFaultCategoryName } from '../hooks/use-fault-category-name';
import { PriorityTag, StatusTag } from './tags';

const OPEN = new Set<string>(OPEN_STATUSES);

/** One order as a compact list row: number (link), status, fault, created. */
export function OrderRow({ order, onPick }: { order: WorkOrderSummary; onPick?: (order: WorkOrderSummary) => void }) {
  const { lang } = useI18n();
  const faultName = useFaultCategoryName();
  return (
    <List.Item
      style={{ paddingInline: 0 }}
      onClick={onPick ? () => onPick(order) : undefined}
      data-testid={`order-row-${order.number}`}
    >
      <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
        <Flex gap={6} wrap align="center">
          <Link to={`/work-orders/${order.id}`} onClick={(e) => e.stopPropagation()}>
            <Typography.Text strong>{order.number}</Typography.Text>
          </Link>
          <StatusTag status={order.status} />
          {order.priority === 'urgent' ? <PriorityTag priority="urgent" /> : null}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {formatDateTime(order.createdAt, lang, { seconds: false })} · {faultName(order.faultCategory)} ·{' '}
          {order.description}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

/** A customer's open and past orders (the 50 most recent). */
export function CustomerOrders({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const orders = useWorkOrders({ customerId, pageSize: '50', sort: 'createdAt', order: 'desc' });
  if (orders.isLoading) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (orders.isError) return <QueryErrorResult error={orders.error} onRetry={() => void orders.refetch()} />;
  const items = orders.data?.items ?? [];
  const open = items.filter((o) => OPEN.has(o.status));
  const past = items.filter((o) => !OPEN.has(o.status));
  if (items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.noOrders')} />;
  }
  return (
    <div data-testid="customer-orders">
      <Typography.Text strong>{t('customers.openOrders', { count: open.length })}</Typography.Text>
      {open.length > 0 ? (
        <List size="small" dataSource={open} renderItem={(o) => <OrderRow key={o.id} order={o} />} />
      ) : (
        <div style={{ margin: '4px 0 8px' }}>
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        </div>
      )}
      <Typography.Text strong>{t('customers.pastOrders', { count: past.length })}</Typography.Text>
      {past.length > 0 ? (
        <List size="small" dataSource={past} renderItem={(o) => <OrderRow key={o.id} order={o} />} />
      ) : (
        <div style={{ marginTop: 4 }}>
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        </div>
      )}
    </div>
  );
}
