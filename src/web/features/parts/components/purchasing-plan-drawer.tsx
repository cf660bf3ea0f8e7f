import { DeleteOutlined, InfoCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { PlanLineReasons, PurchasePlan } from '@shared/contracts/purchasing.contract';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan, useCurrentUser } from '@web/features/auth/hooks/use-current-user';
import { isApiError } from '@web/lib/api';
import { isVersionConflict } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { type TFunction, useI18n } from '@web/lib/i18n';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  InputNumber,
  Popconfirm,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useCancelPurchasePlan } from '../api/cancel-purchase-plan';
import { useDecidePurchasePlan } from '../api/decide-purchase-plan';
import { usePurchasePlan } from '../api/get-purchase-plan';
import { useOrderPurchasePlan } from '../api/order-purchase-plan';
import { useSubmitPurchasePlan } from '../api/submit-purchase-plan';
import { useUpdatePurchasePlan } from '../api/update-purchase-plan';
import { partsErrorText } from '../errors';
import { formatFen } from '../money';
import { PartSelect } from './pickers';
import { ReasonModal } from './purchasing-reason-modal';
import { OrderStatusTag, PlanStatusTag } from './purchasing-status';
import { SupplierSelect } from './purchasing-supplier-select';

interface EditLine {
  key: string;
  partId: string;
  label: string;
  unit: string;
  suggestedQuantity: number;
  quantity: number;
  supplierId: string | null;
  supplierName: string | null;
  /** The supplier was picked here (sent); otherwise the line keeps its supplier and price. */
  supplierChanged: boolean;
  unitPriceFen: number;
  reasons: PlanLineReasons | null;
}

export function reasonsText(t: TFunction, r: PlanLineReasons): string {
  if (r.manual) return t('plan.why.manual');
  return t('plan.why.text', {
    onHand: r.onHand,
    onOrder: r.onOrder,
    requisitions: r.openRequisitions,
    point: r.reorderPoint,
    quantity: r.reorderQuantity,
    weeks: r.usageWeeks,
    usage: r.weeklyUsage.reduce((s, n) => s + n, 0),
    factor: (r.seasonalFactorBp / 10000).toFixed(2).replace(/\.?0+$/, ''),
    source: t(`plan.source.${r.seasonalSource}`),
    days: r.horizonDays,
    forecast: r.forecast,
    projected: r.projected,
  });
}

function linesOf(plan: PurchasePlan): EditLine[] {
  return plan.lines.map((l) => ({
    key: l.id,
    partId: l.partId,
    label: `${l.partCode} ${l.partName}${l.spec ? ` · ${l.spec}` : ''}`,
    unit: l.unit,
    suggestedQuantity: l.suggestedQuantity,
    quantity: l.quantity,
    supplierId: l.supplierId,
    supplierName: l.supplierName,
    supplierChanged: false,
    unitPriceFen: l.unitPriceFen,
    reasons: l.reasons,
  }));
}

