import type { PrivacyRequest } from '@shared/contracts/customers.contract';
import { useI18n } from '@web/lib/i18n';
import { Tag } from 'antd';

const COLORS: Record<PrivacyRequest['status'], string> = { open: 'processing', done: 'success', rejected: 'default' };

export function PrivacyStatusTag({ status }: { status: PrivacyRequest['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`privacy.status.${status}`)}
    </Tag>
  );
}
