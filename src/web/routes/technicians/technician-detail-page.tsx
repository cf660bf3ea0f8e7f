import { ArrowLeftOutlined, CalendarOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CalendarEntry,
  CERTIFICATE_LABELS,
  type Certificate,
  type TechnicianDetail,
} from '@shared/contracts/dispatch.contract';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useBranches } from '@web/features/branches/api/list-branches';
import { useTechnician } from '@web/features/technicians/api/get-technician';
import { CalendarEntryModal } from '@web/features/technicians/components/calendar-entry-modal';
import { CertificateModal } from '@web/features/technicians/components/certificate-modal';
import { PhotoCard } from '@web/features/technicians/components/photo-card';
import { SkillsModal } from '@web/features/technicians/components/skills-modal';
import {
  CalendarKindTag,
  CalendarStatusTag,
  CertificateStateTag,
  SkillTags,
} from '@web/features/technicians/components/tags';
import { TechnicianFormModal } from '@web/features/technicians/components/technician-form-modal';
import { TrainingModal } from '@web/features/technicians/components/training-modal';
import { entryTimeText, patternText } from '@web/features/technicians/labels';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Row,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';

type Training = TechnicianDetail['trainings'][number];

/** The certificate of each type that counts now (the one expiring last). */
function currentIds(certificates: readonly Certificate[]): Set<string> {
  const best = new Map<string, Certificate>();
  for (const c of certificates) {
    const held = best.get(c.type);
    if (!held || c.expiresOn > held.expiresOn) best.set(c.type, c);
  }
  return new Set([...best.values()].map((c) => c.id));
}

