import type { StockMovement } from '@shared/contracts/parts.contract';
import { MOVEMENT_KIND_LABELS } from '@shared/domain/parts';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Button, Flex, Table, type TableColumnsType, type TablePaginationConfig, Tag, Typography } from 'antd';
import { formatFen } from '../money';

/** Ledger rows: time, kind, location, signed quantity, unit cost, value, lot / serial / order / reason. */
export function MovementTable({
  rows,
  loading,
  onReverse,
  pagination,
  testId,
}: {
  rows: StockMovement[];
  loading?: boolean;
  onReverse?: (m: StockMovement) => void;
  pagination?: false | TablePaginationConfig;
  testId: string;
}) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<StockMovement> = [
    {
      title: t('stock.ledger.at'),
      key: 'at',
      render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.at, lang, { seconds: false })}</span>,
    },
    {
      title: t('stock.ledger.kind'),
      key: 'kind',
      render: (_, m) => (
        <Flex gap={4} wrap>
          <Tag color={m.quantity >= 0 ? 'green' : 'orange'}>{MOVEMENT_KIND_LABELS[m.kind][lang]}</Tag>
          {m.reversed ? <Tag>{t('stock.ledger.reversed')}</Tag> : null}
        </Flex>
      ),
    },
    { title: t('stock.ledger.location'), dataIndex: 'locationCode', key: 'location' },
    {
      title: t('stock.ledger.quantity'),
      key: 'quantity',
      align: 'right',
      render: (_, m) => (m.quantity > 0 ? `+${m.quantity}` : String(m.quantity)),
    },
    {
      title: t('stock.ledger.unitCost'),
      key: 'unitCost',
      align: 'right',
      render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{formatFen(m.unitCostFen)}</span>,
    },
    {
      title: t('stock.ledger.value'),
      key: 'value',
      align: 'right',
      render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{formatFen(m.valueFen)}</span>,
    },
    {
      title: t('stock.ledger.detail'),
      key: 'detail',
      render: (_, m) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {[
            m.lot && `${t('stock.col.lot')} ${m.lot}`,
            m.expiryDate && `${t('stock.col.expiry')} ${m.expiryDate}`,
            m.serial && `${t('stock.col.serial')} ${m.serial}`,
            m.workOrderNumber,
            m.supplier,
            m.reason,
            m.note,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
      ),
    },
    { title: t('stock.ledger.actor'), dataIndex: 'actorName', key: 'actor' },
    ...(onReverse
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, m: StockMovement) =>
              m.kind === 'reversal' || m.reversed ? null : (
                <Button size="small" danger onClick={() => onReverse(m)} data-testid={`ledger-reverse-${m.seq}`}>
                  {t('stock.ledger.reverse')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <Table<StockMovement>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={pagination}
      data-testid={testId}
      onRow={(m) => ({ 'data-seq': m.seq }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
