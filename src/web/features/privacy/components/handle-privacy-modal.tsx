import type { PrivacyRequest } from '@shared/contracts/customers.contract';
import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useHandlePrivacyRequest } from '../api/handle-privacy-request';

export type PrivacyAction = 'complete' | 'reject';

/**
 * Complete or reject an open privacy request. Completing a deletion anonymises the customer (explained before
 * the click); completing an export hands back the data, which `onDone` shows.
 */
export function HandlePrivacyModal({
  request,
  action,
  onClose,
  onDone,
}: {
  request: PrivacyRequest | undefined;
  action: PrivacyAction;
  onClose: () => void;
  onDone: (result: { request: PrivacyRequest; data: unknown }) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note: string }>();
  const handle = useHandlePrivacyRequest();
  const [formError, setFormError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  // Keep showing the last request while the modal animates closed.
  const [shown, setShown] = useState(request);

  useEffect(() => {
    if (!request) return;
    setShown(request);
    form.resetFields();
    setFormError([]);
    setConflict(false);
  }, [request, form]);

  const isDelete = shown?.kind === 'delete';
  const title = !shown
    ? null
    : action === 'reject'
      ? t('privacy.rejectTitle', { name: shown.customerNameMasked })
      : isDelete
        ? t('privacy.completeDeleteTitle', { name: shown.customerNameMasked })
        : t('privacy.completeExportTitle', { name: shown.customerNameMasked });

  const onFinish = ({ note }: { note?: string }) => {
    if (!request) return;
    setFormError([]);
    handle.mutate(
      { requestId: request.id, body: { action, note: (note ?? '').trim(), version: request.version } },
      {
        onSuccess: (r) => {
          onClose();
          onDone({ request: r, data: r.result });
        },
        onError: (error) => {
          if (isVersionConflict(error)) setConflict(true);
          else setFormError(applyServerErrors(form, error, ['note']));
        },
      },
    );
  };

  return (
    <Modal
      open={Boolean(request)}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={
        action === 'reject' ? t('privacy.reject') : isDelete ? t('privacy.confirmDelete') : t('privacy.completeExport')
      }
      cancelText={t('common.cancel')}
      confirmLoading={handle.isPending}
      okButtonProps={{ ...tid('privacy-handle-submit'), danger: action === 'reject' || isDelete, disabled: conflict }}
      destroyOnHidden
      forceRender
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          title={t('wo.versionConflict')}
          description={t('common.versionConflictHint')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {formError.length > 0 ? (
        <Alert type="error" showIcon title={formError.join('；')} style={{ marginBottom: 12 }} />
      ) : null}
      {action === 'complete' && isDelete ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('privacy.deleteExplainTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              <li>{t('privacy.deleteExplain1')}</li>
              <li>{t('privacy.deleteExplain2')}</li>
              <li>{t('privacy.deleteExplain3')}</li>
            </ul>
          }
          data-testid="privacy-delete-explain"
        />
      ) : action === 'complete' ? (
        <Typography.Paragraph type="secondary">{t('privacy.exportExplain')}</Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">{t('privacy.rejectExplain')}</Typography.Paragraph>
      )}
      <Form<{ note: string }> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="note"
          label={action === 'reject' ? t('privacy.rejectNote') : t('privacy.note')}
          rules={
            action === 'reject'
              ? [
                  {
                    required: true,
                    whitespace: true,
                    message: t('validation.required', { field: t('privacy.rejectNote') }),
                  },
                  { min: 2, message: t('validation.minChars', { min: 2 }) },
                ]
              : []
          }
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="privacy-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
