import type { Priority, WorkOrderStatus } from '@shared/domain/work-order';
import { PRIORITY_LABELS, STATUS_LABELS } from '@shared/domain/work-order';
import { useI18n } from '@web/lib/i18n';
import { Tag } from 'antd';
import { STATUS_COLORS } from '../labels';

const tagStyle = { marginInlineEnd: 0 };

export function StatusTag({ status, testId }: { status: WorkOrderStatus; testId?: string }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} style={tagStyle} data-testid={testId} data-status={status}>
      {STATUS_LABELS[status][lang]}
    </Tag>
  );
}

/** Urgent stands out in red; normal is a quiet tag. */
export function PriorityTag({ priority }: { priority: Priority }) {
  const { lang } = useI18n();
  return (
    <Tag color={priority === 'urgent' ? 'red' : 'default'} style={tagStyle}>
      {PRIORITY_LABELS[priority][lang]}
    </Tag>
  );
}

export function WarrantyTag({ status }: { status: 'in_warranty' | 'expired' | 'unknown' }) {
  const { t } = useI18n();
  const color = status === 'in_warranty' ? 'success' : status === 'expired' ? 'warning' : 'default';
  return (
    <Tag color={color} style={tagStyle}>
      {t(`warranty.${status}`)}
    </Tag>
  );
}

export function OverdueTag() {
  const { t } = useI18n();
  return (
    <Tag color="error" style={tagStyle}>
      {t('wo.overdue')}
    </Tag>
  );
}
