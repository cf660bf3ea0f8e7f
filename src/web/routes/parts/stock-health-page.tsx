import { PageHeader } from '@web/components/page-header';
import {
  AlertsTab,
  ExpiringTab,
  HEALTH_TABS,
  HealthCard,
  type HealthTab,
  PendingTab,
  ReturnsTab,
  SlowMovingTab,
  TurnoverTab,
  useHealthCounts,
  ValuableTab,
} from '@web/features/parts/components/stock-health-tabs';
import { useI18n } from '@web/lib/i18n';
import { useUrlFilters } from '@web/lib/use-url-filters';
import { Badge, Tabs } from 'antd';
import type { ComponentType } from 'react';

const TAB_BODY: Record<HealthTab, ComponentType<{ filters: ReturnType<typeof useUrlFilters> }>> = {
  expiring: ExpiringTab,
  slow: SlowMovingTab,
  turnover: TurnoverTab,
  pending: PendingTab,
  alerts: AlertsTab,
  returns: ReturnsTab,
  valuable: ValuableTab,
};

/**
 * 库存健康: expiring and expired lots, slow-moving stock, turnover, requisitions waiting (with their clocks), parts
 * alerts (acknowledge), old-part returns (record the return, waive) and valuable units in vans. The tab and its
 * filters live in the URL; changing tab starts from its defaults.
 */
export function StockHealthPage() {
  const { t } = useI18n();
  const filters = useUrlFilters();
  const raw = filters.get('tab');
  const tab: HealthTab = HEALTH_TABS.includes(raw as HealthTab) ? (raw as HealthTab) : 'expiring';
  const counts = useHealthCounts();
  const badge: Partial<Record<HealthTab, number>> = {
    expiring: counts.expired,
    pending: counts.pending,
    alerts: counts.alerts,
    returns: counts.returns,
    valuable: counts.valuable,
  };
  const Body = TAB_BODY[tab];
  return (
    <div>
      <PageHeader title={t('health.title')} />
      <HealthCard>
        <Tabs
          activeKey={tab}
          onChange={(k) =>
            filters.update({
              ...Object.fromEntries([...filters.params.keys()].map((key) => [key, undefined])),
              tab: k === 'expiring' ? undefined : k,
            })
          }
          items={HEALTH_TABS.map((k) => ({
            key: k,
            label: (
              <span data-testid={`health-tab-${k}`}>
                {t(`health.tab.${k}`)}{' '}
                {badge[k] ? <Badge count={badge[k]} size="small" data-testid={`health-badge-${k}`} /> : null}
              </span>
            ),
            children: k === tab ? <Body filters={filters} /> : null,
          }))}
        />
      </HealthCard>
    </div>
  );
}
