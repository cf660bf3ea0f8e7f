import { FAULT_COMPLEXITIES, type FaultCategory, type SkillCode } from '@shared/contracts/intake.contract';
import { useQueryClient } from '@tanstack/react-query';
import { VersionConflictAlert } from '@web/features/work-orders/components/version-conflict';
import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { faultsKeys } from '../api/keys';
import { useUpdateFaultCategory } from '../api/update-fault-category';
import { skillOptions } from './skill-options';

interface Values {
  nameZh: string;
  nameEn: string;
  complexity: FaultCategory['complexity'];
  requiredSkills: SkillCode[];
  standardMinutes: number;
  difficulty: number;
  likelyParts: string[];
  sort: number;
  active: boolean;
}

const FIELDS = [
  'nameZh',
  'nameEn',
  'complexity',
  'requiredSkills',
  'standardMinutes',
  'difficulty',
  'likelyParts',
  'sort',
  'active',
];

/** Edit a fault category (the ten categories are fixed; names, time, skills, tier, parts, order, active). */
export function CategoryFormModal({ category, onClose }: { category: FaultCategory | undefined; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const update = useUpdateFaultCategory();
  const [formError, setFormError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    if (!category) return;
    setFormError([]);
    setConflict(false);
    form.resetFields();
    form.setFieldsValue({
      nameZh: category.nameZh,
      nameEn: category.nameEn,
      complexity: category.complexity,
      requiredSkills: category.requiredSkills,
      standardMinutes: category.standardMinutes,
      difficulty: category.difficulty,
      likelyParts: category.likelyParts,
      sort: category.sort,
      active: category.active,
    });
  }, [category, form]);

  const onFinish = (v: Values) => {
    if (!category) return;
    setFormError([]);
    update.mutate(
      {
        code: category.code,
        body: { version: category.version, ...v, nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim() },
      },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) => {
          if (isVersionConflict(error)) setConflict(true);
          else setFormError(applyServerErrors(form, error, FIELDS));
        },
      },
    );
  };

  return (
    <Modal
      open={Boolean(category)}
      title={category ? t('faults.editCategory', { name: lang === 'zh-CN' ? category.nameZh : category.nameEn }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ ...tid('fault-category-submit'), disabled: conflict }}
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
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="fault-category-form">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="nameZh"
              label={t('faults.nameZh')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required', { field: t('faults.nameZh') }) },
              ]}
            >
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="nameEn"
              label={t('faults.nameEn')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required', { field: t('faults.nameEn') }) },
              ]}
            >
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="standardMinutes"
              label={t('faults.standardMinutes')}
              rules={[{ required: true, type: 'integer', min: 5, max: 1440, message: t('faults.minutesRange') }]}
            >
              <InputNumber min={5} max={1440} step={5} style={{ width: '100%' }} data-testid="fault-standard-minutes" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="difficulty" label={t('faults.difficulty')}>
              <Radio.Group optionType="button" options={[1, 2, 3, 4].map((d) => ({ value: d, label: String(d) }))} />
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
              <Select mode="multiple" allowClear options={skillOptions(lang)} data-testid="fault-skills" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="likelyParts" label={t('faults.parts')} extra={t('faults.partsHint')}>
              <Select mode="tags" allowClear open={false} suffixIcon={null} maxCount={20} data-testid="fault-parts" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="sort" label={t('faults.sort')}>
              <InputNumber min={0} max={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="active" label={t('faults.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
