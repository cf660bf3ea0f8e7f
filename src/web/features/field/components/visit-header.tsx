import { CheckCircleFilled, ClockCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import type { Visit } from '@shared/contracts/field.contract';
import { VISIT_STATUS_LABELS } from '@shared/domain/field';
import { UNIT_TYPE_LABELS, type UnitType } from '@shared/domain/work-order';
import { formatHm, formatWindow } from '@web/features/dispatch/time';
import { offlineText, stepPendingSync } from '@web/features/field/offline';
import { StatusTag } from '@web/features/work-orders/components/tags';
import { useFaultCategoryName } from '@web/features/work-orders/hooks/use-fault-category-name';
import { isUnknownModel } from '@web/features/work-orders/labels';
import { DISPLAY_TIME_ZONE } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { useNow } from '@web/lib/use-now';
import { Card, Flex, Tag, Typography } from 'antd';

const TZ = DISPLAY_TIME_ZONE;

/** "1:05" / "-0:20" from minutes. */
function hm(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(minutes);
  return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** The visit at a glance: order, window, customer (masked), unit, status, ETA or the repair's countdown. */
export function VisitHeader({ visit }: { visit: Visit }) {
  const { t, lang } = useI18n();
  const now = useNow(30_000);
  const faultName = useFaultCategoryName();
  const wo = visit.workOrder;
  const unitType = UNIT_TYPE_LABELS[wo.unit.type as UnitType]?.[lang] ?? wo.unit.type;
  const dueMinutes =
    visit.repairDueAt && visit.status === 'open'
      ? Math.floor((new Date(visit.repairDueAt).getTime() - now) / 60_000)
      : null;

  return (
    <Card size="small" data-testid="visit-header" styles={{ body: { padding: 12 } }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong style={{ fontSize: 18 }} data-testid="visit-number">
          {visit.workOrderNumber}
          {visit.visitNo > 1 ? ` #${visit.visitNo}` : ''}
        </Typography.Text>
        <Flex gap={4}>
          <StatusTag status={wo.status} />
          <Tag
            color={visit.status === 'open' ? 'processing' : visit.status === 'completed' ? 'success' : 'default'}
            data-testid="visit-status"
            data-status={visit.status}
            style={{ marginInlineEnd: 0 }}
          >
            {VISIT_STATUS_LABELS[visit.status][lang]}
          </Tag>
        </Flex>
      </Flex>
      <div style={{ fontSize: 15, marginTop: 4 }}>
        {visit.window ? (
          <div data-testid="visit-window">
            <ClockCircleOutlined /> {formatWindow(visit.window, TZ)}
            {visit.etaAt && !visit.arrivedAt ? ` · ${t('field.eta', { at: formatHm(visit.etaAt, TZ) })}` : ''}
          </div>
        ) : null}
        <div>
          {wo.customerName} {wo.phoneMasked} · {wo.district}
        </div>
        <div>
          {faultName(wo.faultCategory)} · {wo.unit.brand} {unitType}
          {isUnknownModel(wo.unit.model) ? '' : ` ${wo.unit.model}`}
          {wo.unit.inWarranty ? (
            <Tag color="green" style={{ marginInlineStart: 6 }}>
              {t('field.inWarranty')}
            </Tag>
          ) : null}
        </div>
      </div>
      {dueMinutes !== null ? (
        <Typography.Text
          strong
          type={dueMinutes < 0 ? 'danger' : dueMinutes < 20 ? 'warning' : undefined}
          style={{ display: 'block', marginTop: 4, fontSize: 16 }}
          data-testid="visit-countdown"
          data-minutes={dueMinutes}
        >
          {dueMinutes < 0
            ? t('field.overdueBy', { time: hm(-dueMinutes) })
            : t('field.dueIn', { time: hm(dueMinutes), at: formatHm(visit.repairDueAt as string, TZ) })}
        </Typography.Text>
      ) : null}
      {visit.officeNote ? (
        <Typography.Text type="warning" style={{ display: 'block', marginTop: 4 }} data-testid="visit-office-note">
          {t('field.officeNote', { note: visit.officeNote })}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

/** Every step of the visit: done ✓, skipped (with the reason), to do; the current one highlighted. */
export function StepList({ visit }: { visit: Visit }) {
  const { t, lang } = useI18n();
  const done = visit.steps.filter((s) => s.status !== 'todo').length;
  return (
    <div data-testid="visit-steps" style={{ margin: '10px 0' }}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('field.progress', { done, total: visit.steps.length })}
      </Typography.Text>
      <Flex wrap gap={4} style={{ marginTop: 4 }}>
        {visit.steps.map((s) => {
          const current = s.step === visit.next && visit.status === 'open';
          return (
            <Tag
              key={s.step}
              data-testid="visit-step"
              data-step={s.step}
              data-status={s.status}
              title={s.skipReason ?? undefined}
              color={
                s.status === 'done'
                  ? 'success'
                  : s.status === 'skipped'
                    ? 'default'
                    : current
                      ? 'processing'
                      : undefined
              }
              style={{
                marginInlineEnd: 0,
                fontSize: 13,
                padding: '2px 6px',
                fontWeight: current ? 600 : undefined,
                textDecoration: s.status === 'skipped' ? 'line-through' : undefined,
              }}
            >
              {s.status === 'done' ? <CheckCircleFilled /> : s.status === 'skipped' ? <MinusCircleOutlined /> : null}{' '}
              {t(`field.step.${s.step}`)}
              {stepPendingSync(visit, s.step) ? (
                <span data-testid="visit-step-pending" style={{ marginInlineStart: 4, color: '#d48806' }}>
                  · {offlineText(lang, 'pendingSync')}
                </span>
              ) : null}
            </Tag>
          );
        })}
      </Flex>
    </div>
  );
}
