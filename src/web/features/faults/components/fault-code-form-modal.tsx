import {
  FAULT_COMPLEXITIES,
  type FaultCategory,
  type FaultCategoryCode,
  type FaultCode,
  type SkillCode,
} from '@shared/contracts/intake.contract';
import { BRANDS } from '@shared/domain/work-order';
import { useQueryClient } from '@tanstack/react-query';
import { VersionConflictAlert } from '@web/features/work-orders/components/version-conflict';
import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, AutoComplete, Col, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useCreateFaultCode } from '../api/create-fault-code';
import { faultsKeys } from '../api/keys';
import { useUpdateFaultCode } from '../api/update-fault-code';
import { skillOptions } from './skill-options';

interface Values {
  brand: string;
  code: string;
  categoryCode: FaultCategoryCode;
  meaningZh: string;
  meaningEn: string;
  complexity: FaultCode['complexity'];
  requiredSkills: SkillCode[];
  standardMinutes: number;
  likelyParts: string[];
}

const FIELDS = [
  'brand',
  'code',
  'categoryCode',
  'meaningZh',
  'meaningEn',
  'complexity',
  'requiredSkills',
  'standardMinutes',
  'likelyParts',
];

/** Add a brand error code (`code` undefined) or edit one (brand and code fixed; with version). */
export function FaultCodeFormModal({
  open,
  faultCode,
  categories,
  onClose,
}: {
  open: boolean;
  faultCode: FaultCode | undefined;
  categories: readonly FaultCategory[];
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useCreateFaultCode();
  const update = useUpdateFaultCode();
  const [formError, setFormError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when (re)opened
  useEffect(() => {
    if (!open) return;
    setFormError([]);
    setConflict(false);
    form.resetFields();
    form.setFieldsValue(
      faultCode
        ? {
            brand: faultCode.brand,
            code: faultCode.code,
            categoryCode: faultCode.categoryCode,
            meaningZh: faultCode.meaningZh,
            meaningEn: faultCode.meaningEn,
            complexity: faultCode.complexity,
            requiredSkills: faultCode.requiredSkills,
            standardMinutes: faultCode.standardMinutes,
            likelyParts: faultCode.likelyParts,
          }
        : {
            categoryCode: 'error_code',
            complexity: 'simple',
            requiredSkills: [],
            standardMinutes: 60,
            likelyParts: [],
          },
    );
  }, [open, faultCode?.id]);

  const onError = (error: unknown) => {
    if (isVersionConflict(error)) setConflict(true);
    else setFormError(applyServerErrors(form, error, FIELDS));
  };

  const onFinish = (v: Values) => {
    setFormError([]);
    const fields = {
      categoryCode: v.categoryCode,
      meaningZh: v.meaningZh.trim(),
      meaningEn: v.meaningEn.trim(),
      complexity: v.complexity,
      requiredSkills: v.requiredSkills ?? [],
      standardMinutes: v.standardMinutes,
      likelyParts: v.likelyParts ?? [],
    };
    const done = () => {
      void message.success(t('common.saved'));
      onClose();
    };
    if (faultCode) {
      update.mutate(
        { faultCodeId: faultCode.id, body: { version: faultCode.version, ...fields } },
        { onSuccess: done, onError },
      );
    } else {
      create.mutate(
        { brand: v.brand.trim(), code: v.code.trim().toUpperCase(), ...fields },
        { onSuccess: done, onError },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={faultCode ? t('faults.editCode', { code: `${faultCode.brand} ${faultCode.code}` }) : t('faults.addCode')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ ...tid('fault-code-submit'), disabled: conflict }}
      width={640}
      destroyOnHidden
      forceRender
    >
      {conflict ? (
        <VersionConflictAlert
          onReloaded={() => {
            void queryClient.invalidateQueries({ queryKey: faultsKeys.all });
            onClose();
          }}
        />
      ) : null}
      {formError.length > 0 ? (
        <Alert type="error" showIcon title={formError.join('；')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="fault-code-form">
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item
              name="brand"
              label={t('intake.field.brand')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('validation.required', { field: t('intake.field.brand') }),
                },
              ]}
            >
              <AutoComplete
                disabled={Boolean(faultCode)}
                options={BRANDS.map((b) => ({ value: b }))}
                showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input) }}
                data-testid="fault-code-brand"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="code"
              label={t('faults.code')}
              rules={[
                { required: true, message: t('validation.required', { field: t('faults.code') }) },
                { pattern: /^[A-Za-z0-9-]{1,8}$/, message: t('faults.codeFormat') },
              ]}
            >
              <Input maxLength={8} disabled={Boolean(faultCode)} data-testid="fault-code-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="categoryCode" label={t('faults.category')}>
              <Select
                options={categories.map((c) => ({ value: c.code, label: lang === 'zh-CN' ? c.nameZh : c.nameEn }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="meaningZh"
              label={t('faults.meaningZh')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('validation.required', { field: t('faults.meaningZh') }),
                },
              ]}
            >
              <Input maxLength={200} data-testid="fault-code-meaning-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="meaningEn"
              label={t('faults.meaningEn')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('validation.required', { field: t('faults.meaningEn') }),
                },
              ]}
            >
              <Input maxLength={200} data-testid="fault-code-meaning-en" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="standardMinutes"
              label={t('faults.standardMinutes')}
              rules={[{ required: true, type: 'integer', min: 5, max: 1440, message: t('faults.minutesRange') }]}
            >
              <InputNumber min={5} max={1440} step={5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="complexity" label={t('faults.complexity')}>
              <Radio.Group
                optionType="button"
                options={FAULT_COMPLEXITIES.map((c) => ({ value: c, label: t(`faults.complexity.${c}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="requiredSkills" label={t('faults.skills')}>
              <Select mode="multiple" allowClear options={skillOptions(lang)} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="likelyParts" label={t('faults.parts')} extra={t('faults.partsHint')}>
              <Select mode="tags" allowClear open={false} suffixIcon={null} maxCount={20} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
