import { STATUS_LABELS, UNIT_TYPE_LABELS } from '@shared/domain/work-order';
import { isApiError } from '@web/lib/api';
import { applyServerErrors, errorMessage } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import {
  Alert,
  App,
  Avatar,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Rate,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  type TrackingAuth,
  type TrackingView,
  useCancelByCustomer,
  useRequestNewTime,
  useRequestPrivacy,
} from '../api/track-work-order';
import { usePublicT } from '../messages';
import { useTrackingRefresh } from '../use-tracking-refresh';
import { type HalfDay, halfDayWindow, outsideBookingRange, slotOver } from '../window';
import { TrackVisits } from './track-visits';

const STATUS_COLORS: Partial<Record<TrackingView['status'], string>> = {
  new: 'blue',
  returned: 'orange',
  ready: 'blue',
  assigned: 'cyan',
  accepted: 'cyan',
  en_route: 'geekblue',
  on_site: 'geekblue',
  waiting_parts: 'orange',
  completed: 'green',
  settled: 'green',
  closed: 'default',
  cancelled: 'default',
};

/** The technician is on the way or at the customer's: the card with photo and staff number comes first. */
const TECHNICIAN_AT_DOOR: readonly TrackingView['status'][] = ['en_route', 'on_site', 'diagnosed', 'in_repair'];

interface NewTimeValues {
  date?: Dayjs | null;
  slot?: HalfDay;
  note?: string;
}

/**
 * The customer's view of one order: status in plain words, ETA, summary, timeline (newest first) and the actions
 * allowed now. A 404 on an action means the session ran out (or the link is no longer valid): `onExpired`.
 */
