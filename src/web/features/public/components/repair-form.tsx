import type { FaultCategoryCode } from '@shared/contracts/intake.contract';
import { BRANDS, UNIT_TYPE_LABELS, UNIT_TYPES, type UnitType } from '@shared/domain/work-order';
import { DEFAULT_CITY, GUANGZHOU_DISTRICTS } from '@web/features/intake/districts';
import { isApiError } from '@web/lib/api';
import { applyServerErrors, errorMessage } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Button, Checkbox, DatePicker, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { usePublicFaultCategories } from '../api/list-public-fault-categories';
import { type RepairRequestBody, useSubmitRepairRequest } from '../api/submit-repair-request';
import { usePublicT } from '../messages';
import { type HalfDay, halfDayWindow, outsideBookingRange, slotOver } from '../window';
import { compactPhone, PhoneCodeFields } from './phone-code-fields';
import { PhotoInput, type PhotoValue } from './photo-input';

interface RepairValues {
  name: string;
  phone: string;
  code: string;
  district?: string;
  detail: string;
  unit: { brand?: string; type?: UnitType; model?: string };
  faultCategory?: FaultCategoryCode;
  description: string;
  window?: { date?: Dayjs | null; slot?: HalfDay };
  photo?: PhotoValue | null;
  consent?: boolean;
}

export interface RepairDone {
  number: string;
  trackingUrl: string;
  estimatedAt: string;
}

const FIELDS = ['name', 'phone', 'code', 'district', 'detail', 'faultCategory', 'description', 'consent', 'photo'];
/** Server paths → form fields. */
const PATH_MAP: Record<string, string | string[]> = {
  city: 'district',
  unit: ['unit', 'brand'],
  'unit.brand': ['unit', 'brand'],
  'unit.type': ['unit', 'type'],
  'unit.model': ['unit', 'model'],
  preferredWindow: ['window', 'date'],
  photo: 'photo',
};

const UNKNOWN_MODEL = '不清楚';

/**
 * The public repair form (website and WeChat H5): a phone-sized single column. The phone is verified with an SMS
 * code; field errors from the server land on their fields; one Idempotency-Key per form.
 */
