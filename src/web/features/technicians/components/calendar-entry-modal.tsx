import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Form, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useAddCalendarEntry } from '../api/add-calendar-entry';
import { applyFormErrors } from '../form-errors';
import {
  AVAILABILITY_FIELDS,
  AvailabilityFields,
  type AvailabilityValues,
  availabilityBody,
} from './availability-fields';
import { ConflictsNotice } from './conflicts-notice';

/**
 * The department head records leave, a day off or an extra shift directly (approved at once). When it hits
 * appointments, the dialog stays open and names them.
 */
export function CalendarEntryModal({
  open,
  technician,
  onClose,
}: {
  open: boolean;
  technician: TechnicianDetail;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AvailabilityValues>();
  const add = useAddCalendarEntry();
  const [formError, setFormError] = useState<string[]>([]);
  const [result, setResult] = useState<{ numbers: string[]; day: string }>();

  useEffect(() => {
    if (!open) return;
    setFormError([]);
    setResult(undefined);
    form.resetFields();
    form.setFieldsValue({ kind: 'leave', partDay: false });
  }, [open, form]);

  const onFinish = (v: AvailabilityValues) => {
    setFormError([]);
    const body = availabilityBody(v);
    add.mutate(
      { technicianId: technician.id, body },
      {
        onSuccess: (res) => {
          void message.success(t('tech.calendar.recorded'));
          if (res.conflictingAppointments.length > 0)
            setResult({ numbers: res.conflictingAppointments, day: body.day });
          else onClose();
        },
        onError: (error) => setFormError(applyFormErrors(form, error, AVAILABILITY_FIELDS)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('tech.calendar.addTitle', { name: technician.name })}
      onCancel={onClose}
      onOk={() => (result ? onClose() : form.submit())}
      okText={result ? t('common.ok') : t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      okButtonProps={tid('calendar-submit')}
      destroyOnHidden
      forceRender
    >
      {result ? <ConflictsNotice numbers={result.numbers} name={technician.name} day={result.day} /> : null}
      <div style={result ? { display: 'none' } : undefined}>
        <Typography.Paragraph type="secondary">{t('tech.calendar.addHint')}</Typography.Paragraph>
        {formError.length > 0 ? (
          <Alert type="error" showIcon title={formError.join('；')} style={{ marginBottom: 12 }} />
        ) : null}
        <Form<AvailabilityValues> form={form} layout="vertical" onFinish={onFinish} data-testid="calendar-form">
          <AvailabilityFields form={form} />
        </Form>
      </div>
    </Modal>
  );
}