/** 技术人员详情: profile with photo, skills, certificates, training, calendar; editable with technicians.manage. */
export function TechnicianDetailPage() {
  const { technicianId } = useParams();
  const { t, lang } = useI18n();
  const can = useCan();
  const canManage = can('technicians.manage');
  const canRecord = can('availability.approve');
  const detail = useTechnician(technicianId);
  const branches = useBranches();
  const [editing, setEditing] = useState(false);
  const [editingSkills, setEditingSkills] = useState(false);
  const [certForm, setCertForm] = useState<{ open: boolean; certificate?: Certificate }>({ open: false });
  const [addingTraining, setAddingTraining] = useState(false);
  const [recording, setRecording] = useState(false);

  const tech = detail.data;
  const current = useMemo(() => currentIds(tech?.certificates ?? []), [tech?.certificates]);

  if (detail.isError && !tech) {
    return <QueryErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  if (!tech) return <Skeleton active />;

  const branchName = branches.data?.items.find((b) => b.id === tech.branchId)?.name ?? '—';

  const certColumns: TableColumnsType<Certificate> = [
    {
      title: t('tech.cert.type'),
      key: 'type',
      render: (_, c) => (
        <Flex vertical>
          <span>{CERTIFICATE_LABELS[c.type][lang]}</span>
          {current.has(c.id) ? null : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tech.cert.replaced')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('tech.cert.number'), dataIndex: 'number', key: 'number' },
    { title: t('tech.cert.issuer'), dataIndex: 'issuer', key: 'issuer' },
    { title: t('tech.cert.issuedOn'), dataIndex: 'issuedOn', key: 'issuedOn' },
    { title: t('tech.cert.expiresOn'), dataIndex: 'expiresOn', key: 'expiresOn' },
    {
      title: t('tech.cert.state'),
      key: 'state',
      render: (_, c) => <CertificateStateTag state={c.state} daysLeft={c.daysLeft} />,
    },
  ];
  if (canManage) {
    certColumns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Button
          size="small"
          type="link"
          onClick={() => setCertForm({ open: true, certificate: c })}
          data-testid={`cert-renew-${c.type}`}
        >
          {t('tech.cert.renew')}
        </Button>
      ),
    });
  }

  const trainingColumns: TableColumnsType<Training> = [
    { title: t('tech.training.heldOn'), dataIndex: 'heldOn', key: 'heldOn' },
    { title: t('tech.training.course'), dataIndex: 'course', key: 'course' },
    { title: t('tech.training.hours'), dataIndex: 'hours', key: 'hours', align: 'right' },
    {
      title: t('tech.training.result'),
      key: 'result',
      render: (_, r) => (
        <Tag color={r.result === 'pass' ? 'success' : r.result === 'fail' ? 'error' : 'default'}>
          {t(`tech.training.result.${r.result}`)}
        </Tag>
      ),
    },
    { title: t('tech.training.note'), dataIndex: 'note', key: 'note' },
    { title: t('tech.training.recordedBy'), dataIndex: 'recordedByName', key: 'recordedBy' },
  ];

  const calendarColumns: TableColumnsType<CalendarEntry> = [
    { title: t('avail.col.day'), dataIndex: 'day', key: 'day' },
    { title: t('avail.col.kind'), key: 'kind', render: (_, e) => <CalendarKindTag kind={e.kind} /> },
    { title: t('avail.col.time'), key: 'time', render: (_, e) => entryTimeText(t, e) },
    { title: t('avail.col.reason'), dataIndex: 'reason', key: 'reason' },
    { title: t('avail.col.status'), key: 'status', render: (_, e) => <CalendarStatusTag status={e.status} /> },
    {
      title: t('avail.col.decision'),
      key: 'decided',
      render: (_, e) =>
        e.decidedByName
          ? t('avail.decidedBy', { name: e.decidedByName, at: formatDateTime(e.decidedAt, lang, { seconds: false }) })
          : '—',
    },
  ];

  return (
    <div>
      <PageHeader
        title={
          <span data-testid="tech-detail-title">
            {tech.name} <Typography.Text type="secondary">{tech.staffNo}</Typography.Text>
          </span>
        }
        extra={
          <>
            <Link to="/technicians">
              <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
            </Link>
            {canManage ? (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="tech-edit">
                {t('tech.edit')}
              </Button>
            ) : (
              <Tag data-testid="tech-read-only">{t('audit.readOnly')}</Tag>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={t('tech.section.profile')} data-testid="tech-profile">
            <Flex gap={24} wrap>
              <PhotoCard technician={tech} canManage={canManage} />
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" style={{ flex: 1, minWidth: 260 }}>
                <Descriptions.Item label={t('tech.field.username')}>{tech.username}</Descriptions.Item>
                <Descriptions.Item label={t('tech.field.branch')}>{branchName}</Descriptions.Item>
                <Descriptions.Item label={t('tech.field.workPhone')}>{tech.workPhone || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('tech.field.active')}>
                  {tech.active ? (
                    <Tag color="success">{t('tech.active.true')}</Tag>
                  ) : (
                    <Tag>{t('tech.active.false')}</Tag>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('tech.field.shift')}>
                  <span data-testid="tech-pattern">{patternText(t, tech)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('tech.col.capacity')}>
                  {t('tech.capacity', {
                    jobs: tech.maxJobsPerDay,
                    hours: Math.round((tech.maxMinutesPerDay / 60) * 10) / 10,
                  })}
                </Descriptions.Item>
                <Descriptions.Item label={t('tech.field.home')}>
                  {tech.home.label}{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    ({tech.home.lat.toFixed(4)}, {tech.home.lng.toFixed(4)})
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('tech.field.van')}>{tech.vanLocation || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('tech.field.rating')}>
                  {tech.rating !== null
                    ? t('tech.rating', { rating: tech.rating, count: tech.ratingCount })
                    : t('tech.noRating')}
                </Descriptions.Item>
                <Descriptions.Item label={t('tech.field.lastPosition')}>
                  {tech.lastPosition ? formatDateTime(tech.lastPosition.at, lang, { seconds: false }) : '—'}
                </Descriptions.Item>
              </Descriptions>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card
            title={t('tech.section.skills')}
            data-testid="tech-skills"
            extra={
              canManage ? (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditingSkills(true)}
                  data-testid="skills-edit"
                >
                  {t('tech.skills.edit')}
                </Button>
              ) : null
            }
          >
            <SkillTags skills={tech.skills} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card
            title={
              <Flex gap={8} align="center">
                {t('tech.section.certificates')}
                <CertificateStateTag state={tech.certificateState} />
              </Flex>
            }
            extra={
              canManage ? (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setCertForm({ open: true })}
                  data-testid="cert-add"
                >
                  {t('tech.cert.add')}
                </Button>
              ) : null
            }
          >
            <Table<Certificate>
              rowKey="id"
              size="small"
              columns={certColumns}
              dataSource={tech.certificates}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('tech.cert.empty') }}
              data-testid="tech-certificates"
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={t('tech.section.trainings')}
            extra={
              canManage ? (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setAddingTraining(true)}
                  data-testid="training-add"
                >
                  {t('tech.training.add')}
                </Button>
              ) : null
            }
          >
            <Table<Training>
              rowKey="id"
              size="small"
              columns={trainingColumns}
              dataSource={tech.trainings}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('tech.training.empty') }}
              data-testid="tech-trainings"
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={t('tech.section.calendar')}
            extra={
              canRecord ? (
                <Button
                  size="small"
                  icon={<CalendarOutlined />}
                  onClick={() => setRecording(true)}
                  data-testid="calendar-add"
                >
                  {t('tech.calendar.add')}
                </Button>
              ) : null
            }
          >
            <Table<CalendarEntry>
              rowKey="id"
              size="small"
              columns={calendarColumns}
              dataSource={tech.calendar}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('tech.calendar.empty') }}
              data-testid="tech-calendar"
            />
          </Card>
        </Col>
      </Row>

      {canManage ? (
        <>
          <TechnicianFormModal open={editing} technician={tech} onClose={() => setEditing(false)} />
          <SkillsModal technician={editingSkills ? tech : undefined} onClose={() => setEditingSkills(false)} />
          <CertificateModal
            open={certForm.open}
            technician={tech}
            certificate={certForm.certificate}
            onClose={() => setCertForm({ open: false })}
          />
          <TrainingModal open={addingTraining} technician={tech} onClose={() => setAddingTraining(false)} />
        </>
      ) : null}
      {canRecord ? <CalendarEntryModal open={recording} technician={tech} onClose={() => setRecording(false)} /> : null}
    </div>
  );
}