export function RepairForm({ channel, onDone }: { channel: 'web' | 'wechat'; onDone: (r: RepairDone) => void }) {
  const t = usePublicT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RepairValues>();
  const [idempotencyKey] = useState(() => randomUuid());
  const [formError, setFormError] = useState<string | null>(null);
  const categories = usePublicFaultCategories();
  const submit = useSubmitRepairRequest();
  const pickedDate = Form.useWatch(['window', 'date'], form);
  const required = { required: true, message: t('repair.required') };

  const showErrors = (error: unknown) => {
    const leftover = applyServerErrors(form, error, FIELDS, PATH_MAP);
    const withFields = isApiError(error) && error.code === 'VALIDATION_FAILED' && error.issues.length > 0;
    if (withFields) {
      const first = error.issues[0]?.path.split('.')[0] ?? '';
      const name = PATH_MAP[first] ?? (FIELDS.includes(first) ? first : undefined);
      if (name) form.scrollToField(name, { block: 'center' });
    }
    setFormError(leftover.length ? leftover.join('\n') : withFields ? t('repair.fixErrors') : null);
  };

  const onFinish = async (v: RepairValues) => {
    setFormError(null);
    const date = v.window?.date ?? null;
    const body: RepairRequestBody = {
      name: v.name.trim(),
      phone: compactPhone(v.phone),
      code: v.code.trim(),
      city: DEFAULT_CITY,
      district: v.district ?? '',
      detail: v.detail.trim(),
      unit: {
        brand: v.unit.brand ?? '',
        type: v.unit.type ?? 'unknown',
        model: v.unit.model?.trim() || UNKNOWN_MODEL,
      },
      faultCategory: v.faultCategory as FaultCategoryCode,
      description: v.description.trim(),
      ...(date && v.window?.slot ? { preferredWindow: halfDayWindow(date, v.window.slot) } : {}),
      ...(v.photo
        ? { photo: { kind: v.photo.kind, contentType: v.photo.contentType, dataBase64: v.photo.dataBase64 } }
        : {}),
      channel,
      consent: v.consent === true,
    };
    try {
      onDone(await submit.mutateAsync({ body, idempotencyKey }));
    } catch (error) {
      showErrors(error);
      if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') void message.error(errorMessage(error));
    }
  };

  return (
    <Form<RepairValues>
      form={form}
      layout="vertical"
      size="large"
      requiredMark
      onFinish={(v) => void onFinish(v)}
      onFinishFailed={({ errorFields }) => {
        const first = errorFields[0];
        if (first) form.scrollToField(first.name, { block: 'center' });
      }}
      initialValues={{ unit: {}, window: {}, consent: false }}
      data-testid="repair-form"
    >
      <Typography.Paragraph type="secondary">{t('repair.intro')}</Typography.Paragraph>
      {channel === 'wechat' && (
        <Alert type="success" showIcon title={t('repair.wechat')} style={{ marginBottom: 16 }} />
      )}

      <Form.Item name="name" label={t('repair.name')} rules={[required, { max: 32 }]}>
        <Input data-testid="repair-name" placeholder={t('repair.namePlaceholder')} autoComplete="name" maxLength={32} />
      </Form.Item>

      <PhoneCodeFields form={form} purpose="repair" testIdPrefix="repair" />

      <Form.Item name="district" label={t('repair.district')} rules={[required]}>
        <Select
          data-testid="repair-district"
          placeholder={t('repair.districtPlaceholder')}
          options={GUANGZHOU_DISTRICTS.map((d) => ({ value: d, label: d }))}
        />
      </Form.Item>
      <Form.Item name="detail" label={t('repair.detail')} rules={[required, { max: 200 }]}>
        <Input data-testid="repair-detail" placeholder={t('repair.detailPlaceholder')} maxLength={200} />
      </Form.Item>

      <Flex gap={12}>
        <Form.Item name={['unit', 'brand']} label={t('repair.brand')} rules={[required]} style={{ flex: 1 }}>
          <Select data-testid="repair-brand" showSearch options={BRANDS.map((b) => ({ value: b, label: b }))} />
        </Form.Item>
        <Form.Item name={['unit', 'type']} label={t('repair.type')} rules={[required]} style={{ flex: 1 }}>
          <Select
            data-testid="repair-type"
            options={UNIT_TYPES.map((u) => ({ value: u, label: UNIT_TYPE_LABELS[u][lang] }))}
          />
        </Form.Item>
      </Flex>
      <Form.Item name={['unit', 'model']} label={t('repair.model')} rules={[{ max: 64 }]}>
        <Input data-testid="repair-model" placeholder={t('repair.modelPlaceholder')} maxLength={64} />
      </Form.Item>

      <Form.Item name="faultCategory" label={t('repair.fault')} rules={[required]}>
        <Select
          data-testid="repair-fault"
          loading={categories.isPending}
          options={(categories.data?.items ?? []).map((c) => ({
            value: c.code,
            label: lang === 'zh-CN' ? c.nameZh : c.nameEn,
          }))}
        />
      </Form.Item>
      <Form.Item name="description" label={t('repair.description')} rules={[required, { max: 1000 }]}>
        <Input.TextArea
          data-testid="repair-description"
          rows={3}
          maxLength={1000}
          showCount
          placeholder={t('repair.descriptionPlaceholder')}
        />
      </Form.Item>

      <Form.Item label={t('repair.window')} style={{ marginBottom: 0 }}>
        <Flex gap={8} wrap>
          <Form.Item name={['window', 'date']} style={{ flex: '1 1 140px' }}>
            <DatePicker
              data-testid="repair-window-date"
              inputReadOnly
              style={{ width: '100%' }}
              disabledDate={outsideBookingRange}
              placeholder={t('repair.windowDate')}
            />
          </Form.Item>
          <Form.Item
            name={['window', 'slot']}
            dependencies={[['window', 'date']]}
            rules={[
              {
                validator: async (_r, slot: HalfDay | undefined) => {
                  if (form.getFieldValue(['window', 'date']) && !slot) throw new Error(t('repair.slotRequired'));
                },
              },
            ]}
          >
            <Radio.Group data-testid="repair-window-slot" optionType="button">
              <Radio value="am" disabled={slotOver(pickedDate ?? undefined, 'am')}>
                {t('repair.morning')}
              </Radio>
              <Radio value="pm" disabled={slotOver(pickedDate ?? undefined, 'pm')}>
                {t('repair.afternoon')}
              </Radio>
            </Radio.Group>
          </Form.Item>
        </Flex>
      </Form.Item>

      <Form.Item name="photo" label={t('repair.photo')}>
        <PhotoInput />
      </Form.Item>

      <Form.Item
        name="consent"
        valuePropName="checked"
        rules={[
          {
            validator: async (_r, checked: boolean | undefined) => {
              if (!checked) throw new Error(t('repair.consentRequired'));
            },
          },
        ]}
        extra={t('repair.consentNotice')}
      >
        <Checkbox data-testid="repair-consent">{t('repair.consent')}</Checkbox>
      </Form.Item>

      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 16, whiteSpace: 'pre-line' }} />
      )}
      <Button data-testid="repair-submit" type="primary" htmlType="submit" block loading={submit.isPending}>
        {t('repair.submit')}
      </Button>
    </Form>
  );
}
