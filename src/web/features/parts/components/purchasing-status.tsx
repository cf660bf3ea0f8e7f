import type { PurchaseOrderStatus, PurchasePlanStatus } from '@shared/contracts/purchasing.contract';
import { useI18n } from '@web/lib/i18n';
import { Tag } from 'antd';

const PLAN_COLORS: Record<PurchasePlanStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  rejected: 'error',
  ordered: 'purple',
  cancelled: 'default',
};

const ORDER_COLORS: Record<PurchaseOrderStatus, string> = {
  open: 'processing',
  partially_received: 'warning',
  received: 'success',
  cancelled: 'default',
  closed: 'default',
};

export function PlanStatusTag({ status }: { status: PurchasePlanStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={PLAN_COLORS[status]} data-testid="plan-status" data-status={status}>
      {t(`pur.status.plan.${status}`)}
    </Tag>
  );
}

export function OrderStatusTag({ status, overdue }: { status: PurchaseOrderStatus; overdue?: boolean }) {
  const { t } = useI18n();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Tag color={ORDER_COLORS[status]} data-testid="po-status" data-status={status}>
        {t(`pur.status.order.${status}`)}
      </Tag>
      {overdue ? (
        <Tag color="error" data-testid="po-overdue">
          {t('pur.overdue')}
        </Tag>
      ) : null}
    </span>
  );
}

/** A score 0–100 as a coloured tag (≥ 90 green, ≥ 75 blue, ≥ 60 orange, below red). */
export function ScoreTag({ score, testId }: { score: number | null; testId?: string }) {
  if (score === null) return <span>—</span>;
  const color = score >= 90 ? 'success' : score >= 75 ? 'processing' : score >= 60 ? 'warning' : 'error';
  return (
    <Tag color={color} data-testid={testId}>
      {score}
    </Tag>
  );
}

/** Basis points as a percentage: 10500 → "105.0%". */
export function bpPercent(bp: number | null): string {
  return bp === null ? '—' : `${(bp / 100).toFixed(1)}%`;
}
