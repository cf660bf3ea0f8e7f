import { CheckOutlined } from '@ant-design/icons';
import type { Candidate, TechnicianRef } from '@shared/contracts/dispatch.contract';
import { isApiError } from '@web/lib/api';
import { applyServerErrors } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useAssignWorkOrder } from '../api/assign-work-order';
import { assignErrorText, windowIssues } from '../errors';
import { formatHm, formatWindow, MINUTE_MS, zonedMs } from '../time';
import { CandidateFacts } from './candidate-facts';
import { type HmWindow, minutesOf, WindowFields } from './window-fields';

export interface AssignTarget {
  workOrderId: string;
  number: string;
  version: number;
  technician: TechnicianRef;
  /** Start of the window (epoch ms) and its length. */
  startMs: number;
  durationMinutes: number;
  /** This technician as a candidate of the recommendation (absent when not recommended / not loaded). */
  candidate: Candidate | undefined;
  /** The first of the recommendation, when it is someone else. */
  top: Candidate | undefined;
}

interface Values {
  overrideReason?: string;
}

/** 派单确认: the window (editable), the candidate's reasons, and an override reason when not the first choice. */
export function AssignConfirmModal({
  target,
  date,
  timeZone,
  onClose,
}: {
  target: AssignTarget | undefined;
  date: string;
  timeZone: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const assign = useAssignWorkOrder();
  const [win, setWin] = useState<HmWindow>({ start: '09:00', end: '10:00' });
  const [error, setError] = useState<string>();
  // One key per dialog: a double click or a retry after a lost reply assigns once.
  const idempotencyKey = useMemo(() => (target ? randomUuid() : ''), [target]);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    setError(undefined);
    setWin({
      start: formatHm(target.startMs, timeZone),
      end: formatHm(target.startMs + target.durationMinutes * MINUTE_MS, timeZone),
    });
  }, [target, form, timeZone]);

  const needsOverride = Boolean(target && target.candidate?.rank !== 1);
  const earliest = target?.candidate?.window;
  const earliestHm = earliest
    ? { start: formatHm(earliest.start, timeZone), end: formatHm(earliest.end, timeZone) }
    : undefined;

  const onFinish = (v: Values) => {
    if (!target) return;
    if (minutesOf(win) <= 0) {
      setError(t('board.windowInvalid'));
      return;
    }
    setError(undefined);
    const reason = v.overrideReason?.trim();
    assign.mutate(
      {
        workOrderId: target.workOrderId,
        idempotencyKey,
        body: {
          technicianId: target.technician.id,
          version: target.version,
          window: {
            start: new Date(zonedMs(date, win.start, timeZone)).toISOString(),
            end: new Date(zonedMs(date, win.end, timeZone)).toISOString(),
          },
          ...(needsOverride && reason ? { overrideReason: reason } : {}),
        },
      },
      {
        onSuccess: (r) => {
          void message.success(
            t('board.assigned', {
              number: target.number,
              name: target.technician.name,
              window: formatWindow(r.assignment.window, timeZone),
            }),
          );
          onClose();
        },
        onError: (e) => {
          if (isApiError(e) && e.code === 'VERSION_CONFLICT') {
            void message.warning(assignErrorText(e, t));
            onClose();
            return;
          }
          if (isApiError(e) && e.code === 'VALIDATION_FAILED') {
            const rest = applyServerErrors(form, e, ['overrideReason']).filter((m) => !m.startsWith('window'));
            const messages = [...windowIssues(e), ...rest];
            if (messages.length) setError(messages.join('；'));
            return;
          }
          setError(assignErrorText(e, t));
        },
      },
    );
  };

  return (
    <Modal
      open={Boolean(target)}
      title={target ? t('board.confirmTitle', { number: target.number, name: target.technician.name }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('board.confirmAssign')}
      cancelText={t('common.cancel')}
      confirmLoading={assign.isPending}
      okButtonProps={{ ...tid('assign-submit'), icon: <CheckOutlined /> }}
      cancelButtonProps={tid('assign-cancel')}
      destroyOnHidden
      forceRender
      width={560}
    >
      <div data-testid="assign-confirm" data-technician-id={target?.technician.id}>
        {error ? (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="assign-error" />
        ) : null}
        {target ? (
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('board.order')}>{target.number}</Descriptions.Item>
            <Descriptions.Item label={t('board.technician')}>
              {target.technician.name}
              <Typography.Text type="secondary" style={{ marginInline: 6 }}>
                {target.technician.staffNo}
              </Typography.Text>
              {target.candidate ? (
                <Tag color={target.candidate.rank === 1 ? 'green' : 'default'}>
                  {t('board.rank', { rank: target.candidate.rank })}
                </Tag>
              ) : null}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        <Typography.Text strong>{t('board.window.label')}</Typography.Text>
        <div style={{ margin: '6px 0 4px' }}>
          <WindowFields value={win} onChange={setWin} date={date} testId="assign-window" />
        </div>
        {earliestHm && (earliestHm.start !== win.start || earliestHm.end !== win.end) ? (
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 0 }}
            onClick={() => setWin(earliestHm)}
            data-testid="assign-use-earliest"
          >
            {t('board.useEarliest', { window: `${earliestHm.start}–${earliestHm.end}` })}
          </Button>
        ) : null}
        {target?.candidate ? (
          <div style={{ marginTop: 8 }}>
            <CandidateFacts candidate={target.candidate} timeZone={timeZone} date={date} />
          </div>
        ) : null}
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} style={{ marginTop: 12 }}>
          {needsOverride ? (
            <>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                title={
                  target?.top
                    ? t('board.overrideHint', { name: target.top.technician.name })
                    : t('board.overrideHintNoTop')
                }
              />
              <Form.Item
                name="overrideReason"
                label={t('board.overrideReason')}
                rules={[
                  { required: true, whitespace: true, message: t('board.overrideReasonRequired') },
                  { min: 2, message: t('validation.minChars', { min: 2 }) },
                ]}
              >
                <Input.TextArea
                  maxLength={300}
                  autoSize={{ minRows: 2, maxRows: 4 }}
                  placeholder={t('board.overrideReasonPlaceholder')}
                  data-testid="assign-override-reason"
                />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}