/** One plan: its lines and why, edits while a draft, submit, the head's decision, the orders. */
export function PlanDrawer({ planId, onClose }: { planId?: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const me = useCurrentUser();
  const detail = usePurchasePlan(planId);
  const plan = detail.data;
  const save = useUpdatePurchasePlan();
  const submit = useSubmitPurchasePlan();
  const decide = useDecidePurchasePlan();
  const cancel = useCancelPurchasePlan();
  const order = useOrderPurchasePlan();
  const [lines, setLines] = useState<EditLine[]>([]);
  const [dirty, setDirty] = useState(false);
  const [adding, setAdding] = useState<string | undefined>();
  const [asking, setAsking] = useState<'reject' | 'cancel' | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (plan) {
      setLines(linesOf(plan));
      setDirty(false);
      setError(undefined);
    }
  }, [plan]);

  const editable = plan?.status === 'draft' && can('purchasing.manage');
  const fail = (e: unknown) => {
    if (isVersionConflict(e)) return setError(t('common.versionConflictHint'));
    if (isApiError(e) && e.issues.length) return setError(e.issues.map((i) => i.message).join('; '));
    setError(partsErrorText(t, e));
  };
  const change = (key: string, patch: Partial<EditLine>) => {
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
    setDirty(true);
  };
  const missingSupplier = useMemo(() => lines.filter((l) => l.quantity > 0 && !l.supplierId).length, [lines]);
  const totalFen = lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0);
  const suppliersToOrder = new Set(lines.filter((l) => l.quantity > 0).map((l) => l.supplierId)).size;

  const columns: TableColumnsType<EditLine> = [
    {
      title: t('plan.col.part'),
      key: 'part',
      render: (_, l) => (
        <Flex gap={4} align="center" style={{ minWidth: 200 }}>
          <span>{l.label}</span>
          {l.reasons ? (
            <Tooltip title={reasonsText(t, l.reasons)}>
              <InfoCircleOutlined style={{ color: '#1677ff' }} data-testid={`plan-why-${l.partId}`} />
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    { title: t('plan.col.suggested'), dataIndex: 'suggestedQuantity', key: 'suggested', align: 'right' },
    {
      title: t('plan.col.quantity'),
      key: 'quantity',
      render: (_, l) =>
        editable ? (
          <InputNumber
            min={0}
            max={100000}
            precision={0}
            value={l.quantity}
            onChange={(v) => change(l.key, { quantity: v ?? 0 })}
            style={{ width: 100 }}
            data-testid={`plan-qty-${l.partId}`}
          />
        ) : (
          <span>
            {l.quantity} {l.unit}
          </span>
        ),
    },
    {
      title: t('plan.col.supplier'),
      key: 'supplier',
      render: (_, l) =>
        editable ? (
          <SupplierSelect
            value={l.supplierId}
            allowClear
            placeholder={t('plan.noSupplier')}
            onChange={(v) => change(l.key, { supplierId: v ?? null, supplierChanged: true })}
            style={{ minWidth: 200 }}
            testId={`plan-supplier-${l.partId}`}
          />
        ) : l.supplierName ? (
          l.supplierName
        ) : (
          <Tag color="error">{t('plan.noSupplier')}</Tag>
        ),
    },
    {
      title: t('plan.col.price'),
      key: 'price',
      align: 'right',
      render: (_, l) => (l.supplierChanged ? '…' : formatFen(l.unitPriceFen)),
    },
    {
      title: t('plan.col.amount'),
      key: 'amount',
      align: 'right',
      render: (_, l) => (l.supplierChanged ? '…' : formatFen(l.quantity * l.unitPriceFen)),
    },
    ...(editable
      ? [
          {
            title: '',
            key: 'remove',
            render: (_: unknown, l: EditLine) => (
              <Button
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('plan.removeLine')}
                onClick={() => {
                  setLines((ls) => ls.filter((x) => x.key !== l.key));
                  setDirty(true);
                }}
              />
            ),
          },
        ]
      : []),
  ];

  const version = plan?.version ?? 0;
  const id = plan?.id ?? '';
  return (
    <Drawer
      open={Boolean(planId)}
      onClose={onClose}
      size={1000}
      title={plan ? t('plan.detailTitle', { number: plan.number }) : ''}
      destroyOnHidden
      data-testid="plan-drawer"
    >
      {detail.isError ? <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {!plan ? (
        <Spin />
      ) : (
        <Flex vertical gap={12}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('plan.col.status')}>
              <PlanStatusTag status={plan.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('plan.col.location')}>
              {plan.locationCode} {plan.locationName}
            </Descriptions.Item>
            <Descriptions.Item label={t('plan.col.createdBy')}>
              {plan.createdByName} · {formatDateTime(plan.createdAt, lang, { seconds: false })}
            </Descriptions.Item>
            <Descriptions.Item label={t('pur.total')}>{formatFen(totalFen)}</Descriptions.Item>
            <Descriptions.Item span={2}>
              <Typography.Text type="secondary">
                {t('plan.basis', {
                  weeks: plan.basis.usageWeeks,
                  days: plan.basis.horizonDays,
                  date: plan.basis.proposedOn,
                })}
              </Typography.Text>
            </Descriptions.Item>
            {plan.decidedByName ? (
              <Descriptions.Item span={2}>
                {t('plan.decidedBy', {
                  name: plan.decidedByName,
                  time: formatDateTime(plan.decidedAt, lang, { seconds: false }),
                })}
              </Descriptions.Item>
            ) : null}
            {plan.rejectReason ? (
              <Descriptions.Item span={2}>{t('plan.rejectReason', { reason: plan.rejectReason })}</Descriptions.Item>
            ) : null}
            {plan.note ? <Descriptions.Item label={t('pur.note')}>{plan.note}</Descriptions.Item> : null}
          </Descriptions>
          {error ? <Alert type="error" showIcon title={error} data-testid="plan-error" /> : null}
          {missingSupplier > 0 &&
          (plan.status === 'draft' || plan.status === 'submitted' || plan.status === 'approved') ? (
            <Alert type="warning" showIcon title={t('plan.noSupplierWarning', { count: missingSupplier })} />
          ) : null}
          <Table<EditLine>
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={lines}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="plan-lines"
          />
          {editable ? (
            <Flex gap={8} align="center">
              <div style={{ width: 360 }}>
                <PartSelect
                  value={adding}
                  onChange={setAdding}
                  onPicked={(p) => {
                    if (!p || lines.some((l) => l.partId === p.id)) return;
                    setLines((ls) => [
                      ...ls,
                      {
                        key: `new-${p.id}`,
                        partId: p.id,
                        label: `${p.code} ${p.name}${p.spec ? ` · ${p.spec}` : ''}`,
                        unit: p.unit,
                        suggestedQuantity: 0,
                        quantity: 1,
                        supplierId: null,
                        supplierName: null,
                        supplierChanged: false,
                        unitPriceFen: 0,
                        reasons: null,
                      },
                    ]);
                    setDirty(true);
                    setAdding(undefined);
                  }}
                  placeholder={t('plan.addLine')}
                  testId="plan-add-part"
                />
              </div>
              <PlusOutlined style={{ color: '#999' }} />
            </Flex>
          ) : null}
          <Flex gap={8} wrap justify="flex-end">
            {dirty ? <Tag color="warning">{t('plan.dirty')}</Tag> : null}
            {editable ? (
              <>
                <Button
                  type={dirty ? 'primary' : 'default'}
                  disabled={!dirty}
                  loading={save.isPending}
                  data-testid="plan-save"
                  onClick={() =>
                    save.mutate(
                      {
                        params: { planId: id },
                        body: {
                          version,
                          lines: lines.map((l) => ({
                            partId: l.partId,
                            quantity: l.quantity,
                            // Not picked here: an existing line keeps its supplier, a new one takes the cheapest
                            // current contract; a cleared pick (null) means none.
                            ...(l.supplierChanged ? { supplierId: l.supplierId } : {}),
                          })),
                        },
                      },
                      { onSuccess: () => void message.success(t('pur.saved')), onError: fail },
                    )
                  }
                >
                  {t('plan.save')}
                </Button>
                <Button
                  type="primary"
                  disabled={dirty}
                  loading={submit.isPending}
                  data-testid="plan-submit"
                  onClick={() =>
                    submit.mutate(
                      { params: { planId: id }, body: { version } },
                      { onSuccess: () => void message.success(t('plan.submitted')), onError: fail },
                    )
                  }
                >
                  {t('plan.submit')}
                </Button>
              </>
            ) : null}
            {plan.status === 'submitted' && can('purchasing.approve') ? (
              <>
                {plan.createdBy === me.id ? (
                  <Typography.Text type="secondary">{t('plan.ownPlanHint')}</Typography.Text>
                ) : null}
                <Button danger onClick={() => setAsking('reject')} data-testid="plan-reject">
                  {t('plan.reject')}
                </Button>
                <Button
                  type="primary"
                  loading={decide.isPending}
                  disabled={plan.createdBy === me.id}
                  data-testid="plan-approve"
                  onClick={() =>
                    decide.mutate(
                      { params: { planId: id }, body: { version, decision: 'approve' } },
                      { onSuccess: () => void message.success(t('plan.approved')), onError: fail },
                    )
                  }
                >
                  {t('plan.approve')}
                </Button>
              </>
            ) : null}
            {plan.status === 'approved' && can('purchasing.manage') ? (
              <Popconfirm
                title={t('plan.orderConfirm', { count: suppliersToOrder })}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  order.mutateAsync(
                    { params: { planId: id }, body: { version } },
                    {
                      onSuccess: (p) => void message.success(t('plan.ordered', { count: p.orders.length })),
                      onError: fail,
                    },
                  )
                }
              >
                <Button type="primary" loading={order.isPending} data-testid="plan-order">
                  {t('plan.order')}
                </Button>
              </Popconfirm>
            ) : null}
            {(plan.status === 'draft' || plan.status === 'submitted' || plan.status === 'approved') &&
            can('purchasing.manage') ? (
              <Button onClick={() => setAsking('cancel')} data-testid="plan-cancel">
                {t('plan.cancel')}
              </Button>
            ) : null}
          </Flex>
          {plan.orders.length ? (
            <>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('plan.orders')}
              </Typography.Title>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={plan.orders}
                columns={[
                  { title: t('po.col.number'), dataIndex: 'number', key: 'number' },
                  { title: t('po.col.supplier'), dataIndex: 'supplierName', key: 'supplier' },
                  { title: t('po.col.status'), key: 'status', render: (_, o) => <OrderStatusTag status={o.status} /> },
                  { title: t('po.col.total'), key: 'total', align: 'right', render: (_, o) => formatFen(o.totalFen) },
                ]}
                data-testid="plan-orders"
              />
            </>
          ) : null}
        </Flex>
      )}
      <ReasonModal
        open={asking !== undefined}
        title={plan ? t(asking === 'reject' ? 'plan.rejectTitle' : 'plan.cancelTitle', { number: plan.number }) : ''}
        loading={decide.isPending || cancel.isPending}
        testId={`plan-${asking ?? 'reason'}`}
        onClose={() => setAsking(undefined)}
        onSubmit={(reason) => {
          const done = (key: 'plan.rejected' | 'plan.cancelled') => () => {
            setAsking(undefined);
            void message.success(t(key));
          };
          if (asking === 'reject') {
            decide.mutate(
              { params: { planId: id }, body: { version, decision: 'reject', reason } },
              { onSuccess: done('plan.rejected'), onError: fail },
            );
          } else {
            cancel.mutate(
              { params: { planId: id }, body: { version, reason } },
              { onSuccess: done('plan.cancelled'), onError: fail },
            );
          }
        }}
      />
    </Drawer>
  );
}
