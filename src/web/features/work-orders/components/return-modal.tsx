import { REVIEW_MISSING_ITEM_LABELS, REVIEW_MISSING_ITEMS } from '@shared/contracts/intake.contract';
import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useReviewWorkOrder } from '../api/review-work-order';
import { VersionConflictAlert } from './version-conflict';

interface ReturnValues {
  items: string[];
  other: string[];
  note?: string;
}

export interface OrderRef {
  id: string;
  number: string;
  version: number;
}

/** 退回补充: the reviewer names what is missing (checklist + free items) and adds a note; the agent completes it. */
export function ReturnOrderModal({ order, onClose }: { order: OrderRef | undefined; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReturnValues>();
  const review = useReviewWorkOrder();
  const [formError, setFormError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    if (!order) return;
    form.resetFields();
    setFormError([]);
    setConflict(false);
  }, [order, form]);

  const onFinish = (v: ReturnValues) => {
    if (!order) return;
    const missingItems = [...(v.items ?? []), ...(v.other ?? []).map((s) => s.trim()).filter(Boolean)];
    if (missingItems.length === 0) {
      form.setFields([{ name: 'items', errors: [t('wo.return.itemsRequired')] }]);
      return;
    }
    setFormError([]);
    review.mutate(
      {
        workOrderId: order.id,
        body: {
          decision: 'return',
          version: order.version,
          missingItems,
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        },
      },
      {
        onSuccess: (o) => {
          void message.success(t('wo.return.done', { number: o.number }));
          onClose();
        },
        onError: (error) => {
          if (isVersionConflict(error)) setConflict(true);
          else setFormError(applyServerErrors(form, error, ['items', 'note'], { missingItems: 'items' }));
        },
      },
    );
  };

  return (
    <Modal
      open={Boolean(order)}
      title={order ? t('wo.return.title', { number: order.number }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('wo.return.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={review.isPending}
      okButtonProps={{ ...tid('wo-return-submit'), disabled: conflict, danger: true }}
      destroyOnHidden
      forceRender
    >
      {conflict ? <VersionConflictAlert onReloaded={onClose} /> : null}
      {formError.length > 0 ? (
        <Alert type="error" showIcon title={formError.join('；')} style={{ marginBottom: 12 }} />
      ) : null}
      <Typography.Paragraph type="secondary">{t('wo.return.hint')}</Typography.Paragraph>
      <Form<ReturnValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ items: [], other: [] }}>
        <Form.Item name="items" label={t('wo.return.items')}>
          <Checkbox.Group
            data-testid="wo-return-items"
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))', gap: 8 }}
            options={REVIEW_MISSING_ITEMS.map((i) => ({ value: i, label: REVIEW_MISSING_ITEM_LABELS[i][lang] }))}
          />
        </Form.Item>
        <Form.Item name="other" label={t('wo.return.other')}>
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            placeholder={t('wo.return.otherPlaceholder')}
            data-testid="wo-return-other"
          />
        </Form.Item>
        <Form.Item name="note" label={t('wo.return.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="wo-return-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
