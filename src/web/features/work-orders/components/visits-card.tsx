import { CalendarOutlined, FilePdfOutlined, FileTextOutlined, MessageOutlined } from '@ant-design/icons';
import type { Visit } from '@shared/contracts/field.contract';
import { READING_SPECS, VISIT_STATUS_LABELS, VISIT_STEP_LABELS, type VisitStatus } from '@shared/domain/field';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useBranches } from '@web/features/branches/api/list-branches';
import { dateOf, formatHm, zonedMs } from '@web/features/dispatch/time';
import { serviceRecordUrl } from '@web/features/field/api/service-record';
import { formatFen } from '@web/features/parts/money';
import { isApiError } from '@web/lib/api';
import { applyServerErrors, errorMessage, isVersionConflict } from '@web/lib/errors';
import { DISPLAY_TIME_ZONE } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  Modal,
  Row,
  Skeleton,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useEditVisit } from '../api/edit-visit';
import { useVisitPhotoUrl } from '../api/get-visit-photo';
import { useWorkOrderVisits } from '../api/list-work-order-visits';
import { useScheduleFollowUpVisit } from '../api/schedule-follow-up-visit';
import { VersionConflictAlert } from './version-conflict';

dayjs.extend(utc);
dayjs.extend(timezone);

// 上门记录 (policy ch. 4) on the work order page, for dispatch: every visit of the order with its steps (a skipped step
// with its reason, which dispatch must see), delays, the waiting-for-parts end and the proposed follow-up, parts,
// readings, photos, quote, consent and the service record; dispatch books a proposed follow-up and leaves notes.
// Times are shown and picked in the branch's zone.

const STATUS_COLORS: Record<VisitStatus, string> = {
  proposed: 'gold',
  open: 'processing',
  completed: 'success',
  waiting_parts: 'orange',
  withdrawn: 'default',
  cancelled: 'default',
};

/** "2026-11-28 14:05" in the zone; "—" for none. */
function at(iso: string | null | undefined, tz: string): string {
  return iso ? `${dateOf(iso, tz)} ${formatHm(iso, tz)}` : '—';
}

/** "2026-11-28 14:00–16:00" (the end's date too when it falls on another day). */
function windowText(w: { start: string; end: string }, tz: string): string {
  const sameDay = dateOf(w.start, tz) === dateOf(w.end, tz);
  return `${at(w.start, tz)}–${sameDay ? formatHm(w.end, tz) : at(w.end, tz)}`;
}

/** The branch's time zone (listBranches, when the user may read branches), else the company's default. */
function useBranchTimeZone(branchId: string): string {
  const can = useCan();
  const branches = useBranches({ enabled: can('branches.read') });
  return branches.data?.items.find((b) => b.id === branchId)?.timeZone ?? DISPLAY_TIME_ZONE;
}

const tagStyle = { marginInlineEnd: 0 };

function VisitStatusTag({ status }: { status: VisitStatus }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} style={tagStyle} data-status={status}>
      {VISIT_STATUS_LABELS[status][lang]}
    </Tag>
  );
}

/** The steps as compact tags: done ✓ (time on hover), skipped with the reason inline, the next one marked, to do. */
function StepTags({ visit, tz }: { visit: Visit; tz: string }) {
  const { t, lang } = useI18n();
  const active = visit.status === 'open';
  return (
    <Flex gap={6} wrap>
      {visit.steps.map((s) => {
        const label = VISIT_STEP_LABELS[s.step][lang];
        const common = { 'data-testid': 'wo-visit-step', 'data-step': s.step, 'data-status': s.status };
        if (s.status === 'done') {
          return (
            <Tooltip key={s.step} title={t('wo.visit.stepDoneAt', { at: at(s.at, tz) })}>
              <Tag color="success" style={tagStyle} {...common}>
                ✓ {label}
              </Tag>
            </Tooltip>
          );
        }
        if (s.status === 'skipped') {
          return (
            <Tooltip key={s.step} title={t('wo.visit.stepSkippedAt', { at: at(s.at, tz) })}>
              <Tag color="warning" style={{ ...tagStyle, whiteSpace: 'normal', maxWidth: '100%' }} {...common}>
                <span>
                  {label} · {t('wo.visit.skipped')}
                </span>
                {s.skipReason ? (
                  <span data-testid="wo-visit-skip-reason" className="aircare-break">
                    {' '}
                    — {t('wo.visit.skipReason', { reason: s.skipReason })}
                  </span>
                ) : null}
              </Tag>
            </Tooltip>
          );
        }
        const next = active && visit.next === s.step;
        return (
          <Tooltip key={s.step} title={next ? t('wo.visit.stepNext') : t('wo.visit.stepTodo')}>
            <Tag
              color={next ? 'blue' : undefined}
              style={{ ...tagStyle, ...(next ? {} : { color: 'rgba(0,0,0,0.45)', borderStyle: 'dashed' }) }}
              {...common}
            >
              {next ? '→ ' : ''}
              {label}
            </Tag>
          </Tooltip>
        );
      })}
    </Flex>
  );
}

