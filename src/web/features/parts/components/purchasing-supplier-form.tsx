import type { Supplier } from '@shared/contracts/purchasing.contract';
import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Col, Form, Input, Modal, Row, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useCreateSupplier } from '../api/create-supplier';
import { useUpdateSupplier } from '../api/update-supplier';

interface Values {
  code?: string;
  name: string;
  contactName?: string;
  contactPhone?: string;
  email?: string;
  address?: string;
  creditCode?: string;
  note?: string;
  active?: boolean;
}

const FIELDS = ['code', 'name', 'contactName', 'contactPhone', 'email', 'address', 'creditCode', 'note', 'active'];

/** Create a supplier or edit one (with its version). */
export function SupplierFormModal({
  open,
  supplier,
  onClose,
  onCreated,
}: {
  open: boolean;
  supplier?: Supplier;
  onClose: () => void;
  onCreated?: (id: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateSupplier();
  const update = useUpdateSupplier();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    if (supplier) form.setFieldsValue({ ...supplier });
  }, [open, supplier, form]);

  const onFinish = (v: Values) => {
    const fields = {
      name: v.name.trim(),
      contactName: v.contactName?.trim() ?? '',
      contactPhone: v.contactPhone?.trim() ?? '',
      email: v.email?.trim() ?? '',
      address: v.address?.trim() ?? '',
      creditCode: v.creditCode?.trim().toUpperCase() ?? '',
      note: v.note?.trim() ?? '',
    };
    const fail = (e: unknown) => {
      if (isVersionConflict(e)) return setError(t('common.versionConflictHint'));
      const rest = applyServerErrors(form, e, FIELDS);
      setError(rest.length ? rest.join('; ') : undefined);
    };
    if (supplier) {
      update.mutate(
        {
          params: { supplierId: supplier.id },
          body: { version: supplier.version, ...fields, active: v.active ?? true },
        },
        {
          onSuccess: () => {
            void message.success(t('pur.saved'));
            onClose();
          },
          onError: fail,
        },
      );
    } else {
      create.mutate(
        { code: (v.code ?? '').trim(), ...fields },
        {
          onSuccess: (s) => {
            void message.success(t('sup.created'));
            onClose();
            onCreated?.(s.id);
          },
          onError: fail,
        },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={supplier ? t('sup.editTitle', { code: supplier.code }) : t('sup.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={tid('sup-form-submit')}
      width={720}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={onFinish} data-testid="sup-form">
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={t('sup.field.code')}
              rules={supplier ? [] : [{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/ }]}
            >
              <Input disabled={Boolean(supplier)} maxLength={40} placeholder="SUP-GREE" data-testid="sup-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('sup.field.name')} rules={[{ required: true, whitespace: true, max: 80 }]}>
              <Input maxLength={80} data-testid="sup-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactName" label={t('sup.field.contactName')} rules={[{ max: 40 }]}>
              <Input maxLength={40} data-testid="sup-contact-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="contactPhone"
              label={t('sup.field.contactPhone')}
              rules={[{ pattern: /^[0-9+\-() ]{0,30}$/ }]}
            >
              <Input maxLength={30} data-testid="sup-contact-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="email" label={t('sup.field.email')} rules={[{ type: 'email', max: 120 }]}>
              <Input maxLength={120} data-testid="sup-email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="address" label={t('sup.field.address')} rules={[{ max: 200 }]}>
              <Input maxLength={200} data-testid="sup-address" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="creditCode"
              label={t('sup.field.creditCode')}
              rules={[{ pattern: /^([0-9A-Za-z]{18})?$/ }]}
            >
              <Input maxLength={18} data-testid="sup-credit-code" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={t('sup.field.note')} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} data-testid="sup-note" />
            </Form.Item>
          </Col>
          {supplier ? (
            <Col xs={24}>
              <Form.Item name="active" label={t('sup.field.active')} valuePropName="checked">
                <Switch data-testid="sup-active" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
