import { isApiError } from '@web/lib/api';
import { applyServerErrors } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useCreatePurchasePlan } from '../api/create-purchase-plan';
import { partsErrorText } from '../errors';
import { LocationSelect } from './pickers';

interface Values {
  locationId: string;
  usageWeeks: number;
  horizonDays: number;
  note?: string;
}

const STORES = ['central', 'branch'] as const;

/** Propose a plan for a receiving location; one requestId per opening, so a retry makes one plan. */
export function PlanCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (planId: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePurchasePlan();
  const [requestId, setRequestId] = useState(randomUuid);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!open) return;
    setRequestId(randomUuid());
    setError(undefined);
    form.setFieldsValue({ usageWeeks: 8, horizonDays: 30 });
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={t('plan.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('plan.new')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={tid('plan-create-submit')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('plan.createHint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            {
              requestId: `plan-${requestId}`,
              locationId: v.locationId,
              usageWeeks: v.usageWeeks,
              horizonDays: v.horizonDays,
              ...(v.note?.trim() ? { note: v.note.trim() } : {}),
            },
            {
              onSuccess: (plan) => {
                void message.success(t('plan.created', { number: plan.number }));
                onClose();
                onCreated(plan.id);
              },
              onError: (e) => {
                if (!isApiError(e) || e.code !== 'VALIDATION_FAILED') return setError(partsErrorText(t, e));
                const rest = applyServerErrors(form, e, ['locationId', 'usageWeeks', 'horizonDays', 'note']);
                setError(rest.length ? rest.join('; ') : undefined);
              },
            },
          )
        }
      >
        <Form.Item name="locationId" label={t('plan.location')} rules={[{ required: true }]}>
          <LocationSelect kinds={STORES} testId="plan-create-location" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="usageWeeks" label={t('plan.usageWeeks')} rules={[{ required: true }]}>
              <InputNumber min={1} max={52} precision={0} style={{ width: '100%' }} data-testid="plan-create-weeks" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="horizonDays" label={t('plan.horizonDays')} rules={[{ required: true }]}>
              <InputNumber min={1} max={180} precision={0} style={{ width: '100%' }} data-testid="plan-create-days" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('pur.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