function VisitPhotoThumb({ photo, alt }: { photo: Visit['photos'][number]; alt: string }) {
  const { t } = useI18n();
  const { url, isError } = useVisitPhotoUrl(photo.id);
  const box = { width: 72, height: 72, borderRadius: 6 };
  if (isError) {
    return (
      <Tooltip title={t('wo.visit.photoError')}>
        <div style={{ ...box, background: '#fafafa', border: '1px dashed #d9d9d9' }} data-error="true" />
      </Tooltip>
    );
  }
  if (!url) return <Skeleton.Image active style={box} />;
  return <Image width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} src={url} alt={alt} />;
}

/** One labelled block of the visit (parts, tests, photos…). */
function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex vertical gap={4} style={{ minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {title}
      </Typography.Text>
      {children}
    </Flex>
  );
}

function VisitItem({
  visit,
  tz,
  canAssign,
  onSchedule,
  onEdit,
}: {
  visit: Visit;
  tz: string;
  canAssign: boolean;
  onSchedule: (v: Visit) => void;
  onEdit: (v: Visit) => void;
}) {
  const { t, lang } = useI18n();
  const delays = visit.log.filter((e) => e.step === 'delay');
  const waiting = visit.log.find((e) => e.step === 'waiting_parts');
  const requisitionNumber =
    typeof waiting?.data.requisitionNumber === 'string' ? waiting.data.requisitionNumber : undefined;
  const started = visit.status !== 'proposed' && visit.status !== 'withdrawn' && visit.status !== 'cancelled';
  const editable = canAssign && (visit.status === 'open' || visit.status === 'proposed');
  const stepLabel = (step: Visit['steps'][number]['step']) => VISIT_STEP_LABELS[step][lang];

  return (
    <div
      data-testid="wo-visit"
      data-visit-no={visit.visitNo}
      data-status={visit.status}
      data-visit-id={visit.id}
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}
    >
      <Flex vertical gap={10}>
        <Flex gap={8} align="center" justify="space-between" wrap>
          <Flex gap={6} align="center" wrap>
            <Typography.Text strong>{t('wo.visit.no', { n: visit.visitNo })}</Typography.Text>
            <Tag style={tagStyle}>{t(`wo.visit.kind.${visit.kind}`)}</Tag>
            <VisitStatusTag status={visit.status} />
          </Flex>
          <Flex gap={6} wrap>
            {canAssign && visit.status === 'proposed' ? (
              <Button
                type="primary"
                size="small"
                icon={<CalendarOutlined />}
                onClick={() => onSchedule(visit)}
                data-testid="wo-visit-schedule"
              >
                {t('wo.visit.schedule')}
              </Button>
            ) : null}
            {editable ? (
              <Button size="small" icon={<MessageOutlined />} onClick={() => onEdit(visit)} data-testid="wo-visit-edit">
                {t('wo.visit.edit')}
              </Button>
            ) : null}
            {started ? (
              <>
                <Button
                  size="small"
                  icon={<FileTextOutlined />}
                  href={serviceRecordUrl(visit.id)}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="wo-visit-record"
                >
                  {t('wo.visit.record')}
                </Button>
                <Button
                  size="small"
                  icon={<FilePdfOutlined />}
                  href={serviceRecordUrl(visit.id, 'pdf')}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="wo-visit-record-pdf"
                >
                  {t('wo.visit.recordPdf')}
                </Button>
              </>
            ) : null}
          </Flex>
        </Flex>

        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('wo.visit.technician')}>
            <span data-testid="wo-visit-technician">
              {t('wo.visit.technicianName', { name: visit.technician.name, no: visit.technician.staffNo })}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('wo.visit.window')}>
            <span data-testid="wo-visit-window" data-start={visit.window?.start ?? ''}>
              {visit.window ? windowText(visit.window, tz) : t('wo.visit.noWindow')}
            </span>
          </Descriptions.Item>
          {visit.arrivedAt ? (
            <Descriptions.Item label={t('wo.visit.arrived')}>
              <Flex gap={4} wrap align="center">
                <span>{at(visit.arrivedAt, tz)}</span>
                {visit.lateMinutes !== null && visit.lateMinutes > 0 ? (
                  <Tag color="red" style={tagStyle}>
                    {t('wo.visit.late', { n: visit.lateMinutes })}
                  </Tag>
                ) : visit.lateMinutes !== null ? (
                  <Tag color="green" style={tagStyle}>
                    {t('wo.visit.onTime')}
                  </Tag>
                ) : null}
                {visit.arrivalDistanceM !== null && visit.arrivalDistanceM > 1000 ? (
                  <Tag color="orange" style={tagStyle}>
                    {t('wo.visit.far', { km: (visit.arrivalDistanceM / 1000).toFixed(1) })}
                  </Tag>
                ) : null}
              </Flex>
            </Descriptions.Item>
          ) : visit.etaAt ? (
            <Descriptions.Item label={t('wo.visit.eta')}>{at(visit.etaAt, tz)}</Descriptions.Item>
          ) : null}
          {visit.repairDueAt ? (
            <Descriptions.Item label={t('wo.visit.repairDue')}>
              <Flex gap={4} wrap align="center">
                <span>{at(visit.repairDueAt, tz)}</span>
                {visit.delayRequired && visit.status === 'open' ? (
                  <Tag color="red" style={tagStyle}>
                    {t('wo.visit.pastDue')}
                  </Tag>
                ) : null}
              </Flex>
            </Descriptions.Item>
          ) : null}
          {visit.expectedFinishAt ? (
            <Descriptions.Item label={t('wo.visit.expectedFinish')}>
              <span data-testid="wo-visit-expected-finish">{at(visit.expectedFinishAt, tz)}</span>
            </Descriptions.Item>
          ) : null}
          {visit.finishedAt ? (
            <Descriptions.Item label={t('wo.visit.finished')}>{at(visit.finishedAt, tz)}</Descriptions.Item>
          ) : null}
          {visit.diagnosis ? (
            <Descriptions.Item label={t('wo.visit.diagnosis')} span={{ xs: 1, sm: 2 }}>
              <Flex gap={6} wrap align="center">
                <Tag color={visit.diagnosis.complexity === 'complex' ? 'purple' : 'default'} style={tagStyle}>
                  {t(visit.diagnosis.complexity === 'complex' ? 'wo.visit.complex' : 'wo.visit.simple')}
                </Tag>
                {visit.diagnosis.faultCode ? <Tag style={tagStyle}>{visit.diagnosis.faultCode}</Tag> : null}
                <span className="aircare-break">{visit.diagnosis.cause}</span>
              </Flex>
            </Descriptions.Item>
          ) : null}
        </Descriptions>

        <Section title={t('wo.visit.steps')}>
          <StepTags visit={visit} tz={tz} />
        </Section>

        {delays.length > 0 || waiting || visit.followUp ? (
          <Flex vertical gap={6}>
            {delays.map((d) => (
              <Alert
                key={d.id}
                type="warning"
                showIcon
                data-testid="wo-visit-delay"
                title={
                  <span className="aircare-break">
                    {t('wo.visit.delay', {
                      reason: d.reason ?? '—',
                      at: at(typeof d.data.newFinishAt === 'string' ? d.data.newFinishAt : null, tz),
                    })}
                  </span>
                }
                description={t('wo.visit.reportedBy', { name: d.actorName, at: at(d.occurredAt, tz) })}
              />
            ))}
            {waiting ? (
              <Alert
                type="info"
                showIcon
                data-testid="wo-visit-waiting-parts"
                title={
                  <span className="aircare-break">{t('wo.visit.waitingParts', { reason: waiting.reason ?? '—' })}</span>
                }
                description={
                  <Flex vertical gap={2}>
                    <span>{t('wo.visit.reportedBy', { name: waiting.actorName, at: at(waiting.occurredAt, tz) })}</span>
                    {requisitionNumber ? <span>{t('wo.visit.requisition', { number: requisitionNumber })}</span> : null}
                    {visit.followUp ? (
                      <span data-testid="wo-visit-follow-up" data-status={visit.followUp.status}>
                        {t('wo.visit.followUp', {
                          status: VISIT_STATUS_LABELS[visit.followUp.status][lang],
                          window: visit.followUp.window ? windowText(visit.followUp.window, tz) : '—',
                        })}
                      </span>
                    ) : null}
                  </Flex>
                }
              />
            ) : null}
          </Flex>
        ) : null}

        {visit.officeNote ? (
          <Section title={t('wo.visit.officeNote')}>
            <Typography.Paragraph
              style={{ marginBottom: 0, whiteSpace: 'pre-wrap', background: '#f6ffed', padding: '4px 8px' }}
              className="aircare-break"
              data-testid="wo-visit-office-note"
            >
              {visit.officeNote}
            </Typography.Paragraph>
          </Section>
        ) : null}

        <Row gutter={[12, 10]}>
          {visit.parts.length > 0 ? (
            <Col xs={24} md={12}>
              <Section title={t('wo.visit.parts')}>
                {visit.parts.map((p) => (
                  <Typography.Text key={p.line} className="aircare-break" data-testid="wo-visit-part">
                    {p.partCode} {p.partName} ×{p.quantity}
                    {p.serials.length > 0 ? ` · ${t('wo.visit.serials', { serials: p.serials.join(', ') })}` : ''}
                    {p.covered ? (
                      <Tag color="green" style={{ marginInlineStart: 6 }}>
                        {t('wo.visit.covered')}
                      </Tag>
                    ) : null}
                  </Typography.Text>
                ))}
              </Section>
            </Col>
          ) : null}
          {visit.tests ? (
            <Col xs={24} md={12}>
              <Section title={`${t('wo.visit.tests')} · ${t(`wo.visit.mode.${visit.tests.mode}`)}`}>
                <Typography.Text data-testid="wo-visit-tests">
                  {visit.tests.readings
                    .map((r) => `${READING_SPECS[r.name].label[lang]} ${r.value} ${r.unit}`)
                    .join(' · ')}
                </Typography.Text>
              </Section>
            </Col>
          ) : null}
          {visit.quote ? (
            <Col xs={24} md={12}>
              <Section title={`${t('wo.visit.quote')} · ${t('wo.visit.quote.version', { v: visit.quote.version })}`}>
                <Typography.Text data-testid="wo-visit-quote">
                  {t('wo.visit.quote.total', { amount: formatFen(visit.quote.totalFen) })} ·{' '}
                  {t('wo.visit.quote.warranty', { amount: formatFen(visit.quote.warrantyFen) })} ·{' '}
                  <Typography.Text strong>
                    {t('wo.visit.quote.customerPays', { amount: formatFen(visit.quote.customerPaysFen) })}
                  </Typography.Text>
                </Typography.Text>
              </Section>
            </Col>
          ) : null}
          {visit.consent ? (
            <Col xs={24} md={12}>
              <Section title={t('wo.visit.consent')}>
                <Flex gap={6} wrap align="center" data-testid="wo-visit-consent" data-status={visit.consent.status}>
                  <Tag style={tagStyle}>{t(`wo.visit.consent.${visit.consent.method}`)}</Tag>
                  <Tag
                    style={tagStyle}
                    color={
                      visit.consent.status === 'approved'
                        ? 'success'
                        : visit.consent.status === 'declined'
                          ? 'error'
                          : visit.consent.status === 'pending'
                            ? 'processing'
                            : 'default'
                    }
                  >
                    {t(`wo.visit.consent.${visit.consent.status}`)}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {at(visit.consent.decidedAt ?? visit.consent.requestedAt, tz)}
                  </Typography.Text>
                </Flex>
              </Section>
            </Col>
          ) : null}
        </Row>

        {visit.photos.length > 0 ? (
          <Section title={t('wo.visit.photos')}>
            <Image.PreviewGroup>
              <Flex gap={8} wrap>
                {visit.photos.map((p) => (
                  <Tooltip key={p.id} title={`${stepLabel(p.step)} · ${at(p.takenAt, tz)}`}>
                    <span data-testid="wo-visit-photo" data-photo-id={p.id} style={{ display: 'inline-flex' }}>
                      <VisitPhotoThumb photo={p} alt={t('wo.visit.photoAlt', { step: stepLabel(p.step) })} />
                    </span>
                  </Tooltip>
                ))}
              </Flex>
            </Image.PreviewGroup>
          </Section>
        ) : null}
      </Flex>
    </div>
  );
}

