import type { Part } from '@shared/contracts/parts.contract';
import { PART_CATEGORIES, PART_CATEGORY_LABELS, type PartCategory } from '@shared/domain/parts';
import { useQueryClient } from '@tanstack/react-query';
import { applyFormErrors } from '@web/features/technicians/form-errors';
import { VersionConflictAlert } from '@web/features/work-orders/components/version-conflict';
import { isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useCreatePart } from '../api/create-part';
import { partsKeys } from '../api/keys';
import { useUpdatePart } from '../api/update-part';
import { fenToYuanText, yuanToFen } from '../money';

interface Values {
  code?: string;
  name: string;
  spec: string;
  unit: string;
  category: PartCategory;
  designated: boolean;
  serialTracked: boolean;
  lotTracked: boolean;
  warrantyMonths: number;
  standardCost: string;
  compatibleModels: string[];
  active: boolean;
}

const FIELDS = [
  'code',
  'name',
  'spec',
  'unit',
  'category',
  'designated',
  'serialTracked',
  'lotTracked',
  'warrantyMonths',
  'standardCost',
  'compatibleModels',
  'active',
];
const PATH_MAP = { standardCostFen: 'standardCost' };

/** Create a part or edit one (with its version); the standard cost is typed in yuan and sent as exact fen. */
export function PartFormModal({ open, part, onClose }: { open: boolean; part?: Part; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useCreatePart();
  const update = useUpdatePart();
  const [formError, setFormError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    if (!open) return;
    setFormError([]);
    setConflict(false);
    form.resetFields();
    form.setFieldsValue(
      part
        ? {
            name: part.name,
            spec: part.spec,
            unit: part.unit,
            category: part.category,
            designated: part.designated,
            serialTracked: part.serialTracked,
            lotTracked: part.lotTracked,
            warrantyMonths: part.warrantyMonths,
            standardCost: fenToYuanText(part.standardCostFen),
            compatibleModels: part.compatibleModels,
            active: part.active,
          }
        : {
            code: '',
            name: '',
            spec: '',
            unit: '个',
            designated: false,
            serialTracked: false,
            lotTracked: false,
            warrantyMonths: 12,
            standardCost: '',
            compatibleModels: [],
            active: true,
          },
    );
  }, [open, part, form]);

  const onError = (error: unknown) => {
    if (isVersionConflict(error)) setConflict(true);
    else setFormError(applyFormErrors(form, error, FIELDS, PATH_MAP));
  };

  const onFinish = (v: Values) => {
    setFormError([]);
    const fields = {
      name: v.name.trim(),
      spec: (v.spec ?? '').trim(),
      unit: v.unit.trim(),
      category: v.category,
      designated: v.designated,
      serialTracked: v.serialTracked,
      lotTracked: v.lotTracked,
      warrantyMonths: v.warrantyMonths,
      standardCostFen: yuanToFen(v.standardCost) ?? 0,
      compatibleModels: (v.compatibleModels ?? []).map((m) => m.trim()).filter(Boolean),
    };
    const done = () => {
      void message.success(part ? t('common.saved') : t('parts.created'));
      onClose();
    };
    if (part) {
      update.mutate(
        { params: { partId: part.id }, body: { version: part.version, ...fields, active: v.active } },
        { onSuccess: done, onError },
      );
    } else {
      create.mutate({ code: (v.code ?? '').trim().toUpperCase(), ...fields }, { onSuccess: done, onError });
    }
  };

  return (
    <Modal
      open={open}
      title={part ? t('parts.editTitle', { code: part.code }) : t('parts.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ ...tid('part-form-submit'), disabled: conflict }}
      width={680}
      destroyOnHidden
      forceRender
    >
      {conflict ? (
        <VersionConflictAlert
          onReloaded={() => {
            void queryClient.invalidateQueries({ queryKey: partsKeys.all });
            onClose();
          }}
        />
      ) : null}
      {formError.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={formError.join('；')}
          style={{ marginBottom: 12 }}
          data-testid="part-form-error"
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="part-form">
        <Row gutter={12}>
          {part ? null : (
            <Col xs={24} sm={10}>
              <Form.Item
                name="code"
                label={t('parts.field.code')}
                extra={t('parts.field.codeHint')}
                rules={[
                  { required: true, message: t('validation.required', { field: t('parts.field.code') }) },
                  { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/, message: t('parts.field.codeHint') },
                ]}
              >
                <Input maxLength={40} data-testid="part-code" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={part ? 14 : 14}>
            <Form.Item
              name="name"
              label={t('parts.field.name')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('validation.required', { field: t('parts.field.name') }),
                },
                { max: 60 },
              ]}
            >
              <Input maxLength={60} data-testid="part-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={part ? 10 : 24}>
            <Form.Item name="spec" label={t('parts.field.spec')} rules={[{ max: 120 }]}>
              <Input maxLength={120} data-testid="part-spec" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="unit"
              label={t('parts.field.unit')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('validation.required', { field: t('parts.field.unit') }),
                },
              ]}
            >
              <Input maxLength={8} data-testid="part-unit" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={10}>
            <Form.Item
              name="category"
              label={t('parts.field.category')}
              rules={[{ required: true, message: t('validation.required', { field: t('parts.field.category') }) }]}
            >
              <Select
                options={PART_CATEGORIES.map((c) => ({ value: c, label: PART_CATEGORY_LABELS[c][lang] }))}
                data-testid="part-category"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="standardCost"
              label={t('parts.field.standardCost')}
              rules={[
                {
                  required: true,
                  validator: (_r, value: string | undefined) =>
                    value !== undefined && yuanToFen(String(value)) !== undefined
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('parts.money.invalid'))),
                },
              ]}
            >
              <Input inputMode="decimal" prefix="¥" maxLength={14} data-testid="part-standard-cost" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="warrantyMonths"
              label={t('parts.field.warrantyMonths')}
              rules={[{ required: true, type: 'integer', min: 0, max: 120 }]}
            >
              <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} data-testid="part-warranty" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item
              name="compatibleModels"
              label={t('parts.field.compatibleModels')}
              extra={t('parts.field.compatibleModelsHint')}
            >
              <Select mode="tags" tokenSeparators={[',', '，']} open={false} data-testid="part-models" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="designated" valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox data-testid="part-designated">{t('parts.field.designated')}</Checkbox>
            </Form.Item>
            <Form.Item
              name="serialTracked"
              valuePropName="checked"
              style={{ marginBottom: 4 }}
              dependencies={['lotTracked']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, value: boolean) =>
                    value && getFieldValue('lotTracked')
                      ? Promise.reject(new Error(t('parts.field.trackingBoth')))
                      : Promise.resolve(),
                }),
              ]}
            >
              <Checkbox data-testid="part-serial-tracked">{t('parts.field.serialTracked')}</Checkbox>
            </Form.Item>
            <Form.Item name="lotTracked" valuePropName="checked" extra={t('parts.field.trackingHint')}>
              <Checkbox data-testid="part-lot-tracked">{t('parts.field.lotTracked')}</Checkbox>
            </Form.Item>
          </Col>
          {part ? (
            <Col xs={24}>
              <Form.Item name="active" label={t('parts.field.active')} valuePropName="checked">
                <Switch data-testid="part-active" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
