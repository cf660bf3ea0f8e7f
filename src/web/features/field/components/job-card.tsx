import {
  CheckOutlined,
  ClockCircleOutlined,
  CloseOutlined,
  EnvironmentOutlined,
  EyeOutlined,
  HistoryOutlined,
  PhoneOutlined,
  RightOutlined,
  SolutionOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import type { MyJob } from '@shared/contracts/dispatch.contract';
import type { MyFieldJob } from '@shared/contracts/field.contract';
import { VISIT_STATUS_LABELS } from '@shared/domain/field';
import { UNIT_TYPE_LABELS, type UnitType } from '@shared/domain/work-order';
import { useRevealJobContact } from '@web/features/dispatch/api/reveal-job-contact';
import type { JobDialog } from '@web/features/dispatch/components/my-job-dialogs';
import { formatHm, formatWindow } from '@web/features/dispatch/time';
import { PriorityTag, StatusTag } from '@web/features/work-orders/components/tags';
import { useFaultCategoryName } from '@web/features/work-orders/hooks/use-fault-category-name';
import { isUnknownModel } from '@web/features/work-orders/labels';
import { errorMessage } from '@web/lib/errors';
import { DISPLAY_TIME_ZONE, formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Alert, App, Button, Card, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useFieldAction } from '../api/use-field-action';

const TZ = DISPLAY_TIME_ZONE;

/** Appointments that hold the technician's time; the others (declined, taken back…) are shown greyed. */
export function isOpenJob(job: MyFieldJob): boolean {
  const s = job.assignment?.state;
  if (s) return s === 'assigned' || s === 'accepted';
  return job.visit.status === 'open' || job.visit.status === 'proposed';
}

/** The dispatch view of the same job, for dispatch's dialogs (decline, contacted, late). */
export function asDispatchJob(job: MyFieldJob): MyJob | undefined {
  const a = job.assignment;
  if (!a) return undefined;
  const v = job.visit;
  return {
    assignment: a,
    workOrder: {
      id: v.workOrderId,
      number: v.workOrderNumber,
      status: v.workOrder.status,
      priority: v.workOrder.priority,
      faultCategory: v.workOrder.faultCategory,
      description: v.workOrder.description,
      district: v.workOrder.district,
      unit: { brand: v.workOrder.unit.brand, model: v.workOrder.unit.model, type: v.workOrder.unit.type },
      customerName: v.workOrder.customerName,
      phoneMasked: v.workOrder.phoneMasked,
      point: v.workOrder.point,
    },
  };
}

interface Revealed {
  name: string;
  phone: string;
  address: string;
  district: string;
}

const telOf = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/**
 * One-tap call: through the company's relay when configured (`callUrl`), else the customer's contact revealed
 * through dispatch's audited `revealJobContact` and dialled. The revealed contact lives in the caller's state only.
 */
export function useCallCustomer(job: { callUrl: string | null; assignmentId: string | null }) {
  const { message } = App.useApp();
  const reveal = useRevealJobContact();
  const [contact, setContact] = useState<Revealed>();
  const call = () => {
    if (job.callUrl) {
      window.location.href = job.callUrl;
      return;
    }
    if (contact) {
      window.location.href = telOf(contact.phone);
      return;
    }
    if (!job.assignmentId) return;
    reveal.mutate(job.assignmentId, {
      onSuccess: (c) => {
        setContact(c);
        window.location.href = telOf(c.phone);
      },
      onError: (e) => void message.error(errorMessage(e)),
    });
  };
  const show = () => {
    if (!job.assignmentId) return;
    reveal.mutate(job.assignmentId, {
      onSuccess: (c) => setContact(c),
      onError: (e) => void message.error(errorMessage(e)),
    });
  };
  return { call, show, contact, pending: reveal.isPending };
}

export function RevealedContact({ contact }: { contact: Revealed }) {
  const { t } = useI18n();
  return (
    <Alert
      style={{ marginTop: 10 }}
      type="info"
      data-testid="my-job-contact"
      title={
        <Flex vertical gap={4} style={{ fontSize: 16 }}>
          <span>{contact.name}</span>
          <a href={telOf(contact.phone)} data-testid="job-phone" style={{ fontSize: 20 }}>
            <PhoneOutlined /> {contact.phone}
          </a>
          <span data-testid="job-address">
            <EnvironmentOutlined /> {contact.address}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('myJobs.revealLogged')}
          </Typography.Text>
        </Flex>
      }
    />
  );
}

const big = { height: 48, fontSize: 16 } as const;

