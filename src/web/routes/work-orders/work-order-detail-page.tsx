import {
  ArrowLeftOutlined,
  CheckOutlined,
  CloseCircleOutlined,
  EditOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type { TimelineEntry, WorkOrderDetail } from '@shared/contracts/intake.contract';
import {
  MESSAGE_CHANNEL_LABELS,
  MESSAGE_STATUS_LABELS,
  MESSAGE_TEMPLATE_LABELS,
  type MessageChannel,
  type MessageStatus,
  type MessageTemplate,
} from '@shared/contracts/notify.contract';
import { CHANNEL_LABELS, UNIT_TYPE_LABELS } from '@shared/domain/work-order';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { RevealContactButton } from '@web/features/customers/components/reveal-contact';
import { useAcknowledgeWorkOrderAlert } from '@web/features/work-orders/api/acknowledge-work-order-alert';
import { useWorkOrder } from '@web/features/work-orders/api/get-work-order';
import { useReviewWorkOrder } from '@web/features/work-orders/api/review-work-order';
import { workOrderAttachmentUrl } from '@web/features/work-orders/api/work-order-attachment';
import { AlertFacts, AlertKindTags, requestedWindowOf } from '@web/features/work-orders/components/alert-content';
import { CancelOrderModal } from '@web/features/work-orders/components/cancel-modal';
import { EditOrderModal } from '@web/features/work-orders/components/edit-order-modal';
import { type OrderRef, ReturnOrderModal } from '@web/features/work-orders/components/return-modal';
import { OverdueTag, PriorityTag, StatusTag, WarrantyTag } from '@web/features/work-orders/components/tags';
import { VersionConflictAlert } from '@web/features/work-orders/components/version-conflict';
import { VisitsCard } from '@web/features/work-orders/components/visits-card';
import { useFaultCategoryName } from '@web/features/work-orders/hooks/use-fault-category-name';
import { eventMessageKey, isUnknownModel, missingItemLabel } from '@web/features/work-orders/labels';
import { isVersionConflict, useErrorNotice } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Image,
  List,
  Row,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

function labelOf<K extends string>(
  labels: Record<K, Record<'zh-CN' | 'en-US', string>>,
  key: string,
  lang: 'zh-CN' | 'en-US',
) {
  return Object.hasOwn(labels, key) ? labels[key as K][lang] : key;
}

const TIMELINE_COLORS: Record<TimelineEntry['kind'], string> = {
  transition: 'blue',
  note: 'gray',
  alert: 'red',
  notice: 'green',
};

/** The missing items a return named, from the timeline entry's details. */
function missingOf(details: unknown): string[] {
  if (typeof details !== 'object' || details === null) return [];
  const items = (details as { missingItems?: unknown }).missingItems;
  return Array.isArray(items) ? items.filter((i): i is string => typeof i === 'string') : [];
}

/** The photo a `photo_attached` entry names. */
function attachmentIdOf(details: unknown): string | null {
  const id = (details as { attachmentId?: unknown } | null)?.attachmentId;
  return typeof id === 'string' ? id : null;
}

const photoElementId = (attachmentId: string) => `wo-photo-${attachmentId}`;

/** Scrolls to a photo of the photos card and opens its preview. */
function showPhoto(attachmentId: string) {
  const el = document.getElementById(photoElementId(attachmentId));
  el?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  el?.querySelector('img')?.click();
}

function TimelineView({ entries }: { entries: TimelineEntry[] }) {
  const { t, lang } = useI18n();
  const at = (iso: string) => formatDateTime(iso, lang, { seconds: false });
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="wo-timeline"
      items={entries.map((e) => {
        const key = eventMessageKey(e.event);
        return {
          key: e.id,
          color: TIMELINE_COLORS[e.kind],
          content: (
            <Flex vertical gap={2}>
              <Flex gap={6} align="center" wrap>
                <Typography.Text strong>{key ? t(key) : e.event}</Typography.Text>
                {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
                  <>
                    <StatusTag status={e.fromStatus} />
                    <span aria-hidden>→</span>
                    <StatusTag status={e.toStatus} />
                  </>
                ) : e.toStatus && !e.fromStatus ? (
                  <StatusTag status={e.toStatus} />
                ) : null}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at, lang)} · {e.actorName ?? t('audit.system')}
              </Typography.Text>
              {missingOf(e.details).length > 0 ? (
                <Typography.Text className="aircare-break">
                  {t('wo.return.items')}：
                  {missingOf(e.details)
                    .map((i) => missingItemLabel(i, lang))
                    .join('、')}
                </Typography.Text>
              ) : null}
              {e.event === 'customer_new_time' && e.kind === 'note' && requestedWindowOf(e.details) ? (
                <Typography.Text>
                  {t('wo.requestedWindow', {
                    start: at(requestedWindowOf(e.details)?.start ?? ''),
                    end: at(requestedWindowOf(e.details)?.end ?? ''),
                  })}
                </Typography.Text>
              ) : null}
              {e.reason ? (
                <Typography.Text className="aircare-break">
                  {t('wo.reason')}：{e.reason}
                </Typography.Text>
              ) : null}
              {e.event === 'photo_attached' && attachmentIdOf(e.details) ? (
                <Typography.Link
                  onClick={() => showPhoto(attachmentIdOf(e.details) as string)}
                  data-testid="wo-timeline-photo"
                >
                  {t('wo.photo.view')}
                </Typography.Link>
              ) : null}
            </Flex>
          ),
        };
      })}
    />
  );
}

