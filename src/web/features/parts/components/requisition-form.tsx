import { DeleteOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import type { Part } from '@shared/contracts/parts.contract';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useMyJobs } from '@web/features/dispatch/api/list-my-jobs';
import { useWorkOrders } from '@web/features/work-orders/api/list-work-orders';
import { applyServerErrors } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useCreateRequisition } from '../api/create-requisition';
import { LocationSelect, PartSelect } from './pickers';

interface Line {
  part: Part;
  quantity: number;
}
interface Values {
  purpose: 'job' | 'van';
  workOrderId?: string;
  targetLocationId?: string;
  note?: string;
}

/** The technician's jobs of today and tomorrow, or (with workorders.read) a search by order number. */
function WorkOrderSelect({
  value,
  onChange,
  onNumber,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  onNumber: (n: string | undefined) => void;
}) {
  const { t } = useI18n();
  const can = useCan();
  const own = can('jobs.own');
  const today = useMyJobs(undefined);
  const tomorrow = useMyJobs(own ? dayjs().add(1, 'day').format('YYYY-MM-DD') : undefined);
  const [q, setQ] = useState('');
  const search = useWorkOrders(
    { q: q.trim() || undefined, pageSize: '20' },
    { enabled: !own && can('workorders.read') },
  );
  const options = useMemo(() => {
    if (own) {
      const seen = new Set<string>();
      return [...(today.data?.items ?? []), ...(tomorrow.data?.items ?? [])]
        .filter((j) => !seen.has(j.workOrder.id) && seen.add(j.workOrder.id))
        .map((j) => ({
          value: j.workOrder.id,
          number: j.workOrder.number,
          label: `${j.workOrder.number} · ${j.workOrder.district} ${j.workOrder.unit.brand} ${j.workOrder.description.slice(0, 20)}`,
        }));
    }
    return (search.data?.items ?? []).map((w) => ({ value: w.id, number: w.number, label: w.number }));
  }, [own, today.data, tomorrow.data, search.data]);
  return (
    <Select
      size="large"
      allowClear
      value={value}
      showSearch={own ? { optionFilterProp: 'label' } : { filterOption: false, onSearch: setQ }}
      placeholder={t('req.field.workOrderSearch')}
      notFoundContent={own ? t('req.noJobs') : undefined}
      loading={today.isFetching || search.isFetching}
      options={options}
      onChange={(v, o) => {
        onChange?.(v);
        onNumber((o as { number?: string } | undefined)?.number);
      }}
      data-testid="req-work-order"
    />
  );
}

/**
 * 申请配件: phone-first (one column, 48 px targets): purpose, the job or van, parts found by search, quantity
 * steppers. One request id per form instance, renewed after a successful submit.
 */
