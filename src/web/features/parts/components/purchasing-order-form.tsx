import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { isApiError } from '@web/lib/api';
import { applyServerErrors } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Button, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useCreatePurchaseOrder } from '../api/create-purchase-order';
import { partsErrorText } from '../errors';
import { yuanToFen } from '../money';
import { LocationSelect, PartSelect } from './pickers';
import { SupplierSelect } from './purchasing-supplier-select';

interface Values {
  supplierId: string;
  locationId: string;
  expectedOn?: Dayjs;
  note?: string;
  lines: { partId?: string; quantity?: number; price?: string }[];
}

const STORES = ['central', 'branch'] as const;
const FIELDS = ['supplierId', 'locationId', 'expectedOn', 'note'];

/** An order by hand (without a plan): prices default to the supplier's current contract. */
export function OrderCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (orderId: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePurchaseOrder();
  const [key, setKey] = useState(randomUuid);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!open) return;
    setKey(randomUuid());
    setError(undefined);
    form.resetFields();
    form.setFieldsValue({ lines: [{ quantity: 1 }] });
  }, [open, form]);

  const onFinish = (v: Values) => {
    const lines = v.lines
      .filter((l) => l.partId)
      .map((l) => {
        const fen = l.price?.trim() ? yuanToFen(l.price) : undefined;
        return {
          partId: l.partId as string,
          quantity: l.quantity ?? 1,
          ...(fen !== undefined ? { unitPriceFen: fen } : {}),
        };
      });
    create.mutate(
      {
        idempotencyKey: key,
        body: {
          supplierId: v.supplierId,
          locationId: v.locationId,
          ...(v.expectedOn ? { expectedOn: v.expectedOn.format('YYYY-MM-DD') } : {}),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          lines,
        },
      },
      {
        onSuccess: (o) => {
          void message.success(t('po.created', { number: o.number }));
          onClose();
          onCreated(o.id);
        },
        onError: (e) => {
          if (!isApiError(e) || e.code !== 'VALIDATION_FAILED') return setError(partsErrorText(t, e));
          const rest = applyServerErrors(form, e, FIELDS);
          setError(rest.length ? rest.join('; ') : undefined);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('po.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={tid('po-create-submit')}
      width={820}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={onFinish} data-testid="po-form">
        <Row gutter={12}>
          <Col xs={24} md={9}>
            <Form.Item name="supplierId" label={t('po.supplier')} rules={[{ required: true }]}>
              <SupplierSelect testId="po-create-supplier" />
            </Form.Item>
          </Col>
          <Col xs={24} md={9}>
            <Form.Item name="locationId" label={t('po.location')} rules={[{ required: true }]}>
              <LocationSelect kinds={STORES} testId="po-create-location" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="expectedOn" label={t('po.expectedOn')} extra={t('po.expectedOnHint')}>
              <DatePicker style={{ width: '100%' }} data-testid="po-create-expected" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('po.lines')}</Typography.Text>
        <Form.List name="lines">
          {(rows, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginTop: 8 }}>
              {rows.map((row) => (
                <Flex key={row.key} gap={8} align="flex-start">
                  <Form.Item
                    name={[row.name, 'partId']}
                    rules={[{ required: true }]}
                    style={{ flex: 1, marginBottom: 0 }}
                  >
                    <PartSelect testId={`po-line-part-${row.name}`} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'quantity']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                    <InputNumber min={1} max={100000} precision={0} style={{ width: 100 }} />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'price']}
                    rules={[
                      {
                        validator: (_r, value: string | undefined) =>
                          !value?.trim() || yuanToFen(value) !== undefined
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('contract.priceInvalid'))),
                      },
                    ]}
                    style={{ marginBottom: 0, width: 160 }}
                  >
                    <Input prefix="¥" placeholder={t('po.priceHint')} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(row.name)}
                    aria-label={t('plan.removeLine')}
                  />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} data-testid="po-add-line">
                {t('plan.addLine')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="note" label={t('pur.note')} rules={[{ max: 500 }]} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
