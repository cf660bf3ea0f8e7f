import type { OldPartReturn } from '@shared/contracts/parts-health.contract';
import { isApiError } from '@web/lib/api';
import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useRecordOldPartReturn } from '../api/record-old-part-return';
import { useWaiveOldPartReturn } from '../api/waive-old-part-return';
import { partsErrorText } from '../errors';
import { LocationSelect } from './pickers';

const SERIAL = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$/;

function errorLines(
  t: ReturnType<typeof useI18n>['t'],
  e: unknown,
  fields: string[],
  form: Parameters<typeof applyServerErrors>[0],
) {
  if (isVersionConflict(e)) return [t('common.versionConflictHint')];
  if (isApiError(e) && e.code === 'VALIDATION_FAILED') return applyServerErrors(form, e, fields);
  return [partsErrorText(t, e)];
}

function Summary({ r }: { r: OldPartReturn }) {
  const { t } = useI18n();
  return (
    <Typography.Paragraph type="secondary">
      {t('health.returns.summary', {
        part: `${r.partCode} ${r.partName}`,
        order: r.workOrderNumber || '—',
        technician: r.technicianName || '—',
      })}
      {r.newSerial ? ` · ${t('health.returns.newSerial', { serial: r.newSerial })}` : ''}
    </Typography.Paragraph>
  );
}

/** 旧件入库: the old part received at a store, its serial as read and its condition. */
export function RecordReturnModal({ item, onClose }: { item?: OldPartReturn; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ receivedLocationId?: string; oldSerial?: string; conditionNote?: string }>();
  const record = useRecordOldPartReturn();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string[]>([]);
  useEffect(() => {
    if (!item) return;
    setKey(randomUuid());
    setError([]);
    form.resetFields();
  }, [item, form]);
  return (
    <Modal
      open={Boolean(item)}
      title={item ? t('health.returns.recordTitle', { number: item.number }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('health.returns.record')}
      okButtonProps={tid('return-record-submit')}
      cancelText={t('common.cancel')}
      confirmLoading={record.isPending}
      destroyOnHidden
      forceRender
    >
      {item ? <Summary r={item} /> : null}
      {error.length > 0 ? (
        <Alert type="error" showIcon title={error.join('；')} style={{ marginBottom: 12 }} data-testid="return-error" />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        data-testid="return-record-form"
        onFinish={(v) => {
          if (!item) return;
          record.mutate(
            {
              params: { returnId: item.id },
              idempotencyKey: key,
              body: {
                version: item.version,
                receivedLocationId: v.receivedLocationId as string,
                oldSerial: v.oldSerial?.trim() || undefined,
                conditionNote: v.conditionNote?.trim() || undefined,
              },
            },
            {
              onSuccess: () => {
                void message.success(t('health.returns.recorded'));
                onClose();
              },
              onError: (e) => setError(errorLines(t, e, ['receivedLocationId', 'oldSerial', 'conditionNote'], form)),
            },
          );
        }}
      >
        <Form.Item
          name="receivedLocationId"
          label={t('health.returns.location')}
          rules={[{ required: true, message: t('validation.required', { field: t('health.returns.location') }) }]}
        >
          <LocationSelect kinds={['central', 'branch']} testId="return-location" />
        </Form.Item>
        <Form.Item
          name="oldSerial"
          label={t('health.returns.oldSerial')}
          extra={t('health.returns.oldSerialHint')}
          rules={[{ pattern: SERIAL, message: t('stock.serialsInvalid') }]}
        >
          <Input maxLength={60} data-testid="return-old-serial" />
        </Form.Item>
        <Form.Item name="conditionNote" label={t('health.returns.condition')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="return-condition" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 免回收: waive an old part's return with a reason (requisitions.approve). */
export function WaiveReturnModal({ item, onClose }: { item?: OldPartReturn; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const waive = useWaiveOldPartReturn();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string[]>([]);
  useEffect(() => {
    if (!item) return;
    setKey(randomUuid());
    setError([]);
    form.resetFields();
  }, [item, form]);
  return (
    <Modal
      open={Boolean(item)}
      title={item ? t('health.returns.waiveTitle', { number: item.number }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('health.returns.waive')}
      okButtonProps={{ ...tid('return-waive-submit'), danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={waive.isPending}
      destroyOnHidden
      forceRender
    >
      {item ? <Summary r={item} /> : null}
      {error.length > 0 ? (
        <Alert type="error" showIcon title={error.join('；')} style={{ marginBottom: 12 }} data-testid="return-error" />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          if (!item) return;
          waive.mutate(
            {
              params: { returnId: item.id },
              idempotencyKey: key,
              body: { version: item.version, reason: v.reason.trim() },
            },
            {
              onSuccess: () => {
                void message.success(t('health.returns.waived'));
                onClose();
              },
              onError: (e) => setError(errorLines(t, e, ['reason'], form)),
            },
          );
        }}
      >
        <Form.Item
          name="reason"
          label={t('health.returns.waiveReason')}
          rules={[
            { required: true, message: t('validation.required', { field: t('health.returns.waiveReason') }) },
            { min: 2, max: 200, whitespace: true },
          ]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="return-waive-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
