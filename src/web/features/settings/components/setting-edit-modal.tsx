import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { filterTimeZone, isKnownTimeZone, useTimeZoneOptions } from '@web/lib/time-zones';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { useUpdateSetting } from '../api/update-setting';
import { enumLabel, type SettingRow, settingKind, settingLabel, unitLabel } from '../setting-kinds';

interface EditValues {
  value?: unknown;
  start?: Dayjs | null;
  end?: Dayjs | null;
}

function toTime(hhmm: unknown): Dayjs | null {
  if (typeof hhmm !== 'string' || !/^\d{2}:\d{2}$/.test(hhmm)) return null;
  const [h, m] = hhmm.split(':').map(Number);
  return dayjs()
    .hour(h ?? 0)
    .minute(m ?? 0)
    .second(0)
    .millisecond(0);
}

/**
 * Edit one setting at one scope: the company (branch undefined) or a branch.
 * The input matches the setting's kind; the server validates and its field errors land on the inputs.
 */
export function SettingEditModal({
  row,
  branch,
  onClose,
}: {
  row: SettingRow | undefined;
  branch: { id: string; name: string } | undefined;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateSetting();
  const tzOptions = useTimeZoneOptions();
  const [formError, setFormError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const kind = row ? settingKind(row) : undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when another row or scope is opened
  useEffect(() => {
    if (!row) return;
    setFormError([]);
    setConflict(false);
    form.resetFields();
    const scoped = branch ? row.branchValue : row.globalValue;
    const current = scoped ?? row.effectiveValue;
    if (settingKind(row).kind === 'workingHours') {
      const v = current as { start?: unknown; end?: unknown } | null;
      form.setFieldsValue({ start: toTime(v?.start), end: toTime(v?.end) });
    } else if (settingKind(row).kind === 'json') {
      form.setFieldsValue({ value: JSON.stringify(current) });
    } else {
      form.setFieldsValue({ value: current });
    }
  }, [row, branch?.id, form]);

  if (!row || !kind) return null;

  const onFinish = (values: EditValues) => {
    setFormError([]);
    let value: unknown;
    switch (kind.kind) {
      case 'workingHours':
        value = { start: values.start?.format('HH:mm'), end: values.end?.format('HH:mm') };
        break;
      case 'json':
        try {
          value = JSON.parse(String(values.value));
        } catch {
          form.setFields([{ name: 'value', errors: ['JSON'] }]);
          return;
        }
        break;
      case 'timezone':
        value = String(values.value ?? '').trim();
        break;
      default:
        value = values.value;
    }
    update.mutate(
      { key: row.key, body: { branchId: branch?.id ?? null, value, version: row.version } },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) => {
          if (isVersionConflict(error)) setConflict(true);
          else
            setFormError(
              applyServerErrors(
                form,
                error,
                ['value'],
                kind.kind === 'workingHours' ? { 'value.start': 'start', 'value.end': 'end', value: 'end' } : {},
              ),
            );
        },
      },
    );
  };

  const required = { required: true, message: t('validation.required', { field: t('settings.value') }) };

  let inputs: ReactNode;
  switch (kind.kind) {
    case 'number':
      inputs = (
        <Form.Item
          name="value"
          label={t('settings.value')}
          rules={[required, { type: 'integer', min: 1, message: t('validation.positiveInteger') }]}
        >
          <InputNumber
            precision={0}
            step={1}
            style={{ width: '100%', maxWidth: 240 }}
            suffix={unitLabel(kind.unit, t)}
            data-testid="setting-value"
          />
        </Form.Item>
      );
      break;
    case 'enum':
      inputs = (
        <Form.Item name="value" label={t('settings.value')} rules={[required]}>
          <Select
            style={{ maxWidth: 240 }}
            options={kind.options.map((o) => ({ value: o, label: enumLabel(row.key, o, lang) }))}
            data-testid="setting-value"
          />
        </Form.Item>
      );
      break;
    case 'workingHours':
      inputs = (
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item
            name="start"
            label={t('settings.start')}
            rules={[{ required: true, message: t('validation.required', { field: t('settings.start') }) }]}
          >
            <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} data-testid="setting-start" />
          </Form.Item>
          <Form.Item
            name="end"
            label={t('settings.end')}
            rules={[{ required: true, message: t('validation.required', { field: t('settings.end') }) }]}
          >
            <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} data-testid="setting-end" />
          </Form.Item>
        </div>
      );
      break;
    case 'timezone':
      inputs = (
        <Form.Item
          name="value"
          label={t('settings.value')}
          rules={[
            required,
            {
              validator: (_r, v: string) =>
                !v || isKnownTimeZone(v) ? Promise.resolve() : Promise.reject(new Error(t('validation.timeZone'))),
            },
          ]}
        >
          <AutoComplete
            options={tzOptions}
            showSearch={{ filterOption: filterTimeZone }}
            style={{ maxWidth: 320 }}
            data-testid="setting-value"
          />
        </Form.Item>
      );
      break;
    case 'json':
      inputs = (
        <Form.Item name="value" label={t('settings.value')} rules={[required]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="setting-value" />
        </Form.Item>
      );
      break;
  }

  return (
    <Modal
      open
      title={t('settings.editTitle', { label: settingLabel(row, lang) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ ...tid('setting-submit'), disabled: conflict }}
    >
      <Typography.Paragraph type="secondary">
        {branch ? t('settings.editScopeBranch', { branch: branch.name }) : t('settings.editScopeCompany')}
        <br />
        <Typography.Text code>{row.key}</Typography.Text>
      </Typography.Paragraph>
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          title={t('common.versionConflictHint')}
          style={{ marginBottom: 16 }}
          data-testid="version-conflict"
          action={
            <Button size="small" onClick={onClose}>
              {t('common.reloadAndClose')}
            </Button>
          }
        />
      ) : null}
      {formError.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={formError.join('；')}
          style={{ marginBottom: 16 }}
          data-testid="setting-error"
        />
      ) : null}
      <Form<EditValues> form={form} layout="vertical" onFinish={onFinish}>
        {inputs}
      </Form>
    </Modal>
  );
}
