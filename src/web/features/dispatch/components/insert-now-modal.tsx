import { ThunderboltOutlined } from '@ant-design/icons';
import type { BoardQueueItem } from '@shared/contracts/dispatch.contract';
import { PriorityTag } from '@web/features/work-orders/components/tags';
import { errorMessage } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Button, Descriptions, Flex, Modal, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useInsertNowApply, useInsertNowPreview } from '../api/insert-urgent-order';
import { formatWindow } from '../time';
import { MoveList } from './plan-moves';

/**
 * 立即插单: previews where an urgent order goes in today's routes (technician, window, which appointments move,
 * before → after), then assigns it with `apply: true`. Nothing changes until the dispatcher confirms.
 */
export function InsertNowModal({
  order,
  timeZone,
  onClose,
}: {
  order: BoardQueueItem | undefined;
  timeZone: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const preview = useInsertNowPreview();
  const applyInsert = useInsertNowApply();
  const [error, setError] = useState<string>();
  // One key per dialog: a double click or a retry after a lost reply inserts once. The server keeps the reply of a
  // key, so after an answer "not inserted" (the day changed) a new attempt needs a new key.
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const previewOf = preview.mutate;
  const resetPreview = preview.reset;

  useEffect(() => {
    setError(undefined);
    resetPreview();
    setIdempotencyKey(randomUuid());
    if (order) previewOf(order.workOrderId);
  }, [order, previewOf, resetPreview]);

  const result = preview.data;
  const canConfirm = Boolean(result?.inserted) && !applyInsert.isPending;

  const onConfirm = () => {
    if (!order) return;
    setError(undefined);
    applyInsert.mutate(
      { workOrderId: order.workOrderId, idempotencyKey },
      {
        onSuccess: (r) => {
          if (r.applied && r.technician && r.window) {
            void message.success(
              t('insertNow.done', {
                number: r.workOrderNumber,
                name: r.technician.name,
                window: formatWindow(r.window, timeZone),
              }),
            );
            onClose();
            return;
          }
          // The day changed between the preview and the confirmation: show what the server says now.
          setError(t('insertNow.notApplied', { reason: r.reason?.text ?? '' }));
          setIdempotencyKey(randomUuid());
          preview.reset();
          previewOf(order.workOrderId);
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };

  return (
    <Modal
      open={Boolean(order)}
      title={
        order ? (
          <Flex gap={8} align="center">
            <ThunderboltOutlined style={{ color: '#f5222d' }} />
            {t('insertNow.title', { number: order.workOrderNumber })}
            {order.priority === 'urgent' ? <PriorityTag priority="urgent" /> : null}
          </Flex>
        ) : null
      }
      onCancel={onClose}
      destroyOnHidden
      width={560}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        result && !result.inserted ? (
          <Button key="retry" onClick={() => order && previewOf(order.workOrderId)} loading={preview.isPending}>
            {t('insertNow.retry')}
          </Button>
        ) : null,
        <Button
          key="ok"
          type="primary"
          danger
          disabled={!canConfirm}
          loading={applyInsert.isPending}
          onClick={onConfirm}
          {...tid('insert-now-confirm')}
        >
          {t('insertNow.confirm')}
        </Button>,
      ]}
    >
      <div data-testid="insert-now-modal" data-work-order-id={order?.workOrderId}>
        {error ? (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="insert-now-error" />
        ) : null}
        {preview.isPending && !result ? (
          <div data-testid="insert-now-computing">
            <Typography.Paragraph type="secondary">{t('insertNow.computing')}</Typography.Paragraph>
            <Skeleton active paragraph={{ rows: 3 }} />
          </div>
        ) : preview.isError ? (
          <Alert type="error" showIcon title={errorMessage(preview.error)} data-testid="insert-now-error" />
        ) : result ? (
          <div data-testid="insert-now-preview" data-inserted={result.inserted ? 'true' : 'false'}>
            {result.inserted && result.technician && result.window ? (
              <>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="insert-now-date">
                  {t('insertNow.today', { date: result.date })}
                </Typography.Paragraph>
                <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
                  <Descriptions.Item label={t('insertNow.technician')}>
                    <span data-testid="insert-now-technician" data-technician-id={result.technician.id}>
                      <Typography.Text strong>{result.technician.name}</Typography.Text>{' '}
                      <Typography.Text type="secondary">{result.technician.staffNo}</Typography.Text>
                    </span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('insertNow.window')}>
                    <span data-testid="insert-now-window" data-start={result.window.start}>
                      <Typography.Text strong>{formatWindow(result.window, timeZone, result.date)}</Typography.Text>
                      {result.travelMinutesBefore !== null ? (
                        <Typography.Text type="secondary">
                          {' '}
                          · {t('insertNow.travel', { minutes: result.travelMinutesBefore })}
                        </Typography.Text>
                      ) : null}
                    </span>
                  </Descriptions.Item>
                </Descriptions>
                <Typography.Text strong>
                  {result.moves.length > 0
                    ? t('insertNow.moves', { count: result.moves.length })
                    : t('insertNow.noMoves')}
                </Typography.Text>
                {result.moves.length > 0 ? (
                  <div style={{ marginTop: 6 }} data-testid="insert-now-moves">
                    <MoveList moves={result.moves} timeZone={timeZone} date={result.date} testId="insert-now-move" />
                  </div>
                ) : null}
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
                  {t('insertNow.smsHint')}
                </Typography.Paragraph>
              </>
            ) : (
              <Alert
                type="warning"
                showIcon
                title={t('insertNow.notInserted', { reason: result.reason?.text ?? '' })}
                description={t('insertNow.notInsertedHint')}
                data-testid="insert-now-reason"
                data-reason={result.reason?.code}
              />
            )}
          </div>
        ) : null}
      </div>
    </Modal>
  );
}
