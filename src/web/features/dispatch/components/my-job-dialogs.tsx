import type { MyJob } from '@shared/contracts/dispatch.contract';
import { isApiError } from '@web/lib/api';
import { applyServerErrors, errorMessage } from '@web/lib/errors';
import { DISPLAY_TIME_ZONE } from '@web/lib/format';
import { type MessageKey, useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Checkbox, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useConfirmCustomerContact } from '../api/confirm-customer-contact';
import { useDeclineAssignment } from '../api/decline-assignment';
import { useReportLate } from '../api/report-late';
import { dateOf, formatHm, formatWindow, MINUTE_MS, snapMs, zonedMs } from '../time';

export type JobDialog = { kind: 'decline' | 'contact' | 'late'; job: MyJob } | undefined;

const DECLINE_REASONS: MessageKey[] = [
  'myJobs.declineReason.conflict',
  'myJobs.declineReason.skill',
  'myJobs.declineReason.distance',
  'myJobs.declineReason.health',
];
const LATE_REASONS: MessageKey[] = [
  'myJobs.lateReason.traffic',
  'myJobs.lateReason.previousJob',
  'myJobs.lateReason.vehicle',
  'myJobs.lateReason.parts',
];

/** Quick reasons as tappable chips that fill the text (one thumb, no typing on a phone). */
function ReasonChips({ keys, onPick }: { keys: MessageKey[]; onPick: (text: string) => void }) {
  const { t } = useI18n();
  return (
    <Flex wrap gap={8} style={{ marginBottom: 8 }}>
      {keys.map((k) => (
        <Tag.CheckableTag
          key={k}
          checked={false}
          onChange={() => onPick(t(k))}
          style={{ padding: '6px 12px', fontSize: 14, border: '1px solid #d9d9d9', marginInlineEnd: 0 }}
        >
          {t(k)}
        </Tag.CheckableTag>
      ))}
    </Flex>
  );
}

function useDialogError() {
  const [error, setError] = useState<string>();
  return { error, setError };
}

/** 拒单 / 已联系客户 / 将迟到: the technician's dialogs of one job (phone-first: big targets). */
export function MyJobDialogs({ dialog, onClose }: { dialog: JobDialog; onClose: () => void }) {
  return (
    <>
      <DeclineDialog job={dialog?.kind === 'decline' ? dialog.job : undefined} onClose={onClose} />
      <ContactDialog job={dialog?.kind === 'contact' ? dialog.job : undefined} onClose={onClose} />
      <LateDialog job={dialog?.kind === 'late' ? dialog.job : undefined} onClose={onClose} />
    </>
  );
}