/** A job of the technician's day: window, fault, unit, customer history, likely parts, call, navigate, open. */
export function FieldJobCard({ job, onDialog }: { job: MyFieldJob; onDialog: (d: JobDialog) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const faultName = useFaultCategoryName();
  const v = job.visit;
  const wo = v.workOrder;
  const a = job.assignment;
  const accept = useFieldAction(v.id);
  const caller = useCallCustomer({ callUrl: job.callUrl, assignmentId: a?.id ?? null });
  const open = isOpenJob(job);
  const dispatchJob = asDispatchJob(job);
  const window = a?.window ?? v.window;
  const lateEta = a?.etaAt && new Date(a.etaAt).getTime() > new Date(a.window.start).getTime() ? a.etaAt : null;
  const unitType = UNIT_TYPE_LABELS[wo.unit.type as UnitType]?.[lang] ?? wo.unit.type;
  const [showHistory, setShowHistory] = useState(false);
  const history = [...job.history].sort((x, y) => Number(y.sameUnit) - Number(x.sameUnit));
  const canReveal = v.contactRevealable && a !== null;

  return (
    <Card
      data-testid="my-job"
      data-number={v.workOrderNumber}
      data-state={a?.state ?? 'none'}
      data-status={wo.status}
      data-assignment-id={a?.id ?? ''}
      data-visit-id={v.id}
      data-visit-status={v.status}
      style={{ opacity: open ? 1 : 0.6, borderLeft: wo.priority === 'urgent' ? '4px solid #f5222d' : undefined }}
      styles={{ body: { padding: 14 } }}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div>
          <Typography.Text strong style={{ fontSize: 22, lineHeight: 1.2 }} data-testid="my-job-window">
            {window ? formatWindow(window, TZ) : t('field.noWindow')}
          </Typography.Text>
          {lateEta ? (
            <div>
              <Typography.Text type="danger" data-testid="my-job-eta">
                <ClockCircleOutlined /> {t('myJobs.eta', { at: formatHm(lateEta, TZ) })}
              </Typography.Text>
            </div>
          ) : null}
        </div>
        <Flex vertical align="flex-end" gap={4}>
          {a ? (
            <Tag
              color={a.state === 'assigned' ? 'blue' : a.state === 'accepted' ? 'geekblue' : 'default'}
              style={{ marginInlineEnd: 0 }}
              data-testid="my-job-state"
            >
              {t(`myJobs.state.${a.state}`)}
            </Tag>
          ) : (
            <Tag style={{ marginInlineEnd: 0 }} data-testid="my-job-state">
              {VISIT_STATUS_LABELS[v.status][lang]}
            </Tag>
          )}
          {wo.priority !== 'normal' ? <PriorityTag priority={wo.priority} /> : null}
        </Flex>
      </Flex>
      <Flex gap={8} align="center" wrap style={{ marginTop: 6 }}>
        <Typography.Text strong>{v.workOrderNumber}</Typography.Text>
        {!open || wo.status === 'assigned' || wo.status === 'accepted' ? null : <StatusTag status={wo.status} />}
        {v.kind === 'follow_up' ? <Tag color="purple">{t('field.followUp')}</Tag> : null}
      </Flex>
      <div style={{ marginTop: 6, fontSize: 15 }}>
        <div>
          <SolutionOutlined /> {faultName(wo.faultCategory)} · {wo.unit.brand} {unitType}
          {isUnknownModel(wo.unit.model) ? '' : ` ${wo.unit.model}`}
        </div>
        <div>
          <EnvironmentOutlined /> {wo.district}
        </div>
        <div>
          <PhoneOutlined /> {wo.customerName} {wo.phoneMasked}
        </div>
        {wo.description ? (
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2, expandable: true, symbol: t('myJobs.more') }}
            style={{ margin: '4px 0 0' }}
          >
            {wo.description}
          </Typography.Paragraph>
        ) : null}
      </div>
      {a?.contactedAt ? (
        <Typography.Text type="success" style={{ display: 'block', marginTop: 6 }} data-testid="my-job-contacted">
          <CheckOutlined /> {t('myJobs.contactedAt', { at: formatHm(a.contactedAt, TZ) })}
        </Typography.Text>
      ) : null}

      {job.likelyParts.length ? (
        <Flex wrap gap={6} style={{ marginTop: 8 }} data-testid="my-job-parts">
          <ToolOutlined style={{ color: '#8c8c8c' }} />
          {job.likelyParts.map((p) => (
            <Tag
              key={p.name}
              color={p.inVan ? 'green' : 'default'}
              data-testid="my-job-part"
              data-in-van={p.inVan ? 'true' : 'false'}
              style={{ marginInlineEnd: 0 }}
            >
              {p.name} ·{' '}
              {p.inVan ? t('field.inVan', { n: p.vanStock.reduce((s, x) => s + x.quantity, 0) }) : t('field.notInVan')}
            </Tag>
          ))}
        </Flex>
      ) : null}

      {history.length ? (
        <div style={{ marginTop: 8 }}>
          <Button
            type="link"
            icon={<HistoryOutlined />}
            style={{ padding: 0, height: 32 }}
            onClick={() => setShowHistory((x) => !x)}
            data-testid="my-job-history-toggle"
          >
            {t('field.history', { n: history.length })}
          </Button>
          {showHistory ? (
            <Flex vertical gap={4} data-testid="my-job-history">
              {history.map((h) => (
                <Typography.Text key={h.visitId} style={{ fontSize: 14 }}>
                  {h.sameUnit ? <Tag color="blue">{t('field.sameUnit')}</Tag> : null}
                  {h.finishedAt ? formatDateTime(h.finishedAt, lang).slice(0, 10) : '—'} · {h.workOrderNumber}
                  {h.faultCategory ? ` · ${faultName(h.faultCategory as typeof wo.faultCategory)}` : ''}
                  {h.cause ? ` · ${h.cause}` : ''}
                  {h.parts.length ? ` · ${h.parts.join('、')}` : ''}
                </Typography.Text>
              ))}
            </Flex>
          ) : null}
        </div>
      ) : null}

      {caller.contact ? <RevealedContact contact={caller.contact} /> : null}

      {open ? (
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, marginTop: 12 }}>
          {a?.state === 'assigned' ? (
            <>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                style={big}
                loading={accept.isPending}
                data-testid="job-accept"
                onClick={() =>
                  accept.run(
                    (key) => ({
                      kind: 'step',
                      visitId: v.id,
                      body: { step: 'accept', version: v.version, idempotencyKey: key },
                    }),
                    () => void message.success(t('myJobs.accepted', { number: v.workOrderNumber })),
                  )
                }
              >
                {t('myJobs.accept')}
              </Button>
              <Button
                danger
                icon={<CloseOutlined />}
                style={big}
                data-testid="job-decline"
                onClick={() => dispatchJob && onDialog({ kind: 'decline', job: dispatchJob })}
              >
                {t('myJobs.decline')}
              </Button>
            </>
          ) : (
            <Link to={`/me/visits/${v.id}`} style={{ gridColumn: '1 / -1' }} data-testid="job-open-visit">
              <Button type="primary" block style={{ ...big, height: 52 }} icon={<RightOutlined />} iconPlacement="end">
                {v.next ? t('field.openVisitAt', { step: t(`field.step.${v.next}`) }) : t('field.openVisit')}
              </Button>
            </Link>
          )}
          {job.callUrl || canReveal ? (
            <Button
              icon={<PhoneOutlined />}
              style={big}
              loading={caller.pending}
              data-testid="job-call"
              onClick={caller.call}
            >
              {t('field.call')}
            </Button>
          ) : null}
          {job.navigationUrl ? (
            <a href={job.navigationUrl} target="_blank" rel="noreferrer" data-testid="job-navigate">
              <Button icon={<EnvironmentOutlined />} block style={big}>
                {t('field.navigate')}
              </Button>
            </a>
          ) : null}
          {caller.contact || !a ? null : (
            <Button
              icon={<EyeOutlined />}
              style={big}
              loading={caller.pending}
              data-testid="job-reveal"
              onClick={caller.show}
            >
              {t('myJobs.reveal')}
            </Button>
          )}
          {a?.state === 'accepted' && !a.contactedAt && dispatchJob ? (
            <Button
              type="primary"
              ghost
              icon={<PhoneOutlined />}
              style={big}
              data-testid="job-contact"
              onClick={() => onDialog({ kind: 'contact', job: dispatchJob })}
            >
              {t('myJobs.contacted')}
            </Button>
          ) : null}
          {a?.state === 'accepted' && dispatchJob && !v.arrivedAt ? (
            <Button
              icon={<ClockCircleOutlined />}
              style={big}
              data-testid="job-late"
              onClick={() => onDialog({ kind: 'late', job: dispatchJob })}
            >
              {t('myJobs.late')}
            </Button>
          ) : null}
        </div>
      ) : a?.declineReason ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('myJobs.declineReasonShown', { reason: a.declineReason })}
        </Typography.Text>
      ) : v.status === 'completed' || v.status === 'waiting_parts' ? (
        <Link to={`/me/visits/${v.id}`} data-testid="job-open-visit">
          <Button block style={{ ...big, marginTop: 10 }}>
            {t('field.openVisit')}
          </Button>
        </Link>
      ) : null}
    </Card>
  );
}
