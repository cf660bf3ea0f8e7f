import type { Requisition } from '@shared/contracts/parts.contract';
import { isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useApproveRequisition } from '../api/approve-requisition';
import { useIssueRequisition } from '../api/issue-requisition';
import { partsErrorText } from '../errors';
import { serialsRule, splitSerials } from './movement-modal';
import { LocationSelect } from './pickers';

type Line = Requisition['lines'][number];

function errorText(t: ReturnType<typeof useI18n>['t'], e: unknown) {
  return isVersionConflict(e) ? t('common.versionConflictHint') : partsErrorText(t, e);
}

/** Decide every line: approved quantity (0 = rejected), a reason when less than asked. */
export function DecideModal({ requisition, onClose }: { requisition?: Requisition; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ lines: { approvedQuantity: number; reason?: string }[] }>();
  const approve = useApproveRequisition();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!requisition) return;
    setError(undefined);
    form.setFieldsValue({ lines: requisition.lines.map((l) => ({ approvedQuantity: l.quantity, reason: '' })) });
  }, [requisition, form]);
  if (!requisition) return null;
  const setAll = (all: boolean) =>
    form.setFieldsValue({
      lines: requisition.lines.map((l, i) => ({
        approvedQuantity: all ? l.quantity : 0,
        reason: form.getFieldValue(['lines', i, 'reason']) as string | undefined,
      })),
    });
  return (
    <Modal
      open
      title={t('req.decideTitle', { number: requisition.number })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={approve.isPending}
      okButtonProps={tid('req-decide-submit')}
      width={640}
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="req-decide-error" />
      ) : null}
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Button onClick={() => setAll(true)} data-testid="req-decide-all">
          {t('req.decide.all')}
        </Button>
        <Button danger onClick={() => setAll(false)} data-testid="req-decide-none">
          {t('req.decide.none')}
        </Button>
      </Flex>
      <Form
        form={form}
        layout="vertical"
        data-testid="req-decide-form"
        onFinish={(v) => {
          setError(undefined);
          approve.mutate(
            {
              params: { requisitionId: requisition.id },
              body: {
                version: requisition.version,
                lines: requisition.lines.map((l, i) => {
                  const d = v.lines[i] ?? { approvedQuantity: l.quantity };
                  const reason = d.reason?.trim();
                  return { lineId: l.id, approvedQuantity: d.approvedQuantity, reason: reason || undefined };
                }),
              },
            },
            {
              onSuccess: () => {
                void message.success(t('req.decided'));
                onClose();
              },
              onError: (e) => setError(errorText(t, e)),
            },
          );
        }}
      >
        {requisition.lines.map((l, i) => (
          <Flex key={l.id} gap={8} wrap align="flex-start" data-testid={`req-decide-line-${l.line}`}>
            <div style={{ flex: '1 1 200px' }}>
              <Typography.Text strong>
                {l.partCode} {l.partName}
              </Typography.Text>
              <br />
              <Typography.Text type="secondary">
                {t('req.decide.asked')} {l.quantity} {l.unit}
              </Typography.Text>
            </div>
            <Form.Item
              name={['lines', i, 'approvedQuantity']}
              label={t('req.decide.approved')}
              rules={[{ required: true, type: 'integer', min: 0, max: l.quantity }]}
            >
              <InputNumber min={0} max={l.quantity} precision={0} style={{ width: 100 }} data-testid="req-decide-qty" />
            </Form.Item>
            <Form.Item
              name={['lines', i, 'reason']}
              label={t('req.decide.reason')}
              dependencies={[['lines', i, 'approvedQuantity']]}
              style={{ flex: '1 1 200px' }}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, value: string | undefined) => {
                    const q = getFieldValue(['lines', i, 'approvedQuantity']) as number | undefined;
                    if (q !== undefined && q < l.quantity && (value ?? '').trim().length < 2)
                      return Promise.reject(new Error(t('req.decide.reasonRequired')));
                    return Promise.resolve();
                  },
                }),
                { max: 200 },
              ]}
            >
              <Input maxLength={200} data-testid="req-decide-reason" />
            </Form.Item>
          </Flex>
        ))}
      </Form>
    </Modal>
  );
}

/** Issue the approved quantities from one store; valuable lines need one serial per unit. */
export function IssueModal({ requisition, onClose }: { requisition?: Requisition; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ sourceLocationId?: string; lines: { serials?: string; lot?: string }[] }>();
  const issue = useIssueRequisition();
  const [requestId, setRequestId] = useState('');
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!requisition) return;
    setRequestId(randomUuid());
    setError(undefined);
    form.resetFields();
  }, [requisition, form]);
  if (!requisition) return null;
  const lines = requisition.lines.filter((l: Line) => l.approvedQuantity > 0);
  return (
    <Modal
      open
      title={t('req.issueTitle', { number: requisition.number })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('req.issue')}
      cancelText={t('common.cancel')}
      confirmLoading={issue.isPending}
      okButtonProps={tid('req-issue-submit')}
      width={640}
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="req-issue-error" />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        data-testid="req-issue-form"
        onFinish={(v) => {
          setError(undefined);
          issue.mutate(
            {
              params: { requisitionId: requisition.id },
              body: {
                version: requisition.version,
                requestId,
                sourceLocationId: v.sourceLocationId as string,
                lines: lines.map((l) => {
                  const i = requisition.lines.indexOf(l);
                  const d = v.lines?.[i] ?? {};
                  return {
                    lineId: l.id,
                    serials: l.valuable || l.serialTracked ? splitSerials(d.serials) : undefined,
                    lot: l.lotTracked && d.lot?.trim() ? d.lot.trim() : undefined,
                  };
                }),
              },
            },
            {
              onSuccess: () => {
                void message.success(t('req.issued'));
                onClose();
              },
              onError: (e) => setError(errorText(t, e)),
            },
          );
        }}
      >
        <Form.Item
          name="sourceLocationId"
          label={t('req.issue.source')}
          rules={[{ required: true, message: t('validation.required', { field: t('req.issue.source') }) }]}
        >
          <LocationSelect kinds={['central', 'branch']} testId="req-issue-source" />
        </Form.Item>
        {requisition.lines.map((l, i) =>
          l.approvedQuantity > 0 ? (
            <div key={l.id} data-testid={`req-issue-line-${l.line}`} style={{ marginBottom: 8 }}>
              <Typography.Text strong>
                {l.partCode} {l.partName} × {l.approvedQuantity} {l.unit}
              </Typography.Text>
              {l.valuable || l.serialTracked ? (
                <Form.Item
                  name={['lines', i, 'serials']}
                  label={t('req.issue.serialsNeeded', { count: l.approvedQuantity })}
                  rules={[serialsRule(t, l.approvedQuantity)]}
                >
                  <Input.TextArea rows={Math.min(4, l.approvedQuantity)} data-testid="req-issue-serials" />
                </Form.Item>
              ) : null}
              {l.lotTracked ? (
                <Form.Item
                  name={['lines', i, 'lot']}
                  label={t('req.issue.lot')}
                  rules={[{ required: true, message: t('validation.required', { field: t('req.issue.lot') }) }]}
                >
                  <Input maxLength={40} data-testid="req-issue-lot" />
                </Form.Item>
              ) : null}
            </div>
          ) : null,
        )}
      </Form>
    </Modal>
  );
}
