import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { SupplierContract } from '@shared/contracts/purchasing.contract';
import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Button, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useCreateSupplierContract } from '../api/create-supplier-contract';
import { useUpdateSupplierContract } from '../api/update-supplier-contract';
import { fenToYuanText, yuanToFen } from '../money';
import { PartSelect } from './pickers';

const DAY = 'YYYY-MM-DD';

interface PriceRow {
  partId?: string;
  /** Shown instead of a picker for the prices the contract already has. */
  label?: string;
  price?: string;
}

interface Values {
  number?: string;
  startsOn: Dayjs;
  endsOn: Dayjs;
  deliveryDays: number;
  warrantyTerms?: string;
  paymentTerms?: string;
  note?: string;
  prices: PriceRow[];
}

const FIELDS = ['number', 'startsOn', 'endsOn', 'deliveryDays', 'warrantyTerms', 'paymentTerms', 'note', 'prices'];

/** Create a purchase contract of a supplier, or edit one (its prices are replaced as a whole). */
export function ContractFormModal({
  open,
  supplierId,
  contract,
  onClose,
}: {
  open: boolean;
  supplierId: string;
  contract?: SupplierContract;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateSupplierContract();
  const update = useUpdateSupplierContract();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    if (contract) {
      form.setFieldsValue({
        startsOn: dayjs(contract.startsOn),
        endsOn: dayjs(contract.endsOn),
        deliveryDays: contract.deliveryDays,
        warrantyTerms: contract.warrantyTerms,
        paymentTerms: contract.paymentTerms,
        note: contract.note,
        prices: contract.prices.map((p) => ({
          partId: p.partId,
          label: `${p.partCode} ${p.partName}${p.spec ? ` · ${p.spec}` : ''}`,
          price: fenToYuanText(p.unitPriceFen),
        })),
      });
    } else {
      form.setFieldsValue({ deliveryDays: 5, prices: [{}] });
    }
  }, [open, contract, form]);

  const onFinish = (v: Values) => {
    const prices = v.prices
      .filter((p) => p.partId)
      .map((p) => ({ partId: p.partId as string, unitPriceFen: yuanToFen(p.price ?? '') ?? 0 }));
    if (!prices.length) return setError(t('contract.pricesRequired'));
    const fields = {
      startsOn: v.startsOn.format(DAY),
      endsOn: v.endsOn.format(DAY),
      deliveryDays: v.deliveryDays,
      warrantyTerms: v.warrantyTerms?.trim() ?? '',
      paymentTerms: v.paymentTerms?.trim() ?? '',
      note: v.note?.trim() ?? '',
      prices,
    };
    const fail = (e: unknown) => {
      if (isVersionConflict(e)) return setError(t('common.versionConflictHint'));
      const rest = applyServerErrors(form, e, FIELDS);
      setError(rest.length ? rest.join('; ') : undefined);
    };
    const done = () => {
      void message.success(t('contract.saved'));
      onClose();
    };
    if (contract) {
      update.mutate(
        { params: { contractId: contract.id }, body: { version: contract.version, ...fields } },
        { onSuccess: done, onError: fail },
      );
    } else {
      create.mutate(
        { params: { supplierId }, body: { number: (v.number ?? '').trim(), ...fields } },
        { onSuccess: done, onError: fail },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={contract ? t('contract.editTitle', { number: contract.number }) : t('contract.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={tid('contract-form-submit')}
      width={820}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={onFinish} data-testid="contract-form">
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="number"
              label={t('contract.number')}
              rules={contract ? [] : [{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/ }]}
            >
              <Input
                disabled={Boolean(contract)}
                placeholder={contract?.number ?? 'HT-2026-001'}
                maxLength={40}
                data-testid="contract-number"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="startsOn" label={t('contract.period')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} data-testid="contract-starts" />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="endsOn" label=" " rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} data-testid="contract-ends" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="deliveryDays" label={t('contract.deliveryDays')} rules={[{ required: true }]}>
              <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} data-testid="contract-days" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="warrantyTerms" label={t('contract.warrantyTerms')} rules={[{ max: 1000 }]}>
              <Input.TextArea rows={2} maxLength={1000} data-testid="contract-warranty" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="paymentTerms" label={t('contract.paymentTerms')} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} data-testid="contract-payment" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('contract.prices')}</Typography.Text>
        <Form.List name="prices">
          {(rows, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginTop: 8 }} data-testid="contract-prices">
              {rows.map((row) => {
                const label = form.getFieldValue(['prices', row.name, 'label']) as string | undefined;
                return (
                  <Flex key={row.key} gap={8} align="flex-start">
                    <div style={{ flex: 1, minWidth: 0 }}>
                      {label ? (
                        <Typography.Text style={{ lineHeight: '32px' }}>{label}</Typography.Text>
                      ) : (
                        <Form.Item name={[row.name, 'partId']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                          <PartSelect testId={`contract-price-part-${row.name}`} />
                        </Form.Item>
                      )}
                    </div>
                    <Form.Item
                      name={[row.name, 'price']}
                      rules={[
                        {
                          required: true,
                          validator: (_r, value: string | undefined) =>
                            yuanToFen(value ?? '') === undefined
                              ? Promise.reject(new Error(t('contract.priceInvalid')))
                              : Promise.resolve(),
                        },
                      ]}
                      style={{ marginBottom: 0, width: 160 }}
                    >
                      <Input prefix="¥" placeholder={t('contract.price')} data-testid={`contract-price-${row.name}`} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(row.name)}
                      aria-label={t('plan.removeLine')}
                    />
                  </Flex>
                );
              })}
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="contract-add-price">
                {t('contract.addPrice')}
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
