import type { BoardAppointment } from '@shared/contracts/dispatch.contract';
import { isApiError } from '@web/lib/api';
import { applyServerErrors } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useUnassignWorkOrder } from '../api/unassign-work-order';
import { assignErrorText } from '../errors';

interface Values {
  reason: string;
}

/** 撤回派单: take an order back from its technician (it returns to the queue), with a reason. */
export function UnassignModal({
  appointment,
  technicianName,
  onClose,
}: {
  appointment: BoardAppointment | undefined;
  technicianName: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const unassign = useUnassignWorkOrder();
  const [error, setError] = useState<string>();
  const idempotencyKey = useMemo(() => (appointment ? randomUuid() : ''), [appointment]);

  useEffect(() => {
    if (!appointment) return;
    form.resetFields();
    setError(undefined);
  }, [appointment, form]);

  const onFinish = (v: Values) => {
    if (!appointment) return;
    unassign.mutate(
      {
        workOrderId: appointment.workOrderId,
        idempotencyKey,
        body: { version: appointment.workOrderVersion, reason: v.reason.trim() },
      },
      {
        onSuccess: () => {
          void message.success(t('board.unassigned', { number: appointment.workOrderNumber }));
          onClose();
        },
        onError: (e) => {
          if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
            void message.warning(assignErrorText(e, t));
            onClose();
            return;
          }
          const rest = applyServerErrors(form, e, ['reason']);
          if (rest.length) setError(rest.join('；'));
        },
      },
    );
  };

  return (
    <Modal
      open={Boolean(appointment)}
      title={appointment ? t('board.unassignTitle', { number: appointment.workOrderNumber }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('board.unassignSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={unassign.isPending}
      okButtonProps={{ ...tid('unassign-submit'), danger: true }}
      destroyOnHidden
      forceRender
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t('board.unassignHint', { name: technicianName })}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="reason"
          label={t('board.unassignReason')}
          rules={[
            { required: true, whitespace: true, message: t('board.reasonRequired') },
            { min: 2, message: t('validation.minChars', { min: 2 }) },
          ]}
        >
          <Input.TextArea maxLength={300} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="unassign-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
