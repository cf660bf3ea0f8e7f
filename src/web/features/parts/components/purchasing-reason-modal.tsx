import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Form, Input, Modal } from 'antd';

/** Asks for a reason (2–200 characters) before a rejection, a cancellation or a short-close. */
export function ReasonModal({
  open,
  title,
  loading,
  onSubmit,
  onClose,
  testId,
}: {
  open: boolean;
  title: string;
  loading: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={loading}
      okButtonProps={tid(`${testId}-submit`)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => onSubmit(v.reason.trim())} preserve={false}>
        <Form.Item
          name="reason"
          label={t('pur.reason')}
          rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('pur.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={200} data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
