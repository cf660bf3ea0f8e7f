import type { WorkOrderDetail } from '@shared/contracts/intake.contract';
import { useCustomer } from '@web/features/customers/api/get-customer';
import { useFaultCategories } from '@web/features/faults/api/list-fault-categories';
import { EstimateBox } from '@web/features/intake/components/estimate-box';
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
} from '@web/features/intake/components/order-fields';
import { DEFAULT_CITY } from '@web/features/intake/districts';
import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { DISPLAY_TIME_ZONE } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Divider, Form, Input, Modal, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { type ResubmitWorkOrderBody, useResubmitWorkOrder } from '../api/resubmit-work-order';
import { type UpdateWorkOrderBody, useUpdateWorkOrder } from '../api/update-work-order';
import { missingItemLabel } from '../labels';
import { VersionConflictAlert } from './version-conflict';

interface EditValues extends OrderFieldValues {
  note?: string;
}

type Edits = Omit<UpdateWorkOrderBody, 'version'>;

function sameWindow(
  a: { start: string; end: string } | null | undefined,
  b: { start: string; end: string } | undefined,
) {
  if (!a || !b) return !a && !b;
  return (
    new Date(a.start).getTime() === new Date(b.start).getTime() &&
    new Date(a.end).getTime() === new Date(b.end).getTime()
  );
}

/**
 * Edit an order awaiting review or returned (updateWorkOrder), or complete a returned one and send it back to
 * review (`resubmit`: resubmitWorkOrder with the edits in the same call). Only changed fields are sent.
 */
