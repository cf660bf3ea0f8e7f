import type { Stocktake } from '@shared/contracts/stocktakes.contract';
import { isApiError } from '@web/lib/api';
import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useCancelStocktake } from '../api/cancel-stocktake';
import { partsErrorText } from '../errors';

/** 作废盘点 with a reason (before approval; nothing is posted). */
export function StocktakeCancelModal({ stocktake, onClose }: { stocktake?: Stocktake; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelStocktake();
  const [error, setError] = useState<string[]>([]);
  useEffect(() => {
    if (!stocktake) return;
    setError([]);
    form.resetFields();
  }, [stocktake, form]);
  return (
    <Modal
      open={Boolean(stocktake)}
      title={stocktake ? t('stocktake.cancelTitle', { number: stocktake.number }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('stocktake.cancel')}
      okButtonProps={{ ...tid('stocktake-cancel-submit'), danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={cancel.isPending}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('stocktake.cancelHint')}</Typography.Paragraph>
      {error.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={error.join('；')}
          style={{ marginBottom: 12 }}
          data-testid="stocktake-cancel-error"
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          if (!stocktake) return;
          cancel.mutate(
            { stocktakeId: stocktake.id, body: { version: stocktake.version, reason: v.reason.trim() } },
            {
              onSuccess: () => {
                void message.success(t('stocktake.cancelled'));
                onClose();
              },
              onError: (e) =>
                setError(
                  isVersionConflict(e)
                    ? [t('common.versionConflictHint')]
                    : isApiError(e) && e.code === 'VALIDATION_FAILED'
                      ? applyServerErrors(form, e, ['reason'])
                      : [partsErrorText(t, e)],
                ),
            },
          );
        }}
      >
        <Form.Item
          name="reason"
          label={t('stocktake.cancelReason')}
          rules={[
            { required: true, message: t('validation.required', { field: t('stocktake.cancelReason') }) },
            { min: 2, max: 200, whitespace: true },
          ]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="stocktake-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
