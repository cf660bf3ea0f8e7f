import type { BoardAppointment, BoardTechnician } from '@shared/contracts/dispatch.contract';
import { isApiError } from '@web/lib/api';
import { applyServerErrors } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useReassignWorkOrder } from '../api/reassign-work-order';
import { useRecommendation } from '../api/recommend-technicians';
import { assignErrorText, windowIssues } from '../errors';
import { offReasonLabel } from '../labels';
import { formatHm, formatWindow, zonedMs } from '../time';
import { type HmWindow, minutesOf, WindowFields } from './window-fields';

export interface MoveTarget {
  appointment: BoardAppointment;
  fromTechnicianId: string;
  toTechnicianId: string;
  startMs: number;
}

interface Values {
  technicianId: string;
  reason: string;
  overrideReason?: string;
}

/** 改派: move an appointment to another time and/or technician, with a reason (from a drag or the block's menu). */
export function ReassignModal({
  target,
  technicians,
  date,
  timeZone,
  onClose,
}: {
  target: MoveTarget | undefined;
  technicians: BoardTechnician[];
  date: string;
  timeZone: string;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reassign = useReassignWorkOrder();
  const [win, setWin] = useState<HmWindow>({ start: '09:00', end: '10:00' });
  const [error, setError] = useState<string>();
  const [serverAsksOverride, setServerAsksOverride] = useState(false);
  const idempotencyKey = useMemo(() => (target ? randomUuid() : ''), [target]);
  const rec = useRecommendation(target?.appointment.workOrderId, target ? date : undefined);
  const technicianId = Form.useWatch('technicianId', form);

  useEffect(() => {
    if (!target) return;
    const a = target.appointment;
    const length = new Date(a.window.end).getTime() - new Date(a.window.start).getTime();
    form.resetFields();
    form.setFieldsValue({ technicianId: target.toTechnicianId });
    setError(undefined);
    setServerAsksOverride(false);
    setWin({ start: formatHm(target.startMs, timeZone), end: formatHm(target.startMs + length, timeZone) });
  }, [target, form, timeZone]);

  const moved = Boolean(target && technicianId && technicianId !== target.fromTechnicianId);
  const rank = rec.data?.candidates.find((c) => c.technician.id === technicianId)?.rank;
  const needsOverride = serverAsksOverride || (moved && rec.data !== undefined && rank !== 1);

  const onFinish = (v: Values) => {
    if (!target) return;
    if (minutesOf(win) <= 0) {
      setError(t('board.windowInvalid'));
      return;
    }
    setError(undefined);
    const override = v.overrideReason?.trim();
    reassign.mutate(
      {
        workOrderId: target.appointment.workOrderId,
        idempotencyKey,
        body: {
          technicianId: v.technicianId,
          version: target.appointment.workOrderVersion,
          reason: v.reason.trim(),
          window: {
            start: new Date(zonedMs(date, win.start, timeZone)).toISOString(),
            end: new Date(zonedMs(date, win.end, timeZone)).toISOString(),
          },
          ...(needsOverride && override ? { overrideReason: override } : {}),
        },
      },
      {
        onSuccess: (r) => {
          void message.success(
            t('board.moved', {
              number: target.appointment.workOrderNumber,
              name: r.assignment.technician.name,
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
            if (e.issues.some((i) => i.path.startsWith('overrideReason'))) setServerAsksOverride(true);
            const rest = applyServerErrors(form, e, ['technicianId', 'reason', 'overrideReason']).filter(
              (m) => !m.startsWith('window'),
            );
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
      title={target ? t('board.moveTitle', { number: target.appointment.workOrderNumber }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('board.moveSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={reassign.isPending}
      okButtonProps={tid('reassign-submit')}
      destroyOnHidden
      forceRender
      width={560}
    >
      <div data-testid="reassign-modal">
        {error ? (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="reassign-error" />
        ) : null}
        {target ? (
          <Typography.Paragraph type="secondary">
            {t('board.moveFrom', {
              name: technicians.find((x) => x.id === target.fromTechnicianId)?.name ?? '—',
              window: formatWindow(target.appointment.window, timeZone, date),
            })}
          </Typography.Paragraph>
        ) : null}
        <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item name="technicianId" label={t('board.technician')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="reassign-technician"
              options={technicians.map((x) => {
                const c = rec.data?.candidates.find((k) => k.technician.id === x.id);
                const bad = rec.data?.ineligible.find((k) => k.technician.id === x.id);
                return {
                  value: x.id,
                  label: `${x.name} ${x.staffNo}${c ? ` · #${c.rank}` : ''}${x.shift === null ? ` · ${offReasonLabel(x.offReason, lang, t)}` : ''}`,
                  disabled: x.shift === null || (bad !== undefined && x.id !== target?.fromTechnicianId),
                };
              })}
            />
          </Form.Item>
          <Form.Item label={t('board.window.label')} required>
            <WindowFields value={win} onChange={setWin} date={date} testId="reassign-window" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('board.moveReason')}
            rules={[
              { required: true, whitespace: true, message: t('board.reasonRequired') },
              { min: 2, message: t('validation.minChars', { min: 2 }) },
            ]}
          >
            <Input.TextArea
              maxLength={300}
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder={t('board.moveReasonPlaceholder')}
              data-testid="reassign-reason"
            />
          </Form.Item>
          {needsOverride ? (
            <Form.Item
              name="overrideReason"
              label={t('board.overrideReason')}
              extra={t('board.overrideHintNoTop')}
              rules={[
                { required: true, whitespace: true, message: t('board.overrideReasonRequired') },
                { min: 2, message: t('validation.minChars', { min: 2 }) },
              ]}
            >
              <Input.TextArea
                maxLength={300}
                autoSize={{ minRows: 2, maxRows: 4 }}
                data-testid="reassign-override-reason"
              />
            </Form.Item>
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}