export function EditOrderModal({
  order,
  mode,
  onClose,
}: {
  order: WorkOrderDetail | undefined;
  mode: 'edit' | 'resubmit';
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const customer = useCustomer(order?.customer.id);
  const categories = useFaultCategories({ enabled: Boolean(order) });
  const update = useUpdateWorkOrder();
  const resubmit = useResubmitWorkOrder();
  const [formError, setFormError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);

  const addresses = customer.data?.addresses ?? [];
  const units = customer.data?.units ?? [];
  const ready = Boolean(order) && !customer.isLoading;

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill once per opened order (and when the card loads)
  useEffect(() => {
    if (!order || !ready) return;
    setFormError([]);
    setConflict(false);
    form.resetFields();
    const addressOnFile = order.customer.address && addresses.some((a) => a.id === order.customer.address?.id);
    const unitOnFile = order.unit.id && units.some((u) => u.id === order.unit.id);
    const w = order.preferredWindow;
    form.setFieldsValue({
      addressId: addressOnFile ? order.customer.address?.id : NEW,
      city: order.customer.address?.city ?? DEFAULT_CITY,
      district: order.customer.address?.district,
      detail: addressOnFile
        ? undefined
        : order.customer.address?.detailFull
          ? order.customer.address.detail
          : undefined,
      unitId: unitOnFile ? (order.unit.id ?? undefined) : NEW,
      brand: order.unit.brand,
      model: ['unknown', '不清楚'].includes(order.unit.model) ? undefined : order.unit.model,
      modelUnknown: ['unknown', '不清楚'].includes(order.unit.model),
      unitType: order.unit.type,
      faultCategory: order.faultCategory,
      faultCodeId: order.faultCodeId ?? undefined,
      description: order.description,
      priority: order.priority,
      window: w ? [dayjs(w.start).tz(DISPLAY_TIME_ZONE), dayjs(w.end).tz(DISPLAY_TIME_ZONE)] : null,
    });
  }, [order?.id, order?.version, ready]);

  const values = Form.useWatch([], form) as EditValues | undefined;
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

  /** What changed, as the edit fields of the contract. */
  const editsOf = (v: EditValues): Edits => {
    if (!order) return {};
    const edits: Edits = {};
    const addr = addressPart(v, addresses);
    if ('id' in addr) {
      if (addr.id !== order.customer.address?.id) edits.address = addr;
    } else edits.address = addr;
    const unit = unitPart(v, units);
    if ('id' in unit) {
      if (unit.id !== order.unit.id) edits.unit = unit;
    } else if (unit.brand !== order.unit.brand || unit.model !== order.unit.model || unit.type !== order.unit.type) {
      edits.unit = unit;
    }
    if (v.faultCategory && v.faultCategory !== order.faultCategory) edits.faultCategory = v.faultCategory;
    const code = v.faultCodeId ?? null;
    if (code !== order.faultCodeId) edits.faultCodeId = code;
    const description = (v.description ?? '').trim();
    if (description && description !== order.description) edits.description = description;
    if (v.priority && v.priority !== order.priority) edits.priority = v.priority;
    const w = windowPart(v);
    if (!sameWindow(order.preferredWindow, w)) edits.preferredWindow = w ?? null;
    return edits;
  };

  const onError = (error: unknown) => {
    if (isVersionConflict(error)) setConflict(true);
    else setFormError(applyServerErrors(form, error, [...ORDER_FIELDS, 'note'], ORDER_FIELD_MAP));
  };

  const onFinish = (v: EditValues) => {
    if (!order) return;
    setFormError([]);
    const edits = editsOf(v);
    if (mode === 'resubmit') {
      const body: ResubmitWorkOrderBody = {
        version: order.version,
        ...edits,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      };
      resubmit.mutate(
        { workOrderId: order.id, body },
        {
          onSuccess: () => {
            void message.success(t('wo.resubmit.done'));
            onClose();
          },
          onError,
        },
      );
    } else {
      if (Object.keys(edits).length === 0) {
        onClose();
        return;
      }
      update.mutate(
        { workOrderId: order.id, body: { version: order.version, ...edits } },
        {
          onSuccess: () => {
            void message.success(t('common.saved'));
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal
      open={Boolean(order)}
      width={760}
      title={order ? t(mode === 'resubmit' ? 'wo.resubmit.title' : 'wo.edit.title', { number: order.number }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={mode === 'resubmit' ? t('wo.resubmit.submit') : t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending || resubmit.isPending}
      okButtonProps={{ ...tid('wo-edit-submit'), disabled: conflict || !ready }}
      destroyOnHidden
      forceRender
    >
      {mode === 'resubmit' && order && order.missingItems.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('wo.returnedFor', { items: order.missingItems.map((i) => missingItemLabel(i, lang)).join('、') })}
          description={order.reviewNote || undefined}
        />
      ) : null}
      {!ready ? (
        <Skeleton active />
      ) : (
        <Form<EditValues> form={form} layout="vertical" onFinish={onFinish} data-testid="wo-edit-form">
          <Divider titlePlacement="start" style={{ margin: '0 0 12px', fontSize: 13 }}>
            {t('intake.section.address')}
          </Divider>
          <AddressFields addresses={addresses} />
          <Divider titlePlacement="start" style={{ margin: '0 0 12px', fontSize: 13 }}>
            {t('intake.section.unit')}
          </Divider>
          <UnitFields units={units} />
          <Divider titlePlacement="start" style={{ margin: '0 0 12px', fontSize: 13 }}>
            {t('intake.section.fault')}
          </Divider>
          <FaultFields
            categories={categories.data?.items ?? []}
            loading={categories.isLoading}
            brand={values ? brandOf(values, units) : undefined}
          />
          <Form.Item
            name="description"
            label={t('intake.field.description')}
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
            />
          </Form.Item>
          <PriorityField />
          <WindowField />
          {mode === 'resubmit' ? (
            <Form.Item name="note" label={t('wo.resubmit.note')}>
              <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="wo-resubmit-note" />
            </Form.Item>
          ) : null}
          <EstimateBox input={estimateInput} />
          {/* Errors sit next to the save button: the form is long and the user is at its end. */}
          <div style={{ marginTop: 12 }}>
            {conflict ? <VersionConflictAlert onReloaded={onClose} /> : null}
            {formError.length > 0 ? (
              <Alert type="error" showIcon title={formError.join('；')} data-testid="wo-edit-error" />
            ) : null}
          </div>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            {t('wo.edit.hint')}
          </Typography.Paragraph>
        </Form>
      )}
    </Modal>
  );
}