export function TrackView({
  view,
  auth,
  onView,
  onExpired,
  onRefresh,
  refreshing,
}: {
  view: TrackingView;
  auth: TrackingAuth;
  onView: (v: TrackingView) => void;
  onExpired: () => void;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const t = usePublicT();
  const { lang } = useI18n();
  const { message, modal } = App.useApp();
  const newTime = useRequestNewTime();
  const cancel = useCancelByCustomer();
  const privacy = useRequestPrivacy();
  const [dialog, setDialog] = useState<'newTime' | 'cancel' | null>(null);
  const [timeForm] = Form.useForm<NewTimeValues>();
  const [cancelForm] = Form.useForm<{ reason: string }>();
  const pickedDate = Form.useWatch('date', timeForm);
  const when = (iso: string | null) => formatDateTime(iso, lang, { seconds: false });

  const failed = (error: unknown, form?: Parameters<typeof applyServerErrors>[0], fields: string[] = []) => {
    if (isApiError(error) && error.code === 'NOT_FOUND') {
      setDialog(null);
      onExpired();
      return;
    }
    const leftover = form ? applyServerErrors(form, error, fields, { preferredWindow: 'date' }) : [errorMessage(error)];
    if (leftover.length) void message.error(leftover.join('\n'));
  };

  const sendNewTime = async (v: NewTimeValues) => {
    if (!v.date || !v.slot) return;
    try {
      const note = v.note?.trim();
      onView(
        await newTime.mutateAsync({
          ...auth,
          preferredWindow: halfDayWindow(v.date, v.slot),
          ...(note ? { note } : {}),
        }),
      );
      setDialog(null);
      timeForm.resetFields();
      void message.success(t('track.newTimeSent'));
    } catch (error) {
      failed(error, timeForm, ['date', 'note']);
    }
  };

  const sendCancel = async (v: { reason: string }) => {
    try {
      onView(await cancel.mutateAsync({ ...auth, reason: v.reason.trim() }));
      setDialog(null);
      void message.success(t('track.cancelDone'));
    } catch (error) {
      failed(error, cancelForm, ['reason']);
    }
  };

  const askPrivacy = (kind: 'export' | 'delete') => {
    void modal.confirm({
      title: kind === 'export' ? t('track.myData') : t('track.deleteData'),
      content: kind === 'export' ? t('track.myDataConfirm') : t('track.deleteConfirm'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: kind === 'delete', ...tid(`track-${kind === 'export' ? 'my-data' : 'delete'}-confirm`) },
      onOk: async () => {
        try {
          const r = await privacy.mutateAsync({ auth, kind });
          void message.success(r.created ? t('track.privacySent') : t('track.privacyAlready'));
        } catch (error) {
          failed(error);
        }
      },
    });
  };

  const { actions } = view;
  const anyOrderAction = actions.requestNewTime || actions.cancel;
  const visitUnderWay = view.visits.some((v) => v.status === 'open');
  const atDoor = view.technician !== null && TECHNICIAN_AT_DOOR.includes(view.status);
  useTrackingRefresh(visitUnderWay, auth, onView, onExpired);

  return (
    <Flex vertical gap={12} data-testid="track-view">
      <Card size="small">
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong copyable data-testid="track-view-number">
            {view.number}
          </Typography.Text>
          <Tag color={STATUS_COLORS[view.status] ?? 'default'}>{STATUS_LABELS[view.status][lang]}</Tag>
        </Flex>
        <Typography.Title level={5} style={{ margin: '12px 0 4px' }} data-testid="track-status">
          {view.statusText}
        </Typography.Title>
        {/* Once the technician is on site, the visit's own times (expected finish, delay) replace the estimate. */}
        {view.estimatedAt && !view.visits.some((v) => v.status === 'open' && v.arrivedAt) && (
          <Typography.Text type="secondary" data-testid="track-eta">
            {t('track.eta')}：{when(view.estimatedAt)}
          </Typography.Text>
        )}
      </Card>

      {view.technician && (
        <Card
          size="small"
          title={t('track.technician')}
          data-testid="track-technician"
          data-prominent={atDoor ? 'true' : 'false'}
          style={
            atDoor ? { borderColor: '#1677ff', borderWidth: 2, boxShadow: '0 2px 8px rgba(22,119,255,.15)' } : undefined
          }
        >
          {atDoor && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="track-check-id"
              title={
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {t('track.checkIdNow', { staffNo: view.technician.staffNo })}
                </Typography.Text>
              }
              description={t('track.checkIdNowHint')}
            />
          )}
          <Flex gap={12} align="center">
            <Avatar
              size={atDoor ? 96 : 72}
              shape="square"
              src={view.technician.photoUrl ?? undefined}
              alt={view.technician.name}
              data-testid="track-technician-photo"
            >
              {view.technician.name.slice(0, 1)}
            </Avatar>
            <Flex vertical gap={2}>
              <Typography.Text strong data-testid="track-technician-name">
                {view.technician.name}
              </Typography.Text>
              <Typography.Text
                type={atDoor ? undefined : 'secondary'}
                strong={atDoor}
                style={atDoor ? { fontSize: 18 } : undefined}
                data-testid="track-technician-staff-no"
              >
                {t('track.staffNo')}：{view.technician.staffNo}
              </Typography.Text>
              {view.technician.rating !== null ? (
                <Flex gap={6} align="center" wrap="wrap">
                  <Rate
                    disabled
                    allowHalf
                    value={Math.round(view.technician.rating * 2) / 2}
                    style={{ fontSize: 14, whiteSpace: 'nowrap' }}
                  />
                  <Typography.Text type="secondary">
                    {view.technician.rating.toFixed(1)}（{t('track.ratings', { n: view.technician.ratingCount })}）
                  </Typography.Text>
                </Flex>
              ) : (
                <Typography.Text type="secondary">{t('track.noRating')}</Typography.Text>
              )}
            </Flex>
          </Flex>
          {view.technician.window && (
            <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="track-appointment">
              {t('track.appointment')}：{when(view.technician.window.start)} –{' '}
              {formatDateTime(view.technician.window.end, lang, { seconds: false }).slice(-5)}
            </Typography.Paragraph>
          )}
          {view.technician.etaAt && (
            <Typography.Text type="warning" data-testid="track-new-eta">
              {t('track.newEta')}：{when(view.technician.etaAt)}
            </Typography.Text>
          )}
          {!atDoor && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
              {t('track.checkId')}
            </Typography.Paragraph>
          )}
        </Card>
      )}

      <TrackVisits visits={view.visits} auth={auth} />
      {visitUnderWay && (
        <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
          {t('track.autoRefresh')}
        </Typography.Text>
      )}

      <Card size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('track.fault')}>{view.faultCategoryName}</Descriptions.Item>
          <Descriptions.Item label={t('track.unit')}>
            {[view.unit.brand, UNIT_TYPE_LABELS[view.unit.type][lang], view.unit.model].filter(Boolean).join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('track.address')}>{view.addressMasked}</Descriptions.Item>
          <Descriptions.Item label={t('track.contact')}>
            {[view.customerNameMasked, view.phoneMasked].filter(Boolean).join(' ')}
          </Descriptions.Item>
          {view.preferredWindow && (
            <Descriptions.Item label={t('track.window')}>
              {when(view.preferredWindow.start)} –{' '}
              {formatDateTime(view.preferredWindow.end, lang, { seconds: false }).slice(-5)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card
        size="small"
        title={t('track.timeline')}
        extra={
          <Button size="small" loading={refreshing} onClick={onRefresh}>
            {t('track.refresh')}
          </Button>
        }
      >
        <Timeline
          data-testid="track-timeline"
          items={[...view.timeline].reverse().map((e, i) => ({
            color: e.kind === 'customer' ? 'gray' : i === 0 ? 'blue' : 'green',
            content: (
              <>
                <div>{e.text}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {when(e.at)}
                </Typography.Text>
              </>
            ),
          }))}
        />
      </Card>

      <Card size="small" title={t('track.actions')}>
        {!anyOrderAction && <Alert type="info" showIcon title={t('track.noActions')} style={{ marginBottom: 12 }} />}
        <Flex vertical gap={8}>
          {actions.requestNewTime && (
            <Button block size="large" onClick={() => setDialog('newTime')} data-testid="track-new-time">
              {t('track.newTime')}
            </Button>
          )}
          {actions.cancel && (
            <Button block size="large" danger onClick={() => setDialog('cancel')} data-testid="track-cancel">
              {t('track.cancel')}
            </Button>
          )}
          <Flex gap={8}>
            {actions.requestMyData && (
              <Button block type="link" onClick={() => askPrivacy('export')} data-testid="track-my-data">
                {t('track.myData')}
              </Button>
            )}
            {actions.requestDeletion && (
              <Button block type="link" danger onClick={() => askPrivacy('delete')} data-testid="track-delete">
                {t('track.deleteData')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Card>

      <Modal
        open={dialog === 'newTime'}
        title={t('track.newTimeTitle')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        confirmLoading={newTime.isPending}
        onOk={() => timeForm.submit()}
        onCancel={() => setDialog(null)}
        okButtonProps={tid('track-new-time-submit')}
        destroyOnHidden
      >
        <Form<NewTimeValues> form={timeForm} layout="vertical" onFinish={(v) => void sendNewTime(v)}>
          <Form.Item
            name="date"
            label={t('repair.windowDate')}
            rules={[{ required: true, message: t('repair.required') }]}
          >
            <DatePicker
              inputReadOnly
              style={{ width: '100%' }}
              disabledDate={outsideBookingRange}
              data-testid="track-new-time-date"
            />
          </Form.Item>
          <Form.Item name="slot" rules={[{ required: true, message: t('repair.slotRequired') }]}>
            <Radio.Group optionType="button" data-testid="track-new-time-slot">
              <Radio value="am" disabled={slotOver(pickedDate ?? undefined, 'am')}>
                {t('repair.morning')}
              </Radio>
              <Radio value="pm" disabled={slotOver(pickedDate ?? undefined, 'pm')}>
                {t('repair.afternoon')}
              </Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('track.newTimeNote')} rules={[{ max: 200 }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={dialog === 'cancel'}
        title={t('track.cancelTitle')}
        okText={t('track.cancelConfirm')}
        cancelText={t('common.close')}
        okButtonProps={{ danger: true, ...tid('track-cancel-confirm') }}
        confirmLoading={cancel.isPending}
        onOk={() => cancelForm.submit()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <Form<{ reason: string }> form={cancelForm} layout="vertical" onFinish={(v) => void sendCancel(v)}>
          <Form.Item
            name="reason"
            label={t('track.cancelReason')}
            rules={[
              { required: true, message: t('repair.required') },
              { min: 2, message: t('track.minReason'), transform: (v: string) => v?.trim() },
              { max: 200 },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={200}
              placeholder={t('track.cancelReasonPlaceholder')}
              data-testid="track-cancel-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
