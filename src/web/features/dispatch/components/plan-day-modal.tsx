import type { RoutePlan } from '@shared/contracts/dispatch-plans.contract';
import { errorMessage } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, Flex, Form, InputNumber, Modal, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { usePlanDay } from '../api/plan-day';

/** The form's values: how long the optimizer may run, and what it aims for besides placing every job. */
export interface PlanSettings {
  timeLimitSeconds: number;
  objective: RoutePlan['objective'];
}

export const DEFAULT_PLAN_SETTINGS: PlanSettings = { timeLimitSeconds: 30, objective: 'balance' };

/** 智能排班 form: time limit and objective → `planDay` for the board's branch and date. */
export function PlanDayModal({
  open,
  date,
  branchId,
  initial,
  onClose,
  onStarted,
}: {
  open: boolean;
  date: string;
  branchId: string | undefined;
  /** Prefilled settings ("plan again" keeps the last ones). */
  initial: PlanSettings | undefined;
  onClose: () => void;
  onStarted: (plan: RoutePlan) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<PlanSettings>();
  const planDay = usePlanDay();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) setError(undefined);
  }, [open]);

  const onFinish = (v: PlanSettings) => {
    setError(undefined);
    planDay.mutate(
      {
        date,
        ...(branchId ? { branchId } : {}),
        timeLimitSeconds: v.timeLimitSeconds,
        objective: v.objective,
      },
      {
        onSuccess: (plan) => {
          onStarted(plan);
          onClose();
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('plan.formTitle', { date })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('plan.start')}
      cancelText={t('common.cancel')}
      confirmLoading={planDay.isPending}
      okButtonProps={tid('plan-submit')}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('plan.formHint')}</Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="plan-error" />
      ) : null}
      <Form<PlanSettings>
        key={`${initial?.timeLimitSeconds}-${initial?.objective}`}
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={initial ?? DEFAULT_PLAN_SETTINGS}
        data-testid="plan-form"
      >
        <Form.Item
          name="timeLimitSeconds"
          label={t('plan.timeLimit')}
          extra={t('plan.timeLimitHelp')}
          rules={[{ required: true, type: 'integer', min: 5, max: 120, message: t('plan.timeLimitHelp') }]}
        >
          <InputNumber
            min={5}
            max={120}
            step={5}
            precision={0}
            suffix={t('plan.seconds', { seconds: '' }).trim()}
            style={{ width: 140 }}
            data-testid="plan-time-limit"
          />
        </Form.Item>
        <Form.Item name="objective" label={t('plan.objective')}>
          <Radio.Group data-testid="plan-objective">
            <Flex vertical gap={8}>
              <Radio value="balance" data-testid="plan-objective-balance">
                {t('plan.objective.balance')}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                  {t('plan.objective.balanceHelp')}
                </Typography.Text>
              </Radio>
              <Radio value="minTechnicians" data-testid="plan-objective-min-technicians">
                {t('plan.objective.minTechnicians')}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                  {t('plan.objective.minTechniciansHelp')}
                </Typography.Text>
              </Radio>
            </Flex>
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
