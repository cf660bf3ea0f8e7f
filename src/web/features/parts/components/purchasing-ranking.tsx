import { CalculatorOutlined, EditOutlined } from '@ant-design/icons';
import type { SupplierEvaluation } from '@shared/contracts/purchasing.contract';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { applyServerErrors, errorMessage, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useComputeSupplierEvaluations } from '../api/compute-supplier-evaluations';
import { useSupplierRanking } from '../api/list-supplier-ranking';
import { useUpdateSupplierEvaluation } from '../api/update-supplier-evaluation';
import { bpPercent, ScoreTag } from './purchasing-status';

type Ranked = SupplierEvaluation & { rank: number };

function Score({ score, computed }: { score: number; computed: number }) {
  const { t } = useI18n();
  return score === computed ? (
    <ScoreTag score={score} />
  ) : (
    <Tooltip title={t('eval.computedScore', { score: computed })}>
      <span>
        <ScoreTag score={score} />
        <Typography.Text delete type="secondary" style={{ fontSize: 12 }}>
          {computed}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

/** The head adjusts an evaluation's scores with a note (the computed ones stay beside them). */
function EvaluationEditModal({ evaluation, onClose }: { evaluation?: SupplierEvaluation; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ qualityScore: number; deliveryScore: number; priceScore: number; note: string }>();
  const update = useUpdateSupplierEvaluation();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!evaluation) return;
    setError(undefined);
    form.setFieldsValue({
      qualityScore: evaluation.qualityScore,
      deliveryScore: evaluation.deliveryScore,
      priceScore: evaluation.priceScore,
      note: evaluation.note,
    });
  }, [evaluation, form]);
  if (!evaluation) return null;
  return (
    <Modal
      open
      title={t('eval.editTitle', {
        supplier: evaluation.supplierName,
        start: evaluation.periodStart,
        end: evaluation.periodEnd,
      })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={tid('eval-edit-submit')}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t('eval.weights')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          update.mutate(
            {
              params: { evaluationId: evaluation.id },
              body: {
                version: evaluation.version,
                qualityScore: v.qualityScore,
                deliveryScore: v.deliveryScore,
                priceScore: v.priceScore,
                note: v.note.trim(),
              },
            },
            {
              onSuccess: () => {
                void message.success(t('eval.saved'));
                onClose();
              },
              onError: (e) => {
                if (isVersionConflict(e)) return setError(t('common.versionConflictHint'));
                const rest = applyServerErrors(form, e, ['qualityScore', 'deliveryScore', 'priceScore', 'note']);
                setError(rest.length ? rest.join('; ') : undefined);
              },
            },
          )
        }
      >
        <Flex gap={12}>
          {(
            [
              ['qualityScore', 'eval.quality', evaluation.qualityScoreComputed],
              ['deliveryScore', 'eval.delivery', evaluation.deliveryScoreComputed],
              ['priceScore', 'eval.price', evaluation.priceScoreComputed],
            ] as const
          ).map(([name, label, computed]) => (
            <Form.Item
              key={name}
              name={name}
              label={t(label)}
              extra={t('eval.computedScore', { score: computed })}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={100} precision={0} data-testid={`eval-${name}`} />
            </Form.Item>
          ))}
        </Flex>
        <Form.Item
          name="note"
          label={t('eval.note')}
          rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('eval.noteRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="eval-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const periodKey = (p: { periodStart: string; periodEnd: string }) => `${p.periodStart}~${p.periodEnd}`;

/** 评价与排名: pick an evaluated period, compute a period (warehouse), adjust scores (head). */
export function SupplierRanking({
  period,
  onPeriod,
  onOpenSupplier,
}: {
  period?: string;
  onPeriod: (key: string | undefined) => void;
  onOpenSupplier: (supplierId: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const [start, end] = period?.split('~') ?? [];
  const ranking = useSupplierRanking(start && end ? { periodStart: start, periodEnd: end } : {});
  const compute = useComputeSupplierEvaluations();
  const lastMonth = dayjs().subtract(1, 'month');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([lastMonth.startOf('month'), lastMonth.endOf('month')]);
  const [editing, setEditing] = useState<SupplierEvaluation | undefined>();
  const data = ranking.data;

  const columns: TableColumnsType<Ranked> = [
    { title: t('eval.rank'), dataIndex: 'rank', key: 'rank', width: 64 },
    {
      title: t('sup.col.name'),
      key: 'supplier',
      render: (_, e) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => onOpenSupplier(e.supplierId)}>
          {e.supplierCode} {e.supplierName}
        </Button>
      ),
    },
    {
      title: t('eval.quality'),
      key: 'q',
      render: (_, e) => <Score score={e.qualityScore} computed={e.qualityScoreComputed} />,
    },
    {
      title: t('eval.delivery'),
      key: 'd',
      render: (_, e) => <Score score={e.deliveryScore} computed={e.deliveryScoreComputed} />,
    },
    {
      title: t('eval.price'),
      key: 'p',
      render: (_, e) => <Score score={e.priceScore} computed={e.priceScoreComputed} />,
    },
    {
      title: t('eval.totalScore'),
      key: 'total',
      render: (_, e) => (
        <Flex gap={4}>
          <ScoreTag score={e.totalScore} testId={`rank-total-${e.supplierCode}`} />
          {e.edited ? (
            <Tooltip title={`${e.editedByName ?? ''}：${e.note}`}>
              <Tag color="gold">{t('eval.edited')}</Tag>
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('eval.figures'),
      key: 'figures',
      render: (_, e) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('eval.received', { n: e.receivedQuantity })} · {t('eval.defects', { n: e.defectQuantity })} ·{' '}
          {t('eval.onTime', { onTime: e.deliveriesOnTime, deliveries: e.deliveries })} ·{' '}
          {t('eval.vsContract', { percent: bpPercent(e.priceVsContractBp) })} ·{' '}
          {t('eval.vsOthers', { percent: bpPercent(e.priceVsOthersBp) })}
        </Typography.Text>
      ),
    },
    ...(can('purchasing.approve')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, e: Ranked) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(e)}
                data-testid={`eval-edit-${e.supplierCode}`}
              >
                {t('eval.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <Typography.Text>{t('eval.period')}</Typography.Text>
        <Select
          style={{ minWidth: 240 }}
          value={
            data?.periodStart && data.periodEnd
              ? periodKey(data as { periodStart: string; periodEnd: string })
              : undefined
          }
          onChange={(v) => onPeriod(v)}
          options={(data?.periods ?? []).map((p) => ({
            value: periodKey(p),
            label: `${p.periodStart} ~ ${p.periodEnd}`,
          }))}
          data-testid="rank-period"
        />
        {can('purchasing.manage') ? (
          <>
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              onChange={(v) => {
                if (v?.[0] && v[1]) setRange([v[0], v[1]]);
              }}
              data-testid="rank-compute-range"
            />
            <Button
              icon={<CalculatorOutlined />}
              loading={compute.isPending}
              data-testid="rank-compute"
              onClick={() => {
                const body = { periodStart: range[0].format('YYYY-MM-DD'), periodEnd: range[1].format('YYYY-MM-DD') };
                compute.mutate(body, {
                  onSuccess: (r) => {
                    void message.success(t('eval.computed', { count: r.items.length }));
                    onPeriod(periodKey(body));
                  },
                  onError: (e) => void message.error(errorMessage(e)),
                });
              }}
            >
              {t('eval.compute')}
            </Button>
          </>
        ) : null}
      </Flex>
      <Typography.Text type="secondary">{t('eval.weights')}</Typography.Text>
      {ranking.isError && !data ? (
        <QueryErrorResult error={ranking.error} onRetry={() => void ranking.refetch()} />
      ) : data && !data.periodStart ? (
        <Empty description={t('eval.noPeriods')} />
      ) : (
        <Table<Ranked>
          rowKey="id"
          size="middle"
          loading={ranking.isFetching}
          dataSource={data?.items ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="rank-table"
        />
      )}
      <EvaluationEditModal evaluation={editing} onClose={() => setEditing(undefined)} />
    </Flex>
  );
}
