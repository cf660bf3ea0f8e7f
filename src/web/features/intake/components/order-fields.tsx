import type { AcUnit, CustomerAddress } from '@shared/contracts/customers.contract';
import type { FaultCategory, FaultCategoryCode } from '@shared/contracts/intake.contract';
import {
  BRANDS,
  PRIORITIES,
  PRIORITY_LABELS,
  type Priority,
  UNIT_TYPE_LABELS,
  UNIT_TYPES,
  type UnitType,
} from '@shared/domain/work-order';
import { WarrantyTag } from '@web/features/work-orders/components/tags';
import { isUnknownModel } from '@web/features/work-orders/labels';
import { pickedToIso } from '@web/lib/format';
import { type TFunction, useI18n } from '@web/lib/i18n';
import { useIsMobile } from '@web/lib/use-media';
import { Checkbox, Col, DatePicker, Flex, Form, Input, Radio, type RefSelectProps, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { Ref } from 'react';
import { DEFAULT_CITY, GUANGZHOU_DISTRICTS, isGuangzhou } from '../districts';

/** The "new address" / "new unit" choice in the pickers. */
export const NEW = '__new__';

/** Form fields shared by the hotline order form and the edit form of an order. */
export interface OrderFieldValues {
  addressId?: string;
  city?: string;
  district?: string;
  detail?: string;
  unitId?: string;
  brand?: string;
  model?: string;
  modelUnknown?: boolean;
  unitType?: UnitType;
  faultCategory?: FaultCategoryCode;
  faultCodeId?: string | null;
  description?: string;
  priority?: Priority;
  window?: [Dayjs | null, Dayjs | null] | null;
}

/** Server field paths → form fields, for `applyServerErrors`. */
export const ORDER_FIELD_MAP: Record<string, string> = {
  'customer.id': 'name',
  'customer.name': 'name',
  'customer.phone': 'phone',
  'customer.phoneId': 'phoneId',
  'address.id': 'addressId',
  'address.city': 'city',
  'address.district': 'district',
  'address.detail': 'detail',
  'unit.id': 'unitId',
  'unit.brand': 'brand',
  'unit.model': 'model',
  'unit.type': 'unitType',
  faultCodeId: 'faultCodeId',
  preferredWindow: 'window',
};
export const ORDER_FIELDS = [
  'name',
  'phone',
  'phoneId',
  'addressId',
  'city',
  'district',
  'detail',
  'unitId',
  'brand',
  'model',
  'unitType',
  'faultCategory',
  'faultCodeId',
  'description',
  'priority',
  'window',
  'channel',
];

// ---------- body parts ----------

export function addressPart(v: OrderFieldValues, addresses: readonly CustomerAddress[]) {
  if (addresses.length > 0 && v.addressId && v.addressId !== NEW) return { id: v.addressId };
  return { city: (v.city ?? DEFAULT_CITY).trim() || DEFAULT_CITY, district: v.district, detail: v.detail };
}

export function unitPart(v: OrderFieldValues, units: readonly AcUnit[]) {
  if (units.length > 0 && v.unitId && v.unitId !== NEW) return { id: v.unitId };
  return { brand: v.brand, model: v.modelUnknown ? 'unknown' : v.model?.trim(), type: v.unitType };
}

export function windowPart(v: OrderFieldValues): { start: string; end: string } | undefined {
  const [start, end] = v.window ?? [];
  return start && end ? { start: pickedToIso(start), end: pickedToIso(end) } : undefined;
}

/** The district the order will be in (for the estimate): the picked address's, or the new one's. */
export function districtOf(v: OrderFieldValues, addresses: readonly CustomerAddress[]): string | undefined {
  if (addresses.length > 0 && v.addressId && v.addressId !== NEW) {
    return addresses.find((a) => a.id === v.addressId)?.district;
  }
  return v.district?.trim() || undefined;
}

/** The unit's brand (to narrow the error codes): the picked unit's, or the one typed for a new unit. */
export function brandOf(v: OrderFieldValues, units: readonly AcUnit[]): string | undefined {
  if (units.length > 0 && v.unitId && v.unitId !== NEW) return units.find((u) => u.id === v.unitId)?.brand;
  return v.brand;
}

// ---------- labels ----------

export function addressText(a: Pick<CustomerAddress, 'city' | 'district' | 'detail'>): string {
  return `${a.city}${a.district}${a.detail}`;
}

export function unitText(u: { brand: string; model: string; type: UnitType }, t: TFunction, lang: 'zh-CN' | 'en-US') {
  const model = isUnknownModel(u.model) ? t('intake.modelUnknown') : u.model;
  return `${u.brand} ${model} · ${UNIT_TYPE_LABELS[u.type][lang]}`;
}

function required(t: TFunction, field: string) {
  return { required: true, whitespace: true, message: t('validation.required', { field }) };
}

// ---------- field groups ----------

/** Address: one of the customer's, or a new one (city, district of Guangzhou, street detail). */
export function AddressFields({
  addresses,
  pickerRef,
}: {
  addresses: readonly CustomerAddress[];
  pickerRef?: Ref<RefSelectProps>;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance<OrderFieldValues>();
  const addressId = Form.useWatch('addressId', form);
  const city = Form.useWatch('city', form);
  const isNew = addresses.length === 0 || addressId === NEW;

  return (
    <>
      {addresses.length > 0 ? (
        <Form.Item
          name="addressId"
          label={t('intake.field.address')}
          rules={[{ required: true, message: t('intake.pickAddress') }]}
        >
          <Select
            ref={pickerRef}
            data-testid="wo-address"
            placeholder={t('intake.pickAddress')}
            options={[
              ...addresses.map((a) => ({
                value: a.id,
                label: `${a.label ? `[${a.label}] ` : ''}${addressText(a)}`,
              })),
              { value: NEW, label: t('intake.newAddress') },
            ]}
          />
        </Form.Item>
      ) : null}
      {isNew ? (
        <Row gutter={12}>
          <Col xs={8} sm={6}>
            <Form.Item name="city" label={t('intake.field.city')} rules={[required(t, t('intake.field.city'))]}>
              <Input maxLength={32} data-testid="wo-city" />
            </Form.Item>
          </Col>
          <Col xs={16} sm={8}>
            <Form.Item
              name="district"
              label={t('intake.field.district')}
              rules={[required(t, t('intake.field.district'))]}
            >
              {isGuangzhou(city) ? (
                <Select
                  showSearch
                  data-testid="wo-district"
                  placeholder={t('intake.pickDistrict')}
                  options={GUANGZHOU_DISTRICTS.map((d) => ({ value: d, label: d }))}
                />
              ) : (
                <Input maxLength={32} data-testid="wo-district" />
              )}
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="detail" label={t('intake.field.detail')} rules={[required(t, t('intake.field.detail'))]}>
              <Input maxLength={200} placeholder={t('intake.detailPlaceholder')} data-testid="wo-detail" />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
    </>
  );
}

/** AC unit: one of the customer's, or what the caller says (brand, model or "don't know", type). */
export function UnitFields({ units, pickerRef }: { units: readonly AcUnit[]; pickerRef?: Ref<RefSelectProps> }) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance<OrderFieldValues>();
  const unitId = Form.useWatch('unitId', form);
  const modelUnknown = Form.useWatch('modelUnknown', form);
  const isNew = units.length === 0 || unitId === NEW;

  return (
    <>
      {units.length > 0 ? (
        <Form.Item
          name="unitId"
          label={t('intake.field.unit')}
          rules={[{ required: true, message: t('intake.pickUnit') }]}
        >
          <Select
            ref={pickerRef}
            data-testid="wo-unit"
            placeholder={t('intake.pickUnit')}
            optionRender={(o) => o.label}
            options={[
              ...units.map((u) => ({
                value: u.id,
                label: (
                  <span>
                    {unitText(u, t, lang)} <WarrantyTag status={u.warrantyStatus} />
                  </span>
                ),
              })),
              { value: NEW, label: t('intake.newUnit') },
            ]}
          />
        </Form.Item>
      ) : null}
      {isNew ? (
        <Row gutter={12}>
          <Col xs={12} sm={7}>
            <Form.Item
              name="brand"
              label={t('intake.field.brand')}
              rules={[{ required: true, message: t('validation.required', { field: t('intake.field.brand') }) }]}
            >
              <Select
                showSearch
                data-testid="wo-brand"
                placeholder={t('intake.pickBrand')}
                options={BRANDS.map((b) => ({ value: b, label: b }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item
              name="unitType"
              label={t('intake.field.unitType')}
              rules={[{ required: true, message: t('validation.required', { field: t('intake.field.unitType') }) }]}
            >
              <Select
                data-testid="wo-unit-type"
                placeholder={t('intake.pickUnitType')}
                options={UNIT_TYPES.map((u) => ({ value: u, label: UNIT_TYPE_LABELS[u][lang] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item label={t('intake.field.model')} required style={{ marginBottom: 0 }}>
              <Row gutter={8} wrap={false} align="top">
                <Col flex="auto">
                  <Form.Item
                    name="model"
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: (_r, value: unknown) =>
                          getFieldValue('modelUnknown') || (typeof value === 'string' && value.trim())
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('validation.required', { field: t('intake.field.model') }))),
                      }),
                    ]}
                  >
                    <Input
                      maxLength={64}
                      disabled={Boolean(modelUnknown)}
                      placeholder={modelUnknown ? t('intake.modelUnknown') : t('intake.modelPlaceholder')}
                      data-testid="wo-model"
                    />
                  </Form.Item>
                </Col>
                <Col flex="none">
                  <Form.Item name="modelUnknown" valuePropName="checked">
                    <Checkbox
                      data-testid="wo-model-unknown"
                      onChange={(e) => {
                        if (e.target.checked) form.setFields([{ name: 'model', value: undefined, errors: [] }]);
                      }}
                      style={{ whiteSpace: 'nowrap', lineHeight: '32px' }}
                    >
                      {t('intake.modelUnknown')}
                    </Checkbox>
                  </Form.Item>
                </Col>
              </Row>
            </Form.Item>
          </Col>
        </Row>
      ) : null}
    </>
  );
}

/** Fault category (from the catalog) and, when the category has brand codes, an optional code. */
export function FaultFields({
  categories,
  loading,
  brand,
  categoryRef,
}: {
  categories: readonly FaultCategory[];
  loading?: boolean;
  brand: string | undefined;
  categoryRef?: Ref<RefSelectProps>;
}) {
  const { t, lang } = useI18n();
  const form = Form.useFormInstance<OrderFieldValues>();
  const categoryCode = Form.useWatch('faultCategory', form);
  const category = categories.find((c) => c.code === categoryCode);
  const codes = (category?.codes ?? []).filter((c) => !brand || brand === '其他' || c.brand === brand);

  return (
    <Row gutter={12}>
      <Col xs={24} sm={codes.length > 0 || (category?.codes.length ?? 0) > 0 ? 10 : 24}>
        <Form.Item
          name="faultCategory"
          label={t('intake.field.fault')}
          rules={[{ required: true, message: t('validation.required', { field: t('intake.field.fault') }) }]}
        >
          <Select
            ref={categoryRef}
            showSearch={{ optionFilterProp: 'label' }}
            loading={loading}
            data-testid="wo-fault"
            placeholder={t('intake.pickFault')}
            onChange={() => form.setFieldValue('faultCodeId', undefined)}
            options={categories.map((c) => ({ value: c.code, label: lang === 'zh-CN' ? c.nameZh : c.nameEn }))}
          />
        </Form.Item>
      </Col>
      {(category?.codes.length ?? 0) > 0 ? (
        <Col xs={24} sm={14}>
          <Form.Item name="faultCodeId" label={t('intake.field.faultCode')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="wo-fault-code"
              placeholder={codes.length > 0 ? t('intake.pickFaultCode') : t('intake.noCodesForBrand')}
              disabled={codes.length === 0}
              options={codes.map((c) => ({
                value: c.id,
                label: `${c.brand} ${c.code} · ${lang === 'zh-CN' ? c.meaningZh : c.meaningEn}`,
              }))}
            />
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  );
}

/** Normal / urgent, as radio buttons (arrow keys move between them). */
export function PriorityField() {
  const { t, lang } = useI18n();
  return (
    <Form.Item name="priority" label={t('intake.field.priority')}>
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        data-testid="wo-priority"
        options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p][lang] }))}
      />
    </Form.Item>
  );
}

type WindowValue = [Dayjs | null, Dayjs | null] | null;

const LOCAL_FORMAT = 'YYYY-MM-DDTHH:mm';

/**
 * The window control: an antd RangePicker with time on wide screens; on phones (where the picker's popup is wider
 * than the screen) two native date-time inputs, which open the phone's own picker. Both carry `data-testid`.
 */
function WindowInput({
  value,
  onChange,
  id,
  testId,
}: {
  value?: WindowValue;
  onChange?: (value: WindowValue) => void;
  id?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [start, end] = value ?? [null, null];
  if (!isMobile) {
    return (
      <DatePicker.RangePicker
        id={id}
        value={value ?? null}
        onChange={(v) => onChange?.(v ? [v[0], v[1]] : null)}
        showTime={{ format: 'HH:mm', minuteStep: 30 }}
        format="YYYY-MM-DD HH:mm"
        disabledDate={(d) => d.isBefore(dayjs().startOf('day')) || d.isAfter(dayjs().add(60, 'day'))}
        placeholder={[t('intake.windowStart'), t('intake.windowEnd')]}
        style={{ width: '100%' }}
        data-testid={testId}
      />
    );
  }
  const min = dayjs().format('YYYY-MM-DDT00:00');
  const max = dayjs().add(60, 'day').format('YYYY-MM-DDT23:59');
  const set = (which: 0 | 1, raw: string) => {
    const picked = raw ? dayjs(raw) : null;
    const next: [Dayjs | null, Dayjs | null] = which === 0 ? [picked, end] : [start, picked];
    onChange?.(next[0] || next[1] ? next : null);
  };
  return (
    <Flex vertical gap={8}>
      <Input
        id={id}
        type="datetime-local"
        min={min}
        max={max}
        aria-label={t('intake.windowStart')}
        value={start ? start.format(LOCAL_FORMAT) : ''}
        onChange={(e) => set(0, e.target.value)}
        data-testid={testId}
      />
      <Input
        type="datetime-local"
        min={min}
        max={max}
        aria-label={t('intake.windowEnd')}
        value={end ? end.format(LOCAL_FORMAT) : ''}
        onChange={(e) => set(1, e.target.value)}
        data-testid={testId}
      />
    </Flex>
  );
}

/** None, or both ends with the end after the start. */
function windowOk(v: WindowValue | undefined): boolean {
  const [start, end] = v ?? [null, null];
  if (!start && !end) return true;
  return Boolean(start && end?.isAfter(start));
}

/** The time window the customer would like (Beijing time), optional; both ends or none. */
export function WindowField() {
  const { t } = useI18n();
  return (
    <Form.Item
      name="window"
      label={t('intake.field.window')}
      rules={[
        {
          validator: (_r, v: WindowValue | undefined) =>
            windowOk(v) ? Promise.resolve() : Promise.reject(new Error(t('intake.windowInvalid'))),
        },
      ]}
    >
      <WindowInput testId="wo-window" />
    </Form.Item>
  );
}
