import type { User } from '@shared/contracts/identity.contract';
import { applyServerErrors } from '@web/lib/errors';
import { useT } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useResetUserPassword } from '../api/reset-user-password';
import { confirmRules, passwordRules } from '../validation';

interface ResetValues {
  newPassword: string;
  confirm: string;
}

export function ResetPasswordModal({ user, onClose }: { user: User | undefined; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetValues>();
  const reset = useResetUserPassword();
  const [formError, setFormError] = useState<string[]>([]);

  useEffect(() => {
    if (user) {
      form.resetFields();
      setFormError([]);
    }
  }, [user, form]);

  const onFinish = (values: ResetValues) => {
    if (!user) return;
    setFormError([]);
    reset.mutate(
      { userId: user.id, body: { newPassword: values.newPassword } },
      {
        onSuccess: () => {
          void message.success(t('users.resetDone'));
          onClose();
        },
        onError: (error) => setFormError(applyServerErrors(form, error, ['newPassword'])),
      },
    );
  };

  return (
    <Modal
      open={Boolean(user)}
      title={user ? t('users.resetPasswordTitle', { name: user.displayName }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      okButtonProps={tid('reset-password-submit')}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('users.resetPasswordHint')}</Typography.Paragraph>
      {formError.length > 0 ? (
        <Alert type="error" showIcon title={formError.join('；')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<ResetValues> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="newPassword"
          label={t('users.field.newPassword')}
          rules={passwordRules(t, t('users.field.newPassword'))}
        >
          <Input.Password autoComplete="new-password" maxLength={128} data-testid="reset-new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.field.confirmPassword')}
          dependencies={['newPassword']}
          rules={confirmRules(t, 'newPassword', t('users.field.confirmPassword'))}
        >
          <Input.Password autoComplete="new-password" maxLength={128} data-testid="reset-confirm-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
