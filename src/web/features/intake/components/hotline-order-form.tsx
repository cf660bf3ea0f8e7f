import { SendOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { CustomerCard } from '@shared/contracts/customers.contract';
import type { WorkOrderDetail } from '@shared/contracts/intake.contract';
import { parsePhone } from '@shared/domain/phone';
import { CHANNEL_LABELS } from '@shared/domain/work-order';
import { useFaultCategories } from '@web/features/faults/api/list-fault-categories';
import { type CreateWorkOrderBody, useCreateWorkOrder } from '@web/features/work-orders/api/create-work-order';
import { applyServerErrors } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { randomUuid } from '@web/lib/uuid';
import {
  Alert,
  Button,
  Card,
  Col,
  Divider,
  Flex,
  Form,
  Input,
  type InputRef,
  Radio,
  type RefSelectProps,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_CITY } from '../districts';
import { EstimateBox } from './estimate-box';
import {
  AddressFields,
  addressPart,
  brandOf,
  districtOf,
  FaultFields,
  NEW,
  ORDER_FIELD_MAP,
  ORDER_FIELDS,
  type OrderFieldValues,
  PriorityField,
  UnitFields,
  unitPart,
  WindowField,
  windowPart,
} from './order-fields';

interface HotlineValues extends OrderFieldValues {
  name?: string;
  phone?: string;
  phoneId?: string;
  channel: 'hotline' | 'walk_in';
}

/** A caller not on file: what the search already told us (the typed number or name). */
export interface NewCaller {
  phone?: string | undefined;
  name?: string | undefined;
  /** Changes with every search, so the same number searched again re-applies. */
  nonce: number;
}

function Heading({ children }: { children: React.ReactNode }) {
  return (
    <Divider titlePlacement="start" style={{ margin: '4px 0 12px', fontSize: 13 }}>
      {children}
    </Divider>
  );
}

/**
 * The one-screen order form of the hotline: customer (picked, or a new name + phone), address, unit, fault,
 * description, priority, window, channel; the estimate updates before saving. Enter submits from any text
 * field; Ctrl+Enter submits from the description. One Idempotency-Key per form instance (the page remounts the
 * form for the next order), so a double submit makes one order.
 */
export function HotlineOrderForm({
  customer,
  newCaller,
  onCreated,
  onClearCustomer,
}: {
  customer: CustomerCard | undefined;
  newCaller: NewCaller | undefined;
  onCreated: (order: WorkOrderDetail) => void;
  onClearCustomer: () => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<HotlineValues>();
  const [idempotencyKey] = useState(randomUuid);
  const [formError, setFormError] = useState<string[]>([]);
  const create = useCreateWorkOrder();
  const categories = useFaultCategories();
  const nameRef = useRef<InputRef>(null);
  const addressRef = useRef<RefSelectProps>(null);
  const unitRef = useRef<RefSelectProps>(null);
  const faultRef = useRef<RefSelectProps>(null);

  const addresses = customer?.addresses ?? [];
  const units = customer?.units ?? [];

  // A customer was picked (or cleared): preselect what is unambiguous, then put the cursor where work starts.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the customer changes
  useEffect(() => {
    if (!customer) {
      form.setFieldsValue({ phoneId: undefined, addressId: undefined, unitId: undefined });
      return;
    }
    const primary = customer.phones.find((p) => p.isPrimary) ?? customer.phones[0];
    form.setFieldsValue({
      name: undefined,
      phone: undefined,
      phoneId: primary?.id,
      addressId:
        customer.addresses.length === 1 ? customer.addresses[0]?.id : customer.addresses.length ? undefined : NEW,
      unitId: customer.units.length === 1 ? customer.units[0]?.id : customer.units.length ? undefined : NEW,
    });
    setFormError([]);
    const id = window.setTimeout(() => {
      if (customer.addresses.length > 1) addressRef.current?.focus();
      else if (customer.units.length > 1) unitRef.current?.focus();
      else faultRef.current?.focus();
    }, 50);
    return () => window.clearTimeout(id);
  }, [customer?.id]);

  // A new caller: prefill what was typed in the search and start at the name.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs per search
  useEffect(() => {
    if (!newCaller) return;
    form.setFieldsValue({ phone: newCaller.phone ?? form.getFieldValue('phone'), name: newCaller.name });
    const id = window.setTimeout(() => nameRef.current?.focus(), 50);
    return () => window.clearTimeout(id);
  }, [newCaller?.nonce]);

  const values = Form.useWatch([], form) as HotlineValues | undefined;
  const estimateInput = useMemo(
    () => ({
      faultCategory: values?.faultCategory,
      faultCodeId: values?.faultCodeId,
      district: values ? districtOf(values, addresses) : undefined,
      priority: values?.priority,
      window: values ? windowPart(values) : undefined,
    }),
    [values, addresses],
  );
  const brand = values ? brandOf(values, units) : undefined;

  const onFinish = (v: HotlineValues) => {
    if (!v.faultCategory) return; // required by the form rules
    setFormError([]);
    const body: CreateWorkOrderBody = {
      customer: customer
        ? { id: customer.id, ...(v.phoneId ? { phoneId: v.phoneId } : {}) }
        : { name: v.name?.trim(), phone: v.phone?.trim() },
      address: addressPart(v, addresses),
      unit: unitPart(v, units),
      faultCategory: v.faultCategory,
      ...(v.faultCodeId ? { faultCodeId: v.faultCodeId } : {}),
      description: (v.description ?? '').trim(),
      priority: v.priority ?? 'normal',
      ...(windowPart(v) ? { preferredWindow: windowPart(v) } : {}),
      channel: v.channel,
    };
    create.mutate(
      { body, idempotencyKey },
      {
        onSuccess: onCreated,
        onError: (error) => setFormError(applyServerErrors(form, error, ORDER_FIELDS, ORDER_FIELD_MAP)),
      },
    );
  };

  const primaryPhone = customer?.phones.find((p) => p.isPrimary) ?? customer?.phones[0];

  return (
    <Card size="small" title={t('intake.formTitle')} data-testid="wo-form-card">
      <Form<HotlineValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        scrollToFirstError={{ focus: true, block: 'center' }}
        initialValues={{ city: DEFAULT_CITY, priority: 'normal', channel: 'hotline', modelUnknown: false }}
        data-testid="wo-form"
      >
        <Heading>{t('intake.section.customer')}</Heading>
        {customer ? (
          <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="wo-customer-picked">
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{customer.nameFull ? customer.name : customer.nameMasked}</Typography.Text>
              {primaryPhone ? <Tag>{primaryPhone.masked}</Tag> : null}
              <Button
                size="small"
                icon={<UserSwitchOutlined />}
                onClick={onClearCustomer}
                data-testid="wo-clear-customer"
              >
                {t('intake.otherCustomer')}
              </Button>
            </Flex>
            {customer.phones.length > 1 ? (
              <Form.Item name="phoneId" label={t('intake.field.contactPhone')} style={{ marginBottom: 0 }}>
                <Select
                  data-testid="wo-phone-id"
                  options={customer.phones.map((p) => ({ value: p.id, label: p.masked }))}
                />
              </Form.Item>
            ) : null}
          </Flex>
        ) : (
          <Row gutter={12} data-testid="hotline-new-customer">
            <Col xs={24} sm={10}>
              <Form.Item
                name="name"
                label={t('intake.field.name')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('validation.required', { field: t('intake.field.name') }),
                  },
                ]}
              >
                <Input ref={nameRef} maxLength={32} autoComplete="off" data-testid="wo-name" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={14}>
              <Form.Item
                name="phone"
                label={t('intake.field.phone')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('validation.required', { field: t('intake.field.phone') }),
                  },
                  {
                    validator: (_r, value: unknown) =>
                      typeof value !== 'string' || value.trim() === '' || parsePhone(value)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('validation.phone'))),
                  },
                ]}
              >
                <Input maxLength={32} inputMode="tel" autoComplete="off" data-testid="wo-phone" />
              </Form.Item>
            </Col>
          </Row>
        )}

        <Heading>{t('intake.section.address')}</Heading>
        <AddressFields addresses={addresses} pickerRef={addressRef} />

        <Heading>{t('intake.section.unit')}</Heading>
        <UnitFields units={units} pickerRef={unitRef} />

        <Heading>{t('intake.section.fault')}</Heading>
        <FaultFields
          categories={categories.data?.items ?? []}
          loading={categories.isLoading}
          brand={brand}
          categoryRef={faultRef}
        />
        <Form.Item
          name="description"
          label={t('intake.field.description')}
          extra={t('intake.ctrlEnterHint')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('validation.required', { field: t('intake.field.description') }),
            },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={1000}
            showCount
            data-testid="wo-description"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                form.submit();
              }
            }}
          />
        </Form.Item>

        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <PriorityField />
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="channel" label={t('intake.field.channel')}>
              <Radio.Group
                optionType="button"
                data-testid="wo-channel"
                options={(['hotline', 'walk_in'] as const).map((c) => ({ value: c, label: CHANNEL_LABELS[c][lang] }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <WindowField />

        {formError.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title={formError.join('；')}
            style={{ marginBottom: 12 }}
            data-testid="wo-form-error"
          />
        ) : null}

        <Row gutter={[12, 12]} align="middle">
          <Col xs={24} md={15}>
            <EstimateBox input={estimateInput} />
          </Col>
          <Col xs={24} md={9}>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              block
              icon={<SendOutlined />}
              loading={create.isPending}
              data-testid="wo-submit"
            >
              {t('intake.submit')}
            </Button>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
