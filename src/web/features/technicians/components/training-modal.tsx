import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useAddTraining } from '../api/add-training';
import { applyFormErrors } from '../form-errors';

interface Values {
  course: string;
  heldOn: Dayjs;
  hours: number;
  result: 'pass' | 'fail' | 'attended';
  note?: string;
}

const FIELDS = ['course', 'heldOn', 'hours', 'result', 'note'];

/** Record a training the technician attended. */
export function TrainingModal({
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
  const [form] = Form.useForm<Values>();
  const add = useAddTraining();
  const [formError, setFormError] = useState<string[]>([]);

  useEffect(() => {
    if (!open) return;
    setFormError([]);
    form.resetFields();
    form.setFieldsValue({ result: 'pass', hours: 4 });
  }, [open, form]);

  const onFinish = (v: Values) => {
    setFormError([]);
    const note = v.note?.trim();
    add.mutate(
      {
        technicianId: technician.id,
        body: {
          course: v.course.trim(),
          heldOn: v.heldOn.format('YYYY-MM-DD'),
          hours: v.hours,
          result: v.result,
          ...(note ? { note } : {}),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) => setFormError(applyFormErrors(form, error, FIELDS)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('tech.training.addTitle', { name: technician.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      okButtonProps={tid('training-submit')}
      destroyOnHidden
      forceRender
    >
      {formError.length > 0 ? (
        <Alert type="error" showIcon title={formError.join('；')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="training-form">
        <Row gutter={12}>
          <Col xs={24}>
            <Form.Item
              name="course"
              label={t('tech.training.course')}
              rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}
            >
              <Input maxLength={100} data-testid="training-course" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="heldOn" label={t('tech.training.heldOn')} rules={[{ required: true }]}>
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                data-testid="training-held-on"
              />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="hours"
              label={t('tech.training.hours')}
              rules={[{ required: true, type: 'number', min: 0.5, max: 200 }]}
            >
              <InputNumber min={0.5} max={200} step={0.5} style={{ width: '100%' }} data-testid="training-hours" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="result" label={t('tech.training.result')}>
              <Radio.Group
                optionType="button"
                options={(['pass', 'fail', 'attended'] as const).map((r) => ({
                  value: r,
                  label: t(`tech.training.result.${r}`),
                }))}
                data-testid="training-result"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={t('tech.training.note')}>
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="training-note" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
