import {
  ALERT_KIND_LABELS,
  ALERT_KINDS,
  type AlertKind,
  CLOCK_LABELS,
  type WorkOrderAlert,
} from '@shared/contracts/intake.contract';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Flex, Select, Tag, Typography } from 'antd';

/** Tag colours of the alert kinds (an acknowledged alert is grey). */
export const ALERT_KIND_COLORS: Record<AlertKind, string> = {
  sla: 'error',
  customer_new_time: 'gold',
  assignment_declined: 'volcano',
  late_reported: 'orange',
  late_predicted: 'purple',
  step_skipped: 'cyan',
  repair_delayed: 'orange',
  follow_up_needed: 'blue',
};

/** The window a customer asked for, from an alert's (or a timeline entry's) details. */
export function requestedWindowOf(details: unknown): { start: string; end: string } | null {
  const w = (details as { preferredWindow?: unknown } | null)?.preferredWindow as
    | { start?: unknown; end?: unknown }
    | null
    | undefined;
  return w && typeof w.start === 'string' && typeof w.end === 'string' ? { start: w.start, end: w.end } : null;
}

function noteOf(details: unknown): string | null {
  const note = (details as { note?: unknown } | null)?.note;
  return typeof note === 'string' && note.trim() ? note : null;
}

/** The kind of an alert as a tag, and for an SLA alert the clock that ran out. */
export function AlertKindTags({ alert }: { alert: Pick<WorkOrderAlert, 'kind' | 'clock' | 'acknowledgedAt'> }) {
  const { lang } = useI18n();
  const color = alert.acknowledgedAt ? 'default' : ALERT_KIND_COLORS[alert.kind];
  return (
    <>
      <Tag color={color} style={{ marginInlineEnd: 0 }} data-testid="alert-kind" data-kind={alert.kind}>
        {alert.kind === 'sla' && alert.clock ? CLOCK_LABELS[alert.clock][lang] : ALERT_KIND_LABELS[alert.kind][lang]}
      </Tag>
      {alert.kind !== 'sla' && alert.clock ? (
        <Tag style={{ marginInlineEnd: 0 }}>{CLOCK_LABELS[alert.clock][lang]}</Tag>
      ) : null}
    </>
  );
}

/** What the alert is about, in a line or two: the deadline, or the window the customer asked for and their note. */
export function AlertFacts({ alert, showFired = false }: { alert: WorkOrderAlert; showFired?: boolean }) {
  const { t, lang } = useI18n();
  const at = (iso: string) => formatDateTime(iso, lang, { seconds: false });
  const window = alert.kind === 'customer_new_time' ? requestedWindowOf(alert.details) : null;
  const note = alert.kind === 'customer_new_time' ? noteOf(alert.details) : null;
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      {window ? (
        <Typography.Text style={{ fontSize: 12 }} data-testid="alert-window">
          {t('alerts.requestedWindow', { start: at(window.start), end: at(window.end) })}
        </Typography.Text>
      ) : null}
      {note ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} className="aircare-break">
          {t('alerts.note', { note })}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {alert.kind === 'sla'
          ? showFired
            ? `${t('alerts.due', { at: at(alert.dueAt) })} · ${t('alerts.fired', { at: at(alert.firedAt) })}`
            : t('alerts.due', { at: at(alert.dueAt) })
          : t('alerts.raised', { at: at(alert.firedAt) })}
      </Typography.Text>
      {alert.acknowledgedAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('alerts.acked', { by: alert.acknowledgedByName ?? '—', at: at(alert.acknowledgedAt) })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** A select of the alert kinds ("all kinds" when empty), for alert lists. */
export function AlertKindSelect({
  value,
  onChange,
  testId = 'alerts-filter-kind',
}: {
  value: AlertKind | undefined;
  onChange: (kind: AlertKind | undefined) => void;
  testId?: string;
}) {
  const { t, lang } = useI18n();
  return (
    <Select<AlertKind>
      size="small"
      allowClear
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      placeholder={t('alerts.kindAll')}
      style={{ minWidth: 130 }}
      popupMatchSelectWidth={false}
      data-testid={testId}
      aria-label={t('alerts.kind')}
      options={ALERT_KINDS.map((k) => ({ value: k, label: ALERT_KIND_LABELS[k][lang] }))}
    />
  );
}
