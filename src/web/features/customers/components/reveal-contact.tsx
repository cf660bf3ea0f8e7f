import { EyeOutlined } from '@ant-design/icons';
import type { RevealedContact } from '@shared/contracts/customers.contract';
import { applyServerErrors } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, Button, Flex, Form, Input, type InputRef, Modal, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useRevealCustomerContact } from '../api/reveal-customer-contact';

const REASON_PRESETS = [
  'intake.revealPreset.callback',
  'intake.revealPreset.verify',
  'intake.revealPreset.visit',
] as const;

/**
 * "查看号码": asks for a reason (the reveal is an audit event), then shows the full phone or address in place of the
 * button. `what` says which one is shown; `phoneId` / `addressId` pick it (neither: the primary phone).
 */
export function RevealContactButton({
  customerId,
  phoneId,
  addressId,
  what = 'phone',
  onRevealed,
}: {
  customerId: string;
  phoneId?: string | undefined;
  addressId?: string | undefined;
  what?: 'phone' | 'address';
  onRevealed?: (contact: RevealedContact) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [revealed, setRevealed] = useState<RevealedContact>();
  const [formError, setFormError] = useState<string[]>([]);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useRevealCustomerContact();
  const inputRef = useRef<InputRef>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setFormError([]);
    const id = window.setTimeout(() => inputRef.current?.focus(), 50);
    return () => window.clearTimeout(id);
  }, [open, form]);

  const shown = what === 'phone' ? revealed?.phone?.number : revealed?.address?.text;
  if (revealed && shown) {
    return (
      <Typography.Text strong copyable data-testid={what === 'phone' ? 'revealed-phone' : 'revealed-address'}>
        {shown}
      </Typography.Text>
    );
  }

  const onFinish = ({ reason }: { reason: string }) => {
    setFormError([]);
    reveal.mutate(
      {
        customerId,
        body: {
          reason: reason.trim(),
          ...(phoneId ? { phoneId } : {}),
          ...(addressId ? { addressId } : {}),
        },
      },
      {
        onSuccess: (contact) => {
          setRevealed(contact);
          setOpen(false);
          onRevealed?.(contact);
        },
        onError: (error) => setFormError(applyServerErrors(form, error, ['reason'])),
      },
    );
  };

  return (
    <>
      <Button
        size="small"
        type="link"
        icon={<EyeOutlined />}
        onClick={() => setOpen(true)}
        data-testid="reveal-button"
        style={{ paddingInline: 4 }}
      >
        {what === 'phone' ? t('customers.revealPhone') : t('customers.revealAddress')}
      </Button>
      <Modal
        open={open}
        title={what === 'phone' ? t('customers.revealPhone') : t('customers.revealAddress')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('customers.revealSubmit')}
        cancelText={t('common.cancel')}
        confirmLoading={reveal.isPending}
        okButtonProps={tid('reveal-submit')}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('customers.revealHint')}</Typography.Paragraph>
        {formError.length > 0 ? (
          <Alert type="error" showIcon title={formError.join('；')} style={{ marginBottom: 12 }} />
        ) : null}
        <Form<{ reason: string }> form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item
            name="reason"
            label={t('customers.revealReason')}
            rules={[
              { required: true, whitespace: true, message: t('customers.revealReasonRequired') },
              { min: 2, message: t('customers.revealReasonRequired') },
            ]}
          >
            <Input ref={inputRef} maxLength={200} data-testid="reveal-reason" />
          </Form.Item>
          <Flex wrap gap={6}>
            {REASON_PRESETS.map((key) => (
              <Tag.CheckableTag
                key={key}
                checked={false}
                onChange={() => form.setFieldsValue({ reason: t(key) })}
                style={{ border: '1px solid #d9d9d9' }}
              >
                {t(key)}
              </Tag.CheckableTag>
            ))}
          </Flex>
        </Form>
      </Modal>
    </>
  );
}
