import { CALENDAR_KIND_LABELS, CALENDAR_KINDS } from '@shared/contracts/dispatch.contract';
import { useI18n } from '@web/lib/i18n';
import { Col, Form, type FormInstance, Input, Radio, Row, Switch } from 'antd';

export interface AvailabilityValues {
  kind: (typeof CALENDAR_KINDS)[number];
  day: string;
  partDay: boolean;
  startTime?: string;
  endTime?: string;
  reason: string;
}

export const AVAILABILITY_FIELDS = ['kind', 'day', 'startTime', 'endTime', 'reason'];

/** The request body from the form values (times only for a part-day leave or an extra shift with hours). */
export function availabilityBody(v: AvailabilityValues) {
  const withTimes = v.kind !== 'day_off' && v.partDay && v.startTime && v.endTime;
  return {
    day: v.day,
    kind: v.kind,
    ...(withTimes ? { startTime: v.startTime, endTime: v.endTime } : {}),
    reason: v.reason.trim(),
  };
}

/**
 * Kind, day, optional hours and reason, as native date / time inputs (the phone's own pickers). Used by the
 * technician's request page and the head's "record directly" dialog.
 */
export function AvailabilityFields({ form, minDay }: { form: FormInstance<AvailabilityValues>; minDay?: string }) {
  const { t, lang } = useI18n();
  const kind = Form.useWatch('kind', form);
  const partDay = Form.useWatch('partDay', form);
  const timed = kind !== 'day_off' && partDay;
  return (
    <Row gutter={12}>
      <Col xs={24}>
        <Form.Item name="kind" label={t('avail.my.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={CALENDAR_KINDS.map((k) => ({ value: k, label: CALENDAR_KIND_LABELS[k][lang] }))}
            data-testid="avail-kind"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name="day"
          label={t('avail.my.day')}
          rules={[{ required: true, message: t('avail.my.dayRequired') }]}
        >
          <Input type="date" min={minDay} size="large" data-testid="avail-day" />
        </Form.Item>
      </Col>
      {kind !== 'day_off' ? (
        <Col xs={24} sm={12}>
          <Form.Item
            name="partDay"
            label={kind === 'extra_shift' ? t('avail.my.extraHours') : t('avail.my.partDay')}
            valuePropName="checked"
          >
            <Switch data-testid="avail-part-day" />
          </Form.Item>
        </Col>
      ) : null}
      {timed ? (
        <>
          <Col xs={12}>
            <Form.Item
              name="startTime"
              label={t('avail.my.start')}
              rules={[{ required: true, message: t('avail.my.timeRequired') }]}
            >
              <Input type="time" size="large" data-testid="avail-start" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="endTime"
              label={t('avail.my.end')}
              dependencies={['startTime']}
              rules={[
                { required: true, message: t('avail.my.timeRequired') },
                ({ getFieldValue }) => ({
                  validator: (_r, value: string | undefined) =>
                    !value || !getFieldValue('startTime') || value > getFieldValue('startTime')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('avail.my.timeOrder'))),
                }),
              ]}
            >
              <Input type="time" size="large" data-testid="avail-end" />
            </Form.Item>
          </Col>
        </>
      ) : null}
      <Col xs={24}>
        <Form.Item
          name="reason"
          label={t('avail.my.reason')}
          rules={[{ required: true, whitespace: true, min: 2, max: 300, message: t('avail.my.reasonRequired') }]}
        >
          <Input.TextArea
            maxLength={300}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('avail.my.reasonPlaceholder')}
            data-testid="avail-reason"
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