function DeclineDialog({ job, onClose }: { job: MyJob | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const decline = useDeclineAssignment();
  const { error, setError } = useDialogError();
  const key = useMemo(() => (job ? randomUuid() : ''), [job]);
  useEffect(() => {
    if (job) {
      form.resetFields();
      setError(undefined);
    }
  }, [job, form, setError]);

  return (
    <Modal
      open={Boolean(job)}
      title={job ? t('myJobs.declineTitle', { number: job.workOrder.number }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('myJobs.decline')}
      cancelText={t('common.cancel')}
      confirmLoading={decline.isPending}
      okButtonProps={{ ...tid('job-decline-submit'), danger: true, size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      destroyOnHidden
      forceRender
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t('myJobs.declineHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          if (!job) return;
          decline.mutate(
            {
              assignmentId: job.assignment.id,
              idempotencyKey: key,
              body: { version: job.assignment.version, reason: v.reason.trim() },
            },
            {
              onSuccess: () => {
                void message.success(t('myJobs.declined', { number: job.workOrder.number }));
                onClose();
              },
              onError: (e) => {
                const rest = applyServerErrors(form, e, ['reason']);
                if (rest.length) setError(rest.join('；'));
              },
            },
          );
        }}
      >
        <ReasonChips keys={DECLINE_REASONS} onPick={(text) => form.setFieldsValue({ reason: text })} />
        <Form.Item
          name="reason"
          label={t('myJobs.reason')}
          rules={[
            { required: true, whitespace: true, message: t('board.reasonRequired') },
            { min: 2, message: t('validation.minChars', { min: 2 }) },
          ]}
        >
          <Input.TextArea maxLength={300} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="job-decline-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ContactDialog({ job, onClose }: { job: MyJob | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [address, setAddress] = useState(false);
  const [time, setTime] = useState(false);
  const [note, setNote] = useState('');
  const confirm = useConfirmCustomerContact();
  const { error, setError } = useDialogError();
  const key = useMemo(() => (job ? randomUuid() : ''), [job]);
  useEffect(() => {
    if (job) {
      setAddress(false);
      setTime(false);
      setNote('');
      setError(undefined);
    }
  }, [job, setError]);

  const submit = () => {
    if (!job || !address || !time) return;
    confirm.mutate(
      {
        assignmentId: job.assignment.id,
        idempotencyKey: key,
        body: {
          version: job.assignment.version,
          addressConfirmed: true,
          timeConfirmed: true,
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('myJobs.contactDone'));
          onClose();
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };

  const big = { fontSize: 16, padding: '8px 0' } as const;
  return (
    <Modal
      open={Boolean(job)}
      title={job ? t('myJobs.contactTitle', { number: job.workOrder.number }) : null}
      onCancel={onClose}
      onOk={submit}
      okText={t('myJobs.contactSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={confirm.isPending}
      okButtonProps={{ ...tid('job-contact-submit'), disabled: !address || !time, size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t('myJobs.contactHint')}</Typography.Paragraph>
      <Flex vertical gap={4}>
        <Checkbox
          checked={address}
          onChange={(e) => setAddress(e.target.checked)}
          style={big}
          data-testid="job-contact-address"
        >
          {t('myJobs.addressConfirmed')}
        </Checkbox>
        <Checkbox checked={time} onChange={(e) => setTime(e.target.checked)} style={big} data-testid="job-contact-time">
          {job
            ? t('myJobs.timeConfirmed', { window: formatWindow(job.assignment.window, DISPLAY_TIME_ZONE) })
            : t('myJobs.timeConfirmedPlain')}
        </Checkbox>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={300}
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder={t('myJobs.contactNote')}
          data-testid="job-contact-note"
          style={{ marginTop: 8 }}
        />
      </Flex>
    </Modal>
  );
}

function LateDialog({ job, onClose }: { job: MyJob | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ time: string; reason: string }>();
  const late = useReportLate();
  const { error, setError } = useDialogError();
  const key = useMemo(() => (job ? randomUuid() : ''), [job]);
  const tz = DISPLAY_TIME_ZONE;
  useEffect(() => {
    if (!job) return;
    form.resetFields();
    setError(undefined);
    const base = Math.max(Date.now(), new Date(job.assignment.etaAt ?? job.assignment.window.start).getTime());
    form.setFieldsValue({ time: formatHm(snapMs(base + 30 * MINUTE_MS), tz) });
  }, [job, form, setError]);

  return (
    <Modal
      open={Boolean(job)}
      title={job ? t('myJobs.lateTitle', { number: job.workOrder.number }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('myJobs.lateSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={late.isPending}
      okButtonProps={{ ...tid('job-late-submit'), size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      destroyOnHidden
      forceRender
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t('myJobs.lateHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          if (!job) return;
          const day = dateOf(job.assignment.window.start, tz);
          const at = zonedMs(day, v.time, tz);
          late.mutate(
            {
              assignmentId: job.assignment.id,
              idempotencyKey: key,
              body: {
                version: job.assignment.version,
                newArrival: new Date(at).toISOString(),
                reason: v.reason.trim(),
              },
            },
            {
              onSuccess: () => {
                void message.success(t('myJobs.lateDone', { at: v.time }));
                onClose();
              },
              onError: (e) => {
                if (isApiError(e) && e.code === 'VALIDATION_FAILED') {
                  const rest = applyServerErrors(form, e, ['reason', 'time'], { newArrival: 'time' });
                  if (rest.length) setError(rest.join('；'));
                } else setError(errorMessage(e));
              },
            },
          );
        }}
      >
        <Form.Item
          name="time"
          label={job ? t('myJobs.newArrival', { date: dateOf(job.assignment.window.start, tz) }) : ''}
          rules={[{ required: true, message: t('myJobs.newArrivalRequired') }]}
        >
          <Input type="time" step={300} size="large" data-testid="job-late-time" style={{ width: 160 }} />
        </Form.Item>
        <ReasonChips keys={LATE_REASONS} onPick={(text) => form.setFieldsValue({ reason: text })} />
        <Form.Item
          name="reason"
          label={t('myJobs.reason')}
          rules={[
            { required: true, whitespace: true, message: t('board.reasonRequired') },
            { min: 2, message: t('validation.minChars', { min: 2 }) },
          ]}
        >
          <Input.TextArea maxLength={300} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="job-late-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