interface ScheduleValues {
  date: string;
  start: string;
  end: string;
}

/** 安排再次上门: the proposed window prefilled (branch zone), booked with the visit's version. */
function ScheduleModal({ visit, tz, onClose }: { visit: Visit | undefined; tz: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScheduleValues>();
  const schedule = useScheduleFollowUpVisit();
  const [error, setError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  // One Idempotency-Key per dialog: a double submit acts once (a refused request keeps nothing, so a corrected
  // window may reuse it).
  const idempotencyKey = useMemo(() => (visit ? randomUuid() : ''), [visit]);

  useEffect(() => {
    if (!visit) return;
    setError([]);
    setConflict(false);
    form.setFieldsValue(
      visit.window
        ? {
            date: dateOf(visit.window.start, tz),
            start: formatHm(visit.window.start, tz),
            end: formatHm(visit.window.end, tz),
          }
        : { date: '', start: '', end: '' },
    );
  }, [visit, form, tz]);

  const onFinish = (v: ScheduleValues) => {
    if (!visit) return;
    setError([]);
    const window = {
      start: new Date(zonedMs(v.date, v.start, tz)).toISOString(),
      end: new Date(zonedMs(v.date, v.end, tz)).toISOString(),
    };
    schedule.mutate(
      { visitId: visit.id, body: { version: visit.version, window }, idempotencyKey },
      {
        onSuccess: () => {
          void message.success(t('wo.visit.schedule.done', { n: visit.visitNo }));
          onClose();
        },
        onError: (e) => {
          if (isVersionConflict(e)) setConflict(true);
          else if (isApiError(e) && e.code === 'DOUBLE_BOOKED') setError([t('wo.visit.doubleBooked')]);
          else
            setError(
              applyServerErrors(form, e, ['date', 'start', 'end'], { 'window.start': 'start', 'window.end': 'end' }),
            );
        },
      },
    );
  };

  const required = (field: string) => ({ required: true, message: t('validation.required', { field }) });
  return (
    <Modal
      open={Boolean(visit)}
      title={visit ? t('wo.visit.schedule.title', { n: visit.visitNo }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('wo.visit.schedule.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={schedule.isPending}
      okButtonProps={{ ...tid('visit-schedule-submit'), disabled: conflict }}
      destroyOnHidden
      forceRender
    >
      <div data-testid="visit-schedule-modal" data-visit-id={visit?.id}>
        {conflict ? <VersionConflictAlert onReloaded={onClose} /> : null}
        {error.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title={error.join('；')}
            style={{ marginBottom: 12 }}
            data-testid="visit-schedule-error"
          />
        ) : null}
        {visit ? (
          <Typography.Paragraph type="secondary">
            {t('wo.visit.schedule.hint', { name: visit.technician.name, zone: tz })}
            {visit.window ? (
              <>
                <br />
                {t('wo.visit.schedule.proposed', { window: windowText(visit.window, tz) })}
              </>
            ) : null}
          </Typography.Paragraph>
        ) : null}
        <Form<ScheduleValues> form={form} layout="vertical" onFinish={onFinish}>
          <Row gutter={12}>
            <Col xs={24} sm={10}>
              <Form.Item
                name="date"
                label={t('wo.visit.schedule.date')}
                rules={[required(t('wo.visit.schedule.date'))]}
              >
                <Input type="date" data-testid="visit-schedule-date" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={7}>
              <Form.Item
                name="start"
                label={t('wo.visit.schedule.start')}
                rules={[required(t('wo.visit.schedule.start'))]}
              >
                <Input type="time" step={900} data-testid="visit-schedule-start" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={7}>
              <Form.Item
                name="end"
                label={t('wo.visit.schedule.end')}
                dependencies={['start']}
                rules={[
                  required(t('wo.visit.schedule.end')),
                  ({ getFieldValue }) => ({
                    validator: (_r, value: string | undefined) =>
                      !value || !getFieldValue('start') || value > getFieldValue('start')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('wo.visit.schedule.timeOrder'))),
                  }),
                ]}
              >
                <Input type="time" step={900} data-testid="visit-schedule-end" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </div>
    </Modal>
  );
}

interface EditValues {
  officeNote: string;
  expectedFinishAt: string;
}

/** "YYYY-MM-DDTHH:mm" of an instant in the zone (a datetime-local input's value). */
function localInput(iso: string | null, tz: string): string {
  return iso ? dayjs(iso).tz(tz).format('YYYY-MM-DDTHH:mm') : '';
}

/** 给工程师留言 / 调整预计完工: editVisit with the version; the server says when the fault has no expected finish. */
function EditModal({ visit, tz, onClose }: { visit: Visit | undefined; tz: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const edit = useEditVisit();
  const [error, setError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    if (!visit) return;
    setError([]);
    setConflict(false);
    form.setFieldsValue({
      officeNote: visit.officeNote,
      expectedFinishAt: localInput(visit.expectedFinishAt, tz),
    });
  }, [visit, form, tz]);

  const onFinish = (v: EditValues) => {
    if (!visit) return;
    setError([]);
    const note = (v.officeNote ?? '').trim();
    const finish = v.expectedFinishAt ?? '';
    const body: { version: number; officeNote?: string; expectedFinishAt?: string } = { version: visit.version };
    if (note !== visit.officeNote) body.officeNote = note;
    if (finish && finish !== localInput(visit.expectedFinishAt, tz)) {
      body.expectedFinishAt = dayjs.tz(`${finish}:00`, tz).toISOString();
    }
    if (body.officeNote === undefined && body.expectedFinishAt === undefined) {
      void message.info(t('wo.visit.edit.nothing'));
      onClose();
      return;
    }
    edit.mutate(
      { visitId: visit.id, body },
      {
        onSuccess: () => {
          void message.success(t('wo.visit.edit.done'));
          onClose();
        },
        onError: (e) => {
          if (isVersionConflict(e)) setConflict(true);
          else setError(applyServerErrors(form, e, ['officeNote', 'expectedFinishAt']));
        },
      },
    );
  };

  return (
    <Modal
      open={Boolean(visit)}
      title={visit ? t('wo.visit.edit.title', { n: visit.visitNo }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('wo.visit.edit.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={edit.isPending}
      okButtonProps={{ ...tid('visit-edit-submit'), disabled: conflict }}
      destroyOnHidden
      forceRender
    >
      <div data-testid="visit-edit-modal" data-visit-id={visit?.id}>
        {conflict ? <VersionConflictAlert onReloaded={onClose} /> : null}
        {error.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title={error.join('；')}
            style={{ marginBottom: 12 }}
            data-testid="visit-edit-error"
          />
        ) : null}
        <Form<EditValues> form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item name="officeNote" label={t('wo.visit.edit.note')}>
            <Input.TextArea
              maxLength={500}
              showCount
              autoSize={{ minRows: 3, maxRows: 8 }}
              placeholder={t('wo.visit.edit.notePlaceholder')}
              data-testid="visit-edit-note"
            />
          </Form.Item>
          <Form.Item
            name="expectedFinishAt"
            label={t('wo.visit.edit.finish')}
            extra={t('wo.visit.edit.finishHint', { zone: tz })}
          >
            <Input type="datetime-local" data-testid="visit-edit-finish" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

/**
 * 上门记录 card of the work order page (dispatch.read; the page shows it only to those roles). Newest visit first.
 * Booking a proposed follow-up and the office note need dispatch.assign.
 */
export function VisitsCard({ workOrderId, branchId }: { workOrderId: string; branchId: string }) {
  const { t } = useI18n();
  const can = useCan();
  const tz = useBranchTimeZone(branchId);
  const visits = useWorkOrderVisits(workOrderId);
  const [scheduling, setScheduling] = useState<Visit>();
  const [editing, setEditing] = useState<Visit>();
  const items = useMemo(() => [...(visits.data?.items ?? [])].sort((a, b) => b.visitNo - a.visitNo), [visits.data]);
  const canAssign = can('dispatch.assign');

  return (
    <Card
      size="small"
      title={t('wo.visits')}
      extra={
        items.length > 1 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('wo.visits.count', { n: items.length })}
          </Typography.Text>
        ) : null
      }
      data-testid="wo-visits"
    >
      {visits.isLoading ? (
        <Skeleton active />
      ) : visits.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(visits.error)}
          action={
            <Button size="small" onClick={() => void visits.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wo.visits.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {items.map((v) => (
            <VisitItem
              key={v.id}
              visit={v}
              tz={tz}
              canAssign={canAssign}
              onSchedule={setScheduling}
              onEdit={setEditing}
            />
          ))}
        </Flex>
      )}
      <ScheduleModal visit={scheduling} tz={tz} onClose={() => setScheduling(undefined)} />
      <EditModal visit={editing} tz={tz} onClose={() => setEditing(undefined)} />
    </Card>
  );
}
