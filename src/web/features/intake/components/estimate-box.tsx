import { ClockCircleOutlined } from '@ant-design/icons';
import type { FaultCategoryCode } from '@shared/contracts/intake.contract';
import type { Priority } from '@shared/domain/work-order';
import { type EstimateQuery, useRepairEstimate } from '@web/features/work-orders/api/estimate-repair-time';
import { errorMessage } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Flex, Spin, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';

/** `value`, once it has stayed the same for `ms` (typing a district or a time does not fire a request per key). */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return v;
}

export interface EstimateInput {
  faultCategory?: FaultCategoryCode | undefined;
  faultCodeId?: string | null | undefined;
  district?: string | undefined;
  priority?: Priority | undefined;
  window?: { start: string; end: string } | undefined;
}

/** The estimated repair time (estimateRepairTime), updated live as the form changes, before saving. */
export function EstimateBox({ input }: { input: EstimateInput }) {
  const { t, lang } = useI18n();
  const { token } = theme.useToken();
  const query: EstimateQuery | undefined =
    input.faultCategory && input.district
      ? {
          faultCategory: input.faultCategory,
          district: input.district,
          priority: input.priority ?? 'normal',
          ...(input.faultCodeId ? { faultCodeId: input.faultCodeId } : {}),
          ...(input.window ? { preferredStart: input.window.start, preferredEnd: input.window.end } : {}),
        }
      : undefined;
  const debounced = useDebounced(query ? JSON.stringify(query) : '', 300);
  const estimate = useRepairEstimate(debounced ? (JSON.parse(debounced) as EstimateQuery) : undefined);

  let body: React.ReactNode;
  if (!query) {
    body = <Typography.Text type="secondary">{t('intake.estimateNeeds')}</Typography.Text>;
  } else if (estimate.isError && !estimate.data) {
    body = <Typography.Text type="danger">{errorMessage(estimate.error)}</Typography.Text>;
  } else if (!estimate.data) {
    body = <Spin size="small" />;
  } else {
    const e = estimate.data;
    body = (
      <Flex vertical gap={2}>
        <Flex gap={8} align="baseline" wrap>
          <Typography.Text strong style={{ fontSize: 18 }} data-testid="wo-estimate-at">
            {formatDateTime(e.estimatedAt, lang, { seconds: false })}
          </Typography.Text>
          {estimate.isFetching ? <Spin size="small" /> : null}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {e.basis}
        </Typography.Text>
      </Flex>
    );
  }

  return (
    <div
      data-testid="wo-estimate"
      aria-live="polite"
      style={{
        padding: '8px 12px',
        borderRadius: token.borderRadius,
        background: token.colorInfoBg,
        border: `1px solid ${token.colorInfoBorder}`,
      }}
    >
      <Flex gap={8} align="flex-start">
        <ClockCircleOutlined style={{ color: token.colorInfo, marginTop: 4 }} />
        <div style={{ minWidth: 0 }}>
          <Typography.Text style={{ fontSize: 12 }}>{t('intake.estimate')}</Typography.Text>
          <div>{body}</div>
        </div>
      </Flex>
    </div>
  );
}
