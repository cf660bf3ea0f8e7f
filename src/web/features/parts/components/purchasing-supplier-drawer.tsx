import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { SupplierContract, SupplierEvaluation } from '@shared/contracts/purchasing.contract';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { errorMessage, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Popconfirm,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSupplier } from '../api/get-supplier';
import { useUpdateSupplierContract } from '../api/update-supplier-contract';
import { formatFen } from '../money';
import { ContractFile } from './purchasing-contract-file';
import { ContractFormModal } from './purchasing-contract-form';
import { ScoreTag } from './purchasing-status';
import { SupplierFormModal } from './purchasing-supplier-form';

function ContractStatus({ c }: { c: SupplierContract }) {
  const { t } = useI18n();
  if (c.status === 'terminated') return <Tag>{t('contract.status.terminated')}</Tag>;
  return c.current ? (
    <Tag color="success">{t('contract.status.current')}</Tag>
  ) : (
    <Tag color="warning">{t('contract.status.expired')}</Tag>
  );
}

function ContractCard({ c, onEdit }: { c: SupplierContract; onEdit?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const update = useUpdateSupplierContract();
  const canManage = can('purchasing.manage');
  return (
    <Card
      size="small"
      data-testid={`contract-${c.number}`}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{c.number}</span>
          <ContractStatus c={c} />
        </Flex>
      }
      extra={
        canManage ? (
          <Flex gap={4}>
            <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid={`contract-edit-${c.number}`}>
              {t('contract.edit')}
            </Button>
            <Popconfirm
              title={c.status === 'active' ? t('contract.terminate') : t('contract.reactivate')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                update.mutateAsync(
                  {
                    params: { contractId: c.id },
                    body: { version: c.version, status: c.status === 'active' ? 'terminated' : 'active' },
                  },
                  {
                    onError: (e) =>
                      void message.error(isVersionConflict(e) ? t('common.versionConflictHint') : errorMessage(e)),
                  },
                )
              }
            >
              <Button size="small" danger={c.status === 'active'} data-testid={`contract-status-${c.number}`}>
                {c.status === 'active' ? t('contract.terminate') : t('contract.reactivate')}
              </Button>
            </Popconfirm>
          </Flex>
        ) : null
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('contract.period')}>
          {c.startsOn} ~ {c.endsOn}
        </Descriptions.Item>
        <Descriptions.Item label={t('contract.deliveryDays')}>
          {t('contract.deliveryDaysValue', { days: c.deliveryDays })}
        </Descriptions.Item>
        <Descriptions.Item label={t('contract.warrantyTerms')} span={2}>
          {c.warrantyTerms || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('contract.paymentTerms')} span={2}>
          {c.paymentTerms || '—'}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="partId"
        pagination={c.prices.length > 10 ? { pageSize: 10, size: 'small' } : false}
        dataSource={c.prices}
        columns={[
          {
            title: t('plan.col.part'),
            key: 'part',
            render: (_, p) => (
              <span>
                {p.partCode} {p.partName} <Typography.Text type="secondary">{p.spec}</Typography.Text>
              </span>
            ),
          },
          {
            title: t('contract.price'),
            key: 'price',
            align: 'right',
            render: (_, p) => `${formatFen(p.unitPriceFen)} / ${p.unit}`,
          },
        ]}
        style={{ margin: '8px 0' }}
      />
      <ContractFile contract={c} canUpload={canManage} />
    </Card>
  );
}

/** Recent evaluations of one supplier: scores (computed beside adjusted ones) and the figures behind them. */
export function EvaluationRows({ items }: { items: SupplierEvaluation[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<SupplierEvaluation> = [
    { title: t('eval.period'), key: 'period', render: (_, e) => `${e.periodStart} ~ ${e.periodEnd}` },
    { title: t('eval.quality'), key: 'q', render: (_, e) => <ScoreTag score={e.qualityScore} /> },
    { title: t('eval.delivery'), key: 'd', render: (_, e) => <ScoreTag score={e.deliveryScore} /> },
    { title: t('eval.price'), key: 'p', render: (_, e) => <ScoreTag score={e.priceScore} /> },
    {
      title: t('eval.totalScore'),
      key: 'total',
      render: (_, e) => (
        <Flex gap={4}>
          <ScoreTag score={e.totalScore} />
          {e.edited ? <Tag color="gold">{t('eval.edited')}</Tag> : null}
        </Flex>
      ),
    },
  ];
  return <Table size="small" rowKey="id" pagination={false} dataSource={items} columns={columns} />;
}

/** A supplier: contacts, contracts with prices and file, recent evaluations. */
export function SupplierDrawer({ supplierId, onClose }: { supplierId?: string; onClose: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  const canManage = can('purchasing.manage');
  const detail = useSupplier(supplierId);
  const [editing, setEditing] = useState(false);
  const [contract, setContract] = useState<SupplierContract | 'new' | undefined>();
  const s = detail.data;
  return (
    <Drawer
      open={Boolean(supplierId)}
      onClose={onClose}
      size={860}
      title={s ? t('sup.detailTitle', { code: s.code, name: s.name }) : ''}
      extra={
        s && canManage ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="sup-edit">
            {t('sup.edit')}
          </Button>
        ) : null
      }
      destroyOnHidden
      data-testid="sup-drawer"
    >
      {detail.isError ? <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {!s ? (
        <Spin />
      ) : (
        <Flex vertical gap={16}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} title={t('sup.contacts')}>
            <Descriptions.Item label={t('sup.field.contactName')}>{s.contactName || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('sup.field.contactPhone')}>{s.contactPhone || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('sup.field.email')}>{s.email || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('sup.field.creditCode')}>{s.creditCode || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('sup.field.address')} span={2}>
              {s.address || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('sup.col.status')}>
              {s.active ? <Tag color="success">{t('sup.active.true')}</Tag> : <Tag>{t('sup.active.false')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('sup.field.note')}>{s.note || '—'}</Descriptions.Item>
          </Descriptions>
          <Flex justify="space-between" align="center">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('sup.contracts')}
            </Typography.Title>
            {canManage ? (
              <Button icon={<PlusOutlined />} onClick={() => setContract('new')} data-testid="contract-create">
                {t('contract.new')}
              </Button>
            ) : null}
          </Flex>
          {s.contracts.length === 0 ? <Empty description={t('sup.noContracts')} /> : null}
          {s.contracts.map((c) => (
            <ContractCard key={c.id} c={c} onEdit={() => setContract(c)} />
          ))}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('sup.evaluations')}
          </Typography.Title>
          {s.evaluations.length === 0 ? (
            <Empty description={t('sup.noEvaluations')} />
          ) : (
            <EvaluationRows items={s.evaluations} />
          )}
        </Flex>
      )}
      {s && canManage ? (
        <>
          <SupplierFormModal open={editing} supplier={s} onClose={() => setEditing(false)} />
          <ContractFormModal
            open={contract !== undefined}
            supplierId={s.id}
            contract={contract === 'new' ? undefined : contract}
            onClose={() => setContract(undefined)}
          />
        </>
      ) : null}
    </Drawer>
  );
}
