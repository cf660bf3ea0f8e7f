import type { StockMovement } from '@shared/contracts/parts.contract';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { isApiError } from '@web/lib/api';
import { applyServerErrors } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Drawer, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useStockMovements } from '../api/list-stock-movements';
import { useReverseStockMovement } from '../api/reverse-stock-movement';
import { partsErrorText } from '../errors';
import { MovementTable } from './movement-table';

/** Reverse one movement with a reason; one request id per opening. */
function ReverseModal({ movement, onClose }: { movement?: StockMovement; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const reverse = useReverseStockMovement();
  const [requestId, setRequestId] = useState('');
  const [error, setError] = useState<string[]>([]);
  useEffect(() => {
    if (!movement) return;
    setRequestId(randomUuid());
    setError([]);
    form.resetFields();
  }, [movement, form]);
  return (
    <Modal
      open={Boolean(movement)}
      title={t('stock.reverseTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('stock.ledger.reverse')}
      okButtonProps={{ ...tid('reverse-submit'), danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={reverse.isPending}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('stock.reverseHint')}</Typography.Paragraph>
      {error.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={error.join('；')}
          style={{ marginBottom: 12 }}
          data-testid="reverse-error"
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          if (!movement) return;
          reverse.mutate(
            { params: { movementId: movement.id }, body: { requestId, reason: v.reason.trim() } },
            {
              onSuccess: () => {
                void message.success(t('stock.reversed'));
                onClose();
              },
              onError: (e) =>
                setError(
                  isApiError(e) && e.code === 'VALIDATION_FAILED'
                    ? applyServerErrors(form, e, ['reason'])
                    : [partsErrorText(t, e)],
                ),
            },
          );
        }}
      >
        <Form.Item
          name="reason"
          label={t('stock.reverseReason')}
          rules={[
            { required: true, message: t('validation.required', { field: t('stock.reverseReason') }) },
            { min: 2, max: 200, whitespace: true },
          ]}
        >
          <Input maxLength={200} data-testid="reverse-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A part's ledger, newest first, paged on the server; reversal with stock.move. */
export function LedgerDrawer({
  part,
  onClose,
}: {
  part?: { partId: string; partCode: string; partName: string; locationId?: string };
  onClose: () => void;
}) {
  const { t } = useI18n();
  const can = useCan();
  const [page, setPage] = useState(1);
  const [reversing, setReversing] = useState<StockMovement | undefined>();
  useEffect(() => {
    if (part) setPage(1);
  }, [part]);
  const movements = useStockMovements(
    { partId: part?.partId, page: String(page), pageSize: '20' },
    { enabled: Boolean(part) },
  );
  return (
    <Drawer
      open={Boolean(part)}
      onClose={onClose}
      size="large"
      title={part ? t('stock.ledgerTitle', { code: part.partCode, name: part.partName }) : ''}
      data-testid="ledger-drawer"
      destroyOnHidden
    >
      <MovementTable
        rows={movements.data?.items ?? []}
        loading={movements.isFetching}
        onReverse={can('stock.move') ? setReversing : undefined}
        testId="ledger-table"
        pagination={{
          current: page,
          pageSize: 20,
          total: movements.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('common.total', { total: n }),
        }}
      />
      <ReverseModal movement={reversing} onClose={() => setReversing(undefined)} />
    </Drawer>
  );
}
