import { PRIVACY_REQUEST_KINDS, type PrivacyRequest } from '@shared/contracts/customers.contract';
import { CHANNEL_LABELS } from '@shared/domain/work-order';
import { applyServerErrors } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Form, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useCreatePrivacyRequest } from '../api/create-privacy-request';

interface Values {
  kind: PrivacyRequest['kind'];
  channel: 'hotline' | 'walk_in';
  note?: string;
}

/** 登记隐私请求: staff record a customer's request (on the phone or at the counter) for a copy or deletion. */
export function PrivacyRequestModal({
  customerId,
  open,
  onClose,
}: {
  customerId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePrivacyRequest();
  const [formError, setFormError] = useState<string[]>([]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setFormError([]);
  }, [open, form]);

  const onFinish = (v: Values) => {
    create.mutate(
      { customerId, body: { kind: v.kind, channel: v.channel, ...(v.note?.trim() ? { note: v.note.trim() } : {}) } },
      {
        onSuccess: () => {
          void message.success(t('privacy.recorded'));
          onClose();
        },
        onError: (error) => setFormError(applyServerErrors(form, error, ['kind', 'channel', 'note'])),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('privacy.record')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={tid('privacy-record-submit')}
      destroyOnHidden
      forceRender
    >
      {formError.length > 0 ? (
        <Alert type="error" showIcon title={formError.join('；')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: 'export', channel: 'hotline' }}
      >
        <Form.Item name="kind" label={t('privacy.col.kind')}>
          <Radio.Group
            optionType="button"
            options={PRIVACY_REQUEST_KINDS.map((k) => ({ value: k, label: t(`privacy.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('intake.field.channel')}>
          <Radio.Group
            optionType="button"
            options={(['hotline', 'walk_in'] as const).map((c) => ({ value: c, label: CHANNEL_LABELS[c][lang] }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('privacy.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
