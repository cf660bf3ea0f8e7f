import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useCancelWorkOrder } from '../api/cancel-work-order';
import type { OrderRef } from './return-modal';
import { VersionConflictAlert } from './version-conflict';

/** 取消工单 with a reason (the customer gets an SMS). */
export function CancelOrderModal({ order, onClose }: { order: OrderRef | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelWorkOrder();
  const [formError, setFormError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    if (!order) return;
    form.resetFields();
    setFormError([]);
    setConflict(false);
  }, [order, form]);

  const onFinish = ({ reason }: { reason: string }) => {
    if (!order) return;
    setFormError([]);
    cancel.mutate(
      { workOrderId: order.id, body: { reason: reason.trim(), version: order.version } },
      {
        onSuccess: (o) => {
          void message.success(t('wo.cancel.done', { number: o.number }));
          onClose();
        },
        onError: (error) => {
          if (isVersionConflict(error)) setConflict(true);
          else setFormError(applyServerErrors(form, error, ['reason']));
        },
      },
    );
  };

  return (
    <Modal
      open={Boolean(order)}
      title={order ? t('wo.cancel.title', { number: order.number }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('wo.cancel.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={cancel.isPending}
      okButtonProps={{ ...tid('wo-cancel-submit'), danger: true, disabled: conflict }}
      destroyOnHidden
      forceRender
    >
      {conflict ? <VersionConflictAlert onReloaded={onClose} /> : null}
      {formError.length > 0 ? (
        <Alert type="error" showIcon title={formError.join('；')} style={{ marginBottom: 12 }} />
      ) : null}
      <Typography.Paragraph type="secondary">{t('wo.cancel.hint')}</Typography.Paragraph>
      <Form<{ reason: string }> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="reason"
          label={t('wo.cancel.reason')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required', { field: t('wo.cancel.reason') }) },
            { min: 2, message: t('validation.minChars', { min: 2 }) },
          ]}
        >
          <Input.TextArea
            maxLength={200}
            showCount
            autoSize={{ minRows: 2, maxRows: 4 }}
            data-testid="wo-cancel-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