export function RequisitionForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const create = useCreateRequisition();
  const [requestId, setRequestId] = useState(randomUuid);
  const [lines, setLines] = useState<Line[]>([]);
  const [picker, setPicker] = useState<string | undefined>();
  const [woNumber, setWoNumber] = useState<string | undefined>();
  const [error, setError] = useState<string[]>([]);
  const [linesError, setLinesError] = useState(false);
  const purpose = Form.useWatch('purpose', form) ?? 'job';
  const ownVan = can('jobs.own');
  const canPickJob = ownVan || can('workorders.read');

  const setQty = (partId: string, q: number) =>
    setLines((ls) => ls.map((l) => (l.part.id === partId ? { ...l, quantity: Math.max(1, Math.min(100000, q)) } : l)));

  const onFinish = (v: Values) => {
    setError([]);
    if (lines.length === 0) {
      setLinesError(true);
      return;
    }
    create.mutate(
      {
        requestId,
        purpose: v.purpose,
        workOrderId: v.purpose === 'job' ? v.workOrderId : undefined,
        workOrderNumber: v.purpose === 'job' ? woNumber : undefined,
        targetLocationId: v.purpose === 'van' ? v.targetLocationId : undefined,
        note: v.note?.trim() || undefined,
        lines: lines.map((l) => ({ partId: l.part.id, quantity: l.quantity })),
      },
      {
        onSuccess: (r) => {
          void message.success(t('req.created', { number: r.number }));
          setRequestId(randomUuid());
          setLines([]);
          form.resetFields();
          onDone();
        },
        onError: (e) => setError(applyServerErrors(form, e, ['purpose', 'workOrderId', 'targetLocationId', 'note'])),
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      initialValues={{ purpose: canPickJob ? 'job' : 'van' }}
      onFinish={onFinish}
      data-testid="req-form"
      data-request-id={requestId}
    >
      {error.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={error.join('；')}
          style={{ marginBottom: 12 }}
          data-testid="req-form-error"
        />
      ) : null}
      <Form.Item name="purpose" label={t('req.field.purpose')}>
        <Radio.Group optionType="button" buttonStyle="solid" style={{ display: 'flex' }} data-testid="req-purpose">
          <Radio.Button value="job" disabled={!canPickJob} style={{ flex: 1, textAlign: 'center' }}>
            {t('req.purpose.job')}
          </Radio.Button>
          <Radio.Button value="van" style={{ flex: 1, textAlign: 'center' }}>
            {t('req.purpose.van')}
          </Radio.Button>
        </Radio.Group>
      </Form.Item>
      {purpose === 'job' ? (
        <Form.Item
          name="workOrderId"
          label={t('req.field.workOrder')}
          rules={[{ required: true, message: t('validation.required', { field: t('req.field.workOrder') }) }]}
        >
          <WorkOrderSelect onNumber={setWoNumber} />
        </Form.Item>
      ) : ownVan ? (
        <Typography.Paragraph type="secondary">{t('req.field.vanHint')}</Typography.Paragraph>
      ) : (
        <Form.Item
          name="targetLocationId"
          label={t('req.field.van')}
          rules={[{ required: true, message: t('validation.required', { field: t('req.field.van') }) }]}
        >
          <LocationSelect kinds={['van']} testId="req-van" />
        </Form.Item>
      )}
      <Form.Item
        label={t('req.lines')}
        validateStatus={linesError ? 'error' : undefined}
        help={linesError ? t('req.linesEmpty') : undefined}
      >
        <PartSelect
          testId="req-part-search"
          size="large"
          value={picker}
          onChange={setPicker}
          onPicked={(p) => {
            if (!p) return;
            setLinesError(false);
            setLines((ls) =>
              ls.some((l) => l.part.id === p.id)
                ? ls.map((l) => (l.part.id === p.id ? { ...l, quantity: l.quantity + 1 } : l))
                : ls.length >= 30
                  ? ls
                  : [...ls, { part: p, quantity: 1 }],
            );
            setPicker(undefined);
          }}
        />
      </Form.Item>
      <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="req-lines">
        {lines.map((l) => (
          <Card key={l.part.id} size="small" data-testid={`req-line-${l.part.code}`}>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Flex vertical style={{ minWidth: 0, flex: '1 1 160px' }}>
                <Typography.Text strong>
                  {l.part.code} {l.part.name}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.part.spec}
                </Typography.Text>
              </Flex>
              <Flex align="center" gap={4}>
                <Button
                  icon={<MinusOutlined />}
                  size="large"
                  aria-label="-1"
                  disabled={l.quantity <= 1}
                  onClick={() => setQty(l.part.id, l.quantity - 1)}
                  data-testid="req-line-minus"
                />
                <InputNumber
                  size="large"
                  min={1}
                  max={100000}
                  precision={0}
                  inputMode="numeric"
                  value={l.quantity}
                  controls={false}
                  onChange={(v) => setQty(l.part.id, v ?? 1)}
                  style={{ width: 64, textAlign: 'center' }}
                  data-testid="req-line-quantity"
                />
                <Button
                  icon={<PlusOutlined />}
                  size="large"
                  aria-label="+1"
                  onClick={() => setQty(l.part.id, l.quantity + 1)}
                  data-testid="req-line-plus"
                />
                <Typography.Text type="secondary">{l.part.unit}</Typography.Text>
                <Button
                  icon={<DeleteOutlined />}
                  size="large"
                  danger
                  type="text"
                  aria-label={t('req.removeLine')}
                  onClick={() => setLines((ls) => ls.filter((x) => x.part.id !== l.part.id))}
                  data-testid="req-line-remove"
                />
              </Flex>
            </Flex>
          </Card>
        ))}
      </Flex>
      <Form.Item name="note" label={t('req.field.note')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} data-testid="req-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={create.isPending} data-testid="req-submit">
        {t('req.submit')}
      </Button>
    </Form>
  );
}
