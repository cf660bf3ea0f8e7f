import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { PurchaseOrderDetail } from '@shared/contracts/purchasing.contract';
import { isApiError } from '@web/lib/api';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Button, DatePicker, Flex, Input, InputNumber, Modal, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { type ReceivePurchaseOrderBody, useReceivePurchaseOrder } from '../api/receive-purchase-order';
import { partsErrorText } from '../errors';
import { splitSerials } from './movement-modal';

type OrderLine = PurchaseOrderDetail['lines'][number];
interface Lot {
  lot: string;
  expiry: Dayjs | null;
  quantity: number;
}
interface Entry {
  quantity: number;
  serials: string;
  lots: Lot[];
}

const label = (l: OrderLine) => `${l.partCode} ${l.partName}`;

function emptyEntry(l: OrderLine): Entry {
  return {
    quantity: l.remainingQuantity,
    serials: '',
    lots: [{ lot: '', expiry: null, quantity: l.remainingQuantity }],
  };
}

/**
 * 到货入库: what arrived per order line — a quantity, lots with their expiry, or one serial per unit. One requestId
 * per opening: a retry after a lost answer receives once. More than remains is refused by the server (nothing posted).
 */
export function ReceiveDialog({ order, onClose }: { order?: PurchaseOrderDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const receive = useReceivePurchaseOrder();
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [requestId, setRequestId] = useState(randomUuid);
  const [error, setError] = useState<string | undefined>();
  const open = order?.lines.filter((l) => l.remainingQuantity > 0) ?? [];
  useEffect(() => {
    if (!order) return;
    setRequestId(randomUuid());
    setError(undefined);
    setEntries(Object.fromEntries(order.lines.map((l) => [l.id, emptyEntry(l)])));
  }, [order]);
  if (!order) return null;

  const entryOf = (l: OrderLine) => entries[l.id] ?? emptyEntry(l);
  const set = (l: OrderLine, patch: Partial<Entry>) =>
    setEntries((all) => ({ ...all, [l.id]: { ...entryOf(l), ...patch } }));
  const setLot = (l: OrderLine, i: number, patch: Partial<Lot>) =>
    set(l, { lots: entryOf(l).lots.map((x, j) => (j === i ? { ...x, ...patch } : x)) });

  const submit = () => {
    const lines: ReceivePurchaseOrderBody['lines'] = [];
    const labels: string[] = [];
    for (const l of open) {
      const e = entryOf(l);
      if (l.serialTracked) {
        const serials = splitSerials(e.serials);
        if (serials.length > l.remainingQuantity) {
          return setError(`${label(l)}: ${t('rcv.serialsTooMany', { count: l.remainingQuantity })}`);
        }
        if (serials.length) {
          lines.push({ orderLineId: l.id, serials });
          labels.push(label(l));
        }
      } else if (l.lotTracked) {
        for (const x of e.lots) {
          if (x.quantity <= 0) continue;
          lines.push({
            orderLineId: l.id,
            quantity: x.quantity,
            lot: x.lot.trim(),
            ...(x.expiry ? { expiryDate: x.expiry.format('YYYY-MM-DD') } : {}),
          });
          labels.push(`${label(l)} ${x.lot}`);
        }
      } else if (e.quantity > 0) {
        lines.push({ orderLineId: l.id, quantity: e.quantity });
        labels.push(label(l));
      }
    }
    if (!lines.length) return setError(t('rcv.nothing'));
    setError(undefined);
    receive.mutate(
      { params: { orderId: order.id }, body: { requestId: `rcv-${requestId}`, lines } },
      {
        onSuccess: (r) => {
          void message.success(t('rcv.done', { number: r.receipt.number, quantity: r.receipt.quantity }));
          onClose();
        },
        onError: (e) => {
          if (isApiError(e) && e.issues.length) {
            setError(
              e.issues
                .map((i) => {
                  const n = /^lines\.(\d+)/.exec(i.path)?.[1];
                  return n !== undefined ? `${labels[Number(n)] ?? i.path}: ${i.message}` : i.message;
                })
                .join('; '),
            );
          } else setError(partsErrorText(t, e));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('rcv.title', { number: order.number })}
      onCancel={onClose}
      onOk={submit}
      okText={t('po.receive')}
      cancelText={t('common.cancel')}
      confirmLoading={receive.isPending}
      okButtonProps={tid('rcv-submit')}
      width={900}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('rcv.hint')}</Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="rcv-error" />
      ) : null}
      <Table<OrderLine>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={open}
        data-testid="rcv-lines"
        columns={[
          {
            title: t('po.col.part'),
            key: 'part',
            render: (_, l) => (
              <Flex vertical>
                <span>{label(l)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.spec}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('po.col.remaining'),
            key: 'remaining',
            align: 'right',
            render: (_, l) => `${l.remainingQuantity} ${l.unit}`,
          },
          {
            title: t('rcv.quantity'),
            key: 'input',
            render: (_, l) => {
              const e = entryOf(l);
              if (l.serialTracked) {
                return (
                  <Input.TextArea
                    rows={2}
                    placeholder={t('rcv.serials')}
                    value={e.serials}
                    onChange={(v) => set(l, { serials: v.target.value })}
                    style={{ minWidth: 280 }}
                    data-testid={`rcv-serials-${l.partCode}`}
                  />
                );
              }
              if (l.lotTracked) {
                return (
                  <Flex vertical gap={4}>
                    {e.lots.map((x, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: lots are edited in place, by position
                      <Flex key={i} gap={4} align="center">
                        <Input
                          placeholder={t('rcv.lot')}
                          value={x.lot}
                          maxLength={40}
                          onChange={(v) => setLot(l, i, { lot: v.target.value })}
                          style={{ width: 120 }}
                          data-testid={`rcv-lot-${l.partCode}-${i}`}
                        />
                        <DatePicker
                          placeholder={t('rcv.expiry')}
                          value={x.expiry}
                          onChange={(d) => setLot(l, i, { expiry: d })}
                          data-testid={`rcv-expiry-${l.partCode}-${i}`}
                        />
                        <InputNumber
                          min={0}
                          max={l.remainingQuantity}
                          precision={0}
                          value={x.quantity}
                          onChange={(v) => setLot(l, i, { quantity: v ?? 0 })}
                          style={{ width: 90 }}
                          data-testid={`rcv-lot-qty-${l.partCode}-${i}`}
                        />
                        {e.lots.length > 1 ? (
                          <Button
                            size="small"
                            icon={<DeleteOutlined />}
                            aria-label={t('plan.removeLine')}
                            onClick={() => set(l, { lots: e.lots.filter((_x, j) => j !== i) })}
                          />
                        ) : null}
                      </Flex>
                    ))}
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => set(l, { lots: [...e.lots, { lot: '', expiry: null, quantity: 0 }] })}
                      style={{ alignSelf: 'flex-start' }}
                    >
                      {t('rcv.addLot')}
                    </Button>
                  </Flex>
                );
              }
              return (
                <InputNumber
                  min={0}
                  max={l.remainingQuantity}
                  precision={0}
                  value={e.quantity}
                  onChange={(v) => set(l, { quantity: v ?? 0 })}
                  style={{ width: 100 }}
                  data-testid={`rcv-qty-${l.partCode}`}
                />
              );
            },
          },
        ]}
      />
    </Modal>
  );
}
