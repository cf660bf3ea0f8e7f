import { isApiError } from '@web/lib/api';
import { applyServerErrors, errorMessage } from '@web/lib/errors';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { type TrackingView, useTrackWorkOrder } from '../api/track-work-order';
import { usePublicT } from '../messages';
import { compactPhone, PhoneCodeFields } from './phone-code-fields';

interface LookupValues {
  number: string;
  phone: string;
  code: string;
}

/** Order number + phone + SMS code (purpose track) → the order's view and a tracking session. */
export function TrackLookupForm({
  onFound,
  notice,
  initialNumber,
}: {
  onFound: (view: TrackingView) => void;
  notice?: string | null;
  /** From the link in a later SMS (/track?no=WO-…): the number is filled in, the customer adds phone and code. */
  initialNumber?: string | null;
}) {
  const t = usePublicT();
  const [form] = Form.useForm<LookupValues>();
  const track = useTrackWorkOrder();
  const [problem, setProblem] = useState<string | null>(null);
  const required = { required: true, message: t('repair.required') };

  const onFinish = async (v: LookupValues) => {
    setProblem(null);
    try {
      onFound(
        await track.mutateAsync({ number: v.number.trim().toUpperCase(), phone: compactPhone(v.phone), code: v.code }),
      );
    } catch (error) {
      if (isApiError(error) && error.code === 'NOT_FOUND') setProblem(t('track.notFound'));
      else {
        const leftover = applyServerErrors(form, error, ['number', 'phone', 'code']);
        if (leftover.length) setProblem(leftover.join('\n') || errorMessage(error));
      }
    }
  };

  return (
    <Form<LookupValues>
      initialValues={initialNumber ? { number: initialNumber } : undefined}
      form={form}
      layout="vertical"
      size="large"
      onFinish={(v) => void onFinish(v)}
      data-testid="track-form"
    >
      {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
      <Form.Item name="number" label={t('track.number')} rules={[required]}>
        <Input
          data-testid="track-number"
          placeholder={t('track.numberPlaceholder')}
          autoCapitalize="characters"
          maxLength={32}
        />
      </Form.Item>
      <PhoneCodeFields form={form} purpose="track" testIdPrefix="track" />
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem}
          style={{ marginBottom: 16, whiteSpace: 'pre-line' }}
          data-testid="track-error"
        />
      )}
      <Button data-testid="track-submit" type="primary" htmlType="submit" block loading={track.isPending}>
        {t('track.submit')}
      </Button>
    </Form>
  );
}