function AlertsCard({ order }: { order: WorkOrderDetail }) {
  const { t } = useI18n();
  const can = useCan();
  const ack = useAcknowledgeWorkOrderAlert();
  const notify = useErrorNotice();
  return (
    <Card size="small" title={t('wo.alerts')} data-testid="wo-alerts">
      {order.alerts.length === 0 ? (
        <Typography.Text type="secondary">{t('wo.noAlerts')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={order.alerts}
          renderItem={(a) => (
            <List.Item
              style={{ paddingInline: 0 }}
              data-testid={`wo-alert-${a.kind}`}
              actions={
                !a.acknowledgedAt && can('alerts.read')
                  ? [
                      <Button
                        key="ack"
                        size="small"
                        loading={ack.isPending && ack.variables === a.id}
                        onClick={() => ack.mutate(a.id, { onError: notify })}
                      >
                        {t('alerts.ack')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex vertical gap={4} style={{ minWidth: 0 }}>
                <Flex gap={6} align="center" wrap>
                  <AlertKindTags alert={a} />
                </Flex>
                <AlertFacts alert={a} showFired />
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 客户照片: the photos the customer sent with the request, as thumbnails with a preview (fetched with the cookie). */
function PhotosCard({ order }: { order: WorkOrderDetail }) {
  const { t, lang } = useI18n();
  if (order.attachments.length === 0) return null;
  const kindLabel = (kind: string) =>
    kind === 'nameplate' ? t('wo.photo.nameplate') : kind === 'fault' ? t('wo.photo.fault') : kind;
  return (
    <Card size="small" title={t('wo.photos')} data-testid="wo-photos">
      <Image.PreviewGroup>
        <Flex gap={12} wrap>
          {order.attachments.map((a) => (
            <Flex key={a.id} vertical gap={4} align="center" id={photoElementId(a.id)}>
              <Image
                width={104}
                height={104}
                style={{ objectFit: 'cover', borderRadius: 6 }}
                src={workOrderAttachmentUrl(order.id, a.id)}
                alt={t('wo.photo.alt', { kind: kindLabel(a.kind) })}
                data-testid={`wo-photo-${a.id}`}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {kindLabel(a.kind)} · {formatDateTime(a.createdAt, lang, { seconds: false })}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      </Image.PreviewGroup>
    </Card>
  );
}

function MessagesCard({ order }: { order: WorkOrderDetail }) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" title={t('wo.messages')} data-testid="wo-messages">
      {order.messages.length === 0 ? (
        <Typography.Text type="secondary">{t('wo.noMessages')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={order.messages}
          renderItem={(m) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Flex gap={6} align="center" wrap>
                  <Typography.Text strong>
                    {labelOf<MessageTemplate>(MESSAGE_TEMPLATE_LABELS, m.template, lang)}
                  </Typography.Text>
                  <Tag>{labelOf<MessageChannel>(MESSAGE_CHANNEL_LABELS, m.channel, lang)}</Tag>
                  <Tag color={m.status === 'sent' ? 'success' : m.status === 'queued' ? 'processing' : 'error'}>
                    {labelOf<MessageStatus>(MESSAGE_STATUS_LABELS, m.status, lang)}
                  </Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.recipientMasked} · {formatDateTime(m.createdAt, lang, { seconds: false })}
                  {m.sentAt ? ` → ${formatDateTime(m.sentAt, lang, { seconds: false })}` : ''}
                  {m.attempts > 1 ? ` · ${t('messages.attempts', { n: m.attempts })}` : ''}
                </Typography.Text>
                {m.lastError ? (
                  <Typography.Text type="danger" style={{ fontSize: 12 }} className="aircare-break">
                    {m.lastError}
                  </Typography.Text>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 工单详情: header, customer (masked, reveal), address, unit and warranty, fault, timeline, alerts, messages, actions. */
export function WorkOrderDetailPage() {
  const { workOrderId } = useParams();
  const { t, lang } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notify = useErrorNotice();
  const faultName = useFaultCategoryName();
  const order = useWorkOrder(workOrderId);
  const review = useReviewWorkOrder();
  const [conflict, setConflict] = useState(false);
  const [returning, setReturning] = useState<OrderRef>();
  const [cancelling, setCancelling] = useState<OrderRef>();
  const [editing, setEditing] = useState<{ mode: 'edit' | 'resubmit' }>();

  if (order.isLoading) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  if (order.isError || !order.data) {
    return <QueryErrorResult error={order.error} onRetry={() => void order.refetch()} />;
  }
  const o = order.data;
  const ref: OrderRef = { id: o.id, number: o.number, version: o.version };
  const allowed = new Set(o.allowedEvents);
  const canEdit = can('workorders.create') && (o.status === 'new' || o.status === 'returned');

  const approve = () => {
    review.mutate(
      { workOrderId: o.id, body: { decision: 'approve', version: o.version } },
      {
        onSuccess: (r) => void message.success(t('wo.approve.done', { number: r.number })),
        onError: (error) => {
          if (isVersionConflict(error)) setConflict(true);
          else notify(error);
        },
      },
    );
  };

  const actions = (
    <>
      {allowed.has('approve') && can('workorders.review') ? (
        <Button
          type="primary"
          icon={<CheckOutlined />}
          loading={review.isPending}
          onClick={approve}
          data-testid="wo-approve"
        >
          {t('wo.approve')}
        </Button>
      ) : null}
      {allowed.has('return') && can('workorders.review') ? (
        <Button icon={<RollbackOutlined />} onClick={() => setReturning(ref)} data-testid="wo-return">
          {t('wo.return')}
        </Button>
      ) : null}
      {allowed.has('resubmit') && can('workorders.create') ? (
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={() => setEditing({ mode: 'resubmit' })}
          data-testid="wo-resubmit"
        >
          {t('wo.resubmit')}
        </Button>
      ) : null}
      {canEdit ? (
        <Button icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit' })} data-testid="wo-edit">
          {t('common.edit')}
        </Button>
      ) : null}
      {allowed.has('cancel') && can('workorders.cancel') ? (
        <Button danger icon={<CloseCircleOutlined />} onClick={() => setCancelling(ref)} data-testid="wo-cancel">
          {t('wo.cancel')}
        </Button>
      ) : null}
    </>
  );

  const c = o.customer;
  const canReveal = can('customers.reveal') && !c.anonymised;
  const faultCodeText = o.faultCode
    ? `${o.faultCode.brand} ${o.faultCode.code} · ${lang === 'zh-CN' ? o.faultCode.meaningZh : o.faultCode.meaningEn}`
    : null;

  return (
    <div>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate(-1)}
              aria-label={t('common.back')}
            />
            <span data-testid="wo-detail-number">{o.number}</span>
            <StatusTag status={o.status} testId="wo-detail-status" />
            <PriorityTag priority={o.priority} />
            {o.overdue ? <OverdueTag /> : null}
          </Flex>
        }
        extra={actions}
      />
      {conflict ? <VersionConflictAlert onReloaded={() => setConflict(false)} /> : null}
      {o.status === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="wo-returned-info"
          title={t('wo.returnedFor', { items: o.missingItems.map((i) => missingItemLabel(i, lang)).join('、') || '—' })}
          description={o.reviewNote || undefined}
        />
      ) : null}
      {o.status === 'cancelled' && o.cancelReason ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('wo.cancelledBecause', { reason: o.cancelReason })}
        />
      ) : null}

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={12}>
            <Card size="small" title={t('wo.summary')}>
              <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} data-testid="wo-summary">
                <Descriptions.Item label={t('wo.col.estimatedAt')}>
                  <Typography.Text strong data-testid="wo-detail-estimate">
                    {formatDateTime(o.estimatedAt, lang, { seconds: false })}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('wo.col.channel')}>{CHANNEL_LABELS[o.channel][lang]}</Descriptions.Item>
                <Descriptions.Item label={t('wo.col.createdAt')}>
                  {formatDateTime(o.createdAt, lang, { seconds: false })}
                </Descriptions.Item>
                <Descriptions.Item label={t('wo.createdBy')}>
                  {o.createdBy?.name ?? t('audit.system')}
                </Descriptions.Item>
                <Descriptions.Item label={t('wo.window')}>
                  {o.preferredWindow
                    ? `${formatDateTime(o.preferredWindow.start, lang, { seconds: false })} – ${formatDateTime(o.preferredWindow.end, lang, { seconds: false })}`
                    : t('common.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('wo.statusSince')}>
                  {formatDateTime(o.statusChangedAt, lang, { seconds: false })}
                </Descriptions.Item>
              </Descriptions>
            </Card>

            <Card
              size="small"
              title={t('wo.customer')}
              extra={
                can('customers.read') && !c.anonymised ? (
                  <Link to={`/customers/${c.id}`} data-testid="wo-customer-link">
                    {t('customers.openCard')}
                  </Link>
                ) : null
              }
            >
              <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                <Descriptions.Item label={t('intake.field.name')}>
                  {c.name}
                  {c.anonymised ? <Tag style={{ marginInlineStart: 6 }}>{t('customers.anonymised')}</Tag> : null}
                </Descriptions.Item>
                <Descriptions.Item label={t('intake.field.phone')}>
                  {c.phone ? (
                    <Flex gap={4} align="center" wrap>
                      <span data-testid="wo-phone-masked">{c.phone.masked}</span>
                      {canReveal ? <RevealContactButton customerId={c.id} phoneId={c.phone.id} /> : null}
                    </Flex>
                  ) : (
                    t('common.none')
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('intake.field.address')} span={{ xs: 1, sm: 2 }}>
                  {c.address ? (
                    <Flex gap={4} align="center" wrap>
                      <span className="aircare-break">
                        {c.address.city}
                        {c.address.district}
                        {c.address.detail}
                      </span>
                      {!c.address.detailFull && canReveal ? (
                        <RevealContactButton customerId={c.id} addressId={c.address.id} what="address" />
                      ) : null}
                    </Flex>
                  ) : (
                    o.district || t('common.none')
                  )}
                </Descriptions.Item>
              </Descriptions>
            </Card>

            <Card size="small" title={t('wo.unitAndFault')}>
              <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                <Descriptions.Item label={t('intake.field.unit')}>
                  <Flex gap={6} wrap align="center">
                    <span>
                      {o.unit.brand} {isUnknownModel(o.unit.model) ? t('intake.modelUnknown') : o.unit.model}
                    </span>
                    <Tag>{UNIT_TYPE_LABELS[o.unit.type][lang]}</Tag>
                  </Flex>
                </Descriptions.Item>
                <Descriptions.Item label={t('wo.warranty')}>
                  <Flex gap={6} wrap align="center">
                    <WarrantyTag status={o.unit.warrantyStatus} />
                    {o.unit.warrantyEnd ? <span>{t('wo.warrantyEnd', { date: o.unit.warrantyEnd })}</span> : null}
                  </Flex>
                </Descriptions.Item>
                {o.unit.serial ? (
                  <Descriptions.Item label={t('customers.serial')}>{o.unit.serial}</Descriptions.Item>
                ) : null}
                <Descriptions.Item label={t('intake.field.fault')}>{faultName(o.faultCategory)}</Descriptions.Item>
                {faultCodeText ? (
                  <Descriptions.Item label={t('intake.field.faultCode')}>{faultCodeText}</Descriptions.Item>
                ) : null}
                <Descriptions.Item label={t('intake.field.description')} span={{ xs: 1, sm: 2 }}>
                  <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} className="aircare-break">
                    {o.description}
                  </Typography.Paragraph>
                </Descriptions.Item>
              </Descriptions>
            </Card>

            {can('dispatch.read') ? <VisitsCard workOrderId={o.id} branchId={o.branchId} /> : null}

            <Card size="small" title={t('wo.timeline')}>
              <TimelineView entries={o.timeline} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={12}>
            <AlertsCard order={o} />
            <PhotosCard order={o} />
            <MessagesCard order={o} />
          </Flex>
        </Col>
      </Row>

      <ReturnOrderModal order={returning} onClose={() => setReturning(undefined)} />
      <CancelOrderModal order={cancelling} onClose={() => setCancelling(undefined)} />
      <EditOrderModal
        order={editing ? o : undefined}
        mode={editing?.mode ?? 'edit'}
        onClose={() => setEditing(undefined)}
      />
    </div>
  );
}
