import { InboxOutlined } from '@ant-design/icons';
import type { PurchaseOrderDetail } from '@shared/contracts/purchasing.contract';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { isVersionConflict } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Alert, App, Button, Descriptions, Drawer, Empty, Flex, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCancelPurchaseOrder } from '../api/cancel-purchase-order';
import { useClosePurchaseOrder } from '../api/close-purchase-order';
import { usePurchaseOrder } from '../api/get-purchase-order';
import { partsErrorText } from '../errors';
import { formatFen } from '../money';
import { ReasonModal } from './purchasing-reason-modal';
import { ReceiveDialog } from './purchasing-receive-dialog';
import { OrderStatusTag } from './purchasing-status';

type Line = PurchaseOrderDetail['lines'][number];
type Receipt = PurchaseOrderDetail['receipts'][number];

/** One purchase order: lines received / remaining, its receipts; receive (warehouse), cancel or short-close. */
export function OrderDrawer({ orderId, onClose }: { orderId?: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const detail = usePurchaseOrder(orderId);
  const cancel = useCancelPurchaseOrder();
  const close = useClosePurchaseOrder();
  const [receiving, setReceiving] = useState(false);
  const [asking, setAsking] = useState<'cancel' | 'close' | undefined>();
  const [error, setError] = useState<string | undefined>();
  const o = detail.data;
  const waiting = o?.status === 'open' || o?.status === 'partially_received';
  const fail = (e: unknown) => setError(isVersionConflict(e) ? t('common.versionConflictHint') : partsErrorText(t, e));

  return (
    <Drawer
      open={Boolean(orderId)}
      onClose={onClose}
      size={960}
      title={o ? t('po.detailTitle', { number: o.number }) : ''}
      destroyOnHidden
      data-testid="po-drawer"
      extra={
        o ? (
          <Flex gap={8}>
            {waiting && can('stock.move') ? (
              <Button
                type="primary"
                icon={<InboxOutlined />}
                onClick={() => setReceiving(true)}
                data-testid="po-receive"
              >
                {t('po.receive')}
              </Button>
            ) : null}
            {o.status === 'open' && o.receivedQuantity === 0 && can('purchasing.manage') ? (
              <Button danger onClick={() => setAsking('cancel')} data-testid="po-cancel">
                {t('po.cancel')}
              </Button>
            ) : null}
            {o.status === 'partially_received' && can('purchasing.manage') ? (
              <Button onClick={() => setAsking('close')} data-testid="po-close">
                {t('po.close')}
              </Button>
            ) : null}
          </Flex>
        ) : null
      }
    >
      {detail.isError ? <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {!o ? (
        <Spin />
      ) : (
        <Flex vertical gap={12}>
          {error ? <Alert type="error" showIcon title={error} /> : null}
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('po.col.status')}>
              <OrderStatusTag status={o.status} overdue={o.overdue} />
            </Descriptions.Item>
            <Descriptions.Item label={t('po.col.supplier')}>
              {o.supplierCode} {o.supplierName}
            </Descriptions.Item>
            <Descriptions.Item label={t('po.col.location')}>
              {o.locationCode} {o.locationName}
            </Descriptions.Item>
            <Descriptions.Item label={t('po.col.expectedOn')}>
              <Typography.Text type={o.overdue ? 'danger' : undefined}>{o.expectedOn}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('po.col.orderedAt')}>
              {o.createdByName} · {formatDateTime(o.orderedAt, lang, { seconds: false })}
            </Descriptions.Item>
            <Descriptions.Item label={t('po.col.total')}>{formatFen(o.totalFen)}</Descriptions.Item>
            {o.planNumber ? <Descriptions.Item>{t('po.plan', { number: o.planNumber })}</Descriptions.Item> : null}
            {o.contractNumber ? (
              <Descriptions.Item>{t('po.contract', { number: o.contractNumber })}</Descriptions.Item>
            ) : null}
            {o.note ? <Descriptions.Item label={t('pur.note')}>{o.note}</Descriptions.Item> : null}
            {o.closeReason ? (
              <Descriptions.Item span={2}>{t('po.closeReason', { reason: o.closeReason })}</Descriptions.Item>
            ) : null}
          </Descriptions>
          <Table<Line>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={o.lines}
            data-testid="po-lines"
            columns={[
              {
                title: t('po.col.part'),
                key: 'part',
                render: (_, l) => (
                  <span>
                    {l.partCode} {l.partName} <Typography.Text type="secondary">{l.spec}</Typography.Text>
                  </span>
                ),
              },
              { title: t('po.col.ordered'), key: 'q', align: 'right', render: (_, l) => `${l.quantity} ${l.unit}` },
              { title: t('po.col.received'), dataIndex: 'receivedQuantity', key: 'r', align: 'right' },
              {
                title: t('po.col.remaining'),
                key: 'rem',
                align: 'right',
                render: (_, l) =>
                  l.remainingQuantity > 0 ? <Tag color="processing">{l.remainingQuantity}</Tag> : l.remainingQuantity,
              },
              { title: t('po.col.price'), key: 'p', align: 'right', render: (_, l) => formatFen(l.unitPriceFen) },
              { title: t('plan.col.amount'), key: 'a', align: 'right', render: (_, l) => formatFen(l.amountFen) },
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('po.receipts')}
          </Typography.Title>
          {o.receipts.length === 0 ? (
            <Empty description={t('po.noReceipts')} />
          ) : (
            <Table<Receipt>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={o.receipts}
              data-testid="po-receipts"
              columns={[
                { title: '#', dataIndex: 'number', key: 'n' },
                {
                  title: t('po.col.receivedAt'),
                  key: 'at',
                  render: (_, r) => `${r.receivedByName} · ${formatDateTime(r.receivedAt, lang, { seconds: false })}`,
                },
                { title: t('po.col.received'), dataIndex: 'quantity', key: 'q', align: 'right' },
                { title: t('plan.col.amount'), key: 'v', align: 'right', render: (_, r) => formatFen(r.valueFen) },
                {
                  title: '',
                  key: 'onTime',
                  render: (_, r) =>
                    r.onTime ? (
                      <Tag color="success">{t('po.receipt.onTime')}</Tag>
                    ) : (
                      <Tag color="error">{t('po.receipt.late')}</Tag>
                    ),
                },
              ]}
            />
          )}
        </Flex>
      )}
      {receiving && o ? <ReceiveDialog order={o} onClose={() => setReceiving(false)} /> : null}
      <ReasonModal
        open={asking !== undefined}
        title={o ? t(asking === 'close' ? 'po.closeTitle' : 'po.cancelTitle', { number: o.number }) : ''}
        loading={cancel.isPending || close.isPending}
        testId={`po-${asking ?? 'reason'}`}
        onClose={() => setAsking(undefined)}
        onSubmit={(reason) => {
          if (!o) return;
          const mutation = asking === 'close' ? close : cancel;
          mutation.mutate(
            { params: { orderId: o.id }, body: { version: o.version, reason } },
            {
              onSuccess: () => {
                setAsking(undefined);
                setError(undefined);
                void message.success(t(asking === 'close' ? 'po.closed' : 'po.cancelled'));
              },
              onError: (e) => {
                setAsking(undefined);
                fail(e);
              },
            },
          );
        }}
      />
    </Drawer>
  );
}
